"""The citation of a course passage as every API response shows it (SPEC 3.3)."""

from typing import Annotated
from uuid import UUID

import msgspec

from tutor_platform.shared.citations import Citation


class CitationResponse(msgspec.Struct, kw_only=True):
    """A course passage a text rests on."""

    index: Annotated[int, msgspec.Meta(description="The passage's number, cited as [index].")]
    lesson_id: Annotated[UUID | None, msgspec.Meta(description="null for an attached file.")]
    course_id: UUID | None
    title: Annotated[str, msgspec.Meta(description="The lesson's title, or the file's name.")]
    heading: Annotated[
        str | None, msgspec.Meta(description="The lesson section the passage comes from.")
    ]
    snippet: Annotated[str, msgspec.Meta(description="Up to 300 characters of plain text.")]

    @classmethod
    def of(cls, citation: Citation) -> "CitationResponse":
        return cls(
            index=citation.index,
            lesson_id=citation.lesson_id,
            course_id=citation.course_id,
            title=citation.title,
            heading=citation.heading,
            snippet=citation.snippet,
        )
