"""The worker's own Prometheus endpoint (``WORKER_METRICS_PORT``): a ``tutor-platform worker``
process serves the metrics of the jobs it ran, which the API's ``/metrics`` never sees.

Runs once, in the PostgreSQL + Redis + SAQ pass (marked ``processes``): it starts a real worker
process on Redis, which is where it runs in production.
"""

import asyncio
import socket
from pathlib import Path
from uuid import UUID

import httpx
import pytest
from prometheus_client.parser import text_string_to_metric_families

from tests.conftest import REDIS_URL, make_settings
from tests.contract.job_queue.support import (
    PROCESS_WAIT_SECONDS,
    container_with,
    delete_queue_keys,
    spawn_worker_process,
    stop_process,
    wait_for_job,
    worker_env,
)
from tutor_platform.bootstrap.container import close_container
from tutor_platform.bootstrap.tasks import PURGE_EXPIRED_REFRESH_TOKENS
from tutor_platform.shared.jobs.adapters.saq_queue import (
    SaqJobQueue,
    bind_worker_context,
    enqueue_periodic_tasks,
)

pytestmark = [pytest.mark.requires_redis, pytest.mark.processes]


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _sample(text: str, name: str, **labels: str) -> float | None:
    for family in text_string_to_metric_families(text):
        for sample in family.samples:
            if sample.name == name and sample.labels == labels:
                return float(sample.value)
    return None


async def _scrape_until(url: str, ready: str, seconds: float) -> str:
    """Scrape ``url`` until a line starts with ``ready`` (at most ``seconds``)."""
    loop = asyncio.get_running_loop()
    deadline = loop.time() + seconds
    text = ""
    async with httpx.AsyncClient() as client:
        while loop.time() < deadline:
            try:
                response = await client.get(url)
            except httpx.TransportError:  # the process is still starting
                await asyncio.sleep(0.2)
                continue
            assert response.status_code == 200
            text = response.text
            if any(line.startswith(ready) for line in text.splitlines()):
                return text
            await asyncio.sleep(0.1)
    raise AssertionError(f"gave up waiting for {ready!r} at {url}: {text}")


async def test_a_worker_process_serves_the_metrics_of_the_jobs_it_ran(
    database_url: str, queue_name: str, tmp_path: Path
) -> None:
    port = _free_port()
    url = f"http://127.0.0.1:{port}/metrics"
    settings = make_settings(
        database_url, redis_url=REDIS_URL, job_backend="saq", job_queue_name=queue_name
    )
    api = container_with(settings)
    queue = api.job_queue()
    assert isinstance(queue, SaqJobQueue)
    ctx: dict[str, object] = {}
    bind_worker_context(ctx, queue)
    log = tmp_path / "worker.log"
    env = worker_env(database_url, queue_name, WORKER_METRICS_PORT=str(port))
    worker = spawn_worker_process(env, log, "-m", "tutor_platform.bootstrap.cli", "worker")
    try:
        before = await _scrape_until(url, "# HELP job_attempts_total", PROCESS_WAIT_SECONDS)
        [job_id] = await enqueue_periodic_tasks(ctx)
        done = await wait_for_job(queue.get, UUID(job_id), seconds=PROCESS_WAIT_SECONDS)
        after = await _scrape_until(url, "job_attempts_total{", PROCESS_WAIT_SECONDS)
    finally:
        exit_code = stop_process(worker)
        await close_container(api)
        await delete_queue_keys(queue_name)

    kind = PURGE_EXPIRED_REFRESH_TOKENS
    assert done.status == "succeeded", log.read_text()
    assert _sample(before, "job_attempts_total", kind=kind, outcome="succeeded") is None
    assert _sample(after, "job_attempts_total", kind=kind, outcome="succeeded") == 1.0
    assert _sample(after, "job_attempt_duration_seconds_count", kind=kind) == 1.0
    assert _sample(after, "db_pool_connections_in_use") is not None
    assert exit_code == 0, log.read_text()
