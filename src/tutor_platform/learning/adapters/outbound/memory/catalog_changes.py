"""A publisher of the catalog's events that remembers which courses and lessons changed, in
order (for tests)."""

from collections.abc import Sequence
from dataclasses import dataclass, field
from uuid import UUID

from tutor_platform.learning.domain.events import CourseChanged
from tutor_platform.shared.events import Event


@dataclass
class RecordedCatalogChanges:
    course_ids: list[UUID] = field(default_factory=list)
    lesson_ids: list[UUID] = field(default_factory=list)

    async def publish(self, events: Sequence[Event]) -> None:
        for event in events:
            if isinstance(event, CourseChanged):
                self.course_ids.append(event.course_id)
                self.lesson_ids.extend(event.lesson_ids)
