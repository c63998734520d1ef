"""What the PostgreSQL and SQLite search indexes share: snippet markup, result typing, and
the course-order fallback that needs no full-text search."""

import html
from collections.abc import Iterable
from typing import Any
from uuid import UUID

from sqlalchemy import Boolean, Float, Row, String, TextClause, bindparam, select
from sqlalchemy.ext.asyncio import AsyncEngine

from tutor_platform.learning.adapters.outbound.sqlalchemy.tables import (
    CourseRow,
    LessonRow,
    SectionRow,
)
from tutor_platform.learning.domain.search import Passage, SearchHit

MARK_START = "\x02"
MARK_END = "\x03"
ID_TYPE = CourseRow.__table__.c.id.type
HIT_COLUMNS: dict[str, Any] = {
    "type": String,
    "id": ID_TYPE,
    "course_id": ID_TYPE,
    "instructor_id": ID_TYPE,
    "is_premium": Boolean,
    "title": String,
    "snippet": String,
    "rank": Float,
}
PASSAGE_COLUMNS: dict[str, Any] = {"id": ID_TYPE, "title": String, "content": String}


def marked_snippet(raw: str) -> str:
    """HTML from text whose matches are wrapped in the marker characters: everything escaped,
    the matches in ``<mark>``, runs of whitespace (Markdown line breaks) made one space."""
    escaped = html.escape(" ".join(raw.split()))
    return escaped.replace(MARK_START, "<mark>").replace(MARK_END, "</mark>")


def with_course_id(statement: TextClause) -> TextClause:
    """A raw statement whose ``:course_id`` parameter converts like the ORM's ids."""
    return statement.bindparams(bindparam("course_id", type_=ID_TYPE))


def hit_of(row: Row[Any], snippet: str, rank: float) -> SearchHit:
    return SearchHit(
        type=row.type,
        id=row.id,
        course_id=row.course_id,
        title=row.title,
        snippet=marked_snippet(snippet),
        rank=rank,
        instructor_id=row.instructor_id,
        is_premium=bool(row.is_premium),
    )


def passages_of(rows: Iterable[Row[Any]]) -> list[Passage]:
    return [Passage(lesson_id=row.id, title=row.title, text=row.content) for row in rows]


class SqlSearchIndex:
    """The parts of a search index both databases answer with the same SQL."""

    def __init__(self, engine: AsyncEngine) -> None:
        self._engine = engine

    async def leading_lessons(self, course_id: UUID, limit: int) -> list[Passage]:
        statement = (
            select(LessonRow.id, LessonRow.title, LessonRow.content)
            .join(SectionRow, SectionRow.id == LessonRow.section_id)
            .where(LessonRow.course_id == course_id)
            .order_by(SectionRow.position, LessonRow.position)
            .limit(limit)
        )
        async with self._engine.connect() as connection:
            return passages_of(await connection.execute(statement))
