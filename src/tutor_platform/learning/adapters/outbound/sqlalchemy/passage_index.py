"""The read side of the passage index on both databases; full-text search differs per
database (``PostgresPassageIndex``, ``SqlitePassageIndex``), the rest is shared.

A retrieval is two statements on one connection: the course's index version with its full-text
ranking, then the chosen passages. Vector similarity is computed in the process with numpy:
each course's passage vectors (and the stems of their search text) are loaded once into a
matrix and kept (least recently used courses dropped first) under that version (the number of
the course's passages and the newest ``created_at``): any re-index, deletion or cascade
changes it, in every process.
"""

from collections import OrderedDict
from collections.abc import AsyncIterator, Sequence
from contextlib import asynccontextmanager
from dataclasses import dataclass
from typing import Any
from uuid import UUID

import numpy as np
from sqlalchemy import (
    Float,
    Integer,
    Row,
    Select,
    Subquery,
    bindparam,
    func,
    literal_column,
    select,
    text,
    true,
)
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncEngine

from tutor_platform.learning.adapters.outbound.sqlalchemy.tables import (
    CourseRow,
    LessonPassageRow,
    LessonRow,
)
from tutor_platform.learning.domain.passages import text_stems
from tutor_platform.learning.ports.passages import CandidateQuery, Candidates, PassageRecord

CACHED_COURSES = 64
_P = LessonPassageRow
_L = LessonRow
_COURSE = bindparam("course_id", type_=_P.course_id.type)
_LIMIT = bindparam("limit", type_=Integer)


@dataclass(frozen=True, slots=True)
class _CourseVectors:
    version: tuple[Any, ...]
    ids: list[UUID]
    premium: np.ndarray[Any, np.dtype[np.bool_]]
    matrix: np.ndarray[Any, np.dtype[np.float32]]
    stems: list[frozenset[str]]
    positions: dict[UUID, int]


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
    """What both databases answer with the same SQL; subclasses add full-text search
    (``_hits``: a subquery of passage ``id`` and ``rank_key``, lowest best, whose search
    parameters ``_search_parameters`` gives)."""

    def __init__(self, engine: AsyncEngine) -> None:
        self._engine = engine
        self._vectors: OrderedDict[tuple[UUID, str], _CourseVectors] = OrderedDict()
        self._statements: dict[bool | None, Select[Any]] = {}

    @asynccontextmanager
    async def reading(self) -> AsyncIterator["_Reads"]:
        async with self._engine.connect() as connection:
            yield _Reads(self, connection)

    def _hits(self, include_premium: bool) -> Subquery:
        """Up to ``:limit`` passages of ``:course_id`` matching the search parameters."""
        raise NotImplementedError

    def _search_parameters(self, terms: Sequence[str]) -> dict[str, str]:
        """The parameters of :meth:`_hits` for these terms."""
        raise NotImplementedError

    def _statement(self, include_premium: bool | None) -> Select[Any]:
        """The course's index version (``n``, ``m``) on every full-text hit, best first (with
        ``id`` NULL when none); only the version when ``include_premium`` is None (no terms)."""
        if include_premium not in self._statements:
            version = (
                select(func.count().label("n"), func.max(_P.created_at).label("m"))
                .where(_P.course_id == _COURSE, _P.embedder == bindparam("embedder"))
                .subquery("v")
            )
            if include_premium is None:
                statement = select(version.c.n, version.c.m, literal_column("NULL").label("id"))
            else:
                hits = self._hits(include_premium)
                statement = (
                    select(version.c.n, version.c.m, hits.c.id)
                    .select_from(version.outerjoin(hits, true()))
                    .order_by(hits.c.rank_key, hits.c.id)
                )
            self._statements[include_premium] = statement
        return self._statements[include_premium]

    def _cached(
        self, course_id: UUID, embedder: str, version: tuple[Any, ...]
    ) -> _CourseVectors | None:
        key = (course_id, embedder)
        cached = self._vectors.get(key)
        if cached is None or cached.version != version:
            return None
        self._vectors.move_to_end(key)
        return cached

    def _keep(self, course_id: UUID, embedder: str, vectors: _CourseVectors) -> None:
        key = (course_id, embedder)
        self._vectors[key] = vectors
        self._vectors.move_to_end(key)
        while len(self._vectors) > CACHED_COURSES:
            self._vectors.popitem(last=False)

    async def lesson_passages(self, lesson_id: UUID) -> list[PassageRecord]:
        statement = (
            select(*_RECORD_COLUMNS)
            .join(_L, _L.id == _P.lesson_id)
            .where(_P.lesson_id == lesson_id)
            .order_by(_P.position)
        )
        async with self._engine.connect() as connection:
            return [_record(row) for row in await connection.execute(statement)]


