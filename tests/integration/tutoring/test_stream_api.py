"""POST /sessions/{id}/messages/stream: the answer as Server-Sent Events, a failure mid-way,
a replayed retry, errors before the stream, and the SSE contract in the OpenAPI schema.

Runs in the SQLite pass only: what it checks is the HTTP side (routing, validation,
authorization, error bodies, serialization) over repositories whose database-specific behaviour
the repository contracts and the `both_databases` tests cover on PostgreSQL too."""

from typing import Any

import pytest

from tests.integration.accounts import Account, Client, assert_error
from tests.integration.tutoring.conftest import API, Chat, Snapshot
from tests.integration.tutoring.sse import Event, parse_events
from tests.unit.tutoring.doubles import ScriptedModel


async def stream(
    client: Client, who: Account, session_id: str, content: str, **fields: Any
) -> tuple[Any, list[Event]]:
    response = await client.post(
        f"{API}/sessions/{session_id}/messages/stream",
        json={"content": content, **fields},
        headers=who.headers,
    )
    return response, parse_events(response.text) if response.status_code == 200 else []


async def stored_messages(client: Client, chat: Chat) -> list[dict[str, Any]]:
    response = await client.get(
        f"{API}/sessions/{chat.session['id']}/messages", headers=chat.student.headers
    )
    items: list[dict[str, Any]] = response.json()["items"]
    return items


async def test_the_answer_arrives_piece_by_piece_and_is_stored(client: Client, chat: Chat) -> None:
    response, events = await stream(client, chat.student, chat.session["id"], "What is 1.1?")

    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/event-stream")
    assert response.headers["cache-control"] == "no-cache"
    names = [name for name, _ in events]
    assert names[0] == "user_message"
    assert names[-1] == "done"
    assert set(names[1:-1]) == {"delta"}
    assert len(names) > 4, "the offline model streams word by word"
    question, answer = events[0][1], events[-1][1]
    assert (question["role"], question["content"]) == ("user", "What is 1.1?")
    text = "".join(data["text"] for name, data in events if name == "delta")
    assert answer["content"] == text
    assert answer["reply_to_id"] == question["id"]
    assert question.pop("assistant_message_id") == answer["id"], "announced up front"
    assert await stored_messages(client, chat) == [question, answer]


async def test_a_failure_mid_way_ends_with_an_error_event(
    client: Client, chat: Chat, scripted: ScriptedModel
) -> None:
    scripted.fail_after = 1
    response, events = await stream(
        client, chat.student, chat.session["id"], "Hi", client_message_id="k"
    )
    assert response.status_code == 200
    assert [name for name, _ in events] == ["user_message", "delta", "error"]
    assert events[-1][1] == {"error_code": "UPSTREAM_ERROR", "detail": "scripted failure"}
    announced = dict(events[0][1])
    assert announced.pop("assistant_message_id") is not None
    assert await stored_messages(client, chat) == [announced]

    scripted.fail_after = None
    _, retried = await stream(client, chat.student, chat.session["id"], "Hi", client_message_id="k")
    assert retried[0][1] == {**announced, "assistant_message_id": retried[-1][1]["id"]}
    assert retried[-1][0] == "done"


async def test_a_retry_of_an_answered_message_replays_it(
    client: Client, chat: Chat, scripted: ScriptedModel, snapshot: Snapshot
) -> None:
    _, first = await stream(client, chat.student, chat.session["id"], "Hi", client_message_id="k")
    before = await snapshot()
    _, again = await stream(client, chat.student, chat.session["id"], "Hi", client_message_id="k")
    assert again == [
        first[0],
        ("delta", {"text": first[-1][1]["content"]}),
        first[-1],
    ]
    assert len(scripted.prompts) == 1
    assert await snapshot() == before


@pytest.mark.parametrize(
    ("who", "session", "body", "status", "code"),
    [
        ("other", "chat", {"content": "hi"}, 404, "NOT_FOUND"),
        ("admin", "chat", {"content": "hi"}, 403, "FORBIDDEN"),
        ("student", "unknown", {"content": "hi"}, 404, "NOT_FOUND"),
        ("student", "chat", {"content": ""}, 422, "VALIDATION_ERROR"),
        ("student", "chat", {"content": "hi", "extra": 1}, 422, "VALIDATION_ERROR"),
        ("anonymous", "chat", {"content": "hi"}, 401, "UNAUTHENTICATED"),
    ],
)
async def test_errors_before_the_stream_are_plain_json(
    client: Client,
    chat: Chat,
    other: Account,
    admin: Account,
    snapshot: Snapshot,
    who: str,
    session: str,
    body: dict[str, Any],
    status: int,
    code: str,
) -> None:
    callers = {"other": other, "admin": admin, "student": chat.student}
    caller = callers.get(who)
    session_id = chat.session["id"] if session == "chat" else "0190f5d2-7c1a-7b3e-9a51-3f6d2c8e4b10"
    before = await snapshot()
    response = await client.post(
        f"{API}/sessions/{session_id}/messages/stream",
        json=body,
        headers=caller.headers if caller else {},
    )
    assert response.headers["content-type"].startswith("application/json")
    assert_error(response, status, code)
    assert await snapshot() == before


async def test_the_openapi_schema_documents_the_event_stream(client: Client) -> None:
    spec = (await client.get("/schema/openapi.json")).json()
    operation = spec["paths"][f"{API}/sessions/{{session_id}}/messages/stream"]["post"]
    ok = operation["responses"]["200"]
    assert list(ok["content"]) == ["text/event-stream"]
    for event in ("user_message", "delta", "done", "error", "client_disconnected"):
        assert event in ok["description"]
    assert {"403", "404", "409", "422", "429"} <= set(operation["responses"])
    export = spec["paths"][f"{API}/feedback/export"]["get"]["responses"]["200"]
    assert list(export["content"]) == ["application/x-ndjson"]
