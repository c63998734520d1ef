"""The read side of the passage index on both databases; the search of courses by their
passages differs per database (``PostgresPassageIndex``, ``SqlitePassageIndex``), the rest is
shared.

Each course's passage vectors and the stemmed words of their search text are loaded once and
kept in the process (least recently used courses dropped first) under the course's index
version (a row that every index job of the course bumps, ``passage_index_versions``). Both
rankings are computed here from that copy: cosine similarity with numpy, and full-text as BM25
over the course's words (the same stems as the relevance rule's word share). A retrieval is
then one statement, outside a transaction: the chosen passages by id together with the
version; when the version has moved on, the copy is loaded again and the choice made again. A
chosen passage that is gone (a cascade deletion no index job followed) drops the copy too.
"""

from collections import OrderedDict
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, Final
from uuid import UUID

import numpy as np
from sqlalchemy import Float, Row, Select, bindparam, func, select, text
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncEngine

from tutor_platform.catalog.adapters.outbound.sqlalchemy.tables import (
    CourseRow,
    LessonPassageRow,
    LessonRow,
    PassageIndexVersionRow,
)
from tutor_platform.catalog.domain.passages import code_search_text, stem, words_of
from tutor_platform.catalog.ports.passages import (
    CandidateQuery,
    Candidates,
    Choose,
    PassageRecord,
)

CACHED_COURSES = 64
CACHED_BYTES = 64 * 2**20
"""The cached courses' vectors, postings and stems at most (estimated, see ``_nbytes``); past
either bound the least recently used course goes first (the newest one always stays)."""
_OBJECT_BYTES = 64
RETRIES = 3
"""Times a retrieval loads a course's vectors again when its index keeps moving on."""
_P = LessonPassageRow
_L = LessonRow
_V = PassageIndexVersionRow
_COURSE = bindparam("course_id", type_=_P.course_id.type)
BM25_K1 = 1.2
BM25_B = 0.75


@dataclass(frozen=True, slots=True)
class _CourseVectors:
    version: int
    ids: list[UUID]
    premium: np.ndarray[Any, np.dtype[np.bool_]]
    matrix: np.ndarray[Any, np.dtype[np.float32]]
    stems: list[frozenset[str]]
    positions: dict[UUID, int]
    postings: dict[str, tuple[np.ndarray[Any, np.dtype[np.intp]], np.ndarray[Any, Any]]]
    """Each stem: the passages holding it (positions) and how often each holds it."""
    lengths: np.ndarray[Any, np.dtype[np.float32]]
    """Each passage's length in words over the course's mean."""

    def nbytes(self) -> int:
        """An estimate of the memory held: arrays at size, every other object at 64 bytes."""
        arrays = self.matrix.nbytes + self.premium.nbytes + self.lengths.nbytes
        postings = sum(
            3 * _OBJECT_BYTES + len(term) + where.nbytes + frequency.nbytes
            for term, (where, frequency) in self.postings.items()
        )
        stems = sum(_OBJECT_BYTES * (1 + len(each)) for each in self.stems)
        return arrays + postings + stems + 3 * _OBJECT_BYTES * len(self.ids)

    def bm25(self, stems: Sequence[str]) -> np.ndarray[Any, np.dtype[np.float64]]:
        """Each passage's BM25 score for the question's stems (0 when it holds none)."""
        scores = np.zeros(len(self.ids))
        count = len(self.ids)
        for term in dict.fromkeys(stems):
            if term not in self.postings:
                continue
            where, frequency = self.postings[term]
            idf = np.log(1 + (count - len(where) + 0.5) / (len(where) + 0.5))
            norm = BM25_K1 * (1 - BM25_B + BM25_B * self.lengths[where])
            scores[where] += idf * frequency * (BM25_K1 + 1) / (frequency + norm)
        return scores


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
    """What both databases answer with the same SQL; subclasses add the search of courses."""

    def __init__(self, engine: AsyncEngine) -> None:
        self._engine = engine
        self._vectors: OrderedDict[tuple[UUID, str], _CourseVectors] = OrderedDict()
        self._weights: dict[tuple[UUID, str], int] = {}

    async def retrieve(self, query: CandidateQuery, choose: Choose) -> list[PassageRecord]:
        key = (query.course_id, query.embedder)
        async with self._engine.connect() as connection:
            await connection.execution_options(isolation_level="AUTOCOMMIT")
            vectors = self._vectors.get(key)
            for _ in range(RETRIES):
                if vectors is None:
                    vectors = await _load(connection, query.course_id, query.embedder)
                    self._keep(query.course_id, query.embedder, vectors)
                chosen = list(choose(_candidates(vectors, query)))
                version, records = await _chosen(connection, query.course_id, chosen)
                if version == vectors.version:
                    break
                vectors = None
        if len(records) < len(set(chosen)):
            self._forget(query.course_id, query.embedder)
        elif key in self._vectors:
            self._vectors.move_to_end(key)
        return records

    def _forget(self, course_id: UUID, embedder: str) -> None:
        self._vectors.pop((course_id, embedder), None)
        self._weights.pop((course_id, embedder), None)

    def _keep(self, course_id: UUID, embedder: str, vectors: _CourseVectors) -> None:
        key = (course_id, embedder)
        self._vectors[key] = vectors
        self._vectors.move_to_end(key)
        self._weights[key] = vectors.nbytes()
        while len(self._vectors) > CACHED_COURSES or (
            len(self._vectors) > 1 and sum(self._weights.values()) > CACHED_BYTES
        ):
            oldest, _ = self._vectors.popitem(last=False)
            del self._weights[oldest]

    async def lesson_passages(self, lesson_id: UUID) -> list[PassageRecord]:
        statement = (
            select(*_RECORD_COLUMNS)
            .join(_L, _L.id == _P.lesson_id)
            .where(_P.lesson_id == lesson_id)
            .order_by(_P.position)
        )
        async with self._engine.connect() as connection:
            return [_record(row) for row in await connection.execute(statement)]


