"""Bearer authentication of MCP requests through the SDK's ``TokenVerifier``.

The verifier wraps the platform's own access-token check (the ``Authenticator`` of every REST
route), so a deactivated user or a token revoked by a password change fails at once.
"""

from collections.abc import Callable
from uuid import UUID

from mcp.server.auth.middleware.auth_context import get_access_token
from mcp.server.auth.provider import AccessToken

from tutor_platform.shared.auth import Authenticator, Plan, Principal, Role
from tutor_platform.shared.errors import Unauthenticated
from tutor_platform.shared.http.request_context import user_id_var

CLIENT_ID = "tutor-platform"


class PlatformTokenVerifier:
    """Turns a platform access token into the SDK's ``AccessToken`` carrying the principal
    (role and plan as stored now, not as the token says); None for a token that is refused."""

    def __init__(self, authenticator: Callable[[], Authenticator]) -> None:
        self._authenticator = authenticator

    async def verify_token(self, token: str) -> AccessToken | None:
        try:
            principal = await self._authenticator().authenticate(token)
        except Unauthenticated:
            return None
        user_id_var.set(str(principal.user_id))
        return AccessToken(
            token=token,
            client_id=CLIENT_ID,
            scopes=[],
            subject=str(principal.user_id),
            claims={"role": principal.role, "plan": principal.plan},
        )


def current_principal() -> Principal:
    """The caller of the MCP request being handled (the transport refused anonymous ones)."""
    token = get_access_token()
    if token is None or token.subject is None or token.claims is None:
        raise Unauthenticated("A bearer access token is required.")
    return Principal(
        user_id=UUID(token.subject),
        role=Role(token.claims["role"]),
        plan=Plan(token.claims["plan"]),
    )
