"""Quizzes and their questions.

A quiz belongs to a course (and optionally one of its lessons). Each question has a kind and
the answer fields of that kind: options and ``correct_option_ids`` for single and multiple
choice, ``correct`` for true/false, ``accepted_answers`` for short answers and a ``rubric`` for
free text. The answer fields and explanations are stored with the question; what a learner may
see of it is decided by the HTTP views, never here.
"""

from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from enum import StrEnum
from typing import Final
from uuid import UUID

DEFAULT_PASSING_SCORE: Final = Decimal("0.7")


class QuestionKind(StrEnum):
    """What a question asks for, and so which of its answer fields are set."""

    SINGLE_CHOICE = "single_choice"
    MULTIPLE_CHOICE = "multiple_choice"
    TRUE_FALSE = "true_false"
    SHORT_ANSWER = "short_answer"
    FREE_TEXT = "free_text"


QUESTION_KINDS: Final = tuple(QuestionKind)
CHOICE_KINDS: Final = frozenset({QuestionKind.SINGLE_CHOICE, QuestionKind.MULTIPLE_CHOICE})


@dataclass(frozen=True, slots=True)
class Option:
    """One option of a choice question; ``id`` is unique within the question."""

    id: str
    text: str


@dataclass(frozen=True, slots=True)
class Rubric:
    """How a free-text answer is graded: key points it should mention and/or guidance, and
    optionally a ``model_answer`` (a full-marks answer in the author's words)."""

    keywords: tuple[str, ...] = ()
    guidance: str = ""
    model_answer: str = ""


@dataclass(frozen=True, slots=True, kw_only=True)
class Question:
    """A question; only the answer fields of its ``kind`` are set."""

    id: UUID
    kind: QuestionKind
    prompt: str
    points: int
    lesson_id: UUID | None = None
    """The lesson of the quiz's course it tests (mastery and learning paths work per
    question); the quiz's lesson unless the author named another."""
    explanation: str | None = None
    options: tuple[Option, ...] = ()
    correct_option_ids: tuple[str, ...] = ()
    correct: bool | None = None
    accepted_answers: tuple[str, ...] = ()
    rubric: Rubric | None = None

    @property
    def option_ids(self) -> tuple[str, ...]:
        return tuple(option.id for option in self.options)


@dataclass(slots=True, kw_only=True)
class Quiz:
    """A quiz of a course. ``passing_score`` is 0-1 with at most 4 decimal places;
    ``max_attempts`` None means unlimited attempts."""

    id: UUID
    course_id: UUID
    title: str
    questions: tuple[Question, ...]
    created_by: UUID
    created_at: datetime
    updated_at: datetime
    lesson_id: UUID | None = None
    passing_score: Decimal = DEFAULT_PASSING_SCORE
    is_premium: bool = False
    max_attempts: int | None = None

    @property
    def max_points(self) -> int:
        return sum(question.points for question in self.questions)

    def question(self, question_id: UUID) -> Question | None:
        return next((q for q in self.questions if q.id == question_id), None)
