"""Anyone searches the published catalog: courses, lessons, or both, ranked."""

from tutor_platform.catalog.domain.search import (
    SearchKind,
    SearchResults,
    for_viewer,
    search_query,
)
from tutor_platform.catalog.ports.search import SearchIndex
from tutor_platform.shared.auth import Principal


class SearchCatalog:
    """Validates the text, asks the index, and withholds snippets the caller may not read."""

    def __init__(self, index: SearchIndex) -> None:
        self._index = index

    async def execute(
        self,
        text: str,
        kinds: tuple[SearchKind, ...],
        limit: int,
        offset: int,
        viewer: Principal | None,
    ) -> SearchResults:
        results = await self._index.search(search_query(text, kinds, limit, offset))
        return SearchResults([for_viewer(hit, viewer) for hit in results.items], results.total)
