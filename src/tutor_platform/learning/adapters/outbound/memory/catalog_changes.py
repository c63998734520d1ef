"""``CatalogChanged`` that remembers which courses changed, in order (for tests)."""

from dataclasses import dataclass, field
from uuid import UUID


@dataclass
class RecordedCatalogChanges:
    course_ids: list[UUID] = field(default_factory=list)

    async def course_changed(self, course_id: UUID) -> None:
        self.course_ids.append(course_id)
