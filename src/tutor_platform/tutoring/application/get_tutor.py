"""Anyone reads a tutor they may see; its system prompt only if they may change it."""

from uuid import UUID

from tutor_platform.shared.auth import Principal
from tutor_platform.tutoring.application.support.tutor_access import TutorAccess
from tutor_platform.tutoring.application.support.views import TutorView
from tutor_platform.tutoring.ports.unit_of_work import TutoringUnitOfWorkFactory


class GetTutor:
    def __init__(self, uow_factory: TutoringUnitOfWorkFactory, access: TutorAccess) -> None:
        self._uow_factory = uow_factory
        self._access = access

    async def execute(self, principal: Principal | None, tutor_id: UUID) -> TutorView:
        async with self._uow_factory() as uow:
            tutor = await uow.tutors.get(tutor_id)
        tutor = await self._access.ensure_can_view(principal, tutor)
        return TutorView.of(tutor, editor=await self._access.can_edit(principal, tutor))
