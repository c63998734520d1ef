"""The progress unit of work on every backend (the run's database, and memory), with a
catalog to track progress against: rows in the catalog tables, or the in-memory store."""

from collections.abc import Callable
from dataclasses import dataclass
from functools import partial
from typing import Protocol
from uuid import UUID

import pytest
from sqlalchemy import delete
from sqlalchemy.ext.asyncio import AsyncEngine

from tests.support.clock import T0
from tutor_platform.catalog.adapters.outbound.memory.store import InMemoryCatalogStore
from tutor_platform.catalog.adapters.outbound.sqlalchemy.tables import (
    CourseRow,
    LessonRow,
    SectionRow,
)
from tutor_platform.catalog.domain.catalog import Course, Lesson, Section
from tutor_platform.progress.adapters.outbound.memory.store import InMemoryProgressStore
from tutor_platform.progress.adapters.outbound.memory.unit_of_work import (
    InMemoryProgressUnitOfWork,
)
from tutor_platform.progress.adapters.outbound.sqlalchemy.unit_of_work import (
    SqlAlchemyProgressUnitOfWork,
)
from tutor_platform.progress.ports.progress import TrackedCourse, TrackedLesson
from tutor_platform.progress.ports.unit_of_work import ProgressUnitOfWork
from tutor_platform.shared.ids import new_id
from tutor_platform.shared.persistence.engine import create_session_factory

UnitOfWorkFactory = Callable[[], ProgressUnitOfWork]


class Catalog(Protocol):
    """Courses, sections and lessons, written straight into the backend's catalog."""

    async def course(self, *, published: bool = True) -> TrackedCourse: ...

    async def section(self, course: TrackedCourse, position: int) -> UUID: ...

    async def lesson(
        self, course: TrackedCourse, section_id: UUID, position: int, *, is_premium: bool = False
    ) -> TrackedLesson: ...

    async def delete_lesson(self, lesson_id: UUID) -> None: ...

    async def delete_course(self, course_id: UUID) -> None: ...


class SqlCatalog:
    def __init__(self, engine: AsyncEngine) -> None:
        self._engine = engine

    async def _add(self, row: CourseRow | SectionRow | LessonRow) -> None:
        async with create_session_factory(self._engine)() as session:
            session.add(row)
            await session.commit()

    async def course(self, *, published: bool = True) -> TrackedCourse:
        course = TrackedCourse(new_id(), new_id(), published)
        await self._add(
            CourseRow(
                id=course.id,
                title="Course",
                slug=f"course-{course.id}",
                instructor_id=course.instructor_id,
                is_published=published,
            )
        )
        return course

    async def section(self, course: TrackedCourse, position: int) -> UUID:
        section_id = new_id()
        await self._add(
            SectionRow(id=section_id, course_id=course.id, title="Section", position=position)
        )
        return section_id

    async def lesson(
        self, course: TrackedCourse, section_id: UUID, position: int, *, is_premium: bool = False
    ) -> TrackedLesson:
        lesson = TrackedLesson(new_id(), course, is_premium)
        await self._add(
            LessonRow(
                id=lesson.id,
                section_id=section_id,
                course_id=course.id,
                title="Lesson",
                position=position,
                is_premium=is_premium,
            )
        )
        return lesson

    async def delete_lesson(self, lesson_id: UUID) -> None:
        async with self._engine.begin() as connection:
            await connection.execute(delete(LessonRow).where(LessonRow.id == lesson_id))

    async def delete_course(self, course_id: UUID) -> None:
        async with self._engine.begin() as connection:
            await connection.execute(delete(CourseRow).where(CourseRow.id == course_id))


@dataclass
class MemoryCatalog:
    store: InMemoryCatalogStore

    async def course(self, *, published: bool = True) -> TrackedCourse:
        course = TrackedCourse(new_id(), new_id(), published)
        self.store.courses[course.id] = Course(
            id=course.id,
            title="Course",
            slug=f"course-{course.id}",
            instructor_id=course.instructor_id,
            created_at=T0,
            updated_at=T0,
            is_published=published,
        )
        return course

    async def section(self, course: TrackedCourse, position: int) -> UUID:
        section = Section(new_id(), course.id, "Section", position, T0, T0)
        self.store.sections[section.id] = section
        return section.id

    async def lesson(
        self, course: TrackedCourse, section_id: UUID, position: int, *, is_premium: bool = False
    ) -> TrackedLesson:
        lesson = TrackedLesson(new_id(), course, is_premium)
        self.store.lessons[lesson.id] = Lesson(
            id=lesson.id,
            section_id=section_id,
            course_id=course.id,
            title="Lesson",
            position=position,
            created_at=T0,
            updated_at=T0,
            is_premium=is_premium,
        )
        return lesson

    async def delete_lesson(self, lesson_id: UUID) -> None:
        del self.store.lessons[lesson_id]

    async def delete_course(self, course_id: UUID) -> None:
        del self.store.courses[course_id]
        for table in (self.store.sections, self.store.lessons):
            for key in [key for key, item in table.items() if item.course_id == course_id]:
                del table[key]


@dataclass
class Backend:
    uow_factory: UnitOfWorkFactory
    catalog: Catalog
    name: str


@pytest.fixture(params=["sqlalchemy", "memory"])
def backend(request: pytest.FixtureRequest) -> Backend:
    """A fresh, empty store behind a progress unit-of-work factory, for each backend."""
    if request.param == "memory":
        store = InMemoryProgressStore()
        return Backend(
            partial(InMemoryProgressUnitOfWork, store), MemoryCatalog(store.catalog), "memory"
        )
    engine: AsyncEngine = request.getfixturevalue("db_engine")
    request.getfixturevalue("clean_db")
    return Backend(
        partial(SqlAlchemyProgressUnitOfWork, create_session_factory(engine)),
        SqlCatalog(engine),
        engine.dialect.name,
    )
