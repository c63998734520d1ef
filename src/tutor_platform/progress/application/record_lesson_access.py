"""Remember that a learner opened a lesson (its course's ``last_accessed_at``)."""

from uuid import UUID

from tutor_platform.progress.ports.unit_of_work import ProgressUnitOfWorkFactory
from tutor_platform.shared.clock import Clock


class RecordLessonAccess:
    """Called after the lesson was shown to the learner, so it checks no rights; an unknown
    lesson is ignored. Opening a lesson starts its course but is not activity for streaks."""

    def __init__(self, uow_factory: ProgressUnitOfWorkFactory, clock: Clock) -> None:
        self._uow_factory = uow_factory
        self._clock = clock

    async def execute(self, user_id: UUID, lesson_id: UUID) -> None:
        async with self._uow_factory() as uow:
            lesson = await uow.progress.lesson(lesson_id)
            if lesson is None:
                return
            now = self._clock.now()
            await uow.progress.touch_course(user_id, lesson.course.id, now, accessed=True)
            await uow.figures.lesson_opened(user_id, lesson.course.id, lesson.id, now)
            await uow.commit()
