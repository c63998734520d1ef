"""What learning needs to know about tutors, which live in the tutoring context."""

from typing import Protocol
from uuid import UUID

from tutor_platform.shared.auth import Principal


class TutorDirectory(Protocol):
    async def visible_to(self, principal: Principal, tutor_id: UUID) -> bool:
        """Whether the tutor exists and ``principal`` may see it (as ``GET /tutors/{id}``)."""
        ...

    async def course_of(self, tutor_id: UUID) -> UUID | None:
        """The course the tutor teaches, if any."""
        ...
