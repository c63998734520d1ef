"""The catalog's unit of work and reader on every backend: SQLAlchemy (the run's database)
and memory. Entities are built directly, so the suite checks storage, not use cases."""

from collections.abc import Callable
from dataclasses import dataclass
from functools import partial
from itertools import count
from typing import Any

import pytest

from tests.unit.identity.builders import T0
from tutor_platform.catalog.adapters.outbound.memory.projects import InMemoryProjectUnitOfWork
from tutor_platform.catalog.adapters.outbound.memory.reader import InMemoryCatalogReader
from tutor_platform.catalog.adapters.outbound.memory.store import InMemoryCatalogStore
from tutor_platform.catalog.adapters.outbound.memory.unit_of_work import (
    InMemoryCatalogUnitOfWork,
)
from tutor_platform.catalog.adapters.outbound.sqlalchemy.project_unit_of_work import (
    SqlAlchemyProjectUnitOfWork,
)
from tutor_platform.catalog.adapters.outbound.sqlalchemy.reader import (
    SqlAlchemyCatalogReader,
)
from tutor_platform.catalog.adapters.outbound.sqlalchemy.unit_of_work import (
    SqlAlchemyCatalogUnitOfWork,
)
from tutor_platform.catalog.domain.catalog import Course, Lesson, Section
from tutor_platform.catalog.ports.reader import CatalogReader
from tutor_platform.catalog.ports.unit_of_work import CatalogUnitOfWork, ProjectUnitOfWork
from tutor_platform.shared.ids import new_id
from tutor_platform.shared.persistence.engine import create_session_factory

_numbers = count(1)


@dataclass
class Backend:
    uow_factory: Callable[[], CatalogUnitOfWork]
    reader: CatalogReader
    projects: Callable[[], ProjectUnitOfWork]

    async def store(self, *items: Course | Section | Lesson) -> None:
        """Add courses, sections and lessons, in this order, in one transaction."""
        async with self.uow_factory() as uow:
            for item in items:
                if isinstance(item, Course):
                    await uow.courses.add(item)
                elif isinstance(item, Section):
                    await uow.sections.add(item)
                else:
                    await uow.lessons.add(item)
            await uow.commit()


@pytest.fixture(params=["sqlalchemy", "memory"])
def backend(request: pytest.FixtureRequest) -> Backend:
    if request.param == "memory":
        store = InMemoryCatalogStore()
        return Backend(
            partial(InMemoryCatalogUnitOfWork, store),
            InMemoryCatalogReader(store),
            partial(InMemoryProjectUnitOfWork, store),
        )
    engine = request.getfixturevalue("db_engine")
    request.getfixturevalue("clean_db")
    sessions = create_session_factory(engine)
    return Backend(
        partial(SqlAlchemyCatalogUnitOfWork, sessions),
        SqlAlchemyCatalogReader(engine),
        partial(SqlAlchemyProjectUnitOfWork, sessions),
    )


def make_course(**fields: Any) -> Course:
    n = next(_numbers)
    values: dict[str, Any] = {
        "id": new_id(),
        "title": f"Course {n}",
        "slug": f"course-{n}",
        "instructor_id": new_id(),
        "created_at": T0,
        "updated_at": T0,
    }
    values.update(fields)
    return Course(**values)


def make_section(course: Course, position: int, **fields: Any) -> Section:
    values: dict[str, Any] = {
        "id": new_id(),
        "course_id": course.id,
        "title": f"Section {position}",
        "position": position,
        "created_at": T0,
        "updated_at": T0,
    }
    values.update(fields)
    return Section(**values)


def make_lesson(section: Section, position: int, **fields: Any) -> Lesson:
    values: dict[str, Any] = {
        "id": new_id(),
        "section_id": section.id,
        "course_id": section.course_id,
        "title": f"Lesson {section.position}.{position}",
        "position": position,
        "created_at": T0,
        "updated_at": T0,
        "content": f"Content {section.position}.{position}",
    }
    values.update(fields)
    return Lesson(**values)


def course_tree(
    sections: int, lessons: int, **course_fields: Any
) -> tuple[Course, list[Section], list[Lesson]]:
    """A course with ``sections`` sections of ``lessons`` lessons each (in course order)."""
    course = make_course(**course_fields)
    section_list = [make_section(course, s) for s in range(1, sections + 1)]
    lesson_list = [make_lesson(sec, n) for sec in section_list for n in range(1, lessons + 1)]
    return course, section_list, lesson_list
