"""Tutors on the remote providers end to end through HTTP, with the real adapters pointed at
fake servers on localhost: Gemini (google-genai; an image attachment sent inline, a streamed
answer, a failure after the retries), AI-Core (httpx; its extra fields in the metadata) and an
OpenAI-compatible server (the openai SDK; an image as a data URL, a streamed answer).

Runs in the SQLite pass only: what it checks is the HTTP side (routing, validation,
authorization, error bodies, serialization) over repositories whose database-specific behaviour
the repository contracts and the `both_databases` tests cover on PostgreSQL too."""

import base64

import pytest

from tests.conftest import empty_storage_dir, make_settings
from tests.fakes.ai_core_server import FakeAiCore
from tests.fakes.fixtures import (
    fake_ai_core,
    fake_ai_core_server,
    fake_gemini,
    fake_gemini_server,
    fake_openai,
    fake_openai_server,
)
from tests.fakes.gemini_server import FakeGemini, gemini_error, system_text
from tests.fakes.openai_server import FakeOpenAI, openai_error, system_message
from tests.fakes.tutor_models import AI_CORE_TEST_KEY, GEMINI_TEST_KEY, OPENAI_TEST_KEY
from tests.integration.accounts import Account, Client, MakeAccount, assert_error
from tests.integration.catalog.passage_support import IndexSettled, index_settled, index_worker
from tests.integration.media.conftest import post_file
from tests.integration.tutoring.conftest import (
    API,
    MakeCourse,
    MakeSession,
    MakeTutor,
    send,
)
from tests.integration.tutoring.sse import parse_events
from tests.unit.media import samples
from tutor_platform.bootstrap.settings import Settings

__all__ = [
    "fake_ai_core",
    "fake_ai_core_server",
    "fake_gemini",
    "fake_gemini_server",
    "fake_openai",
    "fake_openai_server",
    "index_settled",
    "index_worker",
]


@pytest.fixture
def settings(
    database_url: str,
    fake_gemini: FakeGemini,
    fake_ai_core: FakeAiCore,
    fake_openai: FakeOpenAI,
) -> Settings:
    return make_settings(
        database_url,
        storage_dir=str(empty_storage_dir("tutoring-files")),
        gemini_api_key=GEMINI_TEST_KEY,
        gemini_base_url=fake_gemini.url,
        ai_core_url=fake_ai_core.url,
        ai_core_api_key=AI_CORE_TEST_KEY,
        openai_api_key=OPENAI_TEST_KEY,
        openai_base_url=f"{fake_openai.url}/v1",
        ai_max_retries=2,
        ai_backoff_seconds=0.01,
        ai_timeout_seconds=5,
    )


async def gemini_chat(
    make_account: MakeAccount,
    make_course: MakeCourse,
    make_tutor: MakeTutor,
    make_session: MakeSession,
    provider: str = "gemini",
) -> tuple[Account, str]:
    teacher = await make_account("teacher", role="instructor")
    student = await make_account("student")
    course = await make_course(teacher, sections=1, lessons_per_section=1)
    tutor = await make_tutor(teacher, course.id, provider=provider, system_prompt="Be Socratic.")
    session = await make_session(student, tutor["id"])
    return student, session["id"]


async def test_a_gemini_tutor_sees_the_image_and_answers(
    client: Client,
    make_account: MakeAccount,
    make_course: MakeCourse,
    make_tutor: MakeTutor,
    make_session: MakeSession,
    fake_gemini: FakeGemini,
    index_settled: IndexSettled,
) -> None:
    student, session_id = await gemini_chat(make_account, make_course, make_tutor, make_session)
    image = (await post_file(client, student, samples.png(), "leaf.png")).json()["id"]
    await index_settled()
    question = "Is this picture the content of lesson 1.1?"
    response = await send(client, student, session_id, question, attachments=[image])

    assert response.status_code == 201, response.text
    answer = response.json()["assistant_message"]
    assert answer["content"] == f"Fake Gemini answer to: {question}"
    metadata = answer["metadata"]
    assert (metadata["provider"], metadata["model_id"], metadata["finish_reason"]) == (
        "gemini",
        "gemini-2.5-flash",
        "stop",
    )
    assert (metadata["tokens_in"], metadata["extra"]) == (12, {"model_version": "fake-gemini-001"})
    request = fake_gemini.last_request
    assert request.path == "/v1beta/models/gemini-2.5-flash:generateContent"
    assert request.headers["x-goog-api-key"] == GEMINI_TEST_KEY
    parts = request.json()["contents"][-1]["parts"]
    [inline] = [part["inlineData"] for part in parts if "inlineData" in part]
    assert inline.get("mimeType", inline.get("mime_type")) == "image/png"
    assert base64.urlsafe_b64decode(inline["data"]) == samples.png()
    instruction = system_text(request)
    assert instruction.startswith("Be Socratic.")
    assert "Content of lesson 1.1." in instruction


async def test_a_gemini_tutor_streams_its_answer(
    client: Client,
    make_account: MakeAccount,
    make_course: MakeCourse,
    make_tutor: MakeTutor,
    make_session: MakeSession,
    fake_gemini: FakeGemini,
) -> None:
    student, session_id = await gemini_chat(make_account, make_course, make_tutor, make_session)
    response = await client.post(
        f"{API}/sessions/{session_id}/messages/stream",
        json={"content": "Explain lesson one"},
        headers=student.headers,
    )
    events = parse_events(response.text)
    deltas = [data["text"] for name, data in events if name == "delta"]
    assert len(deltas) == 3
    assert "".join(deltas) == "Fake Gemini answer to: Explain lesson one"
    assert events[-1][0] == "done"
    assert events[-1][1]["content"] == "".join(deltas)
    assert fake_gemini.last_request.path.endswith(":streamGenerateContent")


