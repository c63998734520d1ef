"""``CatalogChanged`` that remembers which courses and lessons changed, in order (for tests)."""

from collections.abc import Sequence
from dataclasses import dataclass, field
from uuid import UUID


@dataclass
class RecordedCatalogChanges:
    course_ids: list[UUID] = field(default_factory=list)
    lesson_ids: list[UUID] = field(default_factory=list)

    async def course_changed(self, course_id: UUID, lesson_ids: Sequence[UUID] = ()) -> None:
        self.course_ids.append(course_id)
        self.lesson_ids.extend(lesson_ids)
