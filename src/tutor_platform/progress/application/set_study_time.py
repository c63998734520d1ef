"""A learner sets their study time with a tutor."""

from uuid import UUID

from tutor_platform.progress.application.support.study_time_course import known_course
from tutor_platform.progress.application.support.views import StudyTimeView
from tutor_platform.progress.domain.study_time import check_total
from tutor_platform.progress.ports.unit_of_work import ProgressUnitOfWorkFactory
from tutor_platform.shared.clock import Clock


class SetStudyTime:
    """A correction, not study: it does not count as activity for the streak. A positive
    total marks the tutor's course (``course_id``, checked by the caller) as started."""

    def __init__(self, uow_factory: ProgressUnitOfWorkFactory, clock: Clock) -> None:
        self._uow_factory = uow_factory
        self._clock = clock

    async def execute(
        self, user_id: UUID, tutor_id: UUID, course_id: UUID | None, total_minutes: int
    ) -> StudyTimeView:
        check_total(total_minutes)
        now = self._clock.now()
        async with self._uow_factory() as uow:
            course_id = await known_course(uow, course_id)
            await uow.study_time.set_total(user_id, tutor_id, total_minutes, course_id, now)
            if course_id is not None and total_minutes > 0:
                await uow.progress.touch_course(user_id, course_id, now, accessed=False)
            await uow.commit()
        return StudyTimeView(tutor_id=tutor_id, total_minutes=total_minutes)
