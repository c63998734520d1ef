"""Truly concurrent submissions of one learner to one quiz without ``max_attempts``: every
attempt is stored, numbered 1 to N, none refused with 409, even with fewer pooled database
connections than submissions (no request holds one connection while waiting for another).
Reads and grades that ask learning who may see a quiz do not hold one either.

The test client serves one request at a time, so this drives the app through httpx's ASGI
transport inside the test's event loop, where the requests really overlap (as in
``tests/integration/identity/test_concurrent_refresh.py``).
"""

import asyncio
from collections.abc import AsyncIterator, Awaitable
from typing import Any

import httpx
import pytest

from tests.conftest import make_settings
from tests.integration.accounts import PASSWORD, Account
from tests.integration.assessment.conftest import API, quiz_body, true_false
from tests.integration.catalog.conftest import course_maker
from tutor_platform.bootstrap.app import create_app
from tutor_platform.bootstrap.container import close_container

pytestmark = pytest.mark.both_databases

ADMIN = "quizmaster@example.com"
SUBMISSIONS = 10


@pytest.fixture
async def in_loop_client(database_url: str, clean_db: None) -> AsyncIterator[httpx.AsyncClient]:
    settings = make_settings(
        database_url, first_admin_email=ADMIN, first_admin_password=PASSWORD, database_pool_size=4
    )
    app = create_app(settings, migrate_on_start=False)
    await app.state.container.identity.facade().ensure_first_admin(ADMIN, PASSWORD)
    transport = httpx.ASGITransport(app=app)  # type: ignore[arg-type]
    async with httpx.AsyncClient(transport=transport, base_url="http://testserver") as client:
        yield client
    await close_container(app.state.container)


async def account(client: httpx.AsyncClient, login: str, **register: Any) -> Account:
    if register:
        response = await client.post(f"{API}/auth/register", json=register)
        assert response.status_code == 201, response.text
    response = await client.post(f"{API}/auth/login", json={"login": login, "password": PASSWORD})
    assert response.status_code == 200, response.text
    tokens = response.json()
    me = await client.get(
        f"{API}/users/me", headers={"Authorization": f"Bearer {tokens['access_token']}"}
    )
    client.cookies.clear()
    user = me.json()
    return Account(
        user["id"], user["username"], user["email"], tokens["access_token"], tokens["refresh_token"]
    )


async def test_concurrent_attempts_without_a_limit_are_all_stored(
    in_loop_client: httpx.AsyncClient,
) -> None:
    client = in_loop_client
    admin = await account(client, ADMIN)
    course = await course_maker(client)(admin, sections=1, lessons_per_section=1)
    made = await client.post(
        f"{API}/courses/{course.id}/quizzes",
        json=quiz_body(questions=[true_false()]),
        headers=admin.headers,
    )
    assert made.status_code == 201, made.text
    quiz_id = made.json()["id"]
    student = await account(
        client, "taker", email="taker@example.com", username="taker", password=PASSWORD
    )

    responses = await asyncio.gather(
        *(
            client.post(
                f"{API}/quizzes/{quiz_id}/attempts", json={"answers": {}}, headers=student.headers
            )
            for _ in range(SUBMISSIONS)
        )
    )

    assert [r.status_code for r in responses] == [201] * SUBMISSIONS, [r.text for r in responses]
    numbers = sorted(r.json()["number"] for r in responses)
    assert numbers == list(range(1, SUBMISSIONS + 1))


async def test_concurrent_reads_and_grades_never_wait_for_a_second_connection(
    in_loop_client: httpx.AsyncClient,
) -> None:
    client = in_loop_client
    admin = await account(client, ADMIN)
    course = await course_maker(client)(admin, sections=1, lessons_per_section=1)
    made = await client.post(
        f"{API}/courses/{course.id}/quizzes",
        json=quiz_body(questions=[true_false()]),
        headers=admin.headers,
    )
    quiz = made.json()
    taken = await client.post(
        f"{API}/quizzes/{quiz['id']}/attempts", json={"answers": {}}, headers=admin.headers
    )
    attempt, question = taken.json()["id"], quiz["questions"][0]["id"]

    def calls() -> list[Awaitable[httpx.Response]]:
        return [
            client.get(f"{API}/quizzes/{quiz['id']}/attempts", headers=admin.headers),
            client.get(f"{API}/quizzes/{quiz['id']}", headers=admin.headers),
            client.get(f"{API}/quizzes/{quiz['id']}/review", headers=admin.headers),
            client.put(
                f"{API}/attempts/{attempt}/results/{question}",
                json={"awarded_points": 1},
                headers=admin.headers,
            ),
        ]

    together = [call for _ in range(4) for call in calls()]
    responses = await asyncio.wait_for(asyncio.gather(*together), timeout=20)

    assert [r.status_code for r in responses] == [200] * 16, [r.text for r in responses]
