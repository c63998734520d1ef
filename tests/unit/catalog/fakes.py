"""The catalog's use cases wired by the real container over in-memory adapters."""

from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import partial
from itertools import count
from uuid import UUID

from tests.unit.identity.builders import T0
from tutor_platform.catalog.adapters.outbound.memory.reader import InMemoryCatalogReader
from tutor_platform.catalog.adapters.outbound.memory.store import InMemoryCatalogStore
from tutor_platform.catalog.adapters.outbound.memory.unit_of_work import (
    InMemoryCatalogUnitOfWork,
)
from tutor_platform.catalog.application.create_course import NewCourse
from tutor_platform.catalog.application.create_lesson import NewLesson
from tutor_platform.catalog.container import CatalogContainer
from tutor_platform.catalog.domain.catalog import Course, Lesson, Section
from tutor_platform.catalog.domain.events import CourseChanged
from tutor_platform.shared.auth import Principal
from tutor_platform.shared.clock import FixedClock
from tutor_platform.shared.events import Event
from tutor_platform.shared.ids import new_id

_numbers = count(1)


def principal(role: str = "instructor", plan: str = "free") -> Principal:
    return Principal(user_id=new_id(), role=role, plan=plan)


@dataclass
class RecordedCatalogChanges:
    """The catalog's publisher: which courses and lessons changed, in order."""

    course_ids: list[UUID] = field(default_factory=list)
    lesson_ids: list[UUID] = field(default_factory=list)

    async def publish(self, events: Sequence[Event]) -> None:
        for event in events:
            if isinstance(event, CourseChanged):
                self.course_ids.append(event.course_id)
                self.lesson_ids.extend(event.lesson_ids)


@dataclass
class Catalog:
    container: CatalogContainer
    store: InMemoryCatalogStore
    changes: RecordedCatalogChanges
    clock: FixedClock

    async def course(
        self, owner: Principal, sections: int = 0, lessons: int = 0, **fields: object
    ) -> Course:
        """A course of ``owner`` with ``sections`` sections of ``lessons`` lessons each."""
        title = str(fields.pop("title", f"Course {next(_numbers)}"))
        course = await self.container.create_course().execute(
            owner,
            NewCourse(title=title, **fields),  # type: ignore[arg-type]
        )
        for s in range(sections):
            section = await self.container.create_section().execute(
                owner, course.id, f"Section {s + 1}"
            )
            for n in range(lessons):
                await self.container.create_lesson().execute(
                    owner, section.id, NewLesson(title=f"Lesson {s + 1}.{n + 1}")
                )
        return course

    def sections_of(self, course_id: UUID) -> list[Section]:
        found = [s for s in self.store.sections.values() if s.course_id == course_id]
        return sorted(found, key=lambda s: s.position)

    def lessons_of(self, section_id: UUID) -> list[Lesson]:
        found = [x for x in self.store.lessons.values() if x.section_id == section_id]
        return sorted(found, key=lambda x: x.position)

    def titles(self, course_id: UUID) -> list[list[str]]:
        """Lesson titles per section, in order; asserts positions are 1..n everywhere."""
        sections = self.sections_of(course_id)
        assert [s.position for s in sections] == list(range(1, len(sections) + 1))
        result = []
        for section in sections:
            lessons = self.lessons_of(section.id)
            assert [x.position for x in lessons] == list(range(1, len(lessons) + 1))
            result.append([x.title for x in lessons])
        return result


def make_catalog() -> Catalog:
    store = InMemoryCatalogStore()
    changes = RecordedCatalogChanges()
    clock = FixedClock(T0)
    container = CatalogContainer(
        clock=clock,
        catalog_uow_factory=partial(InMemoryCatalogUnitOfWork, store, changes),
        catalog_reader=InMemoryCatalogReader(store),
    )
    return Catalog(container, store, changes, clock)
