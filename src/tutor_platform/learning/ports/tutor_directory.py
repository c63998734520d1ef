"""What learning needs to know about tutors, which live in the tutoring context."""

from typing import Protocol
from uuid import UUID


class TutorDirectory(Protocol):
    async def exists(self, tutor_id: UUID) -> bool: ...

    async def course_of(self, tutor_id: UUID) -> UUID | None:
        """The course the tutor teaches, if any."""
        ...
