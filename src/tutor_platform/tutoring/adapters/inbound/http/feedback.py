"""/feedback: the administrators' side of feedback, for the ML export."""

from typing import Annotated

from litestar import Controller, get, post
from litestar.params import JSONBody, QueryParameter
from litestar.response import Stream
from litestar.status_codes import HTTP_200_OK

from tutor_platform.shared.http.auth import BEARER_SECURITY
from tutor_platform.shared.http.dependencies import Provided
from tutor_platform.shared.http.openapi import error_responses
from tutor_platform.shared.http.paging import Limit, Offset, PageResponse
from tutor_platform.shared.pagination import DEFAULT_LIMIT, PageRequest
from tutor_platform.tutoring.adapters.inbound.http.feedback_schemas import (
    FeedbackListResponse,
    FeedbackResponse,
    MarkProcessedRequest,
    MarkProcessedResponse,
)
from tutor_platform.tutoring.adapters.inbound.http.params import (
    ADMINS,
)
from tutor_platform.tutoring.adapters.inbound.http.streaming import (
    NDJSON,
    JsonLinesOperation,
    ndjson_body,
)
from tutor_platform.tutoring.application.export_feedback import ExportFeedback
from tutor_platform.tutoring.application.list_feedback import ListFeedback
from tutor_platform.tutoring.application.mark_feedback_processed import MarkFeedbackProcessed
from tutor_platform.tutoring.ports.repositories import FeedbackQuery

Processed = Annotated[
    bool | None, QueryParameter(description="Only processed (true) or unprocessed (false).")
]
AllowTraining = Annotated[
    bool | None,
    QueryParameter(description="Only feedback that may (true) or may not be used for training."),
]


class FeedbackController(Controller):
    path = "/feedback"
    guards = ADMINS
    security = BEARER_SECURITY

    @get("/", responses=error_responses(422))
    async def list_feedback(
        self,
        list_feedback: Provided[ListFeedback],
        processed: Processed = None,
        allow_training: AllowTraining = None,
        limit: Limit = DEFAULT_LIMIT,
        offset: Offset = 0,
    ) -> FeedbackListResponse:
        """Feedback, oldest first (admins)."""
        page = await list_feedback.execute(
            FeedbackQuery(processed, allow_training), PageRequest(limit, offset)
        )
        return PageResponse.of(page, FeedbackResponse)

    @get(
        "/export",
        operation_class=JsonLinesOperation,
        responses=error_responses(422),
    )
    async def export_feedback(
        self,
        export_feedback: Provided[ExportFeedback],
        processed: Processed = None,
        allow_training: AllowTraining = None,
    ) -> Stream:
        """Matching feedback as JSON Lines, streamed (admins)."""
        rows = export_feedback.execute(FeedbackQuery(processed, allow_training))
        return Stream(ndjson_body(rows), media_type=NDJSON)

    @post(
        "/mark-processed",
        operation_id="markFeedbackProcessed",
        status_code=HTTP_200_OK,
        responses=error_responses(422),
    )
    async def mark_processed(
        self,
        data: JSONBody[MarkProcessedRequest],
        mark_feedback_processed: Provided[MarkFeedbackProcessed],
    ) -> MarkProcessedResponse:
        """Mark feedback as processed (admins); unknown ids are ignored."""
        return MarkProcessedResponse(await mark_feedback_processed.execute(data.ids))
