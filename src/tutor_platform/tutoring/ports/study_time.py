"""The learner's minutes with each tutor, kept by the progress context (``ProgressFacade``
has these methods): a tutor's course counts them in its progress."""

from typing import Protocol
from uuid import UUID


class StudyTimeLedger(Protocol):
    async def study_time(self, user_id: UUID, tutor_id: UUID) -> int:
        """The total (0 when none)."""
        ...

    async def set_study_time(
        self, user_id: UUID, tutor_id: UUID, course_id: UUID | None, total_minutes: int
    ) -> int:
        """Set the total (a correction, not streak activity); ``ValidationFailed`` out of
        range."""
        ...

    async def add_study_time(
        self, user_id: UUID, tutor_id: UUID, course_id: UUID | None, minutes: int
    ) -> int:
        """Add (or take back) minutes atomically, answering the total; ``ValidationFailed``
        (nothing changed) for a total out of range."""
        ...
