"""The quizzes of a course the caller sees (premium ones included, marked ``is_premium``),
each with the caller's attempts so far and best score."""

from dataclasses import dataclass
from decimal import Decimal
from uuid import UUID

from tutor_platform.assessment.application.support.quiz_access import QuizAccess
from tutor_platform.assessment.domain.quiz import Quiz
from tutor_platform.assessment.ports.unit_of_work import AssessmentUnitOfWorkFactory
from tutor_platform.shared.auth import Principal
from tutor_platform.shared.pagination import Page, PageRequest


@dataclass(frozen=True, slots=True)
class CourseQuiz:
    """A quiz with the caller's ``attempts_used`` and ``best_score`` (None before any)."""

    quiz: Quiz
    attempts_used: int
    best_score: Decimal | None


class ListCourseQuizzes:
    """404 when the course is unknown or hidden from the caller."""

    def __init__(self, uow_factory: AssessmentUnitOfWorkFactory, access: QuizAccess) -> None:
        self._uow_factory = uow_factory
        self._access = access

    async def execute(
        self, principal: Principal, course_id: UUID, page: PageRequest
    ) -> Page[CourseQuiz]:
        await self._access.ensure_course_visible(principal, course_id)
        async with self._uow_factory() as uow:
            quizzes, total = await uow.quizzes.of_course(course_id, page)
            standings = await uow.attempts.standings(principal.user_id, [q.id for q in quizzes])
        items = [CourseQuiz(quiz, *standings.get(quiz.id, (0, None))) for quiz in quizzes]
        return Page(items, total, page.limit, page.offset)
