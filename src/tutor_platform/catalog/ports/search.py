"""The full-text index over the catalog, kept current by the database on every write."""

from collections.abc import Sequence
from typing import Protocol
from uuid import UUID

from tutor_platform.catalog.domain.search import Passage, SearchQuery, SearchResults


class SearchIndex(Protocol):
    """Ranked full-text search; reads only, each call on its own connection."""

    async def search(self, query: SearchQuery) -> SearchResults:
        """Published courses and lessons of published courses matching every word of the
        query, best first; snippets mark the matched words."""
        ...

    async def matching_lessons(
        self, course_id: UUID, terms: Sequence[str], limit: int
    ) -> list[Passage]:
        """Lessons of one course (published or not) matching any of ``terms``, best first."""
        ...

    async def leading_lessons(self, course_id: UUID, limit: int) -> list[Passage]:
        """The first lessons of one course in course order."""
        ...
