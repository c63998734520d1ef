"""/lessons/{id}/generate-content and /lessons/{id}/drafts: AI drafts of a lesson, written by
a job, reviewed and applied by the course's instructor or an admin."""

from uuid import UUID

from litestar import Controller, get, post
from litestar.di import NamedDependency
from litestar.params import FromPath, JSONBody
from litestar.status_codes import HTTP_200_OK, HTTP_202_ACCEPTED

from tutor_platform.media.adapters.inbound.http.lesson_media_schemas import (
    AppliedLessonResponse,
    DraftListResponse,
    DraftResponse,
    GenerateContentRequest,
    JobAccepted,
)
from tutor_platform.media.application.apply_lesson_draft import ApplyLessonDraft
from tutor_platform.media.application.list_lesson_drafts import ListLessonDrafts
from tutor_platform.media.application.request_lesson_draft import RequestLessonDraft
from tutor_platform.shared.auth import Principal
from tutor_platform.shared.http.auth import BEARER_SECURITY, require_instructor
from tutor_platform.shared.http.dependencies import Provided
from tutor_platform.shared.http.openapi import error_responses
from tutor_platform.shared.http.paging import Limit, Offset, PageResponse
from tutor_platform.shared.http.responses import convert
from tutor_platform.shared.pagination import DEFAULT_LIMIT, PageRequest


class LessonDraftsController(Controller):
    path = "/lessons"
    guards = [require_instructor]
    security = BEARER_SECURITY

    @post(
        "/{lesson_id:uuid}/generate-content",
        operation_id="generateLessonContent",
        status_code=HTTP_202_ACCEPTED,
        opt={"rate_limit": "ai_messages"},
        responses=error_responses(401, 403, 404, 422, 429, 503),
    )
    async def generate_content(
        self,
        lesson_id: FromPath[UUID],
        principal: NamedDependency[Principal],
        request_lesson_draft: Provided[RequestLessonDraft],
        data: JSONBody[GenerateContentRequest | None] = None,
    ) -> JobAccepted:
        """Start a job in which the AI model (default provider) writes a new draft of the
        lesson, scoped to its place in the course outline. The draft is kept for review
        (``GET /lessons/{id}/drafts``) and changes nothing until applied. The course's
        instructor and admins only."""
        instructions = data.instructions if data is not None else None
        job_id = await request_lesson_draft.execute(principal, lesson_id, instructions)
        return JobAccepted(job_id)

    @get(
        "/{lesson_id:uuid}/drafts",
        operation_id="listLessonDrafts",
        responses=error_responses(401, 403, 404, 422),
    )
    async def list_drafts(
        self,
        lesson_id: FromPath[UUID],
        principal: NamedDependency[Principal],
        list_lesson_drafts: Provided[ListLessonDrafts],
        limit: Limit = DEFAULT_LIMIT,
        offset: Offset = 0,
    ) -> DraftListResponse:
        """The lesson's drafts, newest first (applied ones have ``applied_at``)."""
        page = await list_lesson_drafts.execute(principal, lesson_id, PageRequest(limit, offset))
        return PageResponse.of(page, DraftResponse)

    @post(
        "/{lesson_id:uuid}/drafts/{draft_id:uuid}/apply",
        operation_id="applyLessonDraft",
        status_code=HTTP_200_OK,
        responses=error_responses(401, 403, 404, 409, 422),
    )
    async def apply_draft(
        self,
        lesson_id: FromPath[UUID],
        draft_id: FromPath[UUID],
        principal: NamedDependency[Principal],
        apply_lesson_draft: Provided[ApplyLessonDraft],
    ) -> AppliedLessonResponse:
        """Make the draft the lesson's content; 409 when it was applied already."""
        lesson = await apply_lesson_draft.execute(principal, lesson_id, draft_id)
        return convert(lesson, AppliedLessonResponse)
