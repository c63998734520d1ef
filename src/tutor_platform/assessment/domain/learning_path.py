"""The adaptive learning path: which lessons to take next and which to review, and why.

Deterministic: the same course, completions and quiz results give the same path. Lessons are
taken in course order (sections, then lessons), so a lesson never comes before an earlier
lesson of the path: the earlier lessons are its prerequisites. A lesson is on the path when
the learner has not completed it (``next``) or when their best score in a quiz about it is
below that quiz's passing score (``review``, whether completed or not). Quizzes not linked to
a lesson and quizzes never attempted are not weak results. The path holds at most
``MAX_STEPS`` lessons, the earliest ones.
"""

from collections.abc import Collection, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Final
from uuid import UUID

NEXT: Final = "next"
REVIEW: Final = "review"
MAX_STEPS: Final = 10


@dataclass(frozen=True, slots=True)
class PathLesson:
    id: UUID
    title: str


@dataclass(frozen=True, slots=True)
class QuizStanding:
    """A quiz of the course with the learner's best score (None: never attempted)."""

    quiz_id: UUID
    title: str
    lesson_id: UUID | None
    best_score: Decimal | None
    passing_score: Decimal

    @property
    def is_weak(self) -> bool:
        return self.best_score is not None and self.best_score < self.passing_score


@dataclass(frozen=True, slots=True)
class PathStep:
    lesson_id: UUID
    title: str
    action: str
    reason: str


def percent(score: Decimal) -> str:
    """``Decimal("0.7")`` → ``"70%"``, ``Decimal("0.6667")`` → ``"66.67%"``."""
    text = f"{score * 100:f}"
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return f"{text}%"


def weakest_quizzes(quizzes: Sequence[QuizStanding]) -> dict[UUID, QuizStanding]:
    """For each lesson with a weak quiz result, its weakest quiz."""
    weakest: dict[UUID, QuizStanding] = {}
    for quiz in quizzes:
        if not quiz.is_weak or quiz.lesson_id is None or quiz.best_score is None:
            continue
        current = weakest.get(quiz.lesson_id)
        if current is None or (
            current.best_score is not None and quiz.best_score < current.best_score
        ):
            weakest[quiz.lesson_id] = quiz
    return weakest


def learning_path(
    lessons: Sequence[PathLesson],
    completed: Collection[UUID],
    quizzes: Sequence[QuizStanding],
    limit: int = MAX_STEPS,
) -> list[PathStep]:
    """The path through ``lessons`` (in course order) for a learner."""
    weak = weakest_quizzes(quizzes)
    steps: list[PathStep] = []
    previous: PathLesson | None = None
    for lesson in lessons:
        if len(steps) >= limit:
            break
        if lesson.id in weak:
            steps.append(PathStep(lesson.id, lesson.title, REVIEW, _review_reason(weak[lesson.id])))
        elif lesson.id not in completed:
            steps.append(PathStep(lesson.id, lesson.title, NEXT, _next_reason(previous, steps)))
        previous = lesson
    return steps


def _review_reason(quiz: QuizStanding) -> str:
    best = quiz.best_score if quiz.best_score is not None else Decimal(0)
    return (
        f"Your best score in the quiz \u201c{quiz.title}\u201d is {percent(best)}, "
        f"below the {percent(quiz.passing_score)} needed to pass."
    )


def _next_reason(previous: PathLesson | None, steps: Sequence[PathStep]) -> str:
    if previous is None:
        return "The course starts here."
    if not any(step.action == NEXT for step in steps):
        return (
            "The first lesson you have not completed; it follows "
            f"\u201c{previous.title}\u201d in the course."
        )
    return f"Not completed yet; it follows \u201c{previous.title}\u201d in the course."
