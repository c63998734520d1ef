"""The read side of the passage index on both databases; full-text search differs per
database (``PostgresPassageIndex``, ``SqlitePassageIndex``), the rest is shared.

Vector similarity is computed in the process with numpy: each course's passage vectors are
loaded once into a matrix and kept (least recently used courses dropped first) under a
version read from the table on every query (the number of the course's passages and the
newest ``created_at``): any re-index, deletion or cascade changes it, in every process.
"""

from collections import OrderedDict
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any
from uuid import UUID

import numpy as np
from sqlalchemy import Float, Row, func, select, text
from sqlalchemy.ext.asyncio import AsyncEngine

from tutor_platform.learning.adapters.outbound.sqlalchemy.tables import (
    CourseRow,
    LessonPassageRow,
    LessonRow,
)
from tutor_platform.learning.ports.passages import PassageRecord

CACHED_COURSES = 64
_P = LessonPassageRow
_L = LessonRow


@dataclass(frozen=True, slots=True)
class _CourseVectors:
    version: tuple[Any, ...]
    ids: list[UUID]
    premium: np.ndarray[Any, np.dtype[np.bool_]]
    matrix: np.ndarray[Any, np.dtype[np.float32]]


def _record(row: Row[Any]) -> PassageRecord:
    return PassageRecord(
        id=row.id,
        lesson_id=row.lesson_id,
        course_id=row.course_id,
        lesson_title=row.title,
        position=row.position,
        heading=row.heading,
        markdown=row.markdown,
        text=row.text,
        search_text=row.search_text,
        is_premium=bool(row.is_premium),
    )


_RECORD_COLUMNS = (
    _P.id,
    _P.lesson_id,
    _P.course_id,
    _L.title,
    _P.position,
    _P.heading,
    _P.markdown,
    _P.text,
    _P.search_text,
    _L.is_premium,
)


class SqlPassageIndex:
    """What both databases answer with the same SQL; subclasses add full-text search."""

    def __init__(self, engine: AsyncEngine) -> None:
        self._engine = engine
        self._vectors: OrderedDict[tuple[UUID, str], _CourseVectors] = OrderedDict()

    async def similarities(
        self, course_id: UUID, vector: Sequence[float], embedder: str, *, include_premium: bool
    ) -> dict[UUID, float]:
        query = np.asarray(vector, dtype=np.float32)
        vectors = await self._course_vectors(course_id, embedder)
        if not vectors.ids or vectors.matrix.shape[1] != query.shape[0]:
            return {}
        scores = np.clip(vectors.matrix @ query, -1.0, 1.0)
        keep = np.ones(len(vectors.ids), dtype=bool) if include_premium else ~vectors.premium
        return {vectors.ids[i]: float(scores[i]) for i in np.flatnonzero(keep)}

    async def _course_vectors(self, course_id: UUID, embedder: str) -> _CourseVectors:
        key = (course_id, embedder)
        version_query = select(func.count(), func.max(_P.created_at)).where(
            _P.course_id == course_id, _P.embedder == embedder
        )
        async with self._engine.connect() as connection:
            version = tuple((await connection.execute(version_query)).one())
            cached = self._vectors.get(key)
            if cached is not None and cached.version == version:
                self._vectors.move_to_end(key)
                return cached
            rows = (
                await connection.execute(
                    select(_P.id, _P.embedding, _L.is_premium)
                    .join(_L, _L.id == _P.lesson_id)
                    .where(_P.course_id == course_id, _P.embedder == embedder)
                    .order_by(_P.id)
                )
            ).all()
        loaded = _matrix(version, rows)
        self._vectors[key] = loaded
        self._vectors.move_to_end(key)
        while len(self._vectors) > CACHED_COURSES:
            self._vectors.popitem(last=False)
        return loaded

    async def passages(self, passage_ids: Sequence[UUID]) -> list[PassageRecord]:
        if not passage_ids:
            return []
        statement = (
            select(*_RECORD_COLUMNS)
            .join(_L, _L.id == _P.lesson_id)
            .where(_P.id.in_(list(passage_ids)))
        )
        async with self._engine.connect() as connection:
            return [_record(row) for row in await connection.execute(statement)]

    async def lesson_passages(self, lesson_id: UUID) -> list[PassageRecord]:
        statement = (
            select(*_RECORD_COLUMNS)
            .join(_L, _L.id == _P.lesson_id)
            .where(_P.lesson_id == lesson_id)
            .order_by(_P.position)
        )
        async with self._engine.connect() as connection:
            return [_record(row) for row in await connection.execute(statement)]