class _Reads:
    """The reads of one retrieval on one connection (``PassageReads``)."""

    def __init__(self, index: SqlPassageIndex, connection: AsyncConnection) -> None:
        self._index = index
        self._connection = connection

    async def candidates(self, query: CandidateQuery) -> Candidates:
        course_id, embedder = query.course_id, query.embedder
        statement, parameters = self._version_and_hits(query)
        rows = (await self._connection.execute(statement, parameters)).all()
        version = (rows[0].n, rows[0].m)
        lexical = [row.id for row in rows if row.id is not None]
        vectors = self._index._cached(course_id, embedder, version)
        if vectors is None:
            vectors = await self._load(course_id, embedder, version)
            self._index._keep(course_id, embedder, vectors)
        vector = np.asarray(query.vector, dtype=np.float32)
        if not vectors.ids or vectors.matrix.shape[1] != vector.shape[0]:
            return Candidates(lexical, [], {}, {})
        scores = np.clip(vectors.matrix @ vector, -1.0, 1.0)
        if not query.include_premium:
            scores = np.where(vectors.premium, -np.inf, scores)
        allowed = int(np.count_nonzero(np.isfinite(scores)))
        top = np.argsort(-scores, kind="stable")[: min(query.vector_limit, allowed)]
        known = vectors.positions
        wanted = [int(i) for i in top] + [known[p] for p in lexical if p in known]
        return Candidates(
            lexical=lexical,
            nearest=[vectors.ids[i] for i in top],
            similarity={vectors.ids[i]: float(scores[i]) for i in wanted},
            stems={vectors.ids[i]: vectors.stems[i] for i in wanted},
        )

    async def passages(self, passage_ids: Sequence[UUID]) -> list[PassageRecord]:
        if not passage_ids:
            return []
        statement = (
            select(*_RECORD_COLUMNS)
            .join(_L, _L.id == _P.lesson_id)
            .where(_P.id.in_(list(passage_ids)))
        )
        return [_record(row) for row in await self._connection.execute(statement)]

    def _version_and_hits(self, query: CandidateQuery) -> tuple[Select[Any], dict[str, Any]]:
        """One row per full-text hit (best first), each with the course's index version
        (``n``, ``m``); one row with ``id`` NULL when nothing matches."""
        parameters = {
            "course_id": query.course_id,
            "embedder": query.embedder,
            "limit": query.lexical_limit,
        }
        if not query.terms:
            return self._index._statement(None), parameters
        statement = self._index._statement(query.include_premium)
        return statement, parameters | self._index._search_parameters(query.terms)

    async def _load(
        self, course_id: UUID, embedder: str, version: tuple[Any, ...]
    ) -> _CourseVectors:
        rows = (
            await self._connection.execute(
                select(_P.id, _P.embedding, _P.search_text, _L.is_premium)
                .join(_L, _L.id == _P.lesson_id)
                .where(_P.course_id == course_id, _P.embedder == embedder)
                .order_by(_P.id)
            )
        ).all()
        return _matrix(version, rows)


def _matrix(version: tuple[Any, ...], rows: Sequence[Row[Any]]) -> _CourseVectors:
    if not rows:
        empty = np.zeros((0, 0), dtype=np.float32)
        return _CourseVectors(version, [], np.zeros(0, dtype=bool), empty, [], {})
    width = len(rows[0].embedding) // 4
    usable = [row for row in rows if len(row.embedding) == width * 4]
    matrix = np.frombuffer(b"".join(row.embedding for row in usable), dtype="<f4")
    return _CourseVectors(
        version=version,
        ids=[row.id for row in usable],
        premium=np.array([bool(row.is_premium) for row in usable], dtype=bool),
        matrix=matrix.reshape(len(usable), width).astype(np.float32),
        stems=[text_stems(row.search_text) for row in usable],
        positions={row.id: i for i, row in enumerate(usable)},
    )


def _premium_filter() -> Any:
    return _L.is_premium.is_(False)


class PostgresPassageIndex(SqlPassageIndex):
    """Full-text search over the generated ``search_vector`` (english configuration), any of
    the terms, ranked by ``ts_rank`` normalised by the passage's length."""

    def _hits(self, include_premium: bool) -> Subquery:
        vector: Any = literal_column("lesson_passages.search_vector")
        query = func.to_tsquery(literal_column("'english'::regconfig"), bindparam("q"))
        key = (-func.ts_rank(vector, query, 1, type_=Float)).label("rank_key")
        statement = select(_P.id, key).where(_P.course_id == _COURSE, vector.op("@@")(query))
        if not include_premium:
            statement = statement.join(_L, _L.id == _P.lesson_id).where(_premium_filter())
        return statement.order_by(key, _P.id).limit(_LIMIT).subquery("h")

    def _search_parameters(self, terms: Sequence[str]) -> dict[str, str]:
        return {"q": _tsquery(terms)}

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

    def _hits(self, include_premium: bool) -> Subquery:
        fts = text(_FTS_MATCH).columns(id=_P.id.type, rank=Float).subquery("fts")
        statement = (
            select(_P.id, fts.c.rank.label("rank_key"))
            .join(fts, fts.c.id == _P.id)
            .where(_P.course_id == _COURSE)
        )
        if not include_premium:
            statement = statement.join(_L, _L.id == _P.lesson_id).where(_premium_filter())
        return statement.order_by(fts.c.rank, _P.id).limit(_LIMIT).subquery("h")

    def _search_parameters(self, terms: Sequence[str]) -> dict[str, str]:
        return {"match": _fts_match(terms)}

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
