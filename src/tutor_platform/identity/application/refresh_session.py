"""Trade a refresh token for a new pair (rotation); a reused token ends its whole family."""

from tutor_platform.identity.application.sessions import SessionTokens
from tutor_platform.identity.application.views import TokenPair
from tutor_platform.identity.domain.errors import InvalidRefreshToken
from tutor_platform.identity.domain.refresh_token import RefreshTokenState, hash_refresh_secret
from tutor_platform.identity.ports.unit_of_work import UnitOfWorkFactory
from tutor_platform.shared.clock import Clock


class RefreshSession:
    """Single use, enforced by an atomic conditional update: of two concurrent refreshes of
    one token exactly one wins; the other counts as reuse and revokes the family."""

    def __init__(
        self, uow_factory: UnitOfWorkFactory, sessions: SessionTokens, clock: Clock
    ) -> None:
        self._uow_factory = uow_factory
        self._sessions = sessions
        self._clock = clock

    async def execute(self, refresh_token: str) -> TokenPair:
        now = self._clock.now()
        async with self._uow_factory() as uow:
            token = await uow.refresh_tokens.get_by_hash(hash_refresh_secret(refresh_token))
            if token is None:
                raise InvalidRefreshToken()
            state = token.state(now)
            if state is RefreshTokenState.ACTIVE and await uow.refresh_tokens.consume(
                token.id, now
            ):
                user = await uow.users.get(token.user_id)
                if user is None or not user.is_active:
                    raise InvalidRefreshToken()
                pair = await self._sessions.issue(uow, user, now, family_id=token.family_id)
                await uow.commit()
                return pair
            if state in (RefreshTokenState.ACTIVE, RefreshTokenState.USED):
                # Spent earlier, or by a concurrent request a moment ago: either way a reuse.
                await uow.refresh_tokens.revoke_family(token.family_id, now)
                await uow.commit()
            raise InvalidRefreshToken()
