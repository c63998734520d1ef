"""A summary job survives the death of its worker: a real ``tutor-platform worker``-style
process is killed (SIGKILL) in the middle of the job; SAQ notices the missed heartbeat, and
another worker runs the job again to the end, leaving exactly one file, one stored object and
one summary.

The test here runs once, in the PostgreSQL + Redis + SAQ pass (marked ``processes``): it starts
real processes on Redis, which is where they run in production, and takes seconds; a second run
on SQLite would test nothing more."""

from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import pytest
from litestar import Litestar
from litestar.testing import AsyncTestClient
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncEngine

from tests.conftest import REDIS_URL, make_settings
from tests.contract.job_queue.support import (
    PROCESS_WAIT_SECONDS,
    container_with,
    delete_queue_keys,
    spawn_worker_process,
    start_worker,
    stop_worker,
    worker_env,
)
from tests.integration.accounts import Client, MakeAccount, account_maker
from tests.integration.media.conftest import stored_files
from tests.integration.media.lesson_media_support import (
    API,
    Lessons,
    People,
    lessons,
    people,
    queue_name,
    wait_for_job,
)
from tutor_platform.bootstrap.app import create_app
from tutor_platform.bootstrap.settings import Settings
from tutor_platform.media.adapters.outbound.sqlalchemy.lesson_media_tables import (
    LessonSummaryRow,
)
from tutor_platform.media.adapters.outbound.sqlalchemy.tables import FileRow

pytestmark = [pytest.mark.requires_redis, pytest.mark.processes]
__all__ = ["lessons", "people", "queue_name"]
WORKER = ("-m", "tests.integration.media.summary_worker_main")


@pytest.fixture
def settings(database_url: str, storage_dir: Path, queue_name: str) -> Settings:
    return make_settings(
        database_url,
        storage_dir=str(storage_dir),
        redis_url=REDIS_URL,
        job_backend="saq",
        job_queue_name=queue_name,
        refresh_token_purge_interval_seconds=0,
    )


@pytest.fixture
async def client(settings: Settings, clean_db: None) -> AsyncIterator[Client]:
    app: Litestar = create_app(settings, migrate_on_start=False)
    async with AsyncTestClient(app=app) as test_client:
        yield test_client
    await delete_queue_keys(settings.job_queue_name)


@pytest.fixture
def make_account(client: Client) -> MakeAccount:
    return account_maker(client, client.app)


async def stored_rows(engine: AsyncEngine, job_id: str) -> tuple[list[Any], list[Any]]:
    async with engine.connect() as connection:
        summaries = (await connection.execute(select(LessonSummaryRow.__table__))).all()
        files = (await connection.execute(select(FileRow.__table__))).all()
    assert {str(row.job_id) for row in summaries} <= {job_id}
    return list(summaries), list(files)


async def test_a_summary_job_of_a_killed_worker_finishes_once_on_another(
    client: Client,
    settings: Settings,
    people: People,
    lessons: Lessons,
    db_engine: AsyncEngine,
    storage_dir: Path,
    database_url: str,
    tmp_path: Path,
) -> None:
    env = worker_env(
        database_url,
        settings.job_queue_name,
        STORAGE_DIR=str(storage_dir),
        REFRESH_TOKEN_PURGE_INTERVAL_SECONDS="0",
        SLOW_SPEECH_SECONDS="300",
    )
    doomed = spawn_worker_process(env, tmp_path / "doomed.log", *WORKER)
    try:
        response = await client.post(
            f"{API}/lessons/{lessons.free_lesson}/summaries",
            json={"kind": "video"},
            headers=people.premium.headers,
        )
        job_id = response.json()["job_id"]
        speaking = await wait_for_job(
            client,
            people.premium,
            job_id,
            seconds=PROCESS_WAIT_SECONDS,
            until=lambda state: (state.get("progress") or 0) >= 0.3,
        )
    finally:
        doomed.kill()
        doomed.wait(timeout=PROCESS_WAIT_SECONDS)
    assert speaking["status"] == "running"
    assert await stored_rows(db_engine, job_id) == ([], [])

    rescuer = await start_worker(settings, container_with(settings))
    try:
        done = await wait_for_job(client, people.premium, job_id, seconds=3 * PROCESS_WAIT_SECONDS)
    finally:
        await stop_worker(rescuer)

    assert done["status"] == "succeeded", (done, (tmp_path / "doomed.log").read_text())
    summaries, files = await stored_rows(db_engine, job_id)
    assert len(summaries) == 1
    assert [row.id for row in files] == [summaries[0].file_id]
    assert str(files[0].id) == done["result"]["file_id"]
    assert [path.name for path in stored_files(storage_dir)] == [str(files[0].id)]
