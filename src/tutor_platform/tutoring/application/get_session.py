"""The owner (or an admin, for audit) reads a session."""

from uuid import UUID

from tutor_platform.shared.auth import Principal
from tutor_platform.tutoring.domain.session import ChatSession, ensure_can_read
from tutor_platform.tutoring.ports.unit_of_work import TutoringUnitOfWorkFactory


class GetSession:
    def __init__(self, uow_factory: TutoringUnitOfWorkFactory) -> None:
        self._uow_factory = uow_factory

    async def execute(self, principal: Principal, session_id: UUID) -> ChatSession:
        async with self._uow_factory() as uow:
            return ensure_can_read(principal, await uow.sessions.get(session_id))
