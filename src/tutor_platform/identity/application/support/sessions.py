"""Starting, continuing and ending sessions: the token pair and refresh-token families."""

from datetime import datetime, timedelta
from uuid import UUID

from tutor_platform.identity.application.support.views import TokenPair
from tutor_platform.identity.domain.access import AccessGrant
from tutor_platform.identity.domain.refresh_token import (
    RefreshToken,
    hash_refresh_secret,
    new_refresh_secret,
)
from tutor_platform.identity.domain.user import User
from tutor_platform.identity.ports.security import TokenIssuer
from tutor_platform.identity.ports.unit_of_work import IdentityUnitOfWork
from tutor_platform.shared.ids import new_id


class SessionTokens:
    """Issues token pairs; a new login starts a family, a refresh continues one."""

    def __init__(self, token_issuer: TokenIssuer, refresh_token_ttl_seconds: int) -> None:
        self._issuer = token_issuer
        self._refresh_ttl = timedelta(seconds=refresh_token_ttl_seconds)

    async def issue(
        self,
        uow: IdentityUnitOfWork,
        user: User,
        now: datetime,
        family_id: UUID | None = None,
        secret: str | None = None,
    ) -> TokenPair:
        """Store a new refresh token (in a new family unless given; a new random secret unless
        given) and sign an access token."""
        secret = secret or new_refresh_secret()
        await uow.refresh_tokens.add(
            RefreshToken(
                id=new_id(),
                user_id=user.id,
                family_id=family_id or new_id(),
                token_hash=hash_refresh_secret(secret),
                created_at=now,
                expires_at=now + self._refresh_ttl,
            )
        )
        return self.pair(user, now, secret)

    def pair(self, user: User, now: datetime, secret: str) -> TokenPair:
        """A new access token with the refresh token ``secret`` (stored already)."""
        access = self._issuer.issue(
            AccessGrant(
                user_id=user.id,
                role=user.role,
                plan=user.subscription.effective_plan(now),
                token_version=user.token_version,
            )
        )
        return TokenPair(
            access_token=access.token, refresh_token=secret, expires_in=access.expires_in
        )


async def end_all_sessions(uow: IdentityUnitOfWork, user: User, now: datetime) -> None:
    """Revoke every refresh token of ``user`` and invalidate their access tokens."""
    user.end_sessions(now)
    await uow.refresh_tokens.revoke_all_for_user(user.id, now)
    await uow.users.update(user)
