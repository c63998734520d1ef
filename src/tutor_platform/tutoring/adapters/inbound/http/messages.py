"""/messages: one message of your sessions, and feedback on the tutor's answers."""

from uuid import UUID

from litestar import Controller, Response, delete, get, post
from litestar.di import NamedDependency
from litestar.openapi import ResponseSpec
from litestar.params import FromPath, JSONBody, SkipValidation
from litestar.status_codes import HTTP_200_OK, HTTP_201_CREATED, HTTP_204_NO_CONTENT

from tutor_platform.shared.auth import Principal
from tutor_platform.shared.http.auth import BEARER_SECURITY
from tutor_platform.shared.http.dependencies import container_dependencies
from tutor_platform.shared.http.openapi import error_responses
from tutor_platform.tutoring.adapters.inbound.http.feedback_schemas import (
    FeedbackCreate,
    FeedbackResponse,
)
from tutor_platform.tutoring.adapters.inbound.http.session_schemas import MessageResponse
from tutor_platform.tutoring.application.delete_message import DeleteMessage
from tutor_platform.tutoring.application.get_message import GetMessage
from tutor_platform.tutoring.application.give_feedback import GiveFeedback

MessageId = FromPath[UUID]


class MessagesController(Controller):
    path = "/messages"
    security = BEARER_SECURITY
    dependencies = container_dependencies(
        "tutoring", "get_message", "delete_message", "give_feedback"
    )

    @get("/{message_id:uuid}", responses=error_responses(404))
    async def get_message(
        self,
        message_id: MessageId,
        principal: NamedDependency[Principal],
        get_message: NamedDependency[SkipValidation[GetMessage]],
    ) -> MessageResponse:
        """A message of one of your sessions (admins may read anyone's, for audit)."""
        return MessageResponse.of(await get_message.execute(principal, message_id))

    @delete(
        "/{message_id:uuid}", status_code=HTTP_204_NO_CONTENT, responses=error_responses(403, 404)
    )
    async def delete_message(
        self,
        message_id: MessageId,
        principal: NamedDependency[Principal],
        delete_message: NamedDependency[SkipValidation[DeleteMessage]],
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
        give_feedback: NamedDependency[SkipValidation[GiveFeedback]],
    ) -> Response[FeedbackResponse]:
        """Rate one of the tutor's answers in your own session (201); again, and it replaces
        your earlier feedback (200). 422 on a user message, 404 on someone else's."""
        given = await give_feedback.execute(principal, message_id, data.command())
        status = HTTP_201_CREATED if given.created else HTTP_200_OK
        return Response(FeedbackResponse.of(given.feedback), status_code=status)
