"""A learner adds (or takes back) minutes of study with a tutor."""

from uuid import UUID

from tutor_platform.learning.application.support.progress_views import StudyTimeView
from tutor_platform.learning.application.support.streak_tracking import record_activity, timezone_of
from tutor_platform.learning.application.support.study_time_tutors import (
    ensure_tutor_visible,
    known_course_of,
)
from tutor_platform.learning.domain.study_time import (
    MAX_TOTAL_MINUTES,
    check_change,
    result_out_of_range,
)
from tutor_platform.learning.ports.profiles import LearnerProfiles
from tutor_platform.learning.ports.progress_unit_of_work import ProgressUnitOfWorkFactory
from tutor_platform.learning.ports.tutor_directory import TutorDirectory
from tutor_platform.shared.auth import Principal
from tutor_platform.shared.clock import Clock


class AddStudyTime:
    """One atomic addition, exact under concurrent calls; a result outside
    0..``MAX_TOTAL_MINUTES`` is ``StudyTimeOutOfRange`` and changes nothing. Positive
    minutes count as activity for the streak and mark the tutor's course as started."""

    def __init__(
        self,
        uow_factory: ProgressUnitOfWorkFactory,
        tutors: TutorDirectory,
        profiles: LearnerProfiles,
        clock: Clock,
    ) -> None:
        self._uow_factory = uow_factory
        self._tutors = tutors
        self._profiles = profiles
        self._clock = clock

    async def execute(self, principal: Principal, tutor_id: UUID, minutes: int) -> StudyTimeView:
        check_change(minutes)
        await ensure_tutor_visible(self._tutors, principal, tutor_id)
        user_id = principal.user_id
        zone = await timezone_of(self._profiles, user_id)
        now = self._clock.now()
        async with self._uow_factory() as uow:
            course_id = await known_course_of(self._tutors, uow, tutor_id)
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
