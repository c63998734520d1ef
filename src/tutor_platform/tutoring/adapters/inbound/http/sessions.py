"""/sessions: a user's conversations with tutors and their messages."""

from typing import Annotated
from uuid import UUID

from litestar import Controller, Response, delete, get, patch, post
from litestar.di import NamedDependency
from litestar.openapi import ResponseSpec
from litestar.params import FromPath, JSONBody, QueryParameter
from litestar.response import Stream
from litestar.status_codes import HTTP_200_OK, HTTP_201_CREATED, HTTP_204_NO_CONTENT

from tutor_platform.shared.auth import Principal
from tutor_platform.shared.http.auth import BEARER_SECURITY
from tutor_platform.shared.http.dependencies import Provided
from tutor_platform.shared.http.openapi import error_responses
from tutor_platform.shared.http.paging import Limit, Offset, PageResponse
from tutor_platform.shared.http.responses import convert
from tutor_platform.shared.pagination import DEFAULT_LIMIT, PageRequest
from tutor_platform.tutoring.adapters.inbound.http.params import (
    AI_CALL,
    SKIP_COMPRESSION,
)
from tutor_platform.tutoring.adapters.inbound.http.session_schemas import (
    ExchangeResponse,
    MessageCreate,
    MessagePageResponse,
    SessionCreate,
    SessionListResponse,
    SessionPatch,
    SessionResponse,
)
from tutor_platform.tutoring.adapters.inbound.http.streaming import (
    EVENT_STREAM,
    SSE_RESPONSE,
    STREAM_HEADERS,
    sse_body,
)
from tutor_platform.tutoring.application.clear_session import ClearSession
from tutor_platform.tutoring.application.delete_session import DeleteSession
from tutor_platform.tutoring.application.get_session import GetSession
from tutor_platform.tutoring.application.list_messages import (
    DEFAULT_MESSAGE_LIMIT,
    MAX_MESSAGE_LIMIT,
    ListMessages,
)
from tutor_platform.tutoring.application.list_sessions import ListSessions
from tutor_platform.tutoring.application.rename_session import RenameSession
from tutor_platform.tutoring.application.resume_stream import StreamRecorder
from tutor_platform.tutoring.application.send_message import SendMessage
from tutor_platform.tutoring.application.start_session import StartSession
from tutor_platform.tutoring.application.stream_message import StreamMessage

SessionId = FromPath[UUID]
MAX_QUERY_LENGTH = 200
SEND_ERRORS = (403, 404, 409, 422, 429)
"""403: an admin on someone else's session; 409: the tutor is gone, or the same
``client_message_id`` is being answered, or was used for another message."""


