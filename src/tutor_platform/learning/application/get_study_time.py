"""A learner reads their study time with a tutor."""

from uuid import UUID

from tutor_platform.learning.application.progress_views import StudyTimeView
from tutor_platform.learning.application.study_time_tutors import ensure_tutor_exists
from tutor_platform.learning.ports.progress_unit_of_work import ProgressUnitOfWorkFactory
from tutor_platform.learning.ports.tutor_directory import TutorDirectory


class GetStudyTime:
    """0 minutes when none were recorded; ``TutorNotFound`` for an unknown tutor."""

    def __init__(self, uow_factory: ProgressUnitOfWorkFactory, tutors: TutorDirectory) -> None:
        self._uow_factory = uow_factory
        self._tutors = tutors

    async def execute(self, user_id: UUID, tutor_id: UUID) -> StudyTimeView:
        await ensure_tutor_exists(self._tutors, tutor_id)
        async with self._uow_factory() as uow:
            total = await uow.study_time.total(user_id, tutor_id)
        return StudyTimeView(tutor_id=tutor_id, total_minutes=total or 0)
