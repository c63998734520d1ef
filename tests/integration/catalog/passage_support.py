"""Waiting for the passage index: lesson writes enqueue ``learning.index_lesson`` jobs, which
run in the API process (in-process queue) or on a SAQ worker started here (PostgreSQL pass).

``index_settled()`` polls the jobs table until no index job is queued or running and none
failed, so that a test reads the index as the last write left it.
"""

import asyncio
from collections.abc import AsyncIterator, Awaitable, Callable
from uuid import uuid4

import pytest
from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncEngine

from tests.conftest import make_settings
from tests.contract.job_queue.support import (
    container_with,
    delete_queue_keys,
    start_worker,
    stop_worker,
)
from tutor_platform.bootstrap.settings import Settings
from tutor_platform.catalog.application.index_lesson_passages import INDEX_LESSON
from tutor_platform.shared.jobs.tables import JobRow

INDEX_WAIT_SECONDS = 60.0
IndexSettled = Callable[[], Awaitable[None]]


@pytest.fixture
def settings(database_url: str, run_id: str) -> Settings:
    return make_settings(
        database_url,
        job_queue_name=f"{run_id}-index-{uuid4().hex[:8]}",
        refresh_token_purge_interval_seconds=0,
    )


@pytest.fixture
async def index_worker(settings: Settings) -> AsyncIterator[None]:
    """Under SAQ, a real worker in this event loop runs the index jobs."""
    if not settings.uses_saq:
        yield
        return
    worker = await start_worker(settings, container_with(settings))
    try:
        yield
    finally:
        await stop_worker(worker)
        await delete_queue_keys(settings.job_queue_name)


@pytest.fixture
def index_settled(db_engine: AsyncEngine, index_worker: None) -> IndexSettled:
    async def wait() -> None:
        loop = asyncio.get_running_loop()
        deadline = loop.time() + INDEX_WAIT_SECONDS
        statuses: dict[str, int] = {}
        while loop.time() < deadline:
            async with db_engine.connect() as connection:
                rows = await connection.execute(
                    select(JobRow.status, func.count())
                    .where(JobRow.kind == INDEX_LESSON)
                    .group_by(JobRow.status)
                )
                statuses = {str(status): int(count) for status, count in rows.all()}
            assert "failed" not in statuses, statuses
            if not statuses.keys() & {"queued", "running"}:
                return
            await asyncio.sleep(0.05)
        raise AssertionError(f"the index jobs did not finish in time: {statuses}")

    return wait
