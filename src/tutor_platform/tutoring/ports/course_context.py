"""What tutoring needs to know about courses, which live in the learning context."""

from collections.abc import Collection
from dataclasses import dataclass
from typing import Protocol
from uuid import UUID

from tutor_platform.shared.auth import Principal


@dataclass(frozen=True, slots=True)
class CourseMaterial:
    """A lesson's text that may help answer a question."""

    lesson_id: UUID
    title: str
    text: str
    is_premium: bool


class CourseContext(Protocol):
    async def can_view(self, principal: Principal | None, course_id: UUID) -> bool:
        """Whether the course exists and the caller may see it."""
        ...

    async def can_edit(self, principal: Principal, course_id: UUID) -> bool:
        """Whether the course exists and the caller is its instructor or an admin."""
        ...

    async def hidden(self, principal: Principal | None, course_ids: Collection[UUID]) -> set[UUID]:
        """Those of ``course_ids`` the caller may not see (unknown courses included)."""
        ...

    async def material(self, course_id: UUID, query: str, limit: int) -> list[CourseMaterial]:
        """Up to ``limit`` lessons of the course most relevant to ``query``."""
        ...
