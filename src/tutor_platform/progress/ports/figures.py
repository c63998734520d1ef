"""Progress's analytics: the figures kept as progress happens, and their reading."""

from dataclasses import dataclass
from datetime import datetime
from typing import Protocol
from uuid import UUID

from tutor_platform.shared.figures import DateRange


class ProgressFigures(Protocol):
    """Called by the progress use cases in the transaction that stores the fact."""

    async def lesson_opened(
        self, user_id: UUID, course_id: UUID, lesson_id: UUID, at: datetime
    ) -> None: ...

    async def lesson_completed(
        self, user_id: UUID, course_id: UUID, lesson_id: UUID, at: datetime
    ) -> None: ...

    async def lesson_uncompleting(self, user_id: UUID, lesson_id: UUID) -> None:
        """Before a completion is removed: its figures are taken back."""
        ...

    async def course_completed(self, user_id: UUID, course_id: UUID, at: datetime) -> None:
        """Every lesson of the course is completed (kept the first time only)."""
        ...

    async def studied(self, user_id: UUID, course_id: UUID, at: datetime) -> None: ...


@dataclass(frozen=True, slots=True)
class LessonFigures:
    completed: int
    minutes: dict[int, int]
    """Minutes taken → how many completions took them."""


@dataclass(frozen=True, slots=True)
class CourseFigures:
    started: int
    active: int
    completed: int
    lessons: dict[UUID, LessonFigures]


class CourseFiguresReader(Protocol):
    async def course_figures(self, course_id: UUID, days: DateRange) -> CourseFigures: ...

    async def rebuild(self) -> int:
        """Recompute the daily figures from the facts; the number of rows written."""
        ...
