"""Fault injection: an AI provider that answers NUL and control characters, too much text,
garbage, or nothing at all (hangs). The real OpenAI adapter talks to the fake server.

Whatever the provider does: the JSON send answers 201 or 502 (never 500), every stream ends
with ``done`` or ``error``, nothing the database cannot store is stored, an answer is at most
``AI_MAX_OUTPUT_CHARACTERS`` long, and after a failure the same ``client_message_id`` asks
again instead of meeting 409.

Both databases: NUL reaching PostgreSQL was a 500 there only.
"""

from typing import Any

import pytest

from tests.conftest import make_settings
from tests.fakes.asgi import Scripted
from tests.fakes.fixtures import fake_openai, fake_openai_server
from tests.fakes.openai_server import FakeOpenAI, openai_reply, openai_stream
from tests.fakes.tutor_models import OPENAI_TEST_KEY
from tests.integration.accounts import Account, Client, MakeAccount
from tests.integration.tutoring.conftest import API, MakeCourse, MakeSession, MakeTutor, send
from tests.integration.tutoring.sse import Event, parse_events
from tutor_platform.bootstrap.settings import Settings
from tutor_platform.tutoring.application.support.conversation import Conversation

pytestmark = pytest.mark.both_databases

__all__ = ["fake_openai", "fake_openai_server"]

MAX_CHARACTERS = 500
DIRTY = "Mito\x00chondria\x01 make\x7f ATP.\tThey\r\nhave DNA."
CLEAN = "Mitochondria make ATP.\tThey\r\nhave DNA."


@pytest.fixture
def settings(database_url: str, fake_openai: FakeOpenAI) -> Settings:
    return make_settings(
        database_url,
        openai_api_key=OPENAI_TEST_KEY,
        openai_base_url=f"{fake_openai.url}/v1",
        ai_max_retries=0,
        ai_backoff_seconds=0.01,
        ai_timeout_seconds=1,
        ai_total_timeout_seconds=2,
        ai_max_output_characters=MAX_CHARACTERS,
    )


@pytest.fixture
async def chat(
    make_account: MakeAccount,
    make_course: MakeCourse,
    make_tutor: MakeTutor,
    make_session: MakeSession,
) -> tuple[Account, str]:
    teacher = await make_account("teacher", role="instructor")
    student = await make_account("student")
    course = await make_course(teacher, sections=1, lessons_per_section=1)
    tutor = await make_tutor(teacher, course.id, provider="openai")
    session = await make_session(student, tutor["id"])
    return student, session["id"]


async def stream(client: Client, who: Account, session_id: str, **body: object) -> list[Event]:
    response = await client.post(
        f"{API}/sessions/{session_id}/messages/stream",
        json={"content": "What do mitochondria do?", **body},
        headers=who.headers,
    )
    assert response.status_code == 200, response.text
    return parse_events(response.text)


async def stored_answers(client: Client, who: Account, session_id: str) -> list[str]:
    response = await client.get(f"{API}/sessions/{session_id}/messages", headers=who.headers)
    assert response.status_code == 200
    return [m["content"] for m in response.json()["items"] if m["role"] == "assistant"]


async def test_control_characters_of_an_answer_are_removed_before_it_is_stored(
    client: Client, chat: tuple[Account, str], fake_openai: FakeOpenAI
) -> None:
    student, session_id = chat
    fake_openai.enqueue(openai_reply(DIRTY))
    response = await send(client, student, session_id, "What do mitochondria do?")
    assert response.status_code == 201, response.text
    assert response.json()["assistant_message"]["content"] == CLEAN

    fake_openai.enqueue(openai_stream("Mito\x00chondria\x01 make\x7f ", "ATP.\tThey\r\nhave DNA."))
    events = await stream(client, student, session_id)
    assert [name for name, _ in events][-1] == "done"
    assert "".join(data["text"] for name, data in events if name == "delta") == CLEAN
    assert await stored_answers(client, student, session_id) == [CLEAN, CLEAN]


async def test_an_answer_too_long_is_cut_at_the_limit(
    client: Client, chat: tuple[Account, str], fake_openai: FakeOpenAI
) -> None:
    student, session_id = chat
    fake_openai.enqueue(openai_reply("word " * 1000))
    response = await send(client, student, session_id, "Tell me everything.")
    assert response.status_code == 201, response.text
    answer = response.json()["assistant_message"]
    assert len(answer["content"]) == MAX_CHARACTERS
    assert answer["metadata"]["finish_reason"] == "length"

    fake_openai.enqueue(openai_stream(*["word " * 30] * 100))
    events = await stream(client, student, session_id)
    name, done = events[-1]
    assert name == "done"
    assert len(done["content"]) == MAX_CHARACTERS
    assert done["metadata"]["finish_reason"] == "length"
    deltas = "".join(data["text"] for name, data in events if name == "delta")
    assert deltas == done["content"]


