"""Racing moves in one course never leave duplicate or missing positions.

Litestar's test client serves one request at a time, so this test drives the app through
httpx's ASGI transport inside the test's event loop, where the requests really overlap. Each
write locks the course row first (``SELECT ... FOR UPDATE`` on PostgreSQL, the database
write lock on SQLite), so the moves run one after another; it runs on both backends.
"""

import asyncio
import random
from collections.abc import AsyncIterator

import httpx
import pytest
from litestar import Litestar

from tests.integration.accounts import PASSWORD, Account
from tests.integration.catalog.conftest import API, course_maker
from tutor_platform.bootstrap.app import create_app
from tutor_platform.bootstrap.container import close_container
from tutor_platform.bootstrap.settings import Settings
from tutor_platform.identity.application.create_user import NewUser

pytestmark = pytest.mark.both_databases


@pytest.fixture
async def racing_app(settings: Settings, clean_db: None) -> AsyncIterator[Litestar]:
    app = create_app(settings, migrate_on_start=False)
    yield app
    await close_container(app.state.container)


@pytest.fixture
async def in_loop_client(racing_app: Litestar) -> AsyncIterator[httpx.AsyncClient]:
    transport = httpx.ASGITransport(app=racing_app)  # type: ignore[arg-type]
    async with httpx.AsyncClient(transport=transport, base_url="http://testserver") as client:
        yield client


async def instructor(app: Litestar, client: httpx.AsyncClient) -> Account:
    command = NewUser("racer@example.com", "racer", PASSWORD, role="instructor")
    user = await app.state.container.identity.create_user().execute(command)
    tokens = await client.post(f"{API}/auth/login", json={"login": "racer", "password": PASSWORD})
    body = tokens.json()
    return Account(str(user.id), "racer", user.email, body["access_token"], body["refresh_token"])


async def assert_dense(client: httpx.AsyncClient, course_id: str, lessons: int) -> None:
    outline = (await client.get(f"{API}/courses/{course_id}")).json()
    sections = outline["sections"]
    assert [s["position"] for s in sections] == list(range(1, len(sections) + 1))
    for section in sections:
        positions = [lesson["position"] for lesson in section["lessons"]]
        assert positions == list(range(1, len(positions) + 1)), section
    assert sum(len(s["lessons"]) for s in sections) == lessons


async def test_concurrent_moves_keep_positions_dense(
    racing_app: Litestar, in_loop_client: httpx.AsyncClient
) -> None:
    client = in_loop_client
    owner = await instructor(racing_app, client)
    course = await course_maker(client)(owner, sections=3, lessons_per_section=4)
    rng = random.Random(7)
    headers = owner.headers

    def lesson_move() -> dict[str, object]:
        # Position 1 is valid wherever the lesson is and whichever section it enters.
        return {"position": 1, "section_id": rng.choice(course.section_ids)}

    moves = [
        *(
            client.post(
                f"{API}/lessons/{rng.choice(course.lesson_ids)}/move",
                json=lesson_move(),
                headers=headers,
            )
            for _ in range(16)
        ),
        *(
            client.post(
                f"{API}/sections/{rng.choice(course.section_ids)}/move",
                json={"position": rng.randint(1, 3)},
                headers=headers,
            )
            for _ in range(8)
        ),
        *(
            client.post(
                f"{API}/sections/{rng.choice(course.section_ids)}/lessons",
                json={"title": "Inserted", "position": 1},
                headers=headers,
            )
            for _ in range(4)
        ),
    ]
    responses = await asyncio.gather(*moves)
    assert sorted({r.status_code for r in responses}) == [200, 201], [r.text for r in responses]
    await assert_dense(client, course.id, lessons=12 + 4)
