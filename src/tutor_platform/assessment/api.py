"""Assessment's public face: what other contexts (integrations' MCP tools) may use.

Everything here is plain frozen data; the callers' rights are checked as for the HTTP API.
"""

from collections.abc import Mapping
from dataclasses import dataclass
from uuid import UUID

from tutor_platform.assessment.application.list_course_quizzes import ListCourseQuizzes
from tutor_platform.assessment.application.submit_attempt import SubmitAttempt
from tutor_platform.shared.auth import Principal
from tutor_platform.shared.pagination import MAX_LIMIT, PageRequest

__all__ = ["AssessmentFacade", "AttemptScore", "QuizInfo"]


@dataclass(frozen=True, slots=True)
class QuizInfo:
    id: UUID
    course_id: UUID
    lesson_id: UUID | None
    title: str
    is_premium: bool
    question_count: int


@dataclass(frozen=True, slots=True)
class AttemptScore:
    """``score`` is 0-1 with at most 4 decimal places."""

    attempt_id: UUID
    quiz_id: UUID
    score: float
    passed: bool
    number: int


class AssessmentFacade:
    """Quizzes for other contexts."""

    def __init__(
        self, *, list_course_quizzes: ListCourseQuizzes, submit_attempt: SubmitAttempt
    ) -> None:
        self._list_course_quizzes = list_course_quizzes
        self._submit_attempt = submit_attempt

    async def course_quizzes(self, principal: Principal, course_id: UUID) -> list[QuizInfo]:
        """The first quizzes of a course the caller sees (404 for a hidden course)."""
        page = await self._list_course_quizzes.execute(
            principal, course_id, PageRequest(limit=MAX_LIMIT)
        )
        return [
            QuizInfo(q.id, q.course_id, q.lesson_id, q.title, q.is_premium, len(q.questions))
            for q in (item.quiz for item in page.items)
        ]

    async def submit_quiz(
        self, principal: Principal, quiz_id: UUID, answers: Mapping[str, object]
    ) -> AttemptScore:
        """Submit answers as ``POST /quizzes/{id}/attempts`` does (same errors)."""
        attempt = await self._submit_attempt.execute(principal, quiz_id, answers)
        return AttemptScore(
            attempt.id, attempt.quiz_id, float(attempt.score), attempt.passed, attempt.number
        )
