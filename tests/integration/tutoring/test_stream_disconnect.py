"""A client that leaves mid-stream, against a real server (uvicorn in a thread, an httpx
client that closes after the first piece): the answer is still generated to its end and
stored (finish_reason ``client_disconnected``), and a client that comes back with the
``Last-Event-ID`` it last received gets the rest of the events.

Runs in the SQLite pass only: what it checks is the HTTP side (routing, validation,
authorization, error bodies, serialization) over repositories whose database-specific behaviour
the repository contracts and the `both_databases` tests cover on PostgreSQL too."""

from typing import Any

import httpx
from httpx_sse import ServerSentEvent, aconnect_sse
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncEngine

from tests.fakes.asgi import serve_asgi
from tests.integration.tutoring.conftest import API, Chat, use_model
from tests.unit.tutoring.doubles import ScriptedModel
from tutor_platform.bootstrap.app import create_app
from tutor_platform.bootstrap.settings import Settings
from tutor_platform.tutoring.adapters.outbound.sqlalchemy.tables import ChatMessageRow

PIECES = ("One ", "two ", "three ", "four.")


async def stored(engine: AsyncEngine, session_id: str) -> list[Any]:
    table = ChatMessageRow.__table__
    async with engine.connect() as connection:
        result = await connection.execute(
            select(table).where(table.c.session_id == session_id).order_by(table.c.created_at)
        )
        return list(result.all())


async def until_first_delta(client: httpx.AsyncClient, chat: Chat) -> list[ServerSentEvent]:
    """Stream a message, read until the first delta, then leave (closing the connection)."""
    url = f"{API}/sessions/{chat.session['id']}/messages/stream"
    read: list[ServerSentEvent] = []
    async with aconnect_sse(
        client, "POST", url, json={"content": "Count to four"}, headers=chat.student.headers
    ) as source:
        assert source.response.status_code == 200
        async for event in source.aiter_sse():
            read.append(event)
            if event.event == "delta":
                return read
    raise AssertionError("no delta arrived")


async def resumed(
    client: httpx.AsyncClient, chat: Chat, answer_id: str, last_event_id: str
) -> list[ServerSentEvent]:
    headers = {**chat.student.headers, "Last-Event-ID": last_event_id}
    async with aconnect_sse(
        client, "GET", f"{API}/messages/{answer_id}/stream", headers=headers
    ) as source:
        assert source.response.status_code == 200
        return [event async for event in source.aiter_sse()]


async def test_a_client_that_leaves_mid_stream_does_not_stop_the_answer_and_can_resume_it(
    settings: Settings, chat: Chat, db_engine: AsyncEngine
) -> None:
    app = create_app(settings, migrate_on_start=False)
    model = use_model(app, ScriptedModel(*PIECES, delay=0.3))
    with serve_asgi(app) as url:
        async with httpx.AsyncClient(base_url=url, timeout=10) as client:
            first = await until_first_delta(client, chat)
            answer_id = first[0].json()["assistant_message_id"]
            assert len(model.sent) < len(PIECES), "the client left while it was generated"
            rest = await resumed(client, chat, answer_id, first[-1].id)
        rows = await stored(db_engine, chat.session["id"])

    assert model.sent == list(PIECES), "the generation went on to its end"
    question, answer = rows
    assert (question.role, question.content) == ("user", "Count to four")
    assert (answer.role, answer.reply_to_id) == ("assistant", question.id)
    assert str(answer.id) == answer_id
    assert answer.content == "".join(PIECES)
    assert answer.meta["finish_reason"] == "client_disconnected"

    assert [e.event for e in rest] == ["delta"] * (len(PIECES) - 1) + ["done"]
    texts = [e.json()["text"] for e in first[1:] + rest[:-1]]
    assert "".join(texts) == answer.content, "no piece lost or sent twice across the resume"
    assert rest[-1].json()["content"] == answer.content
    assert rest[-1].json()["metadata"]["finish_reason"] == "client_disconnected"
