"""The events on the wire are the events the OpenAPI document describes: each streamed
``event:``/``data:`` pair decodes as one arm of ``MessageStreamEvent``, on success and when
the provider fails mid-way.

Runs in the SQLite pass only: what it checks is the HTTP side (the event stream and its
schema), not the database."""

import msgspec

from tests.integration.accounts import Client
from tests.integration.tutoring.conftest import API, Chat
from tests.integration.tutoring.sse import parse_events
from tests.unit.tutoring.doubles import ScriptedModel
from tutor_platform.tutoring.adapters.inbound.http.streaming import (
    DeltaEvent,
    DoneEvent,
    ErrorEvent,
    MessageStreamEvent,
    UserMessageEvent,
)


async def streamed(client: Client, chat: Chat, content: str) -> list[object]:
    response = await client.post(
        f"{API}/sessions/{chat.session['id']}/messages/stream",
        json={"content": content},
        headers=chat.student.headers,
    )
    assert response.status_code == 200
    return [
        msgspec.convert({"event": name, "data": data}, MessageStreamEvent)
        for name, data in parse_events(response.text)
    ]


async def test_a_streamed_answer_is_made_of_documented_events(
    client: Client, chat: Chat, scripted: ScriptedModel
) -> None:
    events = await streamed(client, chat, "What is 1.1?")

    assert [type(event) for event in events] == [
        UserMessageEvent,
        DeltaEvent,
        DeltaEvent,
        DoneEvent,
    ]


async def test_a_failure_mid_way_is_a_documented_error_event(
    client: Client, chat: Chat, scripted: ScriptedModel
) -> None:
    scripted.fail_after = 1

    events = await streamed(client, chat, "What is 1.1?")

    assert [type(event) for event in events] == [UserMessageEvent, DeltaEvent, ErrorEvent]
    error = events[-1]
    assert isinstance(error, ErrorEvent)
    assert error.data.error_code == "UPSTREAM_ERROR"
