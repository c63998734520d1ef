"""The write side of the passage index: a lesson's passages replaced, and its courses' index
versions bumped, in one transaction."""

from collections.abc import Collection, Sequence
from uuid import UUID

import numpy as np
from sqlalchemy import delete, insert, literal, select
from sqlalchemy.dialects.postgresql import insert as postgresql_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.ext.asyncio import AsyncSession

from tutor_platform.catalog.adapters.outbound.sqlalchemy.tables import (
    CourseRow,
    LessonPassageRow,
    LessonRow,
    PassageIndexVersionRow,
)
from tutor_platform.catalog.ports.passages import LessonSource, StoredPassage
from tutor_platform.shared.persistence.unit_of_work import SqlAlchemyUnitOfWork


def vector_bytes(vector: Sequence[float]) -> bytes:
    """A vector as the table stores it: little-endian float32."""
    return np.asarray(vector, dtype="<f4").tobytes()


class SqlAlchemyPassageRepository:
    """Implements ``PassageRepository``; never commits."""

    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def clear(self, lesson_id: UUID) -> set[UUID]:
        removed = await self._session.execute(
            delete(LessonPassageRow)
            .where(LessonPassageRow.lesson_id == lesson_id)
            .returning(LessonPassageRow.course_id)
        )
        return set(removed.scalars())

    async def bump(self, course_ids: Collection[UUID]) -> None:
        """An upsert per course, in id order (two jobs bumping the same courses lock them in
        the same order); a course deleted meanwhile is skipped."""
        row = PassageIndexVersionRow
        insert_of = postgresql_insert if self._dialect() == "postgresql" else sqlite_insert
        for course_id in sorted(course_ids):
            existing = select(CourseRow.id, literal(1)).where(CourseRow.id == course_id)
            statement = insert_of(row).from_select(["course_id", "version"], existing)
            await self._session.execute(
                statement.on_conflict_do_update(
                    index_elements=[row.course_id], set_={"version": row.version + 1}
                )
            )

    def _dialect(self) -> str:
        return self._session.get_bind().dialect.name

    async def source(self, lesson_id: UUID) -> LessonSource | None:
        """``FOR SHARE`` on PostgreSQL: a lesson write waits until this transaction ends (on
        SQLite, the transaction already holds the database's write lock)."""
        statement = (
            select(LessonRow.id, LessonRow.course_id, LessonRow.title, LessonRow.content)
            .where(LessonRow.id == lesson_id)
            .with_for_update(read=True)
        )
        row = (await self._session.execute(statement)).one_or_none()
        if row is None:
            return None
        return LessonSource(row.id, row.course_id, row.title, row.content)

    async def add(self, passages: Sequence[StoredPassage]) -> None:
        if not passages:
            return
        await self._session.execute(
            insert(LessonPassageRow),
            [
                {
                    "id": p.id,
                    "lesson_id": p.lesson_id,
                    "course_id": p.course_id,
                    "position": p.position,
                    "heading": p.heading,
                    "markdown": p.markdown,
                    "text": p.text,
                    "search_text": p.search_text,
                    "embedding": vector_bytes(p.embedding),
                    "embedder": p.embedder,
                }
                for p in passages
            ],
        )

    async def lesson_ids(self) -> list[UUID]:
        statement = select(LessonRow.id).order_by(LessonRow.course_id, LessonRow.id)
        return list((await self._session.scalars(statement)).all())


class SqlAlchemyPassageUnitOfWork(SqlAlchemyUnitOfWork):
    passages: SqlAlchemyPassageRepository

    def _bind(self, session: AsyncSession) -> None:
        self.passages = SqlAlchemyPassageRepository(session)
