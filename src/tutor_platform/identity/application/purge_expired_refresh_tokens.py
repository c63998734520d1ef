"""Housekeeping: delete refresh tokens whose expiry has passed."""

from tutor_platform.identity.ports.unit_of_work import IdentityUnitOfWorkFactory
from tutor_platform.shared.clock import Clock


class PurgeExpiredRefreshTokens:
    def __init__(self, uow_factory: IdentityUnitOfWorkFactory, clock: Clock) -> None:
        self._uow_factory = uow_factory
        self._clock = clock

    async def execute(self) -> int:
        async with self._uow_factory() as uow:
            deleted = await uow.refresh_tokens.delete_expired(self._clock.now())
            await uow.commit()
        return deleted
