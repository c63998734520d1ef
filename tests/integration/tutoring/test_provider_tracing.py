"""With tracing on, a call to a remote AI model (the OpenAI SDK over ``httpx``) is a client
span in the trace of the request that made it, without the API key.

The real OpenAI adapter talks to the fake server; spans go to the SDK's in-memory exporter.
Runs in the SQLite pass only: what is under test is the outgoing HTTP."""

import json
from collections.abc import AsyncIterator

import pytest
from litestar import Litestar

from tests.conftest import make_settings
from tests.fakes.fixtures import fake_openai, fake_openai_server
from tests.fakes.openai_server import FakeOpenAI, openai_reply
from tests.fakes.tutor_models import OPENAI_TEST_KEY
from tests.integration.accounts import Client, MakeAccount
from tests.integration.tutoring.conftest import API, MakeCourse, MakeSession, MakeTutor
from tests.support.tracing import client_calls, traced_app, untrace_outgoing_http
from tutor_platform.bootstrap.settings import Settings

__all__ = ["fake_openai", "fake_openai_server"]


@pytest.fixture
def settings(database_url: str, fake_openai: FakeOpenAI) -> Settings:
    return make_settings(
        database_url,
        openai_api_key=OPENAI_TEST_KEY,
        openai_base_url=f"{fake_openai.url}/v1",
        ai_max_retries=0,
    )


@pytest.fixture
async def app(settings: Settings, clean_db: None) -> AsyncIterator[Litestar]:
    yield traced_app(settings)
    untrace_outgoing_http()


async def test_a_model_call_is_a_client_span_of_the_request_that_made_it(
    client: Client,
    app: Litestar,
    make_account: MakeAccount,
    make_course: MakeCourse,
    make_tutor: MakeTutor,
    make_session: MakeSession,
    fake_openai: FakeOpenAI,
) -> None:
    teacher = await make_account("teacher", role="instructor")
    student = await make_account("student")
    course = await make_course(teacher, sections=1, lessons_per_section=1)
    tutor = await make_tutor(teacher, course.id, provider="openai")
    session = await make_session(student, tutor["id"])
    fake_openai.enqueue(openai_reply("Mitochondria make ATP."))

    response = await client.post(
        f"{API}/sessions/{session['id']}/messages",
        json={"content": "What do mitochondria do?"},
        headers={**student.headers, "X-Request-ID": "tutor-message"},
    )

    assert response.status_code == 201, response.text
    spans = app.state.recorded.get_finished_spans()
    assert client_calls(spans, fake_openai.url, "tutor-message") == [
        ("POST", "/v1/chat/completions", 200)
    ]
    assert OPENAI_TEST_KEY not in json.dumps([dict(s.attributes or {}) for s in spans])
