"""/lessons/{id}/summaries: ask for an audio or video summary (a job), list a lesson's."""

from typing import Annotated
from uuid import UUID

from litestar import Controller, get, post
from litestar.di import NamedDependency
from litestar.params import FromPath, JSONBody, QueryParameter, SkipValidation
from litestar.status_codes import HTTP_202_ACCEPTED

from tutor_platform.media.adapters.inbound.http.dependencies import media_dependencies
from tutor_platform.media.adapters.inbound.http.lesson_media_schemas import (
    JobAccepted,
    SummaryListResponse,
    SummaryRequest,
    SummaryResponse,
)
from tutor_platform.media.application.list_lesson_summaries import ListLessonSummaries
from tutor_platform.media.application.request_lesson_summary import RequestLessonSummary
from tutor_platform.shared.auth import Principal
from tutor_platform.shared.http.auth import BEARER_SECURITY
from tutor_platform.shared.http.openapi import error_responses
from tutor_platform.shared.pagination import DEFAULT_LIMIT, MAX_LIMIT, PageRequest

MAX_OFFSET = 2**31 - 1
OPTIONAL_BEARER: list[dict[str, list[str]]] = [{}, *BEARER_SECURITY]
Limit = Annotated[int, QueryParameter(ge=1, le=MAX_LIMIT, description="Page size.")]
Offset = Annotated[int, QueryParameter(ge=0, le=MAX_OFFSET, description="Items to skip.")]


class LessonSummariesController(Controller):
    path = "/lessons"
    dependencies = media_dependencies("request_lesson_summary", "list_lesson_summaries")

    @post(
        "/{lesson_id:uuid}/summaries",
        operation_id="requestLessonSummary",
        status_code=HTTP_202_ACCEPTED,
        security=BEARER_SECURITY,
        opt={"rate_limit": "ai_messages"},
        responses=error_responses(401, 403, 404, 422, 429, 503),
    )
    async def request_summary(
        self,
        lesson_id: FromPath[UUID],
        data: JSONBody[SummaryRequest],
        principal: NamedDependency[Principal],
        request_lesson_summary: NamedDependency[SkipValidation[RequestLessonSummary]],
    ) -> JobAccepted:
        """Start a job that narrates a short summary of the lesson (audio), or also renders
        it as a video with title and caption cards. For the course's instructor and admins,
        and premium users who may read the lesson (free users: 403 PREMIUM_REQUIRED). The job
        (``GET /jobs/{job_id}``) ends with ``result.file_id`` and ``result.summary_id``."""
        job_id = await request_lesson_summary.execute(principal, lesson_id, data.kind)
        return JobAccepted(job_id)

    @get(
        "/{lesson_id:uuid}/summaries",
        operation_id="listLessonSummaries",
        security=OPTIONAL_BEARER,
        opt={"rate_limit": "public"},
        responses=error_responses(401, 403, 404, 422, 429),
    )
    async def list_summaries(
        self,
        lesson_id: FromPath[UUID],
        optional_principal: NamedDependency[Principal | None],
        list_lesson_summaries: NamedDependency[SkipValidation[ListLessonSummaries]],
        limit: Limit = DEFAULT_LIMIT,
        offset: Offset = 0,
    ) -> SummaryListResponse:
        """The lesson's summaries, newest first, for whoever may read the lesson (a premium
        lesson's need a premium plan). Their files are public: anyone with the ``file_id``
        may download them."""
        page = await list_lesson_summaries.execute(
            optional_principal, lesson_id, PageRequest(limit, offset)
        )
        items = [SummaryResponse.of(summary) for summary in page.items]
        return SummaryListResponse(items, page.total, page.limit, page.offset)
