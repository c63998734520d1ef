"""Tutoring's analytics: figures kept as sessions, messages and feedback are stored, the
content gaps (questions whose answers cite nothing), and their reading."""

from collections.abc import Collection
from dataclasses import dataclass
from datetime import datetime
from typing import Protocol
from uuid import UUID

from tutor_platform.shared.figures import DateRange, FigureKey
from tutor_platform.tutoring.domain.feedback import Feedback
from tutor_platform.tutoring.domain.message import Message


class TutoringFigures(Protocol):
    """Called in the transaction that stores the fact; the tutor's course is looked up."""

    async def session_started(self, tutor_id: UUID, session_id: UUID, at: datetime) -> None: ...

    async def message_stored(
        self, tutor_id: UUID, message: Message, question: Message | None = None
    ) -> None:
        """A stored message; an answer with its ``question`` (kept as a content gap when
        the answer cites nothing)."""
        ...

    async def feedback_given(self, before: Feedback | None, after: Feedback) -> None: ...


@dataclass(frozen=True, slots=True)
class GapGroup:
    id: UUID
    course_id: UUID
    sample: str
    first_asked_at: datetime
    last_asked_at: datetime
    dismissed_at: datetime | None
    dismissed_by: UUID | None


@dataclass(frozen=True, slots=True)
class GapGroupFigures:
    group: GapGroup
    questions: int
    """Questions of the group asked in the range."""
    tutor_ids: tuple[UUID, ...]


@dataclass(frozen=True, slots=True)
class UsageLine:
    day: str
    course_id: UUID
    model: str
    """``provider/model``."""
    calls: int
    tokens_in: int
    tokens_out: int


@dataclass(frozen=True, slots=True)
class CourseTutor:
    id: UUID
    name: str


class TutoringFiguresReader(Protocol):
    async def course_tutors(self, course_id: UUID) -> list[CourseTutor]: ...

    async def sums(
        self, course_id: UUID, metrics: Collection[str], days: DateRange | None
    ) -> dict[FigureKey, int]:
        """The course's figures of ``metrics`` over ``days`` (None: all days)."""
        ...

    async def groups(self, course_id: UUID, group_ids: Collection[UUID]) -> list[GapGroup]: ...

    async def group_tutors(self, group_ids: Collection[UUID]) -> dict[UUID, tuple[UUID, ...]]: ...

    async def dismiss(self, group_id: UUID, by: UUID, at: datetime) -> None: ...

    async def usage_rows(
        self, days: DateRange, limit: int | None = None, offset: int = 0
    ) -> list[UsageLine]:
        """The AI calls per day (newest first), course and provider/model (a slice)."""
        ...

    async def usage_totals(self, days: DateRange) -> tuple[int, list[UsageLine]]:
        """How many usage lines there are, and the calls per provider/model over the days
        (``day`` and ``course_id`` empty)."""
        ...

    async def rebuild(self) -> int: ...
