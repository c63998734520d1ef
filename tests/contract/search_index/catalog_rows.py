"""Courses, sections and lessons written straight into the tables, as the catalog stores them."""

from itertools import count
from typing import Any, TypeVar
from uuid import UUID

from sqlalchemy import delete, update
from sqlalchemy.ext.asyncio import AsyncEngine

from tutor_platform.catalog.adapters.outbound.sqlalchemy.tables import (
    CourseRow,
    LessonRow,
    SectionRow,
)
from tutor_platform.shared.ids import new_id
from tutor_platform.shared.persistence.base import UUIDv7AuditBase
from tutor_platform.shared.persistence.engine import create_session_factory

_numbers = count(1)
Row = TypeVar("Row", bound=UUIDv7AuditBase)


class CatalogRows:
    """Adds and changes catalog rows; each call is its own committed transaction."""

    def __init__(self, engine: AsyncEngine) -> None:
        self._sessions = create_session_factory(engine)

    async def course(
        self,
        title: str,
        *,
        description: str = "",
        subject: str = "",
        published: bool = True,
        instructor_id: UUID | None = None,
    ) -> CourseRow:
        row = CourseRow(
            title=title,
            slug=f"course-{next(_numbers)}",
            description=description,
            subject=subject,
            difficulty="beginner",
            prerequisites=[],
            is_published=published,
            instructor_id=instructor_id or new_id(),
        )
        return await self._add(row)

    async def section(self, course: CourseRow, position: int = 1) -> SectionRow:
        return await self._add(SectionRow(course_id=course.id, title="Section", position=position))

    async def lesson(
        self,
        course: CourseRow,
        title: str,
        content: str = "",
        *,
        section: SectionRow | None = None,
        position: int | None = None,
        is_premium: bool = False,
    ) -> LessonRow:
        section = section or await self.section(course, position=next(_numbers))
        row = LessonRow(
            section_id=section.id,
            course_id=course.id,
            title=title,
            content=content,
            position=position or next(_numbers),
            estimated_minutes=10,
            is_premium=is_premium,
        )
        return await self._add(row)

    async def change(self, table: type[UUIDv7AuditBase], row_id: UUID, **values: Any) -> None:
        async with self._sessions.begin() as session:
            await session.execute(update(table).where(table.id == row_id).values(**values))

    async def remove(self, table: type[UUIDv7AuditBase], row_id: UUID) -> None:
        async with self._sessions.begin() as session:
            await session.execute(delete(table).where(table.id == row_id))

    async def _add(self, row: Row) -> Row:
        async with self._sessions.begin() as session:
            session.add(row)
        return row
