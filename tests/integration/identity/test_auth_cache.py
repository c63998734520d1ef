"""The authentication cache across API processes: a change made through one process stops
the user's tokens in another one at once (Redis pub/sub evictions)."""

import asyncio
from collections.abc import AsyncIterator

import pytest
from litestar import Litestar
from litestar.testing import AsyncTestClient

from tests.conftest import REDIS_URL, make_settings
from tests.integration.accounts import Account, MakeAccount, assert_error
from tutor_platform.bootstrap.app import create_app
from tutor_platform.bootstrap.settings import Settings

pytestmark = [pytest.mark.requires_redis, pytest.mark.both_databases]
ME = "/api/v1/users/me"
Client = AsyncTestClient[Litestar]
LONG_TTL = 300


@pytest.fixture
def settings(database_url: str) -> Settings:
    return make_settings(database_url, redis_url=REDIS_URL, auth_cache_ttl_seconds=LONG_TTL)


@pytest.fixture
async def second_process(settings: Settings) -> AsyncIterator[Client]:
    """Another API process over the same database and Redis, with its own cache."""
    async with AsyncTestClient(app=create_app(settings, migrate_on_start=False)) as client:
        yield client


async def eventually_unauthenticated(client: Client, account: Account) -> None:
    for _ in range(100):
        response = await client.get(ME, headers=account.headers)
        if response.status_code != 200:
            assert_error(response, 401, "UNAUTHENTICATED")
            return
        await asyncio.sleep(0.02)
    pytest.fail("the other process kept accepting the token")


async def test_deactivation_in_one_process_stops_the_token_in_another(
    make_account: MakeAccount,
    second_process: AsyncTestClient[Litestar],
    client: AsyncTestClient[Litestar],
) -> None:
    admin = await make_account("chief", role="admin")
    learner = await make_account("learner")
    assert (await second_process.get(ME, headers=learner.headers)).status_code == 200
    response = await client.delete(f"/api/v1/users/{learner.id}", headers=admin.headers)
    assert response.status_code == 204
    await eventually_unauthenticated(second_process, learner)


async def test_a_role_change_in_one_process_is_seen_by_another(
    make_account: MakeAccount,
    second_process: AsyncTestClient[Litestar],
    client: AsyncTestClient[Litestar],
) -> None:
    admin = await make_account("chief", role="admin")
    learner = await make_account("learner")
    assert (await second_process.get(ME, headers=learner.headers)).json()["role"] == "student"
    await client.patch(
        f"/api/v1/users/{learner.id}", headers=admin.headers, json={"role": "instructor"}
    )
    for _ in range(100):
        if (await second_process.get(ME, headers=learner.headers)).json()["role"] == "instructor":
            return
        await asyncio.sleep(0.02)
    pytest.fail("the other process kept the old role")
