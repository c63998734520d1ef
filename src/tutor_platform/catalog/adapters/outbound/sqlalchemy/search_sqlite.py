"""Search on SQLite: FTS5 tables kept current by triggers (migration 0004).

The caller's text is cut into words and each word is quoted, so FTS5 query syntax in it
(``"``, ``*``, ``NEAR``, ``-``, ``:``, ``^``, parentheses) is searched for as text and never
fails. A hit must contain every word; ``bm25`` ranks it with titles weighing most, after the
title tiers of ``search_common``, and only the page's hits get a ``snippet``.
"""

from collections.abc import Sequence
from uuid import UUID

from sqlalchemy import Integer, String, bindparam, text

from tutor_platform.catalog.adapters.outbound.sqlalchemy.search_common import (
    COURSE_TITLE_TIER,
    HIT_COLUMNS,
    LESSON_TITLE_TIER,
    PASSAGE_COLUMNS,
    SqlSearchIndex,
    hit_of,
    passages_of,
    with_course_id,
)
from tutor_platform.catalog.domain.search import (
    Passage,
    SearchKind,
    SearchQuery,
    SearchResults,
    search_terms,
)

_HITS: dict[SearchKind, str] = {
    "course": """
        SELECT 'course' AS type, c.id AS id, c.id AS course_id, c.instructor_id AS instructor_id,
               0 AS is_premium, c.title AS title, courses_fts.rowid AS doc_id,
               -bm25(courses_fts, 10.0, 3.0, 1.0) AS rank,
               CASE WHEN courses_fts.rowid IN (
                   SELECT rowid FROM courses_fts WHERE courses_fts MATCH :title_match
               ) THEN :course_tier ELSE 0 END AS tier
        FROM courses_fts
        JOIN courses_fts_ids AS ids ON ids.doc_id = courses_fts.rowid
        JOIN courses AS c ON c.id = ids.course_id
        WHERE courses_fts MATCH :match AND c.is_published
    """,
    "lesson": """
        SELECT 'lesson' AS type, l.id AS id, l.course_id AS course_id,
               c.instructor_id AS instructor_id, l.is_premium AS is_premium, l.title AS title,
               lessons_fts.rowid AS doc_id, -bm25(lessons_fts, 10.0, 1.0) AS rank,
               CASE WHEN lessons_fts.rowid IN (
                   SELECT rowid FROM lessons_fts WHERE lessons_fts MATCH :title_match
               ) THEN :lesson_tier ELSE 0 END AS tier
        FROM lessons_fts
        JOIN lessons_fts_ids AS ids ON ids.doc_id = lessons_fts.rowid
        JOIN lessons AS l ON l.id = ids.lesson_id
        JOIN courses AS c ON c.id = l.course_id
        WHERE lessons_fts MATCH :match AND c.is_published
    """,
}
# kind -> the FTS5 table and the index of the column a snippet is cut from
_SNIPPET_SOURCES: dict[SearchKind, tuple[str, int]] = {
    "course": ("courses_fts", 2),
    "lesson": ("lessons_fts", 1),
}
_MATCHING_LESSONS = with_course_id(
    text(
        """
        SELECT l.id, l.title, l.content
        FROM lessons_fts
        JOIN lessons_fts_ids AS ids ON ids.doc_id = lessons_fts.rowid
        JOIN lessons AS l ON l.id = ids.lesson_id
        JOIN sections AS s ON s.id = l.section_id
        WHERE lessons_fts MATCH :match AND l.course_id = :course_id
        ORDER BY bm25(lessons_fts, 10.0, 1.0), s.position, l.position
        LIMIT :limit
        """
    )
).columns(**PASSAGE_COLUMNS)


def _match(terms: Sequence[str], operator: str) -> str:
    """An FTS5 query of quoted words (words hold no ``"``, so nothing in them is syntax)."""
    return f" {operator} ".join(f'"{term}"' for term in terms)


def _snippets(kind: SearchKind) -> str:
    table, column = _SNIPPET_SOURCES[kind]
    return (
        f"SELECT rowid AS doc_id, snippet({table}, {column}, char(2), char(3), '…', 24) "  # noqa: S608
        f"AS snippet FROM {table} WHERE {table} MATCH :match AND rowid IN :docs"
    )


def _normalised(score: float) -> float:
    """bm25 scores (0 to infinity, from ``-bm25()``) mapped to 0..1 like PostgreSQL's ranks."""
    return score / (1 + score)


class SqliteSearchIndex(SqlSearchIndex):
    """The :class:`SearchIndex` over SQLite's FTS5."""

    async def search(self, query: SearchQuery) -> SearchResults:
        terms = search_terms(query.text)
        if not terms:
            return SearchResults([], 0)
        match = _match(terms, "AND")
        tiers = {
            "title_match": f"title : ({match})",
            "course_tier": COURSE_TITLE_TIER,
            "lesson_tier": LESSON_TITLE_TIER,
        }
        hits = "WITH hits AS (" + " UNION ALL ".join(_HITS[kind] for kind in query.kinds) + ")"
        total = text(f"{hits} SELECT count(*) FROM hits")  # noqa: S608 - constant SQL
        page = text(
            f"{hits} SELECT * FROM hits ORDER BY tier DESC, rank DESC, type, id "  # noqa: S608
            "LIMIT :limit OFFSET :offset"
        ).columns(**HIT_COLUMNS, doc_id=Integer)
        async with self._engine.connect() as connection:
            count = (await connection.execute(total, {"match": match, **tiers})).scalar_one()
            rows = (
                await connection.execute(
                    page,
                    {"match": match, "limit": query.limit, "offset": query.offset, **tiers},
                )
            ).all()
            snippets: dict[tuple[str, int], str] = {}
            for kind in query.kinds:
                docs = [row.doc_id for row in rows if row.type == kind]
                if docs:
                    statement = (
                        text(_snippets(kind))
                        .bindparams(bindparam("docs", expanding=True))
                        .columns(doc_id=Integer, snippet=String)
                    )
                    found = await connection.execute(statement, {"match": match, "docs": docs})
                    snippets.update(((kind, doc), snippet) for doc, snippet in found)
        items = [
            hit_of(row, snippets.get((row.type, row.doc_id), ""), _normalised(row.rank))
            for row in rows
        ]
        return SearchResults(items, int(count))

    async def matching_lessons(
        self, course_id: UUID, terms: Sequence[str], limit: int
    ) -> list[Passage]:
        params = {"match": _match(terms, "OR"), "course_id": course_id, "limit": limit}
        async with self._engine.connect() as connection:
            return passages_of(await connection.execute(_MATCHING_LESSONS, params))
