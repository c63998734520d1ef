"""Streamed bodies: the Server-Sent Events of a streamed answer and the JSON Lines of the
feedback export, with their OpenAPI descriptions: the events are documented as a union of
structs tagged by their ``event`` name (one schema per event, ``data`` being its JSON)."""

from collections.abc import AsyncIterator
from contextlib import aclosing
from dataclasses import dataclass
from typing import Annotated, Final

import msgspec
from litestar.openapi import ResponseSpec
from litestar.openapi.spec import OpenAPIMediaType, OpenAPIResponse, OpenAPIType, Operation, Schema

from tutor_platform.shared.errors import ErrorCode
from tutor_platform.shared.http.openapi import tagged_union
from tutor_platform.tutoring.adapters.inbound.http.feedback_schemas import FeedbackExportLine
from tutor_platform.tutoring.adapters.inbound.http.session_schemas import MessageResponse
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
SSE_DESCRIPTION: Final = """The answer as Server-Sent Events (`text/event-stream`):

- `event: user_message` — `data`: the stored user message (a `MessageResponse` object);
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
SSE_WIRE_FORMAT: Final = """

The schema is one event: on the wire its `event` is the SSE `event:` line and its `data` the
JSON of the `data:` line, for example

```
event: delta
data: {"text":"A list keeps its order; "}

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
    """First: the stored user message."""

    data: MessageResponse


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


def sse_event(name: str, data: object) -> bytes:
    """One event; compact JSON has no line breaks, so ``data`` is a single line."""
    return b"event: " + name.encode() + b"\ndata: " + msgspec.json.encode(data) + b"\n\n"


async def sse_body(stream: MessageStream) -> AsyncIterator[bytes]:
    """The events of a streamed answer; closing this body closes the answer's events (so a
    client that leaves is noticed by the use case)."""
    async with aclosing(stream.events) as events:
        yield sse_event("user_message", MessageResponse.of(stream.user_message))
        async for event in events:
            if isinstance(event, Delta):
                yield sse_event("delta", {"text": event.text})
            elif isinstance(event, Done):
                yield sse_event("done", MessageResponse.of(event.message))
            elif isinstance(event, Failed):
                yield sse_event("error", {"error_code": event.error_code, "detail": event.detail})


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
