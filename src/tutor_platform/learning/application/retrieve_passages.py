"""Hybrid retrieval over a course's passages: full-text and vector rankings fused by rank."""

import asyncio
from uuid import UUID

from tutor_platform.learning.domain.passages import (
    LEXICAL_CANDIDATES,
    MAX_QUERY_CHARS,
    VECTOR_CANDIDATES,
    RetrievedPassage,
    lexical_share,
    query_terms,
    reciprocal_rank_fusion,
)
from tutor_platform.learning.ports.passages import PassageEmbedder, PassageIndex, PassageRecord

MAX_LIMIT = 50


def retrieved(
    record: PassageRecord, score: float = 0.0, similarity: float = 0.0, lexical: float = 0.0
) -> RetrievedPassage:
    return RetrievedPassage(
        passage_id=record.id,
        lesson_id=record.lesson_id,
        course_id=record.course_id,
        lesson_title=record.lesson_title,
        heading=record.heading,
        markdown=record.markdown,
        text=record.text,
        is_premium=record.is_premium,
        score=score,
        similarity=similarity,
        lexical=lexical,
    )


class RetrievePassages:
    """Up to ``limit`` passages of the course, best first.

    Candidates: the top ``LEXICAL_CANDIDATES`` of full-text search (any of the question's
    content terms, code-aware) and the top ``VECTOR_CANDIDATES`` by cosine similarity with the
    question's embedding (both asked at once), fused by reciprocal rank fusion. A question
    without a content term (only stop words, symbols that are no operator, emoji) retrieves
    nothing.
    """

    def __init__(self, index: PassageIndex, embedder: PassageEmbedder) -> None:
        self._index = index
        self._embedder = embedder

    async def execute(
        self, course_id: UUID, query: str, limit: int = 5, *, include_premium: bool = True
    ) -> list[RetrievedPassage]:
        terms = query_terms(query)
        if limit < 1 or not terms:
            return []
        limit = min(limit, MAX_LIMIT)
        lexical, similarities = await asyncio.gather(
            self._index.lexical_ranking(
                course_id, terms, LEXICAL_CANDIDATES, include_premium=include_premium
            ),
            self._similarities(course_id, query, include_premium),
        )
        nearest = sorted(similarities, key=lambda pid: (-similarities[pid], str(pid)))
        fused = reciprocal_rank_fusion([lexical, nearest[:VECTOR_CANDIDATES]])
        best = sorted(fused, key=lambda pid: (-fused[pid], str(pid)))[:limit]
        records = {record.id: record for record in await self._index.passages(best)}
        return [
            retrieved(
                records[pid],
                score=fused[pid],
                similarity=similarities.get(pid, 0.0),
                lexical=lexical_share(
                    terms,
                    records[pid].search_text,
                    records[pid].lesson_title,
                    records[pid].heading or "",
                ),
            )
            for pid in best
            if pid in records
        ]

    async def _similarities(
        self, course_id: UUID, query: str, include_premium: bool
    ) -> dict[UUID, float]:
        vector = await self._embedder.embed_query(query[:MAX_QUERY_CHARS])
        return await self._index.similarities(
            course_id, vector, self._embedder.name, include_premium=include_premium
        )
