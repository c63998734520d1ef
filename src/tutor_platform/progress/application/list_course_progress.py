"""A learner reads their progress in every course they started."""

from tutor_platform.catalog.api import can_view_course
from tutor_platform.progress.application.support.streaks import read_streak, timezone_of
from tutor_platform.progress.application.support.views import (
    CourseProgressView,
    started_course_progress,
)
from tutor_platform.progress.ports.profiles import LearnerProfiles
from tutor_platform.progress.ports.unit_of_work import ProgressUnitOfWorkFactory
from tutor_platform.shared.auth import Principal
from tutor_platform.shared.clock import Clock


class ListCourseProgress:
    """Started courses the caller may still see (a course unpublished since is left out),
    the most recently accessed first."""

    def __init__(
        self, uow_factory: ProgressUnitOfWorkFactory, profiles: LearnerProfiles, clock: Clock
    ) -> None:
        self._uow_factory = uow_factory
        self._profiles = profiles
        self._clock = clock

    async def execute(self, principal: Principal) -> list[CourseProgressView]:
        zone = await timezone_of(self._profiles, principal.user_id)
        now = self._clock.now()
        async with self._uow_factory() as uow:
            started = [
                item
                for item in await uow.progress.started_courses(principal.user_id)
                if can_view_course(principal, item.course)
            ]
            streak = await read_streak(uow.activity, principal.user_id, zone, now)
            return await started_course_progress(uow, principal.user_id, started, streak)