def _matrix(version: tuple[Any, ...], rows: Sequence[Row[Any]]) -> _CourseVectors:
    if not rows:
        empty = np.zeros((0, 0), dtype=np.float32)
        return _CourseVectors(version, [], np.zeros(0, dtype=bool), empty)
    width = len(rows[0].embedding) // 4
    usable = [row for row in rows if len(row.embedding) == width * 4]
    matrix = np.frombuffer(b"".join(row.embedding for row in usable), dtype="<f4")
    return _CourseVectors(
        version=version,
        ids=[row.id for row in usable],
        premium=np.array([bool(row.is_premium) for row in usable], dtype=bool),
        matrix=matrix.reshape(len(usable), width).astype(np.float32),
    )


def _premium_filter(include_premium: bool) -> Any:
    return text("true") if include_premium else _L.is_premium.is_(False)


class PostgresPassageIndex(SqlPassageIndex):
    """Full-text search over the generated ``search_vector`` (english configuration), any of
    the terms, ranked by ``ts_rank`` normalised by the passage's length."""

    async def lexical_ranking(
        self, course_id: UUID, terms: Sequence[str], limit: int, *, include_premium: bool
    ) -> list[UUID]:
        if not terms:
            return []
        matches = text("lesson_passages.search_vector @@ to_tsquery('english', :q)")
        rank = text("ts_rank(lesson_passages.search_vector, to_tsquery('english', :q), 1) DESC")
        statement = (
            select(_P.id)
            .join(_L, _L.id == _P.lesson_id)
            .where(_P.course_id == course_id, matches, _premium_filter(include_premium))
            .order_by(rank, _P.id)
            .limit(limit)
        )
        async with self._engine.connect() as connection:
            found = await connection.execute(statement, {"q": _tsquery(terms)})
            return list(found.scalars())

    async def matching_courses(self, terms: Sequence[str], limit: int) -> list[UUID]:
        if not terms:
            return []
        rank = func.max(
            text("ts_rank(lesson_passages.search_vector, to_tsquery('english', :q), 1)")
        )
        statement = (
            select(_P.course_id)
            .join(CourseRow, CourseRow.id == _P.course_id)
            .where(
                CourseRow.is_published.is_(True),
                text("lesson_passages.search_vector @@ to_tsquery('english', :q)"),
            )
            .group_by(_P.course_id)
            .order_by(rank.desc(), _P.course_id)
            .limit(limit)
        )
        async with self._engine.connect() as connection:
            found = await connection.execute(statement, {"q": _tsquery(terms)})
            return list(found.scalars())


def _tsquery(terms: Sequence[str]) -> str:
    """Any of the terms; each is letters and digits only, quoted as a lexeme."""
    return " | ".join(f"'{term}'" for term in terms)


_FTS_MATCH = (
    "SELECT m.passage_id AS id, bm25(lesson_passages_fts) AS rank "
    "FROM lesson_passages_fts JOIN lesson_passages_fts_ids AS m "
    "ON m.doc_id = lesson_passages_fts.rowid WHERE lesson_passages_fts MATCH :match"
)


class SqlitePassageIndex(SqlPassageIndex):
    """Full-text search over the FTS5 table (porter stemming), any of the terms (each quoted,
    so no term is read as FTS5 syntax), ranked by ``bm25``."""

    async def lexical_ranking(
        self, course_id: UUID, terms: Sequence[str], limit: int, *, include_premium: bool
    ) -> list[UUID]:
        if not terms:
            return []
        hits = text(_FTS_MATCH).columns(id=_P.id.type, rank=Float).subquery("hits")
        statement = (
            select(_P.id)
            .join(hits, hits.c.id == _P.id)
            .join(_L, _L.id == _P.lesson_id)
            .where(_P.course_id == course_id, _premium_filter(include_premium))
            .order_by(hits.c.rank, _P.id)
            .limit(limit)
        )
        async with self._engine.connect() as connection:
            found = await connection.execute(statement, {"match": _fts_match(terms)})
            return list(found.scalars())

    async def matching_courses(self, terms: Sequence[str], limit: int) -> list[UUID]:
        if not terms:
            return []
        hits = text(_FTS_MATCH).columns(id=_P.id.type, rank=Float).subquery("hits")
        statement = (
            select(_P.course_id)
            .join(hits, hits.c.id == _P.id)
            .join(CourseRow, CourseRow.id == _P.course_id)
            .where(CourseRow.is_published.is_(True))
            .order_by(hits.c.rank)
            .limit(200)
        )
        async with self._engine.connect() as connection:
            found = await connection.execute(statement, {"match": _fts_match(terms)})
            courses = list(dict.fromkeys(found.scalars()))
        return courses[:limit]


def _fts_match(terms: Sequence[str]) -> str:
    return " OR ".join(f'"{term}"' for term in terms)