async def test_a_failing_gemini_is_an_upstream_error_after_its_retries(
    client: Client,
    make_account: MakeAccount,
    make_course: MakeCourse,
    make_tutor: MakeTutor,
    make_session: MakeSession,
    fake_gemini: FakeGemini,
) -> None:
    student, session_id = await gemini_chat(make_account, make_course, make_tutor, make_session)
    fake_gemini.enqueue(*(gemini_error(503) for _ in range(3)))

    response = await send(client, student, session_id, "Hello?")

    assert_error(response, 502, "UPSTREAM_ERROR")
    assert len(fake_gemini.requests) == 3
    stored = await client.get(
        f"{API}/sessions/{session_id}/messages",
        headers=student.headers,
    )
    assert [m["content"] for m in stored.json()["items"]] == ["Hello?"]


async def test_an_ai_core_tutor_passes_its_session_and_keeps_the_extra_fields(
    client: Client,
    make_account: MakeAccount,
    make_course: MakeCourse,
    make_tutor: MakeTutor,
    make_session: MakeSession,
    fake_ai_core: FakeAiCore,
    index_settled: IndexSettled,
) -> None:
    student, session_id = await gemini_chat(
        make_account, make_course, make_tutor, make_session, provider="ai_core"
    )
    await index_settled()
    response = await send(client, student, session_id, "What is lesson 1.1?")

    assert response.status_code == 201, response.text
    answer = response.json()["assistant_message"]
    assert answer["content"] == "Fake AI-Core answer to: What is lesson 1.1?"
    assert answer["metadata"]["provider"] == "ai_core"
    assert "sources" in answer["metadata"]["extra"]
    sent = fake_ai_core.last_request.json()
    assert (sent["chat_id"], sent["message"]) == (session_id, "What is lesson 1.1?")
    assert sent["system_prompt"].startswith("Be Socratic.")
    assert "Content of lesson 1.1." in sent["system_prompt"]


async def test_an_openai_tutor_sees_the_image_and_answers(
    client: Client,
    make_account: MakeAccount,
    make_course: MakeCourse,
    make_tutor: MakeTutor,
    make_session: MakeSession,
    fake_openai: FakeOpenAI,
    index_settled: IndexSettled,
) -> None:
    student, session_id = await gemini_chat(
        make_account, make_course, make_tutor, make_session, provider="openai"
    )
    image = (await post_file(client, student, samples.png(), "leaf.png")).json()["id"]
    await index_settled()
    question = "Is this picture the content of lesson 1.1?"
    response = await send(client, student, session_id, question, attachments=[image])

    assert response.status_code == 201, response.text
    answer = response.json()["assistant_message"]
    assert answer["content"] == f"Fake OpenAI answer to: {question}"
    metadata = answer["metadata"]
    assert (metadata["provider"], metadata["model_id"], metadata["finish_reason"]) == (
        "openai",
        "gpt-4o-mini",
        "stop",
    )
    assert (metadata["tokens_in"], metadata["extra"]) == (14, {"model_version": "fake-openai-001"})
    request = fake_openai.last_request
    assert request.path == "/v1/chat/completions"
    assert request.headers["authorization"] == f"Bearer {OPENAI_TEST_KEY}"
    body = request.json()
    assert body["model"] == "gpt-4o-mini"
    [image_url] = [
        part["image_url"]["url"]
        for part in body["messages"][-1]["content"]
        if part["type"] == "image_url"
    ]
    prefix = "data:image/png;base64,"
    assert image_url.startswith(prefix)
    assert base64.b64decode(image_url.removeprefix(prefix)) == samples.png()
    instruction = system_message(request)
    assert instruction.startswith("Be Socratic.")
    assert "Content of lesson 1.1." in instruction


async def test_an_openai_tutor_streams_its_answer(
    client: Client,
    make_account: MakeAccount,
    make_course: MakeCourse,
    make_tutor: MakeTutor,
    make_session: MakeSession,
    fake_openai: FakeOpenAI,
) -> None:
    student, session_id = await gemini_chat(
        make_account, make_course, make_tutor, make_session, provider="openai"
    )
    response = await client.post(
        f"{API}/sessions/{session_id}/messages/stream",
        json={"content": "Explain lesson one"},
        headers=student.headers,
    )
    events = parse_events(response.text)
    deltas = [data["text"] for name, data in events if name == "delta"]
    assert len(deltas) == 3
    assert "".join(deltas) == "Fake OpenAI answer to: Explain lesson one"
    assert events[-1][0] == "done"
    assert events[-1][1]["content"] == "".join(deltas)
    assert fake_openai.last_request.json()["stream"] is True
    stored = await client.get(f"{API}/sessions/{session_id}/messages", headers=student.headers)
    assert [m["content"] for m in stored.json()["items"]] == [
        "Explain lesson one",
        "Fake OpenAI answer to: Explain lesson one",
    ]


async def test_a_failing_openai_server_is_an_upstream_error_after_its_retries(
    client: Client,
    make_account: MakeAccount,
    make_course: MakeCourse,
    make_tutor: MakeTutor,
    make_session: MakeSession,
    fake_openai: FakeOpenAI,
) -> None:
    student, session_id = await gemini_chat(
        make_account, make_course, make_tutor, make_session, provider="openai"
    )
    fake_openai.enqueue(*(openai_error(429, retry_after="0") for _ in range(3)))

    response = await send(client, student, session_id, "Hello?")

    assert_error(response, 502, "UPSTREAM_ERROR")
    assert len(fake_openai.requests) == 3
