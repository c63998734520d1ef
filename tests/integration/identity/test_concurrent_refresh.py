"""Truly concurrent refreshes of one token over HTTP (two browser tabs): one rotates the
token, the others get the same new pair within the reuse grace period, and the session
survives; after the grace period a reuse still revokes the family.

Litestar's test client serves one request at a time, so this test drives the app through
httpx's ASGI transport inside the test's event loop, where both requests really overlap.
"""

import asyncio
from collections.abc import AsyncIterator
from datetime import UTC, datetime, timedelta

import httpx
import pytest
from dependency_injector import providers

from tests.integration.identity.conftest import PASSWORD, assert_error
from tutor_platform.bootstrap.app import create_app
from tutor_platform.bootstrap.container import close_container
from tutor_platform.bootstrap.settings import Settings
from tutor_platform.shared.clock import FixedClock

pytestmark = pytest.mark.both_databases

REFRESH = "/api/v1/auth/refresh"
GRACE = 5


@pytest.fixture
async def in_loop_client(settings: Settings, clean_db: None) -> AsyncIterator[httpx.AsyncClient]:
    assert settings.refresh_token_reuse_grace_seconds == GRACE
    app = create_app(settings, migrate_on_start=False)
    transport = httpx.ASGITransport(app=app)  # type: ignore[arg-type]
    async with httpx.AsyncClient(transport=transport, base_url="http://testserver") as client:
        yield client
    await close_container(app.state.container)


async def login(client: httpx.AsyncClient) -> str:
    registered = await client.post(
        "/api/v1/auth/register",
        json={"email": "race@example.com", "username": "racer", "password": PASSWORD},
    )
    assert registered.status_code == 201
    login = await client.post("/api/v1/auth/login", json={"login": "racer", "password": PASSWORD})
    token: str = login.json()["refresh_token"]
    client.cookies.clear()
    return token


@pytest.mark.parametrize("tabs", [2, 5])
async def test_concurrent_refreshes_share_one_new_pair_and_keep_the_session(
    in_loop_client: httpx.AsyncClient, tabs: int
) -> None:
    client = in_loop_client
    token = await login(client)

    responses = await asyncio.gather(
        *(client.post(REFRESH, json={"refresh_token": token}) for _ in range(tabs))
    )

    assert [r.status_code for r in responses] == [200] * tabs, [r.text for r in responses]
    assert len({r.json()["refresh_token"] for r in responses}) == 1
    newer = responses[0].json()["refresh_token"]
    client.cookies.clear()
    assert (await client.post(REFRESH, json={"refresh_token": newer})).status_code == 200


async def test_a_reuse_after_the_grace_period_revokes_the_family(
    in_loop_client: httpx.AsyncClient,
) -> None:
    client = in_loop_client
    token = await login(client)
    newer = (await client.post(REFRESH, json={"refresh_token": token})).json()["refresh_token"]
    client.cookies.clear()
    container = client._transport.app.state.container  # type: ignore[attr-defined]
    later = FixedClock(datetime.now(UTC) + timedelta(seconds=GRACE + 1))
    container.clock.override(providers.Object(later))
    try:
        reuse = await client.post(REFRESH, json={"refresh_token": token})
        assert_error(reuse, 401, "UNAUTHENTICATED")
        client.cookies.clear()
        after = await client.post(REFRESH, json={"refresh_token": newer})
        assert_error(after, 401, "UNAUTHENTICATED")
    finally:
        container.clock.reset_override()
