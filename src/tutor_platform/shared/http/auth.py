"""Bearer authentication for controllers of every context.

``provide_principal`` is registered as the ``principal`` dependency; a handler that declares
``principal: NamedDependency[Principal]`` is authenticated. Guards check roles.
"""

from typing import Any

from litestar import Request
from litestar.connection import ASGIConnection
from litestar.di import Provide
from litestar.handlers.base import BaseRouteHandler

from tutor_platform.shared.auth import Authenticator, Principal
from tutor_platform.shared.errors import Forbidden, Unauthenticated
from tutor_platform.shared.http.request_context import user_id_var

BEARER_SECURITY: list[dict[str, list[str]]] = [{"BearerToken": []}]


def bearer_token(connection: ASGIConnection[Any, Any, Any, Any]) -> str | None:
    """The token of an ``Authorization: Bearer <token>`` header, if any."""
    header = connection.headers.get("authorization", "")
    scheme, _, token = header.partition(" ")
    if scheme.lower() != "bearer" or not token.strip():
        return None
    return token.strip()


def authenticator_of(connection: ASGIConnection[Any, Any, Any, Any]) -> Authenticator:
    authenticator: Authenticator = connection.app.state.authenticator
    return authenticator


async def authenticate(connection: ASGIConnection[Any, Any, Any, Any]) -> Principal:
    """Authenticate the connection once; the principal is cached on the request state."""
    cached = connection.scope.get("state", {}).get("principal")
    if isinstance(cached, Principal):
        return cached
    token = bearer_token(connection)
    if token is None:
        raise Unauthenticated("A bearer access token is required.")
    principal = await authenticator_of(connection).authenticate(token)
    connection.scope.setdefault("state", {})["principal"] = principal
    user_id_var.set(str(principal.user_id))
    return principal


async def provide_principal(request: Request[Any, Any, Any]) -> Principal:
    """Dependency: the authenticated caller (401 when there is none)."""
    return await authenticate(request)


async def provide_optional_principal(request: Request[Any, Any, Any]) -> Principal | None:
    """Dependency: the caller if a token was sent, else ``None`` (a bad token is still 401)."""
    if bearer_token(request) is None:
        return None
    return await authenticate(request)


async def require_admin(
    connection: ASGIConnection[Any, Any, Any, Any], _: BaseRouteHandler
) -> None:
    """Guard: only admins pass."""
    if not (await authenticate(connection)).is_admin:
        raise Forbidden("Administrators only.")


async def require_instructor(
    connection: ASGIConnection[Any, Any, Any, Any], _: BaseRouteHandler
) -> None:
    """Guard: instructors and admins pass."""
    if not (await authenticate(connection)).is_instructor:
        raise Forbidden("Instructors and administrators only.")


AUTH_DEPENDENCIES = {
    "principal": Provide(provide_principal),
    "optional_principal": Provide(provide_optional_principal),
}
