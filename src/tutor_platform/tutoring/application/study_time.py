"""A learner's study time with a tutor: tutoring finds the tutor, learning keeps the minutes."""

from uuid import UUID

from tutor_platform.shared.auth import Principal
from tutor_platform.tutoring.application.support.tutor_access import TutorAccess
from tutor_platform.tutoring.ports.study_time import StudyTimeLedger
from tutor_platform.tutoring.ports.unit_of_work import TutoringUnitOfWorkFactory


class StudyTime:
    """Read, set or add the caller's minutes with a tutor they may see; any other tutor is
    ``TutorNotFound``, unknown or not (the rule of ``GET /tutors/{id}``). The minutes count
    in the progress of the tutor's course."""

    def __init__(
        self,
        uow_factory: TutoringUnitOfWorkFactory,
        access: TutorAccess,
        ledger: StudyTimeLedger,
    ) -> None:
        self._uow_factory = uow_factory
        self._access = access
        self._ledger = ledger

    async def total(self, principal: Principal, tutor_id: UUID) -> int:
        await self._course_of(principal, tutor_id)
        return await self._ledger.study_time(principal.user_id, tutor_id)

    async def set_total(self, principal: Principal, tutor_id: UUID, total_minutes: int) -> int:
        course_id = await self._course_of(principal, tutor_id)
        return await self._ledger.set_study_time(
            principal.user_id, tutor_id, course_id, total_minutes
        )

    async def add(self, principal: Principal, tutor_id: UUID, minutes: int) -> int:
        course_id = await self._course_of(principal, tutor_id)
        return await self._ledger.add_study_time(principal.user_id, tutor_id, course_id, minutes)

    async def _course_of(self, principal: Principal, tutor_id: UUID) -> UUID | None:
        async with self._uow_factory() as uow:
            tutor = await uow.tutors.get(tutor_id)
        return (await self._access.ensure_can_view(principal, tutor)).course_id
