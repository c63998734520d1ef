"""A learner reads their study time with a tutor."""

from uuid import UUID

from tutor_platform.learning.application.support.progress_views import StudyTimeView
from tutor_platform.learning.application.support.study_time_tutors import ensure_tutor_visible
from tutor_platform.learning.ports.progress_unit_of_work import ProgressUnitOfWorkFactory
from tutor_platform.learning.ports.tutor_directory import TutorDirectory
from tutor_platform.shared.auth import Principal


class GetStudyTime:
    """0 minutes when none were recorded; ``TutorNotFound`` for a tutor the caller may not
    see (the rule of ``GET /tutors/{id}``) or an unknown one."""

    def __init__(self, uow_factory: ProgressUnitOfWorkFactory, tutors: TutorDirectory) -> None:
        self._uow_factory = uow_factory
        self._tutors = tutors

    async def execute(self, principal: Principal, tutor_id: UUID) -> StudyTimeView:
        await ensure_tutor_visible(self._tutors, principal, tutor_id)
        user_id = principal.user_id
        async with self._uow_factory() as uow:
            total = await uow.study_time.total(user_id, tutor_id)
        return StudyTimeView(tutor_id=tutor_id, total_minutes=total or 0)
