"""The database dies in the middle of a run (every connection broken, new ones refused) and
comes back: requests answer 503 ``UNAVAILABLE`` with ``Retry-After`` while it is away (never
500, nothing half-written), and the same process serves again once it returns, with no
restart.

PostgreSQL behind a TCP proxy that the test cuts and restores. Marked ``processes``: it runs
once, in the PostgreSQL pass (it needs the real server)."""

from collections.abc import AsyncIterator

import httpx
import pytest
from litestar.testing import AsyncTestClient
from sqlalchemy.engine import make_url

from tests.conftest import (
    POSTGRES_URL,
    RUN_ID,
    create_postgres_database,
    drop_postgres_database,
    make_settings,
)
from tests.integration.accounts import Client, account_maker
from tests.support.tcp_proxy import TcpProxy, tcp_proxy
from tutor_platform.bootstrap.app import create_app
from tutor_platform.bootstrap.migrations import upgrade_database
from tutor_platform.shared.persistence.engine import create_engine

pytestmark = [pytest.mark.processes, pytest.mark.requires_postgres]
NEW_USER = {"email": "bea@example.com", "username": "bea", "password": "correct-horse-battery-7"}


@pytest.fixture
async def database() -> AsyncIterator[str]:
    name = f"tutor_{RUN_ID}_dies"
    url = await create_postgres_database(name)
    engine = create_engine(url)
    await upgrade_database(engine)
    await engine.dispose()
    yield url
    await drop_postgres_database(name)


def _assert_unavailable(response: httpx.Response) -> None:
    assert response.status_code == 503, response.text
    assert response.json()["error_code"] == "UNAVAILABLE"
    assert response.headers["retry-after"] == "5"


async def test_a_database_that_dies_mid_run_is_503_and_serves_again_when_back(
    database: str,
) -> None:
    target = make_url(POSTGRES_URL)
    with tcp_proxy(target.host or "127.0.0.1", target.port or 5432) as proxy:
        await _run(database, proxy)


async def _run(database: str, proxy: TcpProxy) -> None:
    proxied = make_url(database).set(port=proxy.port).render_as_string(hide_password=False)
    app = create_app(make_settings(proxied, redis_url="", job_backend="inprocess"))
    client: Client
    async with AsyncTestClient(app=app) as client:
        ann = await account_maker(client, app)("ann")
        assert (await client.get("/api/v1/files", headers=ann.headers)).status_code == 200

        proxy.cut()
        _assert_unavailable(await client.get("/api/v1/files", headers=ann.headers))
        _assert_unavailable(await client.post("/api/v1/auth/register", json=NEW_USER))
        _assert_unavailable(await client.get("/health/ready"))
        assert (await client.get("/health/live")).status_code == 200

        proxy.restore()
        assert (await client.get("/health/ready")).status_code == 200
        me = await client.get("/api/v1/files", headers=ann.headers)
        assert me.status_code == 200, me.text
        # 201, not 409: the registration refused during the outage left nothing behind.
        registered = await client.post("/api/v1/auth/register", json=NEW_USER)
        assert registered.status_code == 201, registered.text
