"""The owner renames a session."""

from uuid import UUID

from tutor_platform.shared.auth import Principal
from tutor_platform.shared.clock import Clock
from tutor_platform.tutoring.domain.session import ChatSession, clean_title, ensure_owner
from tutor_platform.tutoring.ports.unit_of_work import TutoringUnitOfWorkFactory


class RenameSession:
    def __init__(self, uow_factory: TutoringUnitOfWorkFactory, clock: Clock) -> None:
        self._uow_factory = uow_factory
        self._clock = clock

    async def execute(self, principal: Principal, session_id: UUID, title: str) -> ChatSession:
        cleaned = clean_title(title)
        async with self._uow_factory() as uow:
            session = ensure_owner(principal, await uow.sessions.get(session_id))
            now = self._clock.now()
            await uow.sessions.rename(session.id, cleaned, now)
            await uow.commit()
            session.title, session.updated_at = cleaned, now
        return session
