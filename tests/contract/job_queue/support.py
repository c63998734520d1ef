"""Helpers for tests that run jobs: bounded waits, SAQ workers in this loop or as processes."""

import asyncio
import os
import subprocess
import sys
from collections.abc import Awaitable, Callable
from pathlib import Path
from uuid import UUID

from dependency_injector import providers
from redis.asyncio import Redis
from saq import Worker

from tests.conftest import REDIS_URL
from tutor_platform.bootstrap.container import RootContainer, build_container
from tutor_platform.bootstrap.settings import Settings
from tutor_platform.bootstrap.worker import worker_settings
from tutor_platform.shared.jobs.ports import JobRecord, TaskRegistry

PROJECT_ROOT = Path(__file__).resolve().parents[3]
WAIT_SECONDS = 10.0
# A worker process imports the whole app before it takes a job: on a busy 2-core machine
# (load ~14 seen) that alone took over 30 s, so the deadline is generous; it costs time
# only when a test fails.
PROCESS_WAIT_SECONDS = 120.0


def is_finished(record: JobRecord) -> bool:
    return record.is_finished


async def wait_for_job(
    get: Callable[[UUID], Awaitable[JobRecord | None]],
    job_id: UUID,
    until: Callable[[JobRecord], bool] = is_finished,
    seconds: float = WAIT_SECONDS,
) -> JobRecord:
    """Poll the job (at most ``seconds``) until ``until`` holds (default: finished)."""
    record = None
    loop = asyncio.get_running_loop()
    deadline = loop.time() + seconds
    while loop.time() < deadline:
        record = await get(job_id)
        assert record is not None
        if until(record):
            return record
        await asyncio.sleep(0.05)
    raise AssertionError(f"gave up waiting after {seconds} s: {record}")


def container_with(settings: Settings, registry: TaskRegistry | None = None) -> RootContainer:
    """A root container, with the task registry overridden when one is given."""
    container = build_container(settings)
    if registry is not None:
        container.task_registry.override(providers.Object(registry))
    return container


async def start_worker(settings: Settings, container: RootContainer) -> Worker:
    """A real SAQ worker in this loop; sweeps every second so dead jobs are noticed quickly.

    Its shutdown closes ``container``.
    """
    options = worker_settings(settings, container)
    options.update(shutdown_grace_period_s=0, timers={"sweep": 1, "schedule": 1, "abort": 1})
    worker = Worker(**options)
    await worker.queue.connect()
    worker.context["test_task"] = asyncio.create_task(worker.start())
    return worker


async def stop_worker(worker: Worker) -> None:
    await worker.stop()
    await worker.context["test_task"]


async def delete_queue_keys(queue_name: str) -> None:
    """Remove what a test's SAQ queue left in Redis."""
    client = Redis.from_url(REDIS_URL)
    for pattern in (f"saq:{queue_name}:*", f"saq:job:{queue_name}:*"):
        keys = [key async for key in client.scan_iter(match=pattern)]
        if keys:
            await client.delete(*keys)
    await client.aclose()


def worker_env(database_url: str, queue_name: str, **extra: str) -> dict[str, str]:
    """The environment of a worker process on this run's database and a test queue."""
    return {
        **os.environ,
        "ENVIRONMENT": "test",
        "DATABASE_URL": database_url,
        "REDIS_URL": REDIS_URL,
        "JOB_BACKEND": "saq",
        "JOB_QUEUE_NAME": queue_name,
        "ARGON2_TIME_COST": "1",
        "ARGON2_MEMORY_COST_KIB": "8",
        "LOG_LEVEL": "WARNING",
        **extra,
    }


def spawn_worker_process(env: dict[str, str], log: Path, *args: str) -> subprocess.Popen[bytes]:
    """Start ``python <args>`` (a worker) from the project root; its output goes to ``log``."""
    with log.open("ab") as output:
        return subprocess.Popen(
            [sys.executable, *args],
            cwd=PROJECT_ROOT,
            env=env,
            stdout=output,
            stderr=subprocess.STDOUT,
        )


def stop_process(process: subprocess.Popen[bytes]) -> int:
    """SIGTERM, then wait (bounded) for the exit code."""
    if process.poll() is None:
        process.terminate()
    try:
        return process.wait(timeout=PROCESS_WAIT_SECONDS)
    except subprocess.TimeoutExpired:
        process.kill()
        raise
