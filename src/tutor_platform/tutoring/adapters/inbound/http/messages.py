"""/messages: one message of your sessions, and feedback on the tutor's answers."""

from typing import Annotated
from uuid import UUID

from litestar import Controller, Response, delete, get, patch, post
from litestar.di import NamedDependency
from litestar.openapi import ResponseSpec
from litestar.params import FromPath, HeaderParameter, JSONBody
from litestar.response import Stream
from litestar.status_codes import HTTP_200_OK, HTTP_201_CREATED, HTTP_204_NO_CONTENT

from tutor_platform.shared.auth import Principal
from tutor_platform.shared.http.auth import BEARER_SECURITY
from tutor_platform.shared.http.dependencies import Provided
from tutor_platform.shared.http.openapi import error_responses
from tutor_platform.shared.http.responses import convert
from tutor_platform.tutoring.adapters.inbound.http.feedback_schemas import (
    FeedbackCreate,
    FeedbackResponse,
)
from tutor_platform.tutoring.adapters.inbound.http.params import (
    AI_CALL,
    SKIP_COMPRESSION,
)
from tutor_platform.tutoring.adapters.inbound.http.session_schemas import (
    ExchangeResponse,
    MessageEdit,
    MessageResponse,
)
from tutor_platform.tutoring.adapters.inbound.http.streaming import (
    EVENT_STREAM,
    SSE_RESPONSE,
    STREAM_HEADERS,
    resumed_body,
    sse_body,
)
from tutor_platform.tutoring.application.delete_message import DeleteMessage
from tutor_platform.tutoring.application.get_message import GetMessage
from tutor_platform.tutoring.application.give_feedback import GiveFeedback
from tutor_platform.tutoring.application.resume_stream import ResumeStream, StreamRecorder
from tutor_platform.tutoring.application.support.branches import Branches, RerunMessage, RerunStream

MessageId = FromPath[UUID]


class MessagesController(Controller):
    path = "/messages"
    security = BEARER_SECURITY

    @get("/{message_id:uuid}", responses=error_responses(404))
    async def get_message(
        self,
        message_id: MessageId,
        principal: NamedDependency[Principal],
        get_message: Provided[GetMessage],
    ) -> MessageResponse:
        """A message of one of your sessions (admins may read anyone's, for audit)."""
        return convert(await get_message.execute(principal, message_id), MessageResponse)

    @delete(
        "/{message_id:uuid}", status_code=HTTP_204_NO_CONTENT, responses=error_responses(403, 404)
    )
    async def delete_message(
        self,
        message_id: MessageId,
        principal: NamedDependency[Principal],
        delete_message: Provided[DeleteMessage],
    ) -> None:
        """Delete a message of one of your sessions. A user message goes with the tutor's
        answer to it; deleting an answer leaves the question (unanswered)."""
        await delete_message.execute(principal, message_id)

    @post(
        "/{message_id:uuid}/feedback",
        status_code=HTTP_201_CREATED,
        responses={
            HTTP_200_OK: ResponseSpec(
                data_container=FeedbackResponse,
                description="Your earlier feedback on this answer, replaced.",
            ),
            **error_responses(404, 422),
        },
    )
    async def give_feedback(
        self,
        message_id: MessageId,
        data: JSONBody[FeedbackCreate],
        principal: NamedDependency[Principal],
        give_feedback: Provided[GiveFeedback],
    ) -> Response[FeedbackResponse]:
        """Rate one of the tutor's answers in your own session (201); again, and it replaces
        your earlier feedback (200). 422 on a user message, 404 on someone else's."""
        given = await give_feedback.execute(principal, message_id, data.command())
        status = HTTP_201_CREATED if given.created else HTTP_200_OK
        return Response(convert(given.feedback, FeedbackResponse), status_code=status)

    @post(
        "/{message_id:uuid}/regenerate",
        opt=AI_CALL,
        status_code=HTTP_201_CREATED,
        responses=error_responses(403, 404, 409, 422, 429, 502),
    )
    async def regenerate_message(
        self,
        message_id: MessageId,
        principal: NamedDependency[Principal],
        rerun_message: Provided[RerunMessage],
    ) -> MessageResponse:
        """A new answer to the same question as this answer of the tutor (in your session);
        the old one stays as an alternative, the new one is current. 422 on a user message,
        404 on someone else's; 502 when the provider fails (the old answer is current again)."""
        return convert(await rerun_message.regenerate(principal, message_id), MessageResponse)

    @post(
        "/{message_id:uuid}/regenerate/stream",
        opt={**AI_CALL, SKIP_COMPRESSION: True},
        status_code=HTTP_200_OK,
        responses={**error_responses(403, 404, 409, 422, 429), **SSE_RESPONSE},
    )
    async def regenerate_message_stream(
        self,
        message_id: MessageId,
        principal: NamedDependency[Principal],
        rerun_stream: Provided[RerunStream],
        stream_recorder: Provided[StreamRecorder],
    ) -> Stream:
        """Regenerate an answer as Server-Sent Events (as the streamed send; the
        ``user_message`` event is the question answered again)."""
        stream = await rerun_stream.regenerate(principal, message_id)
        body = sse_body(stream, stream_recorder, principal.user_id)
        return Stream(body, media_type=EVENT_STREAM, headers=STREAM_HEADERS)

    @patch(
        "/{message_id:uuid}",
        opt=AI_CALL,
        status_code=HTTP_201_CREATED,
        responses=error_responses(403, 404, 409, 422, 429, 502),
    )
    async def edit_message(
        self,
        message_id: MessageId,
        data: JSONBody[MessageEdit],
        principal: NamedDependency[Principal],
        rerun_message: Provided[RerunMessage],
    ) -> ExchangeResponse:
        """Edit one of your messages: the new text is a new branch from that point (the old
        question and what followed stay, as an alternative), answered by the tutor. 422 on an
        answer of the tutor; 502 when the provider fails (the new question stays)."""
        exchange = await rerun_message.edit(principal, message_id, data.content)
        return convert(exchange, ExchangeResponse)

    @post("/{message_id:uuid}/select", status_code=HTTP_200_OK, responses=error_responses(403, 404))
    async def select_message(
        self,
        message_id: MessageId,
        principal: NamedDependency[Principal],
        branches: Provided[Branches],
    ) -> MessageResponse:
        """Make the branch through this message (one of its ``alternatives``) current again:
        the history shows it, down to its newest messages, and the tutor follows it."""
        return convert(await branches.select(principal, message_id), MessageResponse)

    @get(
        "/{message_id:uuid}/stream",
        opt={SKIP_COMPRESSION: True},
        responses={**error_responses(400, 404), **SSE_RESPONSE},
    )
    async def resume_stream(
        self,
        message_id: MessageId,
        principal: NamedDependency[Principal],
        resume_stream: Provided[ResumeStream],
        last_event_id: Annotated[
            str | None,
            HeaderParameter(
                name="Last-Event-ID",
                max_length=200,
                description="The id of the last event you received ({assistant_message_id}.{n}); "
                "omitted: the whole stream. 400 when it is not an event sent on this stream.",
            ),
        ] = None,
    ) -> Stream:
        """Resume the streamed answer with this id after a lost connection: the events after
        ``Last-Event-ID``, then the rest as they are generated, or ``done`` at once when the
        answer is complete."""
        items = await resume_stream.execute(principal, message_id, last_event_id)
        return Stream(
            resumed_body(message_id, items), media_type=EVENT_STREAM, headers=STREAM_HEADERS
        )
