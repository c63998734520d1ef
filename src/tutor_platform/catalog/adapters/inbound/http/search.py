"""/search: ranked full-text search over the published catalog (public)."""

from typing import Annotated

from litestar import Controller, get
from litestar.di import NamedDependency
from litestar.params import QueryParameter

from tutor_platform.catalog.adapters.inbound.http.params import CATALOG_READ
from tutor_platform.catalog.adapters.inbound.http.search_schemas import (
    SearchHitResponse,
    SearchResponse,
)
from tutor_platform.catalog.application.search_catalog import SearchCatalog
from tutor_platform.catalog.domain.search import ALL_KINDS, COURSE, LESSON, SearchKind
from tutor_platform.catalog.domain.validation import MAX_QUERY_LENGTH
from tutor_platform.shared.auth import Principal
from tutor_platform.shared.http.dependencies import Provided
from tutor_platform.shared.http.openapi import error_responses
from tutor_platform.shared.http.paging import Limit, Offset, PageResponse
from tutor_platform.shared.http.responses import convert
from tutor_platform.shared.pagination import DEFAULT_LIMIT

Text = Annotated[
    str,
    QueryParameter(
        min_length=1,
        max_length=MAX_QUERY_LENGTH,
        description=(
            "Words to find (all of them must match). On PostgreSQL, web-search syntax also "
            'works: "a phrase", or, -excluded.'
        ),
    ),
]


class SearchController(Controller):
    path = "/search"

    @get("/", opt=CATALOG_READ, responses=error_responses(401, 422, 429))
    async def search(
        self,
        search_catalog: Provided[SearchCatalog],
        optional_principal: NamedDependency[Principal | None],
        q: Text,
        limit: Limit = DEFAULT_LIMIT,
        offset: Offset = 0,
    ) -> SearchResponse:
        """Published courses and lessons matching ``q``, best first."""
        return await _search(search_catalog, ALL_KINDS, q, limit, offset, optional_principal)

    @get("/courses", opt=CATALOG_READ, responses=error_responses(401, 422, 429))
    async def search_courses(
        self,
        search_catalog: Provided[SearchCatalog],
        optional_principal: NamedDependency[Principal | None],
        q: Text,
        limit: Limit = DEFAULT_LIMIT,
        offset: Offset = 0,
    ) -> SearchResponse:
        """Published courses matching ``q`` (title, subject, description), best first."""
        return await _search(search_catalog, (COURSE,), q, limit, offset, optional_principal)

    @get("/lessons", opt=CATALOG_READ, responses=error_responses(401, 422, 429))
    async def search_lessons(
        self,
        search_catalog: Provided[SearchCatalog],
        optional_principal: NamedDependency[Principal | None],
        q: Text,
        limit: Limit = DEFAULT_LIMIT,
        offset: Offset = 0,
    ) -> SearchResponse:
        """Lessons of published courses matching ``q`` (title, content), best first."""
        return await _search(search_catalog, (LESSON,), q, limit, offset, optional_principal)


async def _search(
    search_catalog: SearchCatalog,
    kinds: tuple[SearchKind, ...],
    q: str,
    limit: int,
    offset: int,
    viewer: Principal | None,
) -> SearchResponse:
    results = await search_catalog.execute(q, kinds, limit, offset, viewer)
    items = [convert(hit, SearchHitResponse) for hit in results.items]
    return PageResponse(items, results.total, limit, offset)
