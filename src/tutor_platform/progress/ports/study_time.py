"""Storage of study time: one total of minutes per learner and tutor."""

from datetime import datetime
from typing import Protocol
from uuid import UUID


class StudyTimeRepository(Protocol):
    async def total(self, user_id: UUID, tutor_id: UUID) -> int | None:
        """The learner's minutes with the tutor; ``None`` when nothing was ever recorded."""
        ...

    async def set_total(
        self,
        user_id: UUID,
        tutor_id: UUID,
        total_minutes: int,
        course_id: UUID | None,
        at: datetime,
    ) -> None:
        """Set the total (creating the row); ``course_id`` is the tutor's course, if any."""
        ...

    async def add(
        self,
        user_id: UUID,
        tutor_id: UUID,
        minutes: int,
        course_id: UUID | None,
        at: datetime,
        max_total: int,
    ) -> int | None:
        """Add ``minutes`` (maybe negative) in one atomic statement and return the new total;
        ``None``, with nothing changed, when the total would leave ``0..max_total``."""
        ...

    async def minutes_by_course(self, user_id: UUID, course_ids: list[UUID]) -> dict[UUID, int]:
        """The learner's minutes with tutors of each course (absent: none)."""
        ...
