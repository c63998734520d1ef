"""Resumable streams: every event has an id, the ``user_message`` event announces the
answer's id, and ``GET /messages/{id}/stream`` with ``Last-Event-ID`` gives the events after
it (then the rest as generated), the whole stream without it, ``done`` at once for a stored
answer; ids that are malformed, of another message or not sent yet are 400, someone else's
answer 404. Events are read with httpx-sse.

Runs on both databases: the PostgreSQL pass configures Redis, so the log is on Redis Streams
there and in memory on SQLite (the contract suite holds both adapters to one contract)."""

from typing import Any

import pytest
from httpx_sse import ServerSentEvent, aconnect_sse

from tests.integration.accounts import Account, Client, MakeAccount, assert_error
from tests.integration.tutoring.conftest import API, Chat, exchange
from tests.unit.tutoring.doubles import ScriptedModel

pytestmark = pytest.mark.both_databases


async def read_all(
    client: Client,
    method: str,
    url: str,
    who: Account,
    last_event_id: str | None = None,
    **kw: Any,
) -> list[ServerSentEvent]:
    headers = dict(who.headers)
    if last_event_id is not None:
        headers["Last-Event-ID"] = last_event_id
    async with aconnect_sse(client, method, url, headers=headers, **kw) as source:
        assert source.response.status_code == 200
        return [event async for event in source.aiter_sse()]


async def streamed(client: Client, chat: Chat, content: str) -> list[ServerSentEvent]:
    url = f"{API}/sessions/{chat.session['id']}/messages/stream"
    return await read_all(client, "POST", url, chat.student, json={"content": content})


def resume_url(answer_id: str) -> str:
    return f"{API}/messages/{answer_id}/stream"


async def test_every_event_has_an_id_and_a_resumed_stream_sends_what_followed(
    client: Client, chat: Chat, scripted: ScriptedModel
) -> None:
    events = await streamed(client, chat, "What is 1.1?")
    answer_id = events[0].json()["assistant_message_id"]
    assert [e.id for e in events] == [f"{answer_id}.{n}" for n in range(1, len(events) + 1)]
    assert events[-1].event == "done"
    assert events[-1].json()["id"] == answer_id

    after_two = await read_all(
        client, "GET", resume_url(answer_id), chat.student, last_event_id=events[1].id
    )
    assert [(e.id, e.event, e.data) for e in after_two] == [
        (e.id, e.event, e.data) for e in events[2:]
    ]
    whole = await read_all(client, "GET", resume_url(answer_id), chat.student)
    assert [(e.id, e.event, e.data) for e in whole] == [(e.id, e.event, e.data) for e in events]


async def test_a_stream_resumed_while_generated_gets_the_rest_as_it_comes(
    client: Client, chat: Chat, scripted: ScriptedModel
) -> None:
    scripted.pieces = ["one ", "two ", "three ", "four."]
    scripted.delay = 0.1
    url = f"{API}/sessions/{chat.session['id']}/messages/stream"
    async with aconnect_sse(
        client, "POST", url, json={"content": "Count"}, headers=chat.student.headers
    ) as first:
        events = first.aiter_sse()
        announced = await anext(events)
        answer_id = announced.json()["assistant_message_id"]
        resumed = await read_all(
            client,
            "GET",
            resume_url(answer_id),
            chat.student,
            last_event_id=announced.id,
        )
        rest = [e async for e in events]
    assert [e.id for e in resumed] == [e.id for e in rest]
    assert "".join(e.json()["text"] for e in resumed if e.event == "delta") == "one two three four."
    assert resumed[-1].event == "done"


async def test_a_stored_answer_without_a_log_is_done_at_once(client: Client, chat: Chat) -> None:
    made = await exchange(client, chat.student, chat.session["id"], "What is 1.1?")
    answer = made["assistant_message"]

    events = await read_all(client, "GET", resume_url(answer["id"]), chat.student)

    assert [e.event for e in events] == ["done"]
    assert events[0].json()["content"] == answer["content"]


async def test_bad_resumes_are_refused(
    client: Client, chat: Chat, make_account: MakeAccount, scripted: ScriptedModel
) -> None:
    events = await streamed(client, chat, "What is 1.1?")
    answer_id = events[0].json()["assistant_message_id"]
    other = await streamed(client, chat, "Another")
    other_id = other[0].json()["assistant_message_id"]
    question_id = events[0].json()["id"]
    headers = chat.student.headers

    for bad in (
        "nonsense",
        "7",
        f"{other_id}.1",
        f"{answer_id}.x",
        f"{answer_id}.{len(events) + 1}",
    ):
        response = await client.get(
            resume_url(answer_id), headers={**headers, "Last-Event-ID": bad}
        )
        assert_error(response, 400, "BAD_REQUEST")
    stranger = await make_account("stranger")
    assert_error(
        await client.get(resume_url(answer_id), headers=stranger.headers), 404, "NOT_FOUND"
    )
    for unknown in (question_id, "01a25164-629f-7638-b068-616ad825fbbf"):
        assert_error(await client.get(resume_url(unknown), headers=headers), 404, "NOT_FOUND")
    assert_error(await client.get(resume_url(answer_id)), 401, "UNAUTHENTICATED")


async def test_a_replayed_retry_does_not_log_the_answer_twice(
    client: Client, chat: Chat, scripted: ScriptedModel
) -> None:
    url = f"{API}/sessions/{chat.session['id']}/messages/stream"
    body = {"content": "What is 1.1?", "client_message_id": "k-1"}
    first = await read_all(client, "POST", url, chat.student, json=body)
    replay = await read_all(client, "POST", url, chat.student, json=body)
    answer_id = first[0].json()["assistant_message_id"]
    assert replay[0].json()["assistant_message_id"] == answer_id

    whole = await read_all(client, "GET", resume_url(answer_id), chat.student)

    assert [(e.id, e.event, e.data) for e in whole] == [(e.id, e.event, e.data) for e in first]
