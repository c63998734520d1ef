"""Turn a bearer access token into the calling principal (the shared ``Authenticator``)."""

from tutor_platform.identity.application.support.views import AuthenticatedUser, UserView
from tutor_platform.identity.domain.errors import InvalidAccessToken
from tutor_platform.identity.ports.repositories import UserReader
from tutor_platform.identity.ports.security import TokenIssuer
from tutor_platform.shared.auth import Principal
from tutor_platform.shared.clock import Clock
from tutor_platform.shared.errors import Unauthenticated


class AuthenticateAccessToken:
    """Verify the token, then load its user by primary key (one query).

    A deactivated user, or a token issued before the user's sessions were ended, is refused:
    that is what makes deactivation and password changes stop access tokens at once. Role
    and plan come from the stored user, not from the token.
    """

    def __init__(self, users: UserReader, token_issuer: TokenIssuer, clock: Clock) -> None:
        self._users = users
        self._issuer = token_issuer
        self._clock = clock

    async def execute(self, token: str) -> AuthenticatedUser:
        claims = self._issuer.verify(token)
        user = await self._users.get(claims.user_id)
        if user is None or not user.is_active or user.token_version != claims.token_version:
            raise InvalidAccessToken("The access token is no longer valid; log in again.")
        view = UserView.of(user, self._clock.now())
        return AuthenticatedUser(
            principal=Principal(user_id=user.id, role=user.role, plan=view.plan), user=view
        )

    async def authenticate(self, token: str) -> Principal:
        return (await self.execute(token)).principal

    def peek_subject(self, token: str) -> str | None:
        try:
            return str(self._issuer.verify(token).user_id)
        except Unauthenticated:
            return None
