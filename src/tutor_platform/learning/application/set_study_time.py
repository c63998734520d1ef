"""A learner sets their study time with a tutor."""

from uuid import UUID

from tutor_platform.learning.application.support.progress_views import StudyTimeView
from tutor_platform.learning.application.support.study_time_tutors import (
    ensure_tutor_visible,
    known_course_of,
)
from tutor_platform.learning.domain.study_time import check_total
from tutor_platform.learning.ports.progress_unit_of_work import ProgressUnitOfWorkFactory
from tutor_platform.learning.ports.tutor_directory import TutorDirectory
from tutor_platform.shared.auth import Principal
from tutor_platform.shared.clock import Clock


class SetStudyTime:
    """A correction, not study: it does not count as activity for the streak. A positive
    total marks the tutor's course as started."""

    def __init__(
        self, uow_factory: ProgressUnitOfWorkFactory, tutors: TutorDirectory, clock: Clock
    ) -> None:
        self._uow_factory = uow_factory
        self._tutors = tutors
        self._clock = clock

    async def execute(
        self, principal: Principal, tutor_id: UUID, total_minutes: int
    ) -> StudyTimeView:
        check_total(total_minutes)
        await ensure_tutor_visible(self._tutors, principal, tutor_id)
        user_id = principal.user_id
        now = self._clock.now()
        async with self._uow_factory() as uow:
            course_id = await known_course_of(self._tutors, uow, tutor_id)
            await uow.study_time.set_total(user_id, tutor_id, total_minutes, course_id, now)
            if course_id is not None and total_minutes > 0:
                await uow.progress.touch_course(user_id, course_id, now, accessed=False)
            await uow.commit()
        return StudyTimeView(tutor_id=tutor_id, total_minutes=total_minutes)