def _candidates(vectors: _CourseVectors, query: CandidateQuery) -> Candidates:
    lexical = _lexical(vectors, query)
    vector = np.asarray(query.vector, dtype=np.float32)
    if not vectors.ids or vectors.matrix.shape[1] != vector.shape[0]:
        return Candidates([vectors.ids[i] for i in lexical], [], {}, {})
    scores = np.clip(vectors.matrix @ vector, -1.0, 1.0)
    if not query.include_premium:
        scores = np.where(vectors.premium, -np.inf, scores)
    allowed = int(np.count_nonzero(np.isfinite(scores)))
    top = np.argsort(-scores, kind="stable")[: min(query.vector_limit, allowed)]
    wanted = [int(i) for i in top] + lexical
    return Candidates(
        lexical=[vectors.ids[i] for i in lexical],
        nearest=[vectors.ids[i] for i in top],
        similarity={vectors.ids[i]: float(scores[i]) for i in wanted},
        stems={vectors.ids[i]: vectors.stems[i] for i in wanted},
    )


def _lexical(vectors: _CourseVectors, query: CandidateQuery) -> list[int]:
    """The positions of the passages holding any of the terms, best BM25 first."""
    scores = vectors.bm25([stem(term) for term in query.terms])
    if not query.include_premium:
        scores = np.where(vectors.premium, 0.0, scores)
    found = int(np.count_nonzero(scores > 0))
    order = np.argsort(-scores, kind="stable")[: min(query.lexical_limit, found)]
    return [int(i) for i in order]


def _version_of(course_id: Any) -> Any:
    current = select(_V.version).where(_V.course_id == course_id).scalar_subquery()
    return func.coalesce(current, 0)


def _chosen_statement() -> Select[Any]:
    """The course's index version (``:course_id``) with the passages ``:ids`` (expanding)."""
    version = select(_version_of(_COURSE).label("version")).subquery("v")
    passages = _P.__table__.join(_L.__table__, _L.id == _P.lesson_id)
    found = _P.id.in_(bindparam("ids", expanding=True))
    return select(version.c.version, *_RECORD_COLUMNS).select_from(
        version.outerjoin(passages, found)
    )


_CHOSEN: Final = _chosen_statement()
_VERSION: Final = select(_version_of(_COURSE))


async def _chosen(
    connection: AsyncConnection, course_id: UUID, passage_ids: Sequence[UUID]
) -> tuple[int, list[PassageRecord]]:
    """The course's index version and these passages as stored now, in one statement (one
    row with the version alone when none is found)."""
    parameters = {"course_id": course_id, "ids": list(passage_ids)}
    rows = (await connection.execute(_CHOSEN, parameters)).all()
    return int(rows[0].version), [_record(row) for row in rows if row.id is not None]


async def _load(connection: AsyncConnection, course_id: UUID, embedder: str) -> _CourseVectors:
    """The course's vectors under its index version, read first (a job that commits between
    the two reads leaves a newer version that the next retrieval sees)."""
    version = int(await connection.scalar(_VERSION, {"course_id": course_id}) or 0)
    rows = (
        await connection.execute(
            select(_P.id, _P.embedding, _P.search_text, _L.is_premium)
            .join(_L, _L.id == _P.lesson_id)
            .where(_P.course_id == course_id, _P.embedder == embedder)
            .order_by(_P.id)
        )
    ).all()
    return _matrix(version, rows)


def _matrix(version: int, rows: Sequence[Row[Any]]) -> _CourseVectors:
    if not rows:
        empty = np.zeros((0, 0), dtype=np.float32)
        nothing = np.zeros(0, dtype=np.float32)
        return _CourseVectors(version, [], np.zeros(0, dtype=bool), empty, [], {}, {}, nothing)
    width = len(rows[0].embedding) // 4
    usable = [row for row in rows if len(row.embedding) == width * 4]
    matrix = np.frombuffer(b"".join(row.embedding for row in usable), dtype="<f4")
    words = [[stem(w) for w in words_of(code_search_text(row.search_text))] for row in usable]
    lengths = np.array([len(w) for w in words], dtype=np.float32)
    return _CourseVectors(
        version=version,
        ids=[row.id for row in usable],
        premium=np.array([bool(row.is_premium) for row in usable], dtype=bool),
        matrix=matrix.reshape(len(usable), width).astype(np.float32),
        stems=[frozenset(w) for w in words],
        positions={row.id: i for i, row in enumerate(usable)},
        postings=_postings(words),
        lengths=lengths / max(float(lengths.mean()), 1.0),
    )


def _postings(
    words: Sequence[Sequence[str]],
) -> dict[str, tuple[np.ndarray[Any, np.dtype[np.intp]], np.ndarray[Any, Any]]]:
    found: dict[str, dict[int, int]] = {}
    for position, stems in enumerate(words):
        for term in stems:
            counts = found.setdefault(term, {})
            counts[position] = counts.get(position, 0) + 1
    return {
        term: (np.fromiter(counts, dtype=np.intp), np.fromiter(counts.values(), dtype=float))
        for term, counts in found.items()
    }


class PostgresPassageIndex(SqlPassageIndex):
    """Courses searched over the generated ``search_vector`` (english configuration), any of
    the terms, ranked by ``ts_rank`` normalised by the passage's length."""

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
    """Courses searched over the FTS5 table (porter stemming), any of the terms (each quoted,
    so no term is read as FTS5 syntax), ranked by ``bm25``."""

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
