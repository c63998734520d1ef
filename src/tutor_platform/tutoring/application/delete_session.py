"""The owner deletes a session with its messages; feedback on them goes too, and the
tutor's rating is recomputed without it."""

from uuid import UUID

from tutor_platform.shared.auth import Principal
from tutor_platform.tutoring.domain.session import ensure_owner
from tutor_platform.tutoring.ports.unit_of_work import TutoringUnitOfWorkFactory


class DeleteSession:
    def __init__(self, uow_factory: TutoringUnitOfWorkFactory) -> None:
        self._uow_factory = uow_factory

    async def execute(self, principal: Principal, session_id: UUID) -> None:
        async with self._uow_factory() as uow:
            session = ensure_owner(principal, await uow.sessions.get(session_id))
            await uow.tutors.lock(session.tutor_id)
            await uow.sessions.delete(session.id)
            await uow.tutors.refresh_rating(session.tutor_id)
            await uow.commit()
