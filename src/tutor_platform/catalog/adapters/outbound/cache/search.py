"""A cache of search results in front of the catalog's search index, dropped by every write."""

from collections.abc import Sequence
from uuid import UUID

from tutor_platform.catalog.domain.search import Passage, SearchQuery, SearchResults
from tutor_platform.catalog.ports.search import SearchIndex
from tutor_platform.shared.cache.ttl_cache import TtlCache

SEARCH = "catalog:search"
"""The one tag of every cached result: any catalog write may change any result."""


def _tags(_: SearchResults) -> tuple[str, ...]:
    return (SEARCH,)


class CachingSearchIndex:
    """Implements ``SearchIndex``; :meth:`search` answers repeated queries from a ``TtlCache``.

    A result is keyed by the query as given (text, kinds, limit, offset), so a cached result is
    the very one the index returned: same order, snippets, ranks, total. Results are cached
    before the viewer's rights are applied (that happens in the use case, on every request).
    Every committed catalog write invalidates the ``SEARCH`` tag (``CatalogCacheInvalidation``),
    in every process when shared through Redis. The cache's ``max_entries`` bounds its size.
    """

    def __init__(self, inner: SearchIndex, cache: TtlCache[SearchQuery, SearchResults]) -> None:
        self._inner = inner
        self._cache = cache

    async def search(self, query: SearchQuery) -> SearchResults:
        return await self._cache.get_or_load(query, lambda: self._inner.search(query), _tags)

    async def matching_lessons(
        self, course_id: UUID, terms: Sequence[str], limit: int
    ) -> list[Passage]:
        """Not cached: the tutor's context reads unpublished courses too."""
        return await self._inner.matching_lessons(course_id, terms, limit)

    async def leading_lessons(self, course_id: UUID, limit: int) -> list[Passage]:
        return await self._inner.leading_lessons(course_id, limit)
