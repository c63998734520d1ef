"""A learner reads their progress in one course."""

from uuid import UUID

from tutor_platform.progress.application.support.access import visible_standing
from tutor_platform.progress.application.support.streaks import read_streak, timezone_of
from tutor_platform.progress.application.support.views import (
    CourseProgressView,
    standing_progress,
)
from tutor_platform.progress.ports.profiles import LearnerProfiles
from tutor_platform.progress.ports.unit_of_work import ProgressUnitOfWorkFactory
from tutor_platform.shared.auth import Principal
from tutor_platform.shared.clock import Clock


class GetCourseProgress:
    """Any course the caller may see, started or not (zeros when not)."""

    def __init__(
        self, uow_factory: ProgressUnitOfWorkFactory, profiles: LearnerProfiles, clock: Clock
    ) -> None:
        self._uow_factory = uow_factory
        self._profiles = profiles
        self._clock = clock

    async def execute(self, principal: Principal, course_id: UUID) -> CourseProgressView:
        zone = await timezone_of(self._profiles, principal.user_id)
        now = self._clock.now()
        async with self._uow_factory() as uow:
            standing = await visible_standing(uow, principal, course_id)
            streak = await read_streak(uow.activity, principal.user_id, zone, now)
            return await standing_progress(uow, principal.user_id, standing, streak)
