"""The owner clears a session's history: every message goes (with its feedback, and the
tutor's rating is recomputed), the session stays with ``message_count`` 0 and no
``last_message_at``."""

from uuid import UUID

from tutor_platform.shared.auth import Principal
from tutor_platform.tutoring.domain.session import ensure_owner
from tutor_platform.tutoring.ports.unit_of_work import TutoringUnitOfWorkFactory


class ClearSession:
    def __init__(self, uow_factory: TutoringUnitOfWorkFactory) -> None:
        self._uow_factory = uow_factory

    async def execute(self, principal: Principal, session_id: UUID) -> None:
        async with self._uow_factory() as uow:
            session = ensure_owner(principal, await uow.sessions.get(session_id))
            await uow.tutors.lock(session.tutor_id)
            removed = await uow.messages.delete_all(session.id)
            await uow.sessions.forget_messages(session.id, removed)
            await uow.tutors.refresh_rating(session.tutor_id)
            await uow.commit()
