"""Courses, sections and lessons on SQLAlchemy, inside a unit of work's session.

Positions are unique per parent in the schema, and PostgreSQL checks that row by row, so a
renumbering first parks every row it touches on the negative of its final position, then
flips them back: no two rows ever share a position mid-statement.
"""

from collections.abc import Awaitable, Mapping
from datetime import datetime
from typing import Any, cast
from uuid import UUID

from sqlalchemy import Table, case, literal, select, update
from sqlalchemy.exc import IntegrityError

from tutor_platform.catalog.adapters.outbound.sqlalchemy.tables import (
    CourseRow,
    LessonRow,
    SectionRow,
)
from tutor_platform.catalog.domain.catalog import PLACEMENT_FIELDS, Course, Lesson, Section
from tutor_platform.catalog.domain.errors import (
    CourseNotFound,
    LessonNotFound,
    SectionNotFound,
    SlugTaken,
)
from tutor_platform.shared.persistence.repository import E, Repository

_COURSES = cast(Table, CourseRow.__table__)
_SECTIONS = cast(Table, SectionRow.__table__)
_LESSONS = cast(Table, LessonRow.__table__)


class SqlAlchemyCourseRepository(Repository[Course]):
    table = _COURSES
    entity = Course
    not_found = CourseNotFound

    async def lock(self, course_id: UUID) -> Course | None:
        """``SELECT ... FOR UPDATE`` on PostgreSQL. SQLite has no row locks: a no-op UPDATE
        takes the database's write lock (waiting for other writers) before the read."""
        c = _COURSES.c
        if self._session.bind.dialect.name == "sqlite":
            await self._write(
                update(_COURSES).where(c.id == course_id).values(updated_at=c.updated_at)
            )
        row = (
            await self._session.execute(select(_COURSES).where(c.id == course_id).with_for_update())
        ).first()
        return None if row is None else self._entity(row)

    async def slugs_taken(self, slugs: set[str]) -> set[str]:
        if not slugs:
            return set()
        found = await self._session.scalars(
            select(_COURSES.c.slug).where(_COURSES.c.slug.in_(slugs))
        )
        return set(found)

    async def add(self, entity: Course) -> None:
        await _unique_slug(super().add(entity))

    async def update(self, entity: Course) -> None:
        await _unique_slug(super().update(entity))


async def _unique_slug(write: Awaitable[None]) -> None:
    try:
        await write
    except IntegrityError as exc:
        if "slug" in str(exc.orig).lower():
            raise SlugTaken() from exc
        raise


class _Positioned(Repository[E]):
    """Sections or lessons: ordered by position under their parent."""

    parent: str

    async def ordered_ids(self, parent_id: UUID) -> list[UUID]:
        c = self.table.c
        ids = await self._session.scalars(
            select(c.id).where(c[self.parent] == parent_id).order_by(c.position)
        )
        return list(ids)

    async def update(self, entity: E) -> None:
        """Save every field but the placement ones (``PLACEMENT_FIELDS``), so an edit never
        undoes a concurrent move."""
        values = self._values(entity)
        edited = {k: v for k, v in values.items() if k not in PLACEMENT_FIELDS}
        statement = update(self.table).where(self.table.c.id == values["id"]).values(edited)
        if await self._write(statement) != 1 and self.not_found is not None:
            raise self.not_found()

    async def _renumber(
        self, placements: Mapping[UUID, tuple[UUID | None, int]], now: datetime
    ) -> None:
        """Two UPDATEs: to the negative final positions (and new parents), then to the
        positives."""
        if not placements:
            return
        c = self.table.c
        values: dict[str, Any] = {
            "position": case(
                *[(c.id == key, -at) for key, (_, at) in placements.items()], else_=c.position
            ),
            "updated_at": now,
        }
        if self.table is _LESSONS:
            values["section_id"] = case(
                *[
                    (c.id == key, literal(parent, c.section_id.type))
                    for key, (parent, _) in placements.items()
                ],
                else_=c.section_id,
            )
        matching = c.id.in_(list(placements))
        await self._write(update(self.table).where(matching).values(**values))
        await self._write(
            update(self.table).where(matching).values(position=-c.position, updated_at=now)
        )


class SqlAlchemySectionRepository(_Positioned[Section]):
    table = _SECTIONS
    entity = Section
    not_found = SectionNotFound
    parent = "course_id"

    async def set_positions(self, positions: Mapping[UUID, int], now: datetime) -> None:
        await self._renumber({key: (None, at) for key, at in positions.items()}, now)


class SqlAlchemyLessonRepository(_Positioned[Lesson]):
    table = _LESSONS
    entity = Lesson
    not_found = LessonNotFound
    parent = "section_id"

    async def set_positions(
        self, placements: Mapping[UUID, tuple[UUID, int]], now: datetime
    ) -> None:
        await self._renumber(placements, now)
