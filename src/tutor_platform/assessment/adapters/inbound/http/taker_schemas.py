"""What whoever takes a quiz sees: ``QuizResponse`` (and ``QuizSummaryResponse`` in lists),
with no answer field, rubric or explanation at all (not even empty). Exact decimals (scores,
points) are sent as JSON numbers."""

from decimal import Decimal
from typing import Annotated
from uuid import UUID

import msgspec

from tutor_platform.assessment.application.list_course_quizzes import CourseQuiz
from tutor_platform.assessment.domain.quiz import QuestionKind
from tutor_platform.shared.http.paging import PageResponse, named


def number(value: Decimal) -> float:
    """An exact decimal of a few places as a JSON number (its shortest float prints the same
    digits)."""
    return float(value)


class OptionResponse(msgspec.Struct):
    id: str
    text: str


class QuestionResponse(msgspec.Struct, omit_defaults=True):
    """A question to answer; ``options`` only for single and multiple choice."""

    id: UUID
    kind: QuestionKind
    prompt: str
    points: int
    lesson_id: Annotated[UUID | None, msgspec.Meta(description="The lesson it tests.")]
    options: list[OptionResponse] | None = None

    def __post_init__(self) -> None:
        self.options = self.options or None


class QuizSummaryResponse(msgspec.Struct, kw_only=True):
    id: UUID
    course_id: UUID
    lesson_id: UUID | None
    title: str
    passing_score: float
    is_premium: bool
    max_attempts: int | None
    max_points: int
    question_count: int
    attempts_used: Annotated[int, msgspec.Meta(description="Your attempts so far.")]
    best_score: Annotated[
        float | None, msgspec.Meta(description="Your best score (0-1); null before any attempt.")
    ]

    @classmethod
    def of(cls, standing: CourseQuiz) -> "QuizSummaryResponse":
        quiz, best = standing.quiz, standing.best_score
        return cls(
            attempts_used=standing.attempts_used,
            best_score=None if best is None else number(best),
            id=quiz.id,
            course_id=quiz.course_id,
            lesson_id=quiz.lesson_id,
            title=quiz.title,
            passing_score=number(quiz.passing_score),
            is_premium=quiz.is_premium,
            max_attempts=quiz.max_attempts,
            max_points=quiz.max_points,
            question_count=len(quiz.questions),
        )


class QuizResponse(msgspec.Struct, kw_only=True):
    """A quiz to take: no correct answers, rubrics or explanations."""

    id: UUID
    course_id: UUID
    lesson_id: UUID | None
    title: str
    passing_score: float
    is_premium: bool
    max_attempts: int | None
    max_points: int
    questions: list[QuestionResponse]


QuizListResponse = Annotated[PageResponse[QuizSummaryResponse], named("QuizListResponse")]
