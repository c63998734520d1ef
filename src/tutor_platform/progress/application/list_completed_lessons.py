"""The lessons of a course a learner completed (for other contexts, through the facade)."""

from uuid import UUID

from tutor_platform.progress.ports.unit_of_work import ProgressUnitOfWorkFactory


class ListCompletedLessons:
    """Only lessons still in the course; an unknown course has none."""

    def __init__(self, uow_factory: ProgressUnitOfWorkFactory) -> None:
        self._uow_factory = uow_factory

    async def execute(self, user_id: UUID, course_id: UUID) -> set[UUID]:
        async with self._uow_factory() as uow:
            completed = await uow.progress.completed_lessons(user_id, [course_id])
        return set(completed.get(course_id, []))
