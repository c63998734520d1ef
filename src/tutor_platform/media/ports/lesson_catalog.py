"""The lessons summaries and drafts are about, as the learning context tells them."""

from dataclasses import dataclass
from typing import Protocol
from uuid import UUID

from tutor_platform.media.domain.lesson_access import LessonAccess
from tutor_platform.media.domain.lesson_material import LessonMaterial
from tutor_platform.shared.auth import Principal


@dataclass(frozen=True, slots=True)
class LessonView:
    """A lesson after a change, as the learning context returns it."""

    id: UUID
    course_id: UUID
    section_id: UUID
    title: str
    content: str
    position: int
    estimated_minutes: int
    is_premium: bool


class LessonCatalog(Protocol):
    async def access(self, principal: Principal | None, lesson_id: UUID) -> LessonAccess | None:
        """How the caller stands to the lesson; None when no such lesson exists."""
        ...

    async def material(self, lesson_id: UUID) -> LessonMaterial | None:
        """The lesson with its course's title and outline; None when it is gone."""
        ...

    async def replace_content(
        self, principal: Principal, lesson_id: UUID, content: str
    ) -> LessonView:
        """Set the lesson's Markdown with the learning context's edit rules (404, 403, 422)."""
        ...
