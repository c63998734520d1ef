"""Loading catalog items for a caller: hidden ones are 404, others' courses are 403 to change.

Writers lock the course first, then re-read the section or lesson under that lock, so what
they renumber is what is committed. Every catalog write goes through :func:`course_to_edit`
or :func:`add_course`, which record ``CourseChanged`` on the unit of work: its commit
publishes it (the read cache drops the course, changed lessons are re-indexed).
"""

from collections.abc import Sequence
from typing import TypeVar
from uuid import UUID

from tutor_platform.catalog.domain.access import ensure_can_edit_course, ensure_can_view_course
from tutor_platform.catalog.domain.catalog import Course, Lesson, Section
from tutor_platform.catalog.domain.errors import CourseNotFound, LessonNotFound, SectionNotFound
from tutor_platform.catalog.domain.events import CourseChanged
from tutor_platform.catalog.ports.reader import CatalogReader
from tutor_platform.catalog.ports.unit_of_work import CatalogUnitOfWork
from tutor_platform.shared.auth import Principal
from tutor_platform.shared.errors import NotFound
from tutor_platform.shared.pagination import Page, PageRequest

Item = TypeVar("Item")


async def visible_course(
    reader: CatalogReader, principal: Principal | None, course_id: UUID
) -> Course:
    """The course if the caller may see it, else ``CourseNotFound``."""
    course = await reader.course(course_id)
    if course is None:
        raise CourseNotFound()
    ensure_can_view_course(principal, course)
    return course


async def course_to_edit(
    uow: CatalogUnitOfWork,
    principal: Principal,
    course_id: UUID,
    missing: NotFound | None = None,
    lesson_ids: Sequence[UUID] = (),
) -> Course:
    """The course, locked; ``missing`` (default ``CourseNotFound``) or ``NotCourseEditor``.
    A commit of ``uow`` publishes that the course (and ``lesson_ids``) changed."""
    course = await uow.courses.lock(course_id)
    if course is None:
        raise missing or CourseNotFound()
    ensure_can_edit_course(principal, course)
    uow.record(CourseChanged(course.id, tuple(lesson_ids)))
    return course


async def add_course(uow: CatalogUnitOfWork, course: Course) -> None:
    """Add a new course; a commit of ``uow`` publishes that it changed."""
    await uow.courses.add(course)
    uow.record(CourseChanged(course.id))


async def section_to_edit(
    uow: CatalogUnitOfWork,
    principal: Principal,
    section_id: UUID,
    lesson_ids: Sequence[UUID] = (),
) -> tuple[Course, Section]:
    found = await uow.sections.get(section_id)
    if found is None:
        raise SectionNotFound()
    course = await course_to_edit(uow, principal, found.course_id, SectionNotFound(), lesson_ids)
    section = await uow.sections.get(section_id)
    if section is None:
        raise SectionNotFound()
    return course, section


async def lesson_to_edit(
    uow: CatalogUnitOfWork, principal: Principal, lesson_id: UUID
) -> tuple[Course, Lesson]:
    found = await uow.lessons.get(lesson_id)
    if found is None:
        raise LessonNotFound()
    course = await course_to_edit(uow, principal, found.course_id, LessonNotFound(), [lesson_id])
    lesson = await uow.lessons.get(lesson_id)
    if lesson is None:
        raise LessonNotFound()
    return course, lesson


def page_of(items: list[Item], page: PageRequest) -> Page[Item]:
    """One page of an already loaded list."""
    return Page(
        items=items[page.offset : page.offset + page.limit],
        total=len(items),
        limit=page.limit,
        offset=page.offset,
    )
