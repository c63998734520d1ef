"""A learner takes back the completion of a lesson (idempotent)."""

from uuid import UUID

from tutor_platform.progress.application.support.access import visible_lesson
from tutor_platform.progress.application.support.streaks import read_streak, timezone_of
from tutor_platform.progress.application.support.views import (
    CourseProgressView,
    course_progress,
)
from tutor_platform.progress.ports.profiles import LearnerProfiles
from tutor_platform.progress.ports.unit_of_work import ProgressUnitOfWorkFactory
from tutor_platform.shared.auth import Principal
from tutor_platform.shared.clock import Clock


class UncompleteLesson:
    """Needs only sight of the lesson (not of premium content: a learner whose premium plan
    ended may still correct their progress). Past activity keeps counting for the streak."""

    def __init__(
        self, uow_factory: ProgressUnitOfWorkFactory, profiles: LearnerProfiles, clock: Clock
    ) -> None:
        self._uow_factory = uow_factory
        self._profiles = profiles
        self._clock = clock

    async def execute(self, principal: Principal, lesson_id: UUID) -> CourseProgressView:
        user_id = principal.user_id
        zone = await timezone_of(self._profiles, user_id)
        now = self._clock.now()
        async with self._uow_factory() as uow:
            lesson = await visible_lesson(uow, principal, lesson_id)
            await uow.figures.lesson_uncompleting(user_id, lesson.id)
            await uow.progress.uncomplete(user_id, lesson.id)
            streak = await read_streak(uow.activity, user_id, zone, now)
            view = await course_progress(uow, user_id, lesson.course.id, streak)
            await uow.commit()
        return view