GARBAGE = [
    Scripted(body=b"<html>502 Bad Gateway</html>", headers={"content-type": "text/html"}),
    Scripted(json={"choices": "not a list"}),
    Scripted(json={"choices": [{"message": {"content": 42}}]}),
    Scripted(body=b'{"id": "chatcmpl", "choices": [', headers={"content-type": "application/json"}),
    Scripted(delay=3.0, json={}),
]
GARBAGE_IDS = ["html", "wrong shape", "wrong type", "cut JSON", "hangs"]


@pytest.mark.parametrize("garbage", GARBAGE, ids=GARBAGE_IDS)
async def test_a_garbage_answer_is_502_and_the_message_can_be_sent_again(
    client: Client, chat: tuple[Account, str], fake_openai: FakeOpenAI, garbage: Scripted
) -> None:
    student, session_id = chat
    fake_openai.enqueue(garbage)
    failed = await send(client, student, session_id, "Hi?", client_message_id="k1")
    assert failed.status_code == 502, failed.text
    assert failed.json()["error_code"] == "UPSTREAM_ERROR"

    retried = await send(client, student, session_id, "Hi?", client_message_id="k1")
    assert retried.status_code == 201, retried.text
    assert await stored_answers(client, student, session_id) == ["Fake OpenAI answer to: Hi?"]


STREAM_GARBAGE = [
    Scripted(events=["{not json"]),
    Scripted(events=[{"choices": [{"delta": {"content": "Half "}}]}, "{not json"]),
    Scripted(events=[{"choices": [{"delta": {"content": "Half "}}]}], break_after=1),
    Scripted(events=[{"choices": "not a list"}]),
    Scripted(body=b"<html>oops</html>", headers={"content-type": "text/html"}),
    Scripted(delay=3.0, json={}),
]
STREAM_GARBAGE_IDS = ["bad JSON", "bad JSON after a delta", "cut", "wrong shape", "html", "hangs"]


@pytest.mark.parametrize("garbage", STREAM_GARBAGE, ids=STREAM_GARBAGE_IDS)
async def test_a_garbage_stream_ends_with_error_and_can_be_sent_again(
    client: Client, chat: tuple[Account, str], fake_openai: FakeOpenAI, garbage: Scripted
) -> None:
    student, session_id = chat
    fake_openai.enqueue(garbage)
    events = await stream(client, student, session_id, client_message_id="k2")
    name, error = events[-1]
    assert name == "error", events
    assert error["error_code"] == "UPSTREAM_ERROR"
    assert await stored_answers(client, student, session_id) == []

    again = await stream(client, student, session_id, client_message_id="k2")
    assert again[-1][0] == "done", again
    assert len(await stored_answers(client, student, session_id)) == 1


@pytest.mark.parametrize(
    ("failure", "code"),
    [
        (ConnectionRefusedError(111, "refused"), "UNAVAILABLE"),
        (RuntimeError("bug"), "INTERNAL_ERROR"),
    ],
    ids=["database gone", "a bug"],
)
async def test_a_failure_to_store_the_answer_ends_the_stream_with_error_and_frees_the_key(
    client: Client,
    chat: tuple[Account, str],
    monkeypatch: pytest.MonkeyPatch,
    failure: Exception,
    code: str,
) -> None:
    student, session_id = chat
    real_answer = Conversation.answer
    calls = 0

    async def failing_once(self: Conversation, *args: Any, **kwargs: Any) -> Any:
        nonlocal calls
        calls += 1
        if calls == 1:
            raise failure
        return await real_answer(self, *args, **kwargs)

    monkeypatch.setattr(Conversation, "answer", failing_once)
    events = await stream(client, student, session_id, client_message_id="k3")
    assert events[-1] == ("error", {"error_code": code, "detail": events[-1][1]["detail"]})
    assert "Traceback" not in events[-1][1]["detail"]

    again = await stream(client, student, session_id, client_message_id="k3")
    assert again[-1][0] == "done", again
    sent = await send(client, student, session_id, "Again?", client_message_id="k4")
    assert sent.status_code == 201
