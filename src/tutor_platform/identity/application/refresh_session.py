"""Trade a refresh token for a new pair (rotation); a reused token ends its whole family,
except a second refresh of the same token within the reuse grace period (two browser tabs
refreshing at once), which is given the pair already issued."""

from datetime import datetime, timedelta

from tutor_platform.identity.application.support.sessions import SessionTokens
from tutor_platform.identity.application.support.views import TokenPair
from tutor_platform.identity.domain.errors import InvalidRefreshToken
from tutor_platform.identity.domain.refresh_token import (
    RefreshToken,
    RefreshTokenState,
    hash_refresh_secret,
    successor_secret,
)
from tutor_platform.identity.ports.unit_of_work import IdentityUnitOfWork, IdentityUnitOfWorkFactory
from tutor_platform.shared.clock import Clock


class RefreshSession:
    """Single use, enforced by an atomic conditional update: of two concurrent refreshes of
    one token exactly one rotates it. The other, like any refresh of a spent token within
    ``reuse_grace_seconds`` of its use, gets the successor the winner was given (its secret is
    derived from the spent one under ``rotation_key``), while that successor is still unused;
    any other reuse revokes the family."""

    def __init__(
        self,
        uow_factory: IdentityUnitOfWorkFactory,
        sessions: SessionTokens,
        clock: Clock,
        rotation_key: str = "",
        reuse_grace_seconds: int = 0,
    ) -> None:
        self._uow_factory = uow_factory
        self._sessions = sessions
        self._clock = clock
        self._rotation_key = rotation_key
        self._grace = timedelta(seconds=reuse_grace_seconds)

    async def execute(self, refresh_token: str) -> TokenPair:
        now = self._clock.now()
        token_hash = hash_refresh_secret(refresh_token)
        successor = successor_secret(self._rotation_key, refresh_token)
        async with self._uow_factory() as uow:
            token = await uow.refresh_tokens.get_by_hash(token_hash)
            if token is None:
                raise InvalidRefreshToken()
            state = token.state(now)
            if state is RefreshTokenState.ACTIVE and await uow.refresh_tokens.consume(
                token.id, now
            ):
                user = await uow.users.get(token.user_id)
                if user is None or not user.is_active:
                    raise InvalidRefreshToken()
                pair = await self._sessions.issue(
                    uow, user, now, family_id=token.family_id, secret=successor
                )
                await uow.commit()
                return pair
            if state in (RefreshTokenState.ACTIVE, RefreshTokenState.USED):
                # Spent earlier, or by a concurrent request a moment ago.
                spent = await uow.refresh_tokens.get_by_hash(token_hash)
                if spent is not None and self._within_grace(spent, now):
                    return await self._already_issued(uow, spent, successor, now)
                await uow.refresh_tokens.revoke_family(token.family_id, now)
                await uow.commit()
            raise InvalidRefreshToken()

    def _within_grace(self, token: RefreshToken, now: datetime) -> bool:
        return (
            self._grace > timedelta(0)
            and token.revoked_at is None
            and token.used_at is not None
            and now - token.used_at <= self._grace
        )

    async def _already_issued(
        self, uow: IdentityUnitOfWork, spent: RefreshToken, successor: str, now: datetime
    ) -> TokenPair:
        """The pair the spent token was rotated into, while its refresh token is unused."""
        issued = await uow.refresh_tokens.get_by_hash(hash_refresh_secret(successor))
        if (
            issued is None
            or issued.family_id != spent.family_id
            or issued.state(now) is not RefreshTokenState.ACTIVE
        ):
            raise InvalidRefreshToken()
        user = await uow.users.get(spent.user_id)
        if user is None or not user.is_active:
            raise InvalidRefreshToken()
        return self._sessions.pair(user, now, successor)
