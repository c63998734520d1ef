"""Concurrent requests over HTTP, really overlapping (httpx's ASGI transport in the test's
event loop; Litestar's test client serves one request at a time), on SQLite and PostgreSQL:

- 20 learners rating answers at once leave the tutor's exact mean and count;
- two identical sends with one client_message_id ask the AI once: one is answered (201),
  the other is told the first is still being answered (409), a later retry gets the first
  result (200).
"""

import asyncio
from collections.abc import AsyncIterator
from typing import Any

import httpx
import pytest
from litestar import Litestar

from tests.integration.accounts import PASSWORD
from tests.integration.tutoring.conftest import API, use_model
from tests.unit.tutoring.doubles import ScriptedModel
from tutor_platform.bootstrap.app import create_app
from tutor_platform.bootstrap.container import close_container
from tutor_platform.bootstrap.settings import Settings
from tutor_platform.identity.application.create_user import NewUser

pytestmark = pytest.mark.both_databases

LEARNERS = 20


@pytest.fixture
async def app(settings: Settings, clean_db: None) -> AsyncIterator[Litestar]:
    app = create_app(settings, migrate_on_start=False)
    yield app
    await close_container(app.state.container)


@pytest.fixture
async def http(app: Litestar) -> AsyncIterator[httpx.AsyncClient]:
    transport = httpx.ASGITransport(app=app)  # type: ignore[arg-type]
    async with httpx.AsyncClient(transport=transport, base_url="http://testserver") as client:
        yield client


async def login(app: Litestar, http: httpx.AsyncClient, name: str, role: str) -> dict[str, str]:
    command = NewUser(f"{name}@example.com", name, PASSWORD, role=role)
    await app.state.container.identity.create_user().execute(command)
    response = await http.post(f"{API}/auth/login", json={"login": name, "password": PASSWORD})
    http.cookies.clear()
    return {"Authorization": f"Bearer {response.json()['access_token']}"}


async def post(http: httpx.AsyncClient, path: str, who: dict[str, str], body: Any) -> Any:
    response = await http.post(API + path, json=body, headers=who)
    assert response.status_code in (200, 201), response.text
    return response.json()


async def test_twenty_learners_rating_at_once_leave_the_exact_mean(
    app: Litestar, http: httpx.AsyncClient
) -> None:
    teacher = await login(app, http, "teacher", "instructor")
    tutor = await post(http, "/tutors", teacher, {"name": "Pip"})
    answers = []
    for n in range(LEARNERS):
        learner = await login(app, http, f"learner{n}", "student")
        session = await post(http, "/sessions", learner, {"tutor_id": tutor["id"]})
        made = await post(http, f"/sessions/{session['id']}/messages", learner, {"content": "Hi"})
        answers.append((learner, made["assistant_message"]["id"]))

    async def rate(who: dict[str, str], message_id: str, stars: int) -> int:
        response = await http.post(
            f"{API}/messages/{message_id}/feedback",
            json={"feedback_type": "detailed", "rating": stars},
            headers=who,
        )
        return response.status_code

    first = [(n % 5) + 1 for n in range(LEARNERS)]
    statuses = await asyncio.gather(
        *(rate(who, m, stars) for (who, m), stars in zip(answers, first, strict=True))
    )
    assert statuses == [201] * LEARNERS
    rated = (await http.get(f"{API}/tutors/{tutor['id']}")).json()
    assert (rated["rating"], rated["total_feedbacks"]) == (sum(first) / LEARNERS, LEARNERS)

    second = [5 if n < 7 else 1 for n in range(LEARNERS)]
    statuses = await asyncio.gather(
        *(rate(who, m, stars) for (who, m), stars in zip(answers, second, strict=True))
    )
    assert statuses == [200] * LEARNERS
    rerated = (await http.get(f"{API}/tutors/{tutor['id']}")).json()
    assert (rerated["rating"], rerated["total_feedbacks"]) == (sum(second) / LEARNERS, LEARNERS)


async def test_two_identical_sends_at_once_ask_the_ai_once(
    app: Litestar, http: httpx.AsyncClient
) -> None:
    model = use_model(app, ScriptedModel("Slow ", "answer.", delay=0.3))
    teacher = await login(app, http, "teacher", "instructor")
    learner = await login(app, http, "learner", "student")
    tutor = await post(http, "/tutors", teacher, {"name": "Pip"})
    session = await post(http, "/sessions", learner, {"tutor_id": tutor["id"]})
    url = f"{API}/sessions/{session['id']}/messages"
    body = {"content": "Once, please", "client_message_id": "tap-1"}

    first, second = await asyncio.gather(
        *(http.post(url, json=body, headers=learner) for _ in range(2))
    )

    assert sorted((first.status_code, second.status_code)) == [201, 409]
    answered = first if first.status_code == 201 else second
    assert len(model.prompts) == 1
    stored = (await http.get(url, headers=learner)).json()["items"]
    assert [m["role"] for m in stored] == ["user", "assistant"]
    later = await http.post(url, json=body, headers=learner)
    assert (later.status_code, later.json()) == (200, answered.json())
    assert len(model.prompts) == 1
