"""The catalog's domain events."""

from dataclasses import dataclass
from uuid import UUID

from tutor_platform.shared.events import Event


@dataclass(frozen=True)
class CourseChanged(Event):
    """A course, or anything in it, was created, changed or deleted: cached copies of it are
    stale. ``lesson_ids``: the lessons created, changed, moved or deleted (re-indexed)."""

    course_id: UUID
    lesson_ids: tuple[UUID, ...] = ()
