"""Assessment's analytics: figures kept as attempts, grades and premium calls happen, and
the reads of the quiz, mastery and usage figures."""

from collections.abc import AsyncIterator, Collection, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Protocol
from uuid import UUID

from tutor_platform.assessment.domain.attempt import Attempt
from tutor_platform.assessment.domain.premium import UsageRecord
from tutor_platform.assessment.domain.quiz import Quiz
from tutor_platform.shared.figures import DateRange, FigureKey


class AssessmentFigures(Protocol):
    """Called in the transaction that stores the fact."""

    async def attempt_stored(self, quiz: Quiz, attempt: Attempt) -> None: ...

    async def attempt_regraded(
        self, quiz: Quiz, before: Attempt, after: Attempt, at: datetime
    ) -> None: ...

    async def premium_used(self, record: UsageRecord) -> None: ...


@dataclass(frozen=True, slots=True)
class MasteryCell:
    lesson_id: UUID
    p_mastery: float
    evidence: int


@dataclass(frozen=True, slots=True)
class LearnerMastery:
    user_id: UUID
    cells: tuple[MasteryCell, ...]


@dataclass(frozen=True, slots=True)
class StuckLearner:
    user_id: UUID
    attempts: int
    mean_p_mastery: float


MatrixRow = tuple[UUID, list[float | None]]
"""A learner and their p_mastery per lesson, in the order of the lessons asked for."""


@dataclass(frozen=True, slots=True)
class UsageSum:
    day: str
    course_id: UUID
    metric: str
    detail: str
    value: int


class AssessmentFiguresReader(Protocol):
    async def sums(
        self, course_id: UUID, metrics: Collection[str], days: DateRange | None
    ) -> dict[FigureKey, int]:
        """The course's figures of ``metrics`` over ``days`` (None: all days)."""
        ...

    async def usage_sums(self, metrics: Collection[str], days: DateRange) -> list[UsageSum]:
        """Figures of ``metrics`` per day, course and detail, over every course."""
        ...

    async def mastery_learners(
        self, course_id: UUID, days: DateRange, limit: int | None, offset: int
    ) -> tuple[list[UUID], int]:
        """Learners with mastery evidence in the course in ``days``, by id; and how many."""
        ...

    async def mastery_of(self, course_id: UUID, user_ids: Sequence[UUID]) -> list[LearnerMastery]:
        """The traced lessons of these learners in the course (order of ``user_ids``)."""
        ...

    def mastery_matrix(
        self, course_id: UUID, days: DateRange, lesson_ids: Sequence[UUID]
    ) -> AsyncIterator[MatrixRow]:
        """Every learner of :meth:`mastery_learners`, streamed in id order, with their
        p_mastery (4 decimals) per lesson of ``lesson_ids`` (None where not traced)."""
        ...

    async def stuck_learners(
        self, course_id: UUID, days: DateRange, min_attempts: int, below: float, limit: int
    ) -> tuple[list[StuckLearner], int]:
        """The learners with at least ``min_attempts`` attempts at the course's quizzes in
        ``days`` and a mean p_mastery over their traced lessons below ``below``: the first
        ``limit`` (most attempts, then lowest mean, then id) and how many there are."""
        ...

    async def rebuild(self) -> int:
        """Recompute the daily figures from the attempts and premium usage."""
        ...
