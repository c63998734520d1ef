"""Log out everywhere: every refresh token revoked, every access token invalidated."""

from uuid import UUID

from tutor_platform.identity.application.support.sessions import end_all_sessions
from tutor_platform.identity.domain.errors import UserNotFound
from tutor_platform.identity.ports.unit_of_work import IdentityUnitOfWorkFactory
from tutor_platform.shared.clock import Clock


class LogOutEverywhere:
    def __init__(self, uow_factory: IdentityUnitOfWorkFactory, clock: Clock) -> None:
        self._uow_factory = uow_factory
        self._clock = clock

    async def execute(self, user_id: UUID) -> None:
        async with self._uow_factory() as uow:
            user = await uow.users.get(user_id)
            if user is None:
                raise UserNotFound()
            await end_all_sessions(uow, user, self._clock.now())
            await uow.commit()
