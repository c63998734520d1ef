"""SAQ with real worker processes: jobs run there, and a killed worker's job is not lost.

Every test here runs once, in the PostgreSQL + Redis + SAQ pass (marked ``processes``): it
starts real processes on Redis, which is where they run in production, and takes seconds; a
second run on SQLite would test nothing more."""

from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from tests.contract.job_queue.conftest import Harness, Probe, queue_settings
from tests.contract.job_queue.support import (
    PROCESS_WAIT_SECONDS,
    container_with,
    delete_queue_keys,
    spawn_worker_process,
    start_worker,
    stop_process,
    stop_worker,
)
from tests.contract.job_queue.tasks import contract_tasks
from tutor_platform.bootstrap.container import RootContainer, close_container
from tutor_platform.bootstrap.settings import Settings
from tutor_platform.shared.jobs.ports import TaskRegistry

pytestmark = [pytest.mark.requires_redis, pytest.mark.processes]
WORKER = ("-m", "tests.contract.job_queue.worker_main")


@pytest.fixture
def saq_settings(database_url: str, queue_name: str) -> Settings:
    return queue_settings(database_url, "saq", queue_name)


@pytest.fixture
async def api(
    saq_settings: Settings, clean_db: None, queue_name: str
) -> AsyncIterator[RootContainer]:
    container = container_with(saq_settings, TaskRegistry(contract_tasks()))
    yield container
    await close_container(container)
    await delete_queue_keys(queue_name)


async def test_a_worker_process_runs_jobs_and_stops_gracefully(
    api: RootContainer, worker_process_env: dict[str, str], tmp_path: Path
) -> None:
    harness = Harness(api.job_queue(), Probe())
    process = spawn_worker_process(worker_process_env, tmp_path / "worker.log", *WORKER)
    try:
        echo = await harness.queue.enqueue("test.echo", {"from": "api"})
        flaky = await harness.queue.enqueue("test.flaky", {})

        echoed = await harness.wait(echo.id, seconds=PROCESS_WAIT_SECONDS)
        retried = await harness.wait(flaky.id, seconds=PROCESS_WAIT_SECONDS)
    finally:
        exit_code = stop_process(process)

    assert echoed.status == "succeeded"
    assert echoed.result == {"echo": {"from": "api"}}
    assert retried.status == "succeeded"
    assert retried.attempts == 2
    assert exit_code == 0, (tmp_path / "worker.log").read_text()


async def test_the_job_of_a_killed_worker_is_run_again_by_another(
    api: RootContainer,
    saq_settings: Settings,
    worker_process_env: dict[str, str],
    tmp_path: Path,
) -> None:
    harness = Harness(api.job_queue(), Probe())
    doomed = spawn_worker_process(worker_process_env, tmp_path / "doomed.log", *WORKER)
    try:
        job = await harness.queue.enqueue("test.survivor", {"seconds": 120})
        running = await harness.wait(
            job.id, until=lambda r: r.status == "running", seconds=PROCESS_WAIT_SECONDS
        )
    finally:
        doomed.kill()
        doomed.wait(timeout=PROCESS_WAIT_SECONDS)

    rescuer = await start_worker(
        saq_settings, container_with(saq_settings, TaskRegistry(contract_tasks()))
    )
    try:
        done = await harness.wait(job.id, seconds=PROCESS_WAIT_SECONDS)
    finally:
        await stop_worker(rescuer)

    assert running.attempts == 1
    assert done.status == "succeeded"
    assert done.attempts == 2
    assert done.result == {"attempt": 2}
