"""A client that leaves mid-stream, against a real server (uvicorn in a thread, an httpx
client that closes after the first piece): the user message and the part of the answer
generated so far are stored, with finish_reason ``client_disconnected``.

Runs in the SQLite pass only: what it checks is the HTTP side (routing, validation,
authorization, error bodies, serialization) over repositories whose database-specific behaviour
the repository contracts and the `both_databases` tests cover on PostgreSQL too."""

import asyncio
from typing import Any

import httpx
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


async def first_delta(url: str, chat: Chat) -> str:
    """Stream a message, read until the first delta, then leave."""
    async with (
        httpx.AsyncClient(base_url=url, timeout=10) as client,
        client.stream(
            "POST",
            f"{API}/sessions/{chat.session['id']}/messages/stream",
            json={"content": "Count to four"},
            headers=chat.student.headers,
        ) as response,
    ):
        assert response.status_code == 200
        async for line in response.aiter_lines():
            if line == "event: delta":
                return line
    raise AssertionError("no delta arrived")


async def test_a_client_that_leaves_mid_stream_leaves_the_partial_answer_stored(
    settings: Settings, chat: Chat, db_engine: AsyncEngine
) -> None:
    app = create_app(settings, migrate_on_start=False)
    model = use_model(app, ScriptedModel(*PIECES, delay=0.4))
    with serve_asgi(app) as url:
        await first_delta(url, chat)
        for _ in range(100):
            rows = await stored(db_engine, chat.session["id"])
            if len(rows) == 2:
                break
            await asyncio.sleep(0.05)

    question, answer = rows
    assert (question.role, question.content) == ("user", "Count to four")
    assert answer.role == "assistant"
    assert answer.reply_to_id == question.id
    assert answer.meta["finish_reason"] == "client_disconnected"
    assert answer.content in ("One ", "One two "), "what was generated before the client left"
    assert len(model.sent) < len(PIECES), "the generation stopped"
