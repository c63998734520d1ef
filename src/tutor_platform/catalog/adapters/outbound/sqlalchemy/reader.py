"""The catalog's read side: Core queries on pooled autocommit connections (no ORM session,
no transaction). Every read takes a fixed number of statements: an outline is two (the course,
then its sections joined to their lessons' columns without content), whatever its size."""

from collections.abc import Collection
from typing import Any
from uuid import UUID

from sqlalchemy import ColumnElement, Select, func, or_, select
from sqlalchemy.ext.asyncio import AsyncEngine

from tutor_platform.catalog.adapters.outbound.sqlalchemy.tables import (
    CourseRow,
    LessonRow,
    SectionRow,
)
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
from tutor_platform.shared.persistence.mapping import to_entity

_COURSES = CourseRow.__table__
_SECTIONS = SectionRow.__table__
_LESSONS = LessonRow.__table__
_SUMMARY_COLUMNS = [column for column in _LESSONS.c if column.name != "content"]
_OUTLINE = (
    select(
        *[column.label(f"section_{column.name}") for column in _SECTIONS.c],
        *[column.label(f"lesson_{column.name}") for column in _SUMMARY_COLUMNS],
    )
    .select_from(_SECTIONS.outerjoin(_LESSONS, _LESSONS.c.section_id == _SECTIONS.c.id))
    .order_by(_SECTIONS.c.position, _LESSONS.c.position)
)


class _Prefixed:
    """The columns of a joined row that start with ``prefix``, by their table's names."""

    def __init__(self, row: Any, prefix: str) -> None:
        self._row = row
        self._prefix = prefix

    def __getattr__(self, name: str) -> Any:
        return getattr(self._row, self._prefix + name)


class SqlAlchemyCatalogReader:
    """Implements ``CatalogReader``."""

    def __init__(self, engine: AsyncEngine) -> None:
        self._engine = engine.execution_options(isolation_level="AUTOCOMMIT")

    async def course(self, course_id: UUID) -> Course | None:
        row = await self._first(select(_COURSES).where(_COURSES.c.id == course_id))
        return None if row is None else to_entity(row, Course)

    async def courses(self, course_ids: Collection[UUID]) -> list[Course]:
        async with self._engine.connect() as connection:
            rows = await connection.execute(select(_COURSES).where(_COURSES.c.id.in_(course_ids)))
        return [to_entity(row, Course) for row in rows]

    async def outline(self, course_id: UUID) -> CourseOutline | None:
        async with self._engine.connect() as connection:
            course = (
                await connection.execute(select(_COURSES).where(_COURSES.c.id == course_id))
            ).first()
            if course is None:
                return None
            rows = (
                await connection.execute(_OUTLINE.where(_SECTIONS.c.course_id == course_id))
            ).all()
        sections: dict[UUID, tuple[Section, list[LessonSummary]]] = {}
        for row in rows:
            if row.section_id not in sections:
                sections[row.section_id] = (to_entity(_Prefixed(row, "section_"), Section), [])
            if row.lesson_id is not None:
                lesson = to_entity(_Prefixed(row, "lesson_"), LessonSummary)
                sections[row.section_id][1].append(lesson)
        return CourseOutline(
            course=to_entity(course, Course),
            sections=tuple(
                SectionOutline(section, tuple(lessons)) for section, lessons in sections.values()
            ),
        )

    async def section(self, section_id: UUID) -> Section | None:
        row = await self._first(select(_SECTIONS).where(_SECTIONS.c.id == section_id))
        return None if row is None else to_entity(row, Section)

    async def lesson(self, lesson_id: UUID) -> Lesson | None:
        row = await self._first(select(_LESSONS).where(_LESSONS.c.id == lesson_id))
        return None if row is None else to_entity(row, Lesson)

    async def ordered_lessons(self, course_id: UUID) -> list[Lesson]:
        statement = (
            select(_LESSONS)
            .join(_SECTIONS, _SECTIONS.c.id == _LESSONS.c.section_id)
            .where(_LESSONS.c.course_id == course_id)
            .order_by(_SECTIONS.c.position, _LESSONS.c.position)
        )
        async with self._engine.connect() as connection:
            rows = (await connection.execute(statement)).all()
        return [to_entity(row, Lesson) for row in rows]

    async def list_courses(self, query: CourseQuery, page: PageRequest) -> tuple[list[Course], int]:
        conditions: list[ColumnElement[bool]] = []
        if not query.include_unpublished:
            visible: ColumnElement[bool] = _COURSES.c.is_published.is_(True)
            if query.instructor_id is not None:
                visible = or_(visible, _COURSES.c.instructor_id == query.instructor_id)
            conditions.append(visible)
        if query.subject is not None:
            conditions.append(func.lower(_COURSES.c.subject) == query.subject.lower())
        if query.difficulty is not None:
            conditions.append(_COURSES.c.difficulty == query.difficulty)
        if query.q:
            conditions.append(
                or_(
                    _COURSES.c.title.icontains(query.q, autoescape=True),
                    _COURSES.c.description.icontains(query.q, autoescape=True),
                )
            )
        count = select(func.count()).select_from(_COURSES).where(*conditions)
        rows = (
            select(_COURSES)
            .where(*conditions)
            .order_by(_COURSES.c.created_at.desc(), _COURSES.c.id.desc())
            .limit(page.limit)
            .offset(page.offset)
        )
        async with self._engine.connect() as connection:
            total = (await connection.execute(count)).scalar_one()
            found = (await connection.execute(rows)).all()
        return [to_entity(row, Course) for row in found], int(total)

    async def _first(self, statement: Select[Any]) -> Any:
        async with self._engine.connect() as connection:
            return (await connection.execute(statement)).first()
