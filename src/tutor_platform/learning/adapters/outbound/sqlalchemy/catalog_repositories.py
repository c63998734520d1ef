"""Courses, sections and lessons on SQLAlchemy, inside a unit of work's session.

Positions are unique per parent in the schema, and PostgreSQL checks that row by row, so a
renumbering first parks every row it touches on the negative of its final position, then
flips them back: no two rows ever share a position mid-statement.
"""

from collections.abc import Mapping
from datetime import datetime
from typing import Any
from uuid import UUID

from sqlalchemy import ColumnElement, case, delete, literal, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession

from tutor_platform.learning.adapters.outbound.sqlalchemy.mappers import (
    copy_course_to_row,
    course_from_row,
    lesson_from_row,
    lesson_to_row,
    section_from_row,
    section_to_row,
)
from tutor_platform.learning.adapters.outbound.sqlalchemy.tables import (
    CourseRow,
    LessonRow,
    SectionRow,
)
from tutor_platform.learning.domain.catalog import Course, Lesson, Section
from tutor_platform.learning.domain.errors import (
    CourseNotFound,
    LessonNotFound,
    SectionNotFound,
    SlugTaken,
)

_FRESH = {"populate_existing": True}
_NO_SYNC = {"synchronize_session": False}


class SqlAlchemyCourseRepository:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def get(self, course_id: UUID) -> Course | None:
        row = await self._session.scalar(
            select(CourseRow).where(CourseRow.id == course_id).execution_options(**_FRESH)
        )
        return None if row is None else course_from_row(row)

    async def lock(self, course_id: UUID) -> Course | None:
        """``SELECT ... FOR UPDATE`` on PostgreSQL. SQLite has no row locks: a no-op UPDATE
        takes the database's write lock (waiting for other writers) before the read."""
        if self._session.bind.dialect.name == "sqlite":
            await self._session.execute(
                update(CourseRow)
                .where(CourseRow.id == course_id)
                .values(updated_at=CourseRow.updated_at),
                execution_options=_NO_SYNC,
            )
        row = await self._session.scalar(
            select(CourseRow)
            .where(CourseRow.id == course_id)
            .with_for_update()
            .execution_options(**_FRESH)
        )
        return None if row is None else course_from_row(row)

    async def slugs_taken(self, slugs: set[str]) -> set[str]:
        if not slugs:
            return set()
        found = await self._session.scalars(select(CourseRow.slug).where(CourseRow.slug.in_(slugs)))
        return set(found)

    async def add(self, course: Course) -> None:
        self._session.add(copy_course_to_row(course, CourseRow()))
        await self._flush()

    async def update(self, course: Course) -> None:
        row = await self._session.get(CourseRow, course.id)
        if row is None:
            raise CourseNotFound()
        copy_course_to_row(course, row)
        await self._flush()

    async def delete(self, course_id: UUID) -> None:
        await self._session.execute(
            delete(CourseRow).where(CourseRow.id == course_id), execution_options=_NO_SYNC
        )

    async def _flush(self) -> None:
        try:
            await self._session.flush()
        except IntegrityError as exc:
            if "slug" in str(exc.orig).lower():
                raise SlugTaken() from exc
            raise


class SqlAlchemySectionRepository:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def get(self, section_id: UUID) -> Section | None:
        row = await self._session.scalar(
            select(SectionRow).where(SectionRow.id == section_id).execution_options(**_FRESH)
        )
        return None if row is None else section_from_row(row)

    async def ordered_ids(self, course_id: UUID) -> list[UUID]:
        ids = await self._session.scalars(
            select(SectionRow.id)
            .where(SectionRow.course_id == course_id)
            .order_by(SectionRow.position)
        )
        return list(ids)

    async def add(self, section: Section) -> None:
        self._session.add(section_to_row(section))
        await self._session.flush()

    async def update(self, section: Section) -> None:
        result = await self._session.execute(
            update(SectionRow)
            .where(SectionRow.id == section.id)
            .values(title=section.title, updated_at=section.updated_at),
            execution_options=_NO_SYNC,
        )
        if _rowcount(result) != 1:
            raise SectionNotFound()

    async def delete(self, section_id: UUID) -> None:
        await self._session.execute(
            delete(SectionRow).where(SectionRow.id == section_id), execution_options=_NO_SYNC
        )

    async def set_positions(self, positions: Mapping[UUID, int], now: datetime) -> None:
        await _renumber(
            self._session, SectionRow, {key: (None, at) for key, at in positions.items()}, now
        )


class SqlAlchemyLessonRepository:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def get(self, lesson_id: UUID) -> Lesson | None:
        row = await self._session.scalar(
            select(LessonRow).where(LessonRow.id == lesson_id).execution_options(**_FRESH)
        )
        return None if row is None else lesson_from_row(row)

    async def ordered_ids(self, section_id: UUID) -> list[UUID]:
        ids = await self._session.scalars(
            select(LessonRow.id)
            .where(LessonRow.section_id == section_id)
            .order_by(LessonRow.position)
        )
        return list(ids)

    async def add(self, lesson: Lesson) -> None:
        self._session.add(lesson_to_row(lesson))
        await self._session.flush()

    async def update(self, lesson: Lesson) -> None:
        result = await self._session.execute(
            update(LessonRow)
            .where(LessonRow.id == lesson.id)
            .values(
                title=lesson.title,
                content=lesson.content,
                estimated_minutes=lesson.estimated_minutes,
                is_premium=lesson.is_premium,
                updated_at=lesson.updated_at,
            ),
            execution_options=_NO_SYNC,
        )
        if _rowcount(result) != 1:
            raise LessonNotFound()

    async def delete(self, lesson_id: UUID) -> None:
        await self._session.execute(
            delete(LessonRow).where(LessonRow.id == lesson_id), execution_options=_NO_SYNC
        )

    async def set_positions(
        self, placements: Mapping[UUID, tuple[UUID, int]], now: datetime
    ) -> None:
        await _renumber(self._session, LessonRow, placements, now)


async def _renumber(
    session: AsyncSession,
    table: type[SectionRow] | type[LessonRow],
    placements: Mapping[UUID, tuple[UUID | None, int]],
    now: datetime,
) -> None:
    """Two UPDATEs: to the negative final positions (and new parents), then to the positives."""
    if not placements:
        return
    ids = list(placements)
    values: dict[str, Any] = {
        "position": case(
            *[(table.id == key, -at) for key, (_, at) in placements.items()],
            else_=table.position,
        ),
        "updated_at": now,
    }
    if table is LessonRow:
        values["section_id"] = case(
            *[
                (LessonRow.id == key, literal(parent, LessonRow.section_id.type))
                for key, (parent, _) in placements.items()
            ],
            else_=LessonRow.section_id,
        )
    matching: ColumnElement[bool] = table.id.in_(ids)
    await session.execute(
        update(table).where(matching).values(**values), execution_options=_NO_SYNC
    )
    await session.execute(
        update(table).where(matching).values(position=-table.position, updated_at=now),
        execution_options=_NO_SYNC,
    )


def _rowcount(result: object) -> int:
    return int(getattr(result, "rowcount", 0) or 0)
