"""The periodic purge of expired refresh tokens, end to end.

Sessions come from the real /auth endpoints; one of them is then made to have expired. The
purge runs once through SAQ (the worker's cron function enqueues it, a ``tutor-platform worker``
process runs it) and once through the in-process queue's timer.

The worker-process test runs once, in the PostgreSQL + Redis + SAQ pass (marked ``processes``):
it starts real processes on Redis, which is where they run in production, and takes seconds; a
second run on SQLite would test nothing more.
"""

import asyncio
from collections.abc import AsyncIterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from uuid import UUID

import pytest
from litestar import Litestar
from litestar.testing import AsyncTestClient
from sqlalchemy import select, update
from sqlalchemy.ext.asyncio import AsyncEngine

from tests.conftest import REDIS_URL, make_settings
from tests.contract.job_queue.support import (
    PROCESS_WAIT_SECONDS,
    WAIT_SECONDS,
    container_with,
    delete_queue_keys,
    spawn_worker_process,
    stop_process,
    wait_for_job,
    worker_env,
)
from tests.integration.jobs.conftest import PASSWORD, sign_up
from tutor_platform.bootstrap.app import create_app
from tutor_platform.bootstrap.container import close_container
from tutor_platform.bootstrap.tasks import PURGE_EXPIRED_REFRESH_TOKENS
from tutor_platform.identity.adapters.outbound.sqlalchemy.tables import RefreshTokenRow
from tutor_platform.shared.jobs.adapters.saq_queue import (
    SaqJobQueue,
    bind_worker_context,
    enqueue_periodic_tasks,
)
from tutor_platform.shared.jobs.tables import JobRow

pytestmark = pytest.mark.both_databases


async def sessions(client: AsyncTestClient[Litestar], username: str) -> tuple[UUID, list[str]]:
    """Sign up (which logs in once) and log in twice more: three sessions of one user."""
    user = await sign_up(client, username)
    tokens = []
    for _ in range(2):
        response = await client.post(
            "/api/v1/auth/login", json={"login": username, "password": PASSWORD}
        )
        tokens.append(response.json()["refresh_token"])
    return user.user_id, tokens


async def expire_oldest_token(engine: AsyncEngine, user_id: UUID) -> UUID:
    """Backdate the expiry of the user's oldest refresh token (sign-up's login)."""
    async with engine.begin() as connection:
        rows = await connection.execute(
            select(RefreshTokenRow.id, RefreshTokenRow.created_at).where(
                RefreshTokenRow.user_id == user_id
            )
        )
        oldest = min(rows.all(), key=lambda row: row.created_at).id
        await connection.execute(
            update(RefreshTokenRow)
            .where(RefreshTokenRow.id == oldest)
            .values(expires_at=datetime.now(UTC) - timedelta(days=1))
        )
    return UUID(str(oldest))


async def token_ids(engine: AsyncEngine) -> set[UUID]:
    async with engine.connect() as connection:
        return {UUID(str(i)) for i in await connection.scalars(select(RefreshTokenRow.id))}


async def refresh(client: AsyncTestClient[Litestar], token: str) -> int:
    response = await client.post("/api/v1/auth/refresh", json={"refresh_token": token})
    return response.status_code


@pytest.mark.requires_redis
@pytest.mark.processes
async def test_a_worker_process_purges_expired_refresh_tokens(
    client: AsyncTestClient[Litestar],
    db_engine: AsyncEngine,
    database_url: str,
    queue_name: str,
    tmp_path: Path,
) -> None:
    user_id, valid = await sessions(client, "sleepy")
    expired_id = await expire_oldest_token(db_engine, user_id)
    before = await token_ids(db_engine)
    settings = make_settings(
        database_url, redis_url=REDIS_URL, job_backend="saq", job_queue_name=queue_name
    )
    api = container_with(settings)
    queue = api.job_queue()
    assert isinstance(queue, SaqJobQueue)
    ctx: dict[str, object] = {}
    bind_worker_context(ctx, queue)
    log = tmp_path / "worker.log"
    worker = spawn_worker_process(
        worker_env(database_url, queue_name), log, "-m", "tutor_platform.bootstrap.cli", "worker"
    )
    try:
        [job_id] = await enqueue_periodic_tasks(ctx)
        done = await wait_for_job(queue.get, UUID(job_id), seconds=PROCESS_WAIT_SECONDS)
    finally:
        exit_code = stop_process(worker)
        await close_container(api)
        await delete_queue_keys(queue_name)

    assert done.kind == PURGE_EXPIRED_REFRESH_TOKENS
    assert done.status == "succeeded", log.read_text()
    assert done.result == {"purged": 1}
    assert await token_ids(db_engine) == before - {expired_id}
    assert [await refresh(client, token) for token in valid] == [200, 200]
    assert exit_code == 0, log.read_text()


@pytest.fixture
async def timer_client(
    database_url: str, clean_db: None
) -> AsyncIterator[AsyncTestClient[Litestar]]:
    """An app on the in-process queue whose purge timer fires every second."""
    settings = make_settings(
        database_url, job_backend="inprocess", refresh_token_purge_interval_seconds=1
    )
    async with AsyncTestClient(app=create_app(settings, migrate_on_start=False)) as client:
        yield client


async def test_the_in_process_timer_purges_expired_refresh_tokens(
    timer_client: AsyncTestClient[Litestar], db_engine: AsyncEngine
) -> None:
    user_id, valid = await sessions(timer_client, "drowsy")
    expired_id = await expire_oldest_token(db_engine, user_id)
    before = await token_ids(db_engine)

    remaining = before
    for _ in range(int(WAIT_SECONDS / 0.1)):
        remaining = await token_ids(db_engine)
        if expired_id not in remaining:
            break
        await asyncio.sleep(0.1)

    assert remaining == before - {expired_id}
    assert [await refresh(timer_client, token) for token in valid] == [200, 200]
    async with db_engine.connect() as connection:
        results = await connection.scalars(
            select(JobRow.result).where(
                JobRow.kind == PURGE_EXPIRED_REFRESH_TOKENS, JobRow.status == "succeeded"
            )
        )
        assert {"purged": 1} in list(results)
