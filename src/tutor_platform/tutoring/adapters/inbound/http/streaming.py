"""Streamed bodies: the Server-Sent Events of a streamed answer and the JSON Lines of the
feedback export, with the OpenAPI descriptions Litestar cannot infer for them."""

from collections.abc import AsyncGenerator, AsyncIterator
from contextlib import aclosing
from dataclasses import dataclass
from typing import Final
from uuid import UUID

import msgspec
from litestar.openapi.spec import OpenAPIMediaType, OpenAPIResponse, OpenAPIType, Operation, Schema

from tutor_platform.tutoring.adapters.inbound.http.feedback_schemas import FeedbackExportLine
from tutor_platform.tutoring.adapters.inbound.http.session_schemas import (
    MessageResponse,
    UserMessageEvent,
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
whole answer, then `done`). A client that disconnects leaves the user message and the part of
the answer generated so far stored, with `finish_reason` `client_disconnected`. Errors found
before the stream starts (404, 409, 422, 429...) are ordinary JSON error responses."""
SSE_EXAMPLE: Final = (
    "id: 0190f3c2-7d1a-7b4e-9a55-3f2d1c0b9e8a.1\n"
    'event: user_message\ndata: {"id": "...", "role": "user", "content": "What is ...?", '
    '"assistant_message_id": "0190f3c2-7d1a-7b4e-9a55-3f2d1c0b9e8a"}\n\n'
    "id: 0190f3c2-7d1a-7b4e-9a55-3f2d1c0b9e8a.2\n"
    'event: delta\ndata: {"text": "Here is "}\n\n'
    "id: 0190f3c2-7d1a-7b4e-9a55-3f2d1c0b9e8a.3\n"
    'event: delta\ndata: {"text": "what the course says..."}\n\n'
    "id: 0190f3c2-7d1a-7b4e-9a55-3f2d1c0b9e8a.4\n"
    'event: done\ndata: {"id": "...", "role": "assistant", "content": "Here is what the '
    'course says..."}\n\n'
)
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


async def named_events(stream: MessageStream) -> AsyncIterator[tuple[str, str, bool]]:
    """The events of a streamed answer as ``(event, data, final)``; closing this closes the
    answer's events (so a client that leaves is noticed by the use case)."""
    async with aclosing(stream.events) as events:
        user_message = UserMessageEvent.of_stream(stream.user_message, stream.assistant_message_id)
        yield "user_message", _json(user_message), False
        async for event in events:
            if isinstance(event, Delta):
                yield "delta", _json({"text": event.text}), False
            elif isinstance(event, Done):
                yield "done", _json(MessageResponse.of(event.message)), True
            elif isinstance(event, Failed):
                detail = {"error_code": event.error_code, "detail": event.detail}
                yield "error", _json(detail), True


async def sse_body(
    stream: MessageStream, recorder: StreamRecorder, owner_id: UUID
) -> AsyncIterator[bytes]:
    """The numbered events of a streamed answer, logged so that a client can resume."""
    stream_id = stream.assistant_message_id or stream.user_message.id
    named = named_events(stream)
    logged = recorder.record(owner_id, stream_id, named, log=not stream.replayed)
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
                data = _json(MessageResponse.of(item.message))
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
class EventStreamOperation(Operation):
    """Documents the 200 answer of ``POST /sessions/{id}/messages/stream``."""

    def __post_init__(self) -> None:
        responses = dict(self.responses or {})
        responses["200"] = OpenAPIResponse(
            description=SSE_DESCRIPTION,
            content={
                EVENT_STREAM: OpenAPIMediaType(
                    schema=Schema(type=OpenAPIType.STRING), example=SSE_EXAMPLE
                )
            },
        )
        self.responses = responses


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
