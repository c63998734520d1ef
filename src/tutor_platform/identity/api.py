"""Identity's public face: what other contexts, the CLI and the worker may use."""

from uuid import UUID

from tutor_platform.identity.application.authenticate_access_token import (
    AuthenticateAccessToken,
)
from tutor_platform.identity.application.create_admin import CreateAdmin
from tutor_platform.identity.application.ensure_first_admin import EnsureFirstAdmin
from tutor_platform.identity.application.get_user import GetUser
from tutor_platform.identity.application.purge_expired_refresh_tokens import (
    PurgeExpiredRefreshTokens,
)
from tutor_platform.identity.application.support.views import SubscriptionView, UserView

__all__ = ["IdentityFacade", "SubscriptionView", "UserView"]


class IdentityFacade:
    """``authenticator`` implements the shared ``Authenticator`` protocol."""

    def __init__(
        self,
        *,
        authenticator: AuthenticateAccessToken,
        create_admin: CreateAdmin,
        ensure_first_admin: EnsureFirstAdmin,
        purge_expired_refresh_tokens: PurgeExpiredRefreshTokens,
        get_user: GetUser,
    ) -> None:
        self.authenticator = authenticator
        self._create_admin = create_admin
        self._ensure_first_admin = ensure_first_admin
        self._purge = purge_expired_refresh_tokens
        self._get_user = get_user

    async def create_admin(
        self,
        email: str,
        password: str,
        username: str | None = None,
        full_name: str | None = None,
    ) -> UserView:
        """A new administrator (``tutor-platform create-admin``); 409/422 as for sign-up."""
        return await self._create_admin.execute(email, password, username, full_name or "")

    async def ensure_first_admin(self, email: str, password: str) -> UserView | None:
        """Create (or promote) the first admin unless one exists; ``None`` when nothing done."""
        return await self._ensure_first_admin.execute(email, password)

    async def purge_expired_refresh_tokens(self) -> int:
        """Delete expired refresh tokens; returns how many were deleted."""
        return await self._purge.execute()

    async def get_user(self, user_id: UUID) -> UserView:
        """One user (``UserNotFound`` when unknown)."""
        return await self._get_user.execute(user_id)
