"""/lessons/{id}/summaries: ask for an audio or video summary (a job), list a lesson's."""

from uuid import UUID

from litestar import Controller, get, post
from litestar.di import NamedDependency
from litestar.params import FromPath, JSONBody
from litestar.status_codes import HTTP_202_ACCEPTED

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
from tutor_platform.shared.http.dependencies import Provided
from tutor_platform.shared.http.openapi import error_responses
from tutor_platform.shared.http.paging import Limit, Offset, PageResponse
from tutor_platform.shared.pagination import DEFAULT_LIMIT, PageRequest

OPTIONAL_BEARER: list[dict[str, list[str]]] = [{}, *BEARER_SECURITY]


class LessonSummariesController(Controller):
    path = "/lessons"

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
        request_lesson_summary: Provided[RequestLessonSummary],
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
        list_lesson_summaries: Provided[ListLessonSummaries],
        limit: Limit = DEFAULT_LIMIT,
        offset: Offset = 0,
    ) -> SummaryListResponse:
        """The lesson's summaries, newest first, for whoever may read the lesson (a premium
        lesson's need a premium plan). Their files are public: anyone with the ``file_id``
        may download them."""
        page = await list_lesson_summaries.execute(
            optional_principal, lesson_id, PageRequest(limit, offset)
        )
        return PageResponse.of(page, SummaryResponse)
