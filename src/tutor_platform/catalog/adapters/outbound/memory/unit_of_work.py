"""The in-memory catalog: repositories over dicts and their unit of work.

Like identity's fake, there is no isolation and no rollback: use cases validate before they
write, so tests of their outcomes stay honest; ``store.commits`` tells whether they committed.
Each method runs without awaiting anything, hence atomically: ``lock`` has nothing to do.
"""

import copy
import dataclasses
from collections.abc import Mapping
from datetime import datetime
from uuid import UUID

from tutor_platform.catalog.adapters.outbound.memory.store import InMemoryCatalogStore
from tutor_platform.catalog.domain.catalog import PLACEMENT_FIELDS, Course, Lesson, Section
from tutor_platform.catalog.domain.errors import (
    CourseNotFound,
    LessonNotFound,
    SectionNotFound,
    SlugTaken,
)
from tutor_platform.shared.in_memory import InMemoryRepository
from tutor_platform.shared.unit_of_work import InMemoryUnitOfWork


class InMemoryCourseRepository(InMemoryRepository[Course]):
    def __init__(self, store: InMemoryCatalogStore) -> None:
        super().__init__(store.courses)
        self._store = store

    async def lock(self, course_id: UUID) -> Course | None:
        return await self.get(course_id)

    async def slugs_taken(self, slugs: set[str]) -> set[str]:
        return {course.slug for course in self._rows.values()} & slugs

    async def add(self, course: Course) -> None:
        self._check_slug(course)
        await super().add(course)

    async def update(self, course: Course) -> None:
        if course.id not in self._rows:
            raise CourseNotFound()
        self._check_slug(course)
        await super().update(course)

    async def delete(self, course_id: UUID) -> None:
        await super().delete(course_id)
        for section in [s for s in self._store.sections.values() if s.course_id == course_id]:
            del self._store.sections[section.id]
        for lesson in [x for x in self._store.lessons.values() if x.course_id == course_id]:
            del self._store.lessons[lesson.id]

    def _check_slug(self, course: Course) -> None:
        if any(
            other.slug == course.slug and other.id != course.id for other in self._rows.values()
        ):
            raise SlugTaken()


class InMemorySectionRepository(InMemoryRepository[Section]):
    def __init__(self, store: InMemoryCatalogStore) -> None:
        super().__init__(store.sections)
        self._store = store

    async def ordered_ids(self, course_id: UUID) -> list[UUID]:
        found = [s for s in self._rows.values() if s.course_id == course_id]
        return [section.id for section in sorted(found, key=lambda s: s.position)]

    async def update(self, section: Section) -> None:
        stored = self._rows.get(section.id)
        if stored is None:
            raise SectionNotFound()
        _save_edit(stored, section)

    async def delete(self, section_id: UUID) -> None:
        await super().delete(section_id)
        for lesson in [x for x in self._store.lessons.values() if x.section_id == section_id]:
            del self._store.lessons[lesson.id]

    async def set_positions(self, positions: Mapping[UUID, int], now: datetime) -> None:
        for section_id, position in positions.items():
            stored = self._rows[section_id]
            stored.position, stored.updated_at = position, now


class InMemoryLessonRepository(InMemoryRepository[Lesson]):
    def __init__(self, store: InMemoryCatalogStore) -> None:
        super().__init__(store.lessons)

    async def ordered_ids(self, section_id: UUID) -> list[UUID]:
        found = [x for x in self._rows.values() if x.section_id == section_id]
        return [lesson.id for lesson in sorted(found, key=lambda x: x.position)]

    async def update(self, lesson: Lesson) -> None:
        stored = self._rows.get(lesson.id)
        if stored is None:
            raise LessonNotFound()
        _save_edit(stored, lesson)

    async def set_positions(
        self, placements: Mapping[UUID, tuple[UUID, int]], now: datetime
    ) -> None:
        for lesson_id, (section_id, position) in placements.items():
            stored = self._rows[lesson_id]
            stored.section_id, stored.position, stored.updated_at = section_id, position, now


class InMemoryCatalogUnitOfWork(InMemoryUnitOfWork[InMemoryCatalogStore]):
    def _bind(self) -> None:
        self.courses = InMemoryCourseRepository(self.store)
        self.sections = InMemorySectionRepository(self.store)
        self.lessons = InMemoryLessonRepository(self.store)


def _save_edit(stored: Section | Lesson, edited: Section | Lesson) -> None:
    """Every field of ``edited`` onto ``stored`` but the placement ones (``PLACEMENT_FIELDS``)."""
    for item in dataclasses.fields(edited):
        if item.name not in PLACEMENT_FIELDS:
            setattr(stored, item.name, copy.deepcopy(getattr(edited, item.name)))
