"""Streamed bodies: the Server-Sent Events of a streamed answer and the JSON Lines of the
feedback export, with their OpenAPI descriptions: the events are documented as a union of
structs tagged by their ``event`` name (one schema per event, ``data`` being its JSON)."""

from collections.abc import AsyncGenerator, AsyncIterator
from contextlib import aclosing
from dataclasses import dataclass
from typing import Annotated, Final
from uuid import UUID

import msgspec
from litestar.openapi import ResponseSpec
from litestar.openapi.spec import OpenAPIMediaType, OpenAPIResponse, OpenAPIType, Operation, Schema

from tutor_platform.shared.errors import ErrorCode
from tutor_platform.shared.http.openapi import tagged_union
from tutor_platform.shared.http.responses import convert
from tutor_platform.tutoring.adapters.inbound.http.feedback_schemas import FeedbackExportLine
from tutor_platform.tutoring.adapters.inbound.http.session_schemas import (
    MessageResponse,
    StreamedUserMessage,
)
from tutor_platform.tutoring.application.resume_stream import (
    Interrupted,
    Resumed,
    StoredAnswer,
    StreamRecorder,
    event_id,
)
from tutor_platform.tutoring.application.stream_message import (
    Delta,
    Done,
    Failed,
    MessageStream,
)
from tutor_platform.tutoring.ports.repositories import ExportedFeedback

EVENT_STREAM: Final = "text/event-stream"
NDJSON: Final = "application/x-ndjson"
STREAM_HEADERS: Final = {"Cache-Control": "no-cache", "X-Accel-Buffering": "no"}
SSE_DESCRIPTION: Final = """The answer as Server-Sent Events (`text/event-stream`). Every event
has an `id:` (`{assistant_message_id}.{n}`); a client that lost the connection resumes with
`GET /messages/{assistant_message_id}/stream` and the `Last-Event-ID` it last received.

- `event: user_message` — `data`: the stored user message (a `MessageResponse` object) with
  `assistant_message_id`, the id the answer will have;
- `event: delta` — `data`: `{"text": "..."}`, a piece of the answer as it arrives; the pieces
  concatenate to the stored answer;
- then exactly one of `event: done` — `data`: the stored assistant message (a
  `MessageResponse`), or `event: error` — `data`: `{"error_code": "UPSTREAM_ERROR", "detail":
  "..."}` when the provider failed mid-way (the user message stays, unanswered; the partial
  answer is not stored; a retry with the same `client_message_id` asks again).

A retry with a `client_message_id` whose answer is stored replays it (one `delta` with the
whole answer, then `done`). A client that disconnects does not stop the answer: it is
generated to its end and stored, with `finish_reason` `client_disconnected`, and a resume gets
the events the client missed. Errors found
before the stream starts (404, 409, 422, 429...) are ordinary JSON error responses."""
SSE_WIRE_FORMAT: Final = """

The schema is one event: on the wire its `event` is the SSE `event:` line and its `data` the
JSON of the `data:` line, after its `id:` line, for example

```
id: 0193a1e4-7c2b-7d41-9a0e-5b8f3c6d2e17.2
event: delta
data: {"text":"A list keeps its order; "}

id: 0193a1e4-7c2b-7d41-9a0e-5b8f3c6d2e17.3
event: done
data: {"id":"0193a1e4-7c2b-7d41-9a0e-5b8f3c6d2e17","role":"assistant",...}
```"""


class TextDelta(msgspec.Struct):
    """A piece of the answer; the pieces concatenate to the stored answer."""

    text: Annotated[str, msgspec.Meta(examples=["A list keeps its order; "])]


class StreamError(msgspec.Struct):
    """Why the answer stopped mid-way."""

    error_code: ErrorCode
    detail: Annotated[str, msgspec.Meta(examples=["The AI provider failed; try again."])]


class UserMessageEvent(msgspec.Struct, tag_field="event", tag="user_message"):
    """First: the stored user message, with the id its answer will have."""

    data: StreamedUserMessage


class DeltaEvent(msgspec.Struct, tag_field="event", tag="delta"):
    """A piece of the answer as it arrives."""

    data: TextDelta


class DoneEvent(msgspec.Struct, tag_field="event", tag="done"):
    """Last, on success: the stored assistant message."""

    data: MessageResponse


