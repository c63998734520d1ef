"""The tutor's creator, its course's instructor or an admin deletes a tutor, with every
session held with it (to keep the conversations, deactivate the tutor instead)."""

from uuid import UUID

from tutor_platform.shared.auth import Principal
from tutor_platform.tutoring.application.support.tutor_access import TutorAccess
from tutor_platform.tutoring.ports.unit_of_work import TutoringUnitOfWorkFactory


class DeleteTutor:
    def __init__(self, uow_factory: TutoringUnitOfWorkFactory, access: TutorAccess) -> None:
        self._uow_factory = uow_factory
        self._access = access

    async def execute(self, principal: Principal, tutor_id: UUID) -> None:
        async with self._uow_factory() as uow:
            await self._access.ensure_can_edit(principal, await uow.tutors.lock(tutor_id))
            await uow.tutors.delete(tutor_id)
            await uow.commit()
