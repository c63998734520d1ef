"""Assessment's public face: what other contexts (integrations' MCP tools) may use.

Every call checks the caller's rights as the HTTP API does and raises the same domain errors.
The results are frozen msgspec structs, so a caller can publish their JSON schema.
"""

from collections.abc import Mapping
from datetime import datetime
from uuid import UUID

import msgspec

from tutor_platform.assessment.application.get_mastery import GetMastery
from tutor_platform.assessment.application.get_quiz import GetQuiz
from tutor_platform.assessment.application.list_course_quizzes import ListCourseQuizzes
from tutor_platform.assessment.application.submit_attempt import SubmitAttempt
from tutor_platform.shared.auth import Principal
from tutor_platform.shared.pagination import MAX_LIMIT, PageRequest

__all__ = [
    "AssessmentFacade",
    "AttemptScore",
    "LessonMasteryInfo",
    "OptionInfo",
    "QuestionInfo",
    "QuizInfo",
    "QuizToTake",
]


class QuizInfo(msgspec.Struct, frozen=True, kw_only=True):
    """A quiz of a course with the caller's ``attempts_used`` and ``best_score`` (0-1, null
    before any attempt)."""

    id: UUID
    course_id: UUID
    lesson_id: UUID | None
    title: str
    is_premium: bool
    question_count: int
    max_attempts: int | None
    attempts_used: int
    best_score: float | None


class OptionInfo(msgspec.Struct, frozen=True, kw_only=True):
    id: str
    text: str


class QuestionInfo(msgspec.Struct, frozen=True, kw_only=True):
    """A question as a learner sees it before submitting: no answers, explanation or rubric."""

    id: UUID
    kind: str
    prompt: str
    points: int
    lesson_id: UUID | None
    options: tuple[OptionInfo, ...]


class QuizToTake(msgspec.Struct, frozen=True, kw_only=True):
    """A quiz as ``GET /quizzes/{id}`` shows it: its questions without what answers them."""

    id: UUID
    course_id: UUID
    lesson_id: UUID | None
    title: str
    passing_score: float
    is_premium: bool
    max_attempts: int | None
    max_points: int
    questions: tuple[QuestionInfo, ...]


class AttemptScore(msgspec.Struct, frozen=True, kw_only=True):
    """``score`` is 0-1 with at most 4 decimal places; ``status`` ``needs_review`` while an
    answer awaits a person's grade."""

    attempt_id: UUID
    quiz_id: UUID
    score: float
    passed: bool
    number: int
    points: float
    max_points: int
    status: str


class LessonMasteryInfo(msgspec.Struct, frozen=True, kw_only=True):
    """A learner's mastery of one lesson (BKT) and the answers it rests on."""

    lesson_id: UUID
    title: str
    p_mastery: float
    mastered: bool
    evidence: int
    last_evidence_at: datetime | None


class AssessmentFacade:
    """Quizzes and mastery for other contexts."""

    def __init__(
        self,
        *,
        list_course_quizzes: ListCourseQuizzes,
        submit_attempt: SubmitAttempt,
        get_mastery: GetMastery,
        get_quiz: GetQuiz,
    ) -> None:
        self._list_course_quizzes = list_course_quizzes
        self._get_quiz = get_quiz
        self._submit_attempt = submit_attempt
        self._get_mastery = get_mastery

    async def list_quizzes(self, principal: Principal, course_id: UUID) -> list[QuizInfo]:
        """The first quizzes of a course the caller sees (404 for a hidden course)."""
        page = await self._list_course_quizzes.execute(
            principal, course_id, PageRequest(limit=MAX_LIMIT)
        )
        return [
            QuizInfo(
                id=item.quiz.id,
                course_id=item.quiz.course_id,
                lesson_id=item.quiz.lesson_id,
                title=item.quiz.title,
                is_premium=item.quiz.is_premium,
                question_count=len(item.quiz.questions),
                max_attempts=item.quiz.max_attempts,
                attempts_used=item.attempts_used,
                best_score=None if item.best_score is None else float(item.best_score),
            )
            for item in page.items
        ]

    async def get_quiz(self, principal: Principal, quiz_id: UUID) -> QuizToTake:
        """As ``GET /quizzes/{id}`` (404 hidden, 403 ``PREMIUM_REQUIRED``), without answers."""
        quiz = await self._get_quiz.execute(principal, quiz_id)
        return QuizToTake(
            id=quiz.id,
            course_id=quiz.course_id,
            lesson_id=quiz.lesson_id,
            title=quiz.title,
            passing_score=float(quiz.passing_score),
            is_premium=quiz.is_premium,
            max_attempts=quiz.max_attempts,
            max_points=quiz.max_points,
            questions=tuple(
                QuestionInfo(
                    id=q.id,
                    kind=q.kind,
                    prompt=q.prompt,
                    points=q.points,
                    lesson_id=q.lesson_id,
                    options=tuple(OptionInfo(id=o.id, text=o.text) for o in q.options),
                )
                for q in quiz.questions
            ),
        )

    async def submit_quiz(
        self, principal: Principal, quiz_id: UUID, answers: Mapping[str, object]
    ) -> AttemptScore:
        """Submit answers as ``POST /quizzes/{id}/attempts`` does (same errors)."""
        attempt = await self._submit_attempt.execute(principal, quiz_id, answers)
        return AttemptScore(
            attempt_id=attempt.id,
            quiz_id=attempt.quiz_id,
            score=float(attempt.score),
            passed=attempt.passed,
            number=attempt.number,
            points=float(attempt.points),
            max_points=attempt.max_points,
            status=attempt.status,
        )

    async def get_mastery(
        self, principal: Principal, course_id: UUID, user_id: UUID | None = None
    ) -> list[LessonMasteryInfo]:
        """As ``GET /progress/courses/{id}/mastery``: the caller's, or (the course's
        instructor, admins) ``user_id``'s."""
        report = await self._get_mastery.execute(principal, course_id, user_id)
        return [
            LessonMasteryInfo(
                lesson_id=view.lesson_id,
                title=view.title,
                p_mastery=view.p_mastery,
                mastered=view.mastered,
                evidence=view.evidence,
                last_evidence_at=view.last_evidence_at,
            )
            for view in report.lessons
        ]