class ErrorEvent(msgspec.Struct, tag_field="event", tag="error"):
    """Last, when the provider failed mid-way (the partial answer is not stored)."""

    data: StreamError


MessageStreamEvent = tagged_union(
    "MessageStreamEvent", UserMessageEvent, DeltaEvent, DoneEvent, ErrorEvent
)
"""One Server-Sent Event of a streamed answer (for the OpenAPI document and its tests)."""

SSE_RESPONSE: Final = {
    200: ResponseSpec(
        data_container=MessageStreamEvent,
        media_type=EVENT_STREAM,
        description=SSE_DESCRIPTION + SSE_WIRE_FORMAT,
        generate_examples=False,
    )
}
"""The 200 answer of ``POST /sessions/{id}/messages/stream``: its events, as a union."""
NDJSON_DESCRIPTION: Final = (
    "JSON Lines (`application/x-ndjson`), one feedback per line, oldest first: the fields of "
    "a `FeedbackResponse` plus `answer` (the rated assistant message's text) and `question` "
    "(the user message it answered, or null). Streamed in batches: the export never holds "
    "all rows in memory."
)


def sse_frame(event_id: str, name: str, data: str) -> bytes:
    """One numbered event whose ``data`` is already encoded (one line of JSON)."""
    return f"id: {event_id}\nevent: {name}\ndata: {data}\n\n".encode()


def _json(data: object) -> str:
    return msgspec.json.encode(data).decode()


async def named_events(stream: MessageStream) -> AsyncGenerator[tuple[str, str, bool], None]:
    """The events of a streamed answer as ``(event, data, final)``; closing this closes the
    answer's events (the events are stopped only by shutdown, see ``StreamRecorder``)."""
    async with aclosing(stream.events) as events:
        user_message = StreamedUserMessage.of_stream(
            stream.user_message, stream.assistant_message_id
        )
        yield "user_message", _json(user_message), False
        async for event in events:
            if isinstance(event, Delta):
                yield "delta", _json({"text": event.text}), False
            elif isinstance(event, Done):
                yield "done", _json(convert(event.message, MessageResponse)), True
            elif isinstance(event, Failed):
                detail = {"error_code": event.error_code, "detail": event.detail}
                yield "error", _json(detail), True


async def sse_body(
    stream: MessageStream, recorder: StreamRecorder, owner_id: UUID
) -> AsyncIterator[bytes]:
    """The numbered events of a streamed answer, logged so that a client can resume; the
    answer runs on when the client leaves."""
    stream_id = stream.assistant_message_id or stream.user_message.id
    named = named_events(stream)
    logged = recorder.record(owner_id, stream_id, named, stream.audience, log=not stream.replayed)
    async with aclosing(logged) as events:
        async for event in events:
            yield sse_frame(event_id(stream_id, event.seq), event.event, event.data)


async def resumed_body(
    stream_id: UUID, items: AsyncGenerator[Resumed, None]
) -> AsyncIterator[bytes]:
    """A resumed stream: the logged events, or the stored answer as ``done``."""
    async with aclosing(items) as resumed:
        async for item in resumed:
            if isinstance(item, StoredAnswer):
                data = _json(convert(item.message, MessageResponse))
                yield sse_frame(event_id(stream_id, item.seq), "done", data)
            elif isinstance(item, Interrupted):
                detail = {"error_code": "NOT_FOUND", "detail": "The answer was interrupted."}
                yield sse_frame(event_id(stream_id, item.seq), "error", _json(detail))
            else:
                yield sse_frame(event_id(stream_id, item.seq), item.event, item.data)


async def ndjson_body(rows: AsyncIterator[ExportedFeedback]) -> AsyncIterator[bytes]:
    async for row in rows:
        yield msgspec.json.encode(FeedbackExportLine.of_export(row)) + b"\n"


@dataclass
class JsonLinesOperation(Operation):
    """Documents the 200 answer of ``GET /feedback/export``."""

    def __post_init__(self) -> None:
        responses = dict(self.responses or {})
        responses["200"] = OpenAPIResponse(
            description=NDJSON_DESCRIPTION,
            content={NDJSON: OpenAPIMediaType(schema=Schema(type=OpenAPIType.STRING))},
        )
        self.responses = responses
