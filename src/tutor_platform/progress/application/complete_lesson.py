"""A learner marks a lesson completed (idempotent)."""

from uuid import UUID

from tutor_platform.catalog.api import ensure_can_read_lesson_content
from tutor_platform.progress.application.support.access import visible_lesson
from tutor_platform.progress.application.support.streaks import (
    read_streak,
    record_activity,
    timezone_of,
)
from tutor_platform.progress.application.support.views import (
    CourseProgressView,
    course_progress,
)
from tutor_platform.progress.ports.profiles import LearnerProfiles
from tutor_platform.progress.ports.unit_of_work import ProgressUnitOfWorkFactory
from tutor_platform.shared.auth import Principal
from tutor_platform.shared.clock import Clock


class CompleteLesson:
    """Completing needs the right to the lesson's content (premium lessons: premium users,
    the course's instructor, admins). A first completion counts as activity for the streak
    and as an access to the course; completing again changes nothing."""

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
            ensure_can_read_lesson_content(principal, lesson.course, lesson)
            if await uow.progress.complete(user_id, lesson, now):
                await uow.progress.touch_course(user_id, lesson.course.id, now, accessed=True)
                await uow.figures.lesson_completed(user_id, lesson.course.id, lesson.id, now)
                streak = await record_activity(uow.activity, user_id, zone, now)
            else:
                streak = await read_streak(uow.activity, user_id, zone, now)
            view = await course_progress(uow, user_id, lesson.course.id, streak)
            if view.total and view.completed == view.total:
                await uow.figures.course_completed(user_id, lesson.course.id, now)
            await uow.commit()
        return view
