"""What the PostgreSQL and SQLite search indexes share: snippet markup, ranking tiers, result
typing, and the course-order fallback that needs no full-text search."""

import html
import re
from collections.abc import Iterable
from typing import Any
from uuid import UUID

from sqlalchemy import Boolean, Float, Integer, Row, String, TextClause, bindparam, select
from sqlalchemy.ext.asyncio import AsyncEngine

from tutor_platform.catalog.adapters.outbound.sqlalchemy.tables import (
    CourseRow,
    LessonRow,
    SectionRow,
)
from tutor_platform.catalog.domain.search import Passage, SearchHit

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
    "tier": Integer,
}
PASSAGE_COLUMNS: dict[str, Any] = {"id": ID_TYPE, "title": String, "content": String}


# Ranking: a course whose title holds every word comes first, then lessons whose title does,
# then the rest; each tier in its database's own rank order. ``rank`` is (tier + rank) / 3.
COURSE_TITLE_TIER = 2
LESSON_TITLE_TIER = 1
TIERS = 3
# Markdown syntax a snippet drops (the text between stays): line prefixes (headings, quotes,
# list markers), fences and rules, table pipes, emphasis, code ticks; links keep their text.
_MARKDOWN_LINE_PREFIX = re.compile(
    r"^[ \t]*(?:#{1,6}[ \t]+|>[ \t]?|[-*+][ \t]+|\d+[.)][ \t]+)+", re.M
)
_MARKDOWN_BLOCK = re.compile(r"^[ \t]*(?:`{3,}|~{3,}).*$|^[ \t]*(?:[-*_][ \t]*){3,}$", re.M)
_MARKDOWN_TABLE_RULE = re.compile(
    r"^[ \t]*\|?(?:[ \t]*:?-{3,}:?[ \t]*\|)+[ \t]*:?-*:?[ \t]*$", re.M
)
_MARKDOWN_LINK = re.compile(r"!?\[([^\]]*)\]\([^)]*\)")
_MARKDOWN_EMPHASIS = re.compile(r"\*\*|__|~~|`|(?<!\w)[*_](?=\S)|(?<=\S)[*_](?!\w)")


def plain_text(markdown: str) -> str:
    """The words of a Markdown fragment without its syntax, on one line."""
    text = _MARKDOWN_BLOCK.sub(" ", markdown)
    text = _MARKDOWN_TABLE_RULE.sub(" ", text)
    text = _MARKDOWN_LINE_PREFIX.sub("", text)
    text = _MARKDOWN_LINK.sub(r"\1", text)
    text = _MARKDOWN_EMPHASIS.sub("", text).replace("|", " ")
    return " ".join(text.split())


def marked_snippet(raw: str) -> str:
    """HTML from Markdown whose matches are wrapped in the marker characters: plain text
    (:func:`plain_text`), everything escaped, the matches in ``<mark>``."""
    escaped = html.escape(plain_text(raw))
    return escaped.replace(MARK_START, "<mark>").replace(MARK_END, "</mark>")


def tiered(tier: int, rank: float) -> float:
    """The 0..1 rank of a hit in ``tier`` with its database's 0..1 ``rank``."""
    return (tier + min(max(rank, 0.0), 0.999999)) / TIERS


def with_course_id(statement: TextClause) -> TextClause:
    """A raw statement whose ``:course_id`` parameter converts like the ORM's ids."""
    return statement.bindparams(bindparam("course_id", type_=ID_TYPE))


def hit_of(row: Row[Any], snippet: str, rank: float) -> SearchHit:
    """The hit of a result row; ``rank`` is the database's own 0..1 rank (the tier is added)."""
    return SearchHit(
        type=row.type,
        id=row.id,
        course_id=row.course_id,
        title=row.title,
        snippet=marked_snippet(snippet),
        rank=tiered(row.tier, rank),
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
