"""A learner reads their study time with a tutor."""

from uuid import UUID

from tutor_platform.progress.application.support.views import StudyTimeView
from tutor_platform.progress.ports.unit_of_work import ProgressUnitOfWorkFactory


class GetStudyTime:
    """0 minutes when none were recorded (the caller checked the tutor)."""

    def __init__(self, uow_factory: ProgressUnitOfWorkFactory) -> None:
        self._uow_factory = uow_factory

    async def execute(self, user_id: UUID, tutor_id: UUID) -> StudyTimeView:
        async with self._uow_factory() as uow:
            total = await uow.study_time.total(user_id, tutor_id)
        return StudyTimeView(tutor_id=tutor_id, total_minutes=total or 0)
