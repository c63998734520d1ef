"""Request and response bodies of lesson summaries and AI lesson drafts."""

from datetime import datetime
from typing import Annotated
from uuid import UUID

import msgspec

from tutor_platform.media.application.support.lesson_jobs import (
    GENERATE_LESSON_DRAFT,
    RENDER_SUMMARY,
)
from tutor_platform.media.domain.lesson_media import (
    MAX_INSTRUCTIONS_LENGTH,
    SummaryKind,
)
from tutor_platform.shared.http.paging import PageResponse, named
from tutor_platform.shared.http.requests import StrictRequest
from tutor_platform.shared.jobs.adapters.http import JobResponse


class JobAccepted(msgspec.Struct):
    """A job was started: follow it with ``GET /jobs/{job_id}``."""

    job_id: UUID


class SummaryJobResult(msgspec.Struct):
    """What a finished summary job made."""

    summary_id: UUID
    lesson_id: UUID
    kind: SummaryKind
    file_id: UUID


class SummaryJob(JobResponse, tag=RENDER_SUMMARY):
    """A lesson summary being rendered (``POST /lessons/{id}/summaries``)."""

    result: SummaryJobResult | None = None


class DraftJobResult(msgspec.Struct):
    """The draft a finished draft job wrote."""

    draft_id: UUID
    lesson_id: UUID


class DraftJob(JobResponse, tag=GENERATE_LESSON_DRAFT):
    """A lesson draft being written (``POST /lessons/{id}/generate-content``)."""

    result: DraftJobResult | None = None


class SummaryRequest(StrictRequest):
    kind: Annotated[
        SummaryKind,
        msgspec.Meta(description="audio: a narrated MP3/WAV; video: title and caption cards."),
    ]


class GenerateContentRequest(StrictRequest):
    instructions: (
        Annotated[
            str,
            msgspec.Meta(
                max_length=MAX_INSTRUCTIONS_LENGTH,
                description="What the new draft should do differently; trimmed, blank = none.",
            ),
        ]
        | None
    ) = None


class SummaryResponse(msgspec.Struct):
    id: UUID
    lesson_id: UUID
    kind: SummaryKind
    file_id: Annotated[
        UUID, msgspec.Meta(description="A public file: GET /files/{file_id}/content.")
    ]
    job_id: UUID
    script: Annotated[str, msgspec.Meta(description="The narration, as spoken.")]
    created_by: UUID
    created_at: datetime


SummaryListResponse = Annotated[PageResponse[SummaryResponse], named("SummaryListResponse")]


class DraftResponse(msgspec.Struct):
    id: UUID
    lesson_id: UUID
    course_id: UUID
    job_id: UUID
    content: Annotated[str, msgspec.Meta(description="Markdown, as the AI model wrote it.")]
    instructions: str | None
    model_id: str
    provider: str
    created_by: UUID
    created_at: datetime
    applied_at: Annotated[
        datetime | None, msgspec.Meta(description="When it became the lesson's content.")
    ]


DraftListResponse = Annotated[PageResponse[DraftResponse], named("DraftListResponse")]


class AppliedLessonResponse(msgspec.Struct):
    """The lesson after a draft was applied."""

    id: UUID
    section_id: UUID
    course_id: UUID
    title: str
    content: Annotated[str, msgspec.Meta(description="Markdown.")]
    position: int
    estimated_minutes: int
    is_premium: bool
