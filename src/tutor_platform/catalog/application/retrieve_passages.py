"""Hybrid retrieval over a course's passages: full-text and vector candidates, fused by rank,
ordered by relevance."""

from uuid import UUID

from tutor_platform.catalog.domain.passages import (
    LEXICAL_CANDIDATES,
    MAX_QUERY_CHARS,
    VECTOR_CANDIDATES,
    RetrievedPassage,
    query_terms,
    reciprocal_rank_fusion,
    share_found,
    stem,
)
from tutor_platform.catalog.ports.passages import (
    CandidateQuery,
    Candidates,
    PassageEmbedder,
    PassageIndex,
    PassageRecord,
)
from tutor_platform.shared.citations import relevance

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
    """Up to ``limit`` passages of the course, most relevant first.

    Candidates: the top ``LEXICAL_CANDIDATES`` of full-text search (any of the question's
    content terms, code-aware) and the top ``VECTOR_CANDIDATES`` by cosine similarity with the
    question's embedding (a passage gone since, or made premium, is left out). Every candidate
    is scored by the relevance rule (similarity plus a share of the question's words it
    holds, ``shared.citations``), reciprocal rank fusion breaking ties, so that a passage the
    full-text ranking alone put low ("continue" in a loop lesson outranking "fail" in the
    exceptions lesson) is still weighed by its meaning. A question without a content term
    (only stop words, symbols that are no operator, emoji) retrieves nothing.
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
        vector = await self._embedder.embed_query(query[:MAX_QUERY_CHARS])
        stems = [stem(term) for term in terms]
        scored: dict[UUID, tuple[float, float, float]] = {}
        order: list[UUID] = []

        def choose(found: Candidates) -> list[UUID]:
            fused = reciprocal_rank_fusion([found.lexical, found.nearest])
            scored.clear()
            for pid in fused:
                similarity = found.similarity.get(pid, 0.0)
                share = share_found(stems, found.stems.get(pid, ()))
                scored[pid] = (relevance(similarity, share), similarity, share)
            ranked = sorted(fused, key=lambda pid: (-scored[pid][0], -fused[pid], str(pid)))
            order[:] = ranked[:limit]
            return order

        candidates = CandidateQuery(
            course_id,
            terms,
            vector,
            self._embedder.name,
            lexical_limit=LEXICAL_CANDIDATES,
            vector_limit=VECTOR_CANDIDATES,
            include_premium=include_premium,
        )
        records = {record.id: record for record in await self._index.retrieve(candidates, choose)}
        return [
            retrieved(
                records[pid],
                score=scored[pid][0],
                similarity=scored[pid][1],
                lexical=scored[pid][2],
            )
            for pid in order
            if pid in records and (include_premium or not records[pid].is_premium)
        ]