class SessionsController(Controller):
    path = "/sessions"
    security = BEARER_SECURITY

    @post("/", responses=error_responses(422))
    async def start_session(
        self,
        data: JSONBody[SessionCreate],
        principal: NamedDependency[Principal],
        start_session: Provided[StartSession],
    ) -> SessionResponse:
        """Start a conversation with an active tutor you can see (else 422 on ``tutor_id``)."""
        session = await start_session.execute(principal, data.tutor_id, data.title)
        return convert(session, SessionResponse)

    @get("/", responses=error_responses(422))
    async def list_sessions(
        self,
        principal: NamedDependency[Principal],
        list_sessions: Provided[ListSessions],
        tutor_id: Annotated[
            UUID | None, QueryParameter(description="Only the sessions with this tutor.")
        ] = None,
        q: Annotated[
            str | None,
            QueryParameter(
                max_length=MAX_QUERY_LENGTH,
                description="Part of the title or of any message's text, in any case.",
            ),
        ] = None,
        limit: Limit = DEFAULT_LIMIT,
        offset: Offset = 0,
    ) -> SessionListResponse:
        """Your sessions, newest activity (last message, else creation) first."""
        page = await list_sessions.execute(principal, PageRequest(limit, offset), tutor_id, q)
        return PageResponse.of(page, SessionResponse)

    @get("/{session_id:uuid}", responses=error_responses(404))
    async def get_session(
        self,
        session_id: SessionId,
        principal: NamedDependency[Principal],
        get_session: Provided[GetSession],
    ) -> SessionResponse:
        """One of your sessions (admins may read anyone's, for audit)."""
        return convert(await get_session.execute(principal, session_id), SessionResponse)

    @patch("/{session_id:uuid}", responses=error_responses(403, 404, 422))
    async def rename_session(
        self,
        session_id: SessionId,
        data: JSONBody[SessionPatch],
        principal: NamedDependency[Principal],
        rename_session: Provided[RenameSession],
    ) -> SessionResponse:
        """Rename one of your sessions."""
        return convert(
            await rename_session.execute(principal, session_id, data.title), SessionResponse
        )

    @delete(
        "/{session_id:uuid}", status_code=HTTP_204_NO_CONTENT, responses=error_responses(403, 404)
    )
    async def delete_session(
        self,
        session_id: SessionId,
        principal: NamedDependency[Principal],
        delete_session: Provided[DeleteSession],
    ) -> None:
        """Delete one of your sessions with its messages (and the feedback on them)."""
        await delete_session.execute(principal, session_id)

    @get("/{session_id:uuid}/messages", responses=error_responses(404, 422))
    async def list_messages(
        self,
        session_id: SessionId,
        principal: NamedDependency[Principal],
        list_messages: Provided[ListMessages],
        limit: Annotated[
            int, QueryParameter(ge=1, le=MAX_MESSAGE_LIMIT, description="Page size.")
        ] = DEFAULT_MESSAGE_LIMIT,
        before_id: Annotated[
            UUID | None,
            QueryParameter(
                description="The oldest message you have: the page just before it. Omitted: "
                "the newest page. 422 when it is not a message of this session."
            ),
        ] = None,
    ) -> MessagePageResponse:
        """A page of the session's messages, oldest first; ``has_more`` says whether older
        ones exist (keyset paging)."""
        page = await list_messages.execute(principal, session_id, before_id, limit)
        return convert(page, MessagePageResponse)

    @post(
        "/{session_id:uuid}/messages",
        opt=AI_CALL,
        status_code=HTTP_201_CREATED,
        responses={
            HTTP_200_OK: ResponseSpec(
                data_container=ExchangeResponse,
                description="A retry with a client_message_id already answered: the first "
                "result, unchanged.",
            ),
            **error_responses(*SEND_ERRORS, 502),
        },
    )
    async def send_message(
        self,
        session_id: SessionId,
        data: JSONBody[MessageCreate],
        principal: NamedDependency[Principal],
        send_message: Provided[SendMessage],
    ) -> Response[ExchangeResponse]:
        """Send a message to the tutor and get its answer. The user message is stored before
        the AI is asked; if the provider fails, 502 and the message stays (unanswered).
        A ``client_message_id`` already answered returns the first result (200); one still
        being answered is 409."""
        exchange = await send_message.execute(principal, session_id, data.command())
        status = HTTP_200_OK if exchange.replayed else HTTP_201_CREATED
        return Response(convert(exchange, ExchangeResponse), status_code=status)

    @post(
        "/{session_id:uuid}/messages/stream",
        opt={**AI_CALL, SKIP_COMPRESSION: True},
        status_code=HTTP_200_OK,
        responses={**error_responses(*SEND_ERRORS), **SSE_RESPONSE},
    )
    async def stream_message(
        self,
        session_id: SessionId,
        data: JSONBody[MessageCreate],
        principal: NamedDependency[Principal],
        stream_message: Provided[StreamMessage],
        stream_recorder: Provided[StreamRecorder],
    ) -> Stream:
        """Send a message and get the answer as Server-Sent Events (see the 200 response)."""
        stream = await stream_message.execute(principal, session_id, data.command())
        body = sse_body(stream, stream_recorder, principal.user_id)
        return Stream(body, media_type=EVENT_STREAM, headers=STREAM_HEADERS)

    @delete(
        "/{session_id:uuid}/messages",
        status_code=HTTP_204_NO_CONTENT,
        responses=error_responses(403, 404),
    )
    async def clear_session(
        self,
        session_id: SessionId,
        principal: NamedDependency[Principal],
        clear_session: Provided[ClearSession],
    ) -> None:
        """Delete every message of one of your sessions; the session stays, empty."""
        await clear_session.execute(principal, session_id)
