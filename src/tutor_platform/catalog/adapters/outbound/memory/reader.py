"""The in-memory ``CatalogReader`` over the same store as the in-memory unit of work."""

import copy
from collections.abc import Collection
from uuid import UUID

from tutor_platform.catalog.adapters.outbound.memory.store import InMemoryCatalogStore
from tutor_platform.catalog.domain.catalog import (
    Course,
    CourseOutline,
    Lesson,
    LessonSummary,
    Section,
    SectionOutline,
)
from tutor_platform.catalog.ports.reader import CourseQuery
from tutor_platform.shared.pagination import PageRequest


class InMemoryCatalogReader:
    def __init__(self, store: InMemoryCatalogStore) -> None:
        self._store = store

    async def course(self, course_id: UUID) -> Course | None:
        return copy.deepcopy(self._store.courses.get(course_id))

    async def courses(self, course_ids: Collection[UUID]) -> list[Course]:
        known = self._store.courses
        return [copy.deepcopy(known[id_]) for id_ in course_ids if id_ in known]

    async def outline(self, course_id: UUID) -> CourseOutline | None:
        course = await self.course(course_id)
        if course is None:
            return None
        return CourseOutline(
            course=course,
            sections=tuple(
                SectionOutline(
                    copy.deepcopy(section),
                    tuple(LessonSummary.of(lesson) for lesson in self._lessons_of(section.id)),
                )
                for section in self._sections_of(course_id)
            ),
        )

    async def section(self, section_id: UUID) -> Section | None:
        return copy.deepcopy(self._store.sections.get(section_id))

    async def lesson(self, lesson_id: UUID) -> Lesson | None:
        return copy.deepcopy(self._store.lessons.get(lesson_id))

    async def ordered_lessons(self, course_id: UUID) -> list[Lesson]:
        return [
            copy.deepcopy(lesson)
            for section in self._sections_of(course_id)
            for lesson in self._lessons_of(section.id)
        ]

    async def list_courses(self, query: CourseQuery, page: PageRequest) -> tuple[list[Course], int]:
        text = (query.q or "").lower()
        found = [
            course
            for course in sorted(
                self._store.courses.values(), key=lambda c: (c.created_at, c.id), reverse=True
            )
            if (
                query.include_unpublished
                or course.is_published
                or course.instructor_id == query.instructor_id
            )
            and (query.subject is None or course.subject.lower() == query.subject.lower())
            and (query.difficulty is None or course.difficulty == query.difficulty)
            and (not text or text in course.title.lower() or text in course.description.lower())
        ]
        selected = found[page.offset : page.offset + page.limit]
        return [copy.deepcopy(course) for course in selected], len(found)

    def _sections_of(self, course_id: UUID) -> list[Section]:
        found = [s for s in self._store.sections.values() if s.course_id == course_id]
        return sorted(found, key=lambda s: s.position)

    def _lessons_of(self, section_id: UUID) -> list[Lesson]:
        found = [x for x in self._store.lessons.values() if x.section_id == section_id]
        return sorted(found, key=lambda x: x.position)
