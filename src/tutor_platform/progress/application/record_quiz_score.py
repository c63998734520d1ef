"""Keep a learner's best score in a quiz (called by the assessment context)."""

from uuid import UUID

from tutor_platform.catalog.api import CourseNotFound
from tutor_platform.progress.domain.progress import checked_quiz_score
from tutor_platform.progress.ports.unit_of_work import ProgressUnitOfWorkFactory
from tutor_platform.shared.clock import Clock


class RecordQuizScore:
    """The best score is kept atomically; a score outside 0..1 is ``QuizScoreOutOfRange``
    and an unknown course ``CourseNotFound``. A score marks the course as started."""

    def __init__(self, uow_factory: ProgressUnitOfWorkFactory, clock: Clock) -> None:
        self._uow_factory = uow_factory
        self._clock = clock

    async def execute(
        self, user_id: UUID, course_id: UUID, quiz_id: UUID, score: float, *, replace: bool = False
    ) -> None:
        best = checked_quiz_score(score)
        now = self._clock.now()
        async with self._uow_factory() as uow:
            if await uow.progress.course(course_id) is None:
                raise CourseNotFound()
            await uow.progress.record_quiz_score(
                user_id, course_id, quiz_id, best, now, replace=replace
            )
            await uow.progress.touch_course(user_id, course_id, now, accessed=False)
            await uow.commit()
