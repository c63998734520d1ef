"""Two truly concurrent refreshes of one token over HTTP: exactly one succeeds.

Litestar's test client serves one request at a time, so this test drives the app through
httpx's ASGI transport inside the test's event loop, where both requests really overlap.
"""

import asyncio
from collections.abc import AsyncIterator

import httpx
import pytest

from tests.integration.identity.conftest import PASSWORD, assert_error
from tutor_platform.bootstrap.app import create_app
from tutor_platform.bootstrap.container import close_container
from tutor_platform.bootstrap.settings import Settings

pytestmark = pytest.mark.both_databases

REFRESH = "/api/v1/auth/refresh"


@pytest.fixture
async def in_loop_client(settings: Settings, clean_db: None) -> AsyncIterator[httpx.AsyncClient]:
    app = create_app(settings, migrate_on_start=False)
    transport = httpx.ASGITransport(app=app)  # type: ignore[arg-type]
    async with httpx.AsyncClient(transport=transport, base_url="http://testserver") as client:
        yield client
    await close_container(app.state.container)


async def test_two_concurrent_refreshes_exactly_one_succeeds(
    in_loop_client: httpx.AsyncClient,
) -> None:
    client = in_loop_client
    registered = await client.post(
        "/api/v1/auth/register",
        json={"email": "race@example.com", "username": "racer", "password": PASSWORD},
    )
    assert registered.status_code == 201
    login = await client.post("/api/v1/auth/login", json={"login": "racer", "password": PASSWORD})
    token = login.json()["refresh_token"]
    client.cookies.clear()

    responses = await asyncio.gather(
        *(client.post(REFRESH, json={"refresh_token": token}) for _ in range(2))
    )

    assert sorted(r.status_code for r in responses) == [200, 401]
    loser = next(r for r in responses if r.status_code == 401)
    assert_error(loser, 401, "UNAUTHENTICATED")
