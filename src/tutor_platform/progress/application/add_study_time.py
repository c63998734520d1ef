"""A learner adds (or takes back) minutes of study with a tutor."""

from uuid import UUID

from tutor_platform.progress.application.support.streaks import record_activity, timezone_of
from tutor_platform.progress.application.support.study_time_course import known_course
from tutor_platform.progress.application.support.views import StudyTimeView
from tutor_platform.progress.domain.study_time import (
    MAX_TOTAL_MINUTES,
    check_change,
    result_out_of_range,
)
from tutor_platform.progress.ports.profiles import LearnerProfiles
from tutor_platform.progress.ports.unit_of_work import ProgressUnitOfWorkFactory
from tutor_platform.shared.clock import Clock


class AddStudyTime:
    """One atomic addition, exact under concurrent calls; a result outside
    0..``MAX_TOTAL_MINUTES`` is ``StudyTimeOutOfRange`` and changes nothing. Positive
    minutes count as activity for the streak and mark the tutor's course (``course_id``,
    checked by the caller) as started."""

    def __init__(
        self,
        uow_factory: ProgressUnitOfWorkFactory,
        profiles: LearnerProfiles,
        clock: Clock,
    ) -> None:
        self._uow_factory = uow_factory
        self._profiles = profiles
        self._clock = clock

    async def execute(
        self, user_id: UUID, tutor_id: UUID, course_id: UUID | None, minutes: int
    ) -> StudyTimeView:
        check_change(minutes)
        zone = await timezone_of(self._profiles, user_id)
        now = self._clock.now()
        async with self._uow_factory() as uow:
            course_id = await known_course(uow, course_id)
            total = await uow.study_time.add(
                user_id, tutor_id, minutes, course_id, now, MAX_TOTAL_MINUTES
            )
            if total is None:
                raise result_out_of_range(minutes)
            if minutes > 0:
                if course_id is not None:
                    await uow.progress.touch_course(user_id, course_id, now, accessed=False)
                    await uow.figures.studied(user_id, course_id, now)
                await record_activity(uow.activity, user_id, zone, now)
            await uow.commit()
        return StudyTimeView(tutor_id=tutor_id, total_minutes=total)
