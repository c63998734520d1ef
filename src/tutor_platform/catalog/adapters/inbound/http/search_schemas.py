"""Response bodies of the search API."""

from typing import Annotated
from uuid import UUID

import msgspec

from tutor_platform.catalog.domain.search import SearchKind
from tutor_platform.shared.http.paging import PageResponse, named


class SearchHitResponse(msgspec.Struct):
    type: SearchKind
    id: UUID
    course_id: Annotated[UUID, msgspec.Meta(description="The course itself for a course hit.")]
    title: str
    snippet: Annotated[
        str,
        msgspec.Meta(
            description=(
                "Plain text (Markdown syntax removed) as HTML: the matched words in "
                "<mark>…</mark>, all other text escaped. Empty for a premium lesson whose "
                "content the caller may not read."
            )
        ),
    ]
    rank: Annotated[
        float,
        msgspec.Meta(
            description=(
                "Relevance from 0 to 1; higher is better. Courses whose title holds every "
                "word come first, then lessons whose title does, then the rest."
            )
        ),
    ]
    is_premium: Annotated[
        bool, msgspec.Meta(description="A premium lesson (always false for a course).")
    ]


SearchResponse = Annotated[PageResponse[SearchHitResponse], named("SearchResponse")]
