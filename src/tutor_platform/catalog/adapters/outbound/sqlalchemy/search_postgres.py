"""Search on PostgreSQL: generated ``search_vector`` columns with GIN indexes (migration 0004).

The caller's text goes through ``websearch_to_tsquery`` (quotes, ``or`` and ``-word`` work as
on web search engines; no input is a syntax error). Hits are ranked by ``ts_rank_cd`` with
normalisation 1|32 (divided by 1 + the log of the text's length, then mapped to 0..1), after
the title tiers of ``search_common``; only the page's hits get a ``ts_headline`` snippet.
"""

from collections.abc import Sequence
from uuid import UUID

from sqlalchemy import Integer, text

from tutor_platform.catalog.adapters.outbound.sqlalchemy.search_common import (
    COURSE_TITLE_TIER,
    HIT_COLUMNS,
    LESSON_TITLE_TIER,
    MARK_END,
    MARK_START,
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
)

_HEADLINE_OPTIONS = (
    f'StartSel="{MARK_START}", StopSel="{MARK_END}", '
    'MaxWords=30, MinWords=12, MaxFragments=2, FragmentDelimiter=" … "'
)
_TSQUERY = "websearch_to_tsquery('english', :text)"


def _with_tsquery(sql: str) -> str:
    """SQL whose ``{q}`` stands for the caller's query, inline so the planner sees it."""
    return sql.format(q=_TSQUERY)


_HITS: dict[SearchKind, str] = {
    "course": _with_tsquery("""
        SELECT 'course' AS type, c.id, c.id AS course_id, c.instructor_id,
               false AS is_premium, ts_rank_cd(c.search_vector, {q}, 33) AS rank,
               CASE WHEN to_tsvector('english', c.title) @@ {q} THEN :course_tier ELSE 0 END
                 AS tier
        FROM courses AS c
        WHERE c.search_vector @@ {q} AND c.is_published
    """),
    "lesson": _with_tsquery("""
        SELECT 'lesson' AS type, l.id, l.course_id, c.instructor_id,
               l.is_premium, ts_rank_cd(l.search_vector, {q}, 33) AS rank,
               CASE WHEN to_tsvector('english', l.title) @@ {q} THEN :lesson_tier ELSE 0 END
                 AS tier
        FROM lessons AS l JOIN courses AS c ON c.id = l.course_id
        WHERE l.search_vector @@ {q} AND c.is_published
    """),
}
_PAGE = _with_tsquery("""
    SELECT page.type, page.id, page.course_id, page.instructor_id, page.is_premium, page.rank,
           page.tier, page.total, coalesce(l.title, c.title) AS title,
           ts_headline('english', translate(coalesce(l.content, c.description), :marks, ''),
                       {q}, :options) AS snippet
    FROM page
    LEFT JOIN lessons AS l ON page.type = 'lesson' AND l.id = page.id
    LEFT JOIN courses AS c ON page.type = 'course' AND c.id = page.id
    ORDER BY page.tier DESC, page.rank DESC, page.type, page.id
""")
_MATCHING_LESSONS = with_course_id(
    text(
        _with_tsquery("""
        SELECT l.id, l.title, l.content
        FROM lessons AS l JOIN sections AS s ON s.id = l.section_id
        WHERE l.course_id = :course_id AND l.search_vector @@ {q}
        ORDER BY ts_rank_cd(l.search_vector, {q}, 1) DESC, s.position, l.position
        LIMIT :limit
        """)
    )
).columns(**PASSAGE_COLUMNS)


def _hits(kinds: Sequence[SearchKind]) -> str:
    return " UNION ALL ".join(_HITS[kind] for kind in kinds)


class PostgresSearchIndex(SqlSearchIndex):
    """The :class:`SearchIndex` over PostgreSQL's full-text search."""

    async def search(self, query: SearchQuery) -> SearchResults:
        """One statement counts the hits (a window over all of them) and builds the page;
        only a page past the last hit needs a second statement for the count."""
        hits = f"WITH hits AS ({_hits(query.kinds)})"
        page = text(
            f"{hits}, page AS (SELECT *, count(*) OVER () AS total FROM hits "  # noqa: S608
            f"ORDER BY tier DESC, rank DESC, type, id LIMIT :limit OFFSET :offset) {_PAGE}"
        ).columns(**HIT_COLUMNS, total=Integer)
        async with self._engine.connect() as connection:
            rows = await connection.execute(
                page,
                {
                    "text": query.text,
                    "limit": query.limit,
                    "offset": query.offset,
                    "marks": MARK_START + MARK_END,
                    "options": _HEADLINE_OPTIONS,
                    "course_tier": COURSE_TITLE_TIER,
                    "lesson_tier": LESSON_TITLE_TIER,
                },
            )
            found = rows.all()
            if found:
                count = found[0].total
            elif query.offset == 0:
                count = 0
            else:
                total = text(f"{hits} SELECT count(*) FROM hits")  # noqa: S608 - constant SQL
                tiers = {"course_tier": COURSE_TITLE_TIER, "lesson_tier": LESSON_TITLE_TIER}
                count = (
                    await connection.execute(total, {"text": query.text, **tiers})
                ).scalar_one()
        items = [hit_of(row, row.snippet, float(row.rank)) for row in found]
        return SearchResults(items, int(count))

    async def matching_lessons(
        self, course_id: UUID, terms: Sequence[str], limit: int
    ) -> list[Passage]:
        params = {"text": " or ".join(terms), "course_id": course_id, "limit": limit}
        async with self._engine.connect() as connection:
            return passages_of(await connection.execute(_MATCHING_LESSONS, params))
