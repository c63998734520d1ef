"""What ``/metrics`` reads at each scrape: the job queue's depth by status (from memory for the
in-process queue, from Redis for SAQ) and each provider's circuit breaker; and the attempts of
a job that fails for good (its retries, then its failure)."""

import asyncio
from collections.abc import AsyncIterator
from uuid import UUID, uuid4

import pytest
from litestar import Litestar
from litestar.testing import AsyncTestClient

from tests.conftest import REDIS_URL, make_settings
from tests.contract.job_queue.support import container_with, delete_queue_keys, wait_for_job
from tests.contract.job_queue.tasks import contract_tasks
from tutor_platform.bootstrap.app import create_app
from tutor_platform.shared.jobs.ports import (
    JobContext,
    JobRecord,
    JsonObject,
    TaskRegistry,
    TaskSpec,
)
from tutor_platform.shared.resilience import CircuitBreaker, Resilience, RetryConfig


def _sample(text: str, name: str, labels: str) -> float | None:
    prefix = f"{name}{{{labels}}} "
    for line in text.splitlines():
        if line.startswith(prefix):
            return float(line[len(prefix) :])
    return None


@pytest.fixture(params=["inprocess", pytest.param("saq", marks=pytest.mark.requires_redis)])
async def gated_client(
    request: pytest.FixtureRequest, database_url: str, clean_db: None
) -> AsyncIterator[tuple[str, asyncio.Event, AsyncTestClient[Litestar]]]:
    """An app whose one task waits for a gate; on SAQ no worker runs, so jobs stay queued."""
    gate = asyncio.Event()

    async def gated(ctx: JobContext, payload: JsonObject) -> JsonObject:
        await gate.wait()
        return {}

    backend = request.param
    queue_name = f"metrics-{uuid4().hex[:8]}"
    settings = make_settings(
        database_url,
        redis_url=REDIS_URL if backend == "saq" else "",
        job_backend=backend,
        job_queue_name=queue_name,
    )
    registry = TaskRegistry(tasks=[TaskSpec("test.gated", gated, retries=0)])
    container = container_with(settings, registry)
    try:
        async with AsyncTestClient(app=create_app(settings, container=container)) as client:
            yield backend, gate, client
            client.blocking_portal.call(gate.set)
    finally:
        if backend == "saq":
            await delete_queue_keys(queue_name)


async def test_a_scrape_reads_the_job_queue_depth(
    gated_client: tuple[str, asyncio.Event, AsyncTestClient[Litestar]],
) -> None:
    backend, _, client = gated_client
    queue = client.app.state.container.job_queue()
    status = "queued" if backend == "saq" else "running"  # no SAQ worker runs here
    idle = (await client.get("/metrics")).text
    # The app runs in the client's portal loop: the job is enqueued there too.
    client.blocking_portal.call(queue.enqueue, "test.gated", {})
    busy = idle
    for _ in range(100):
        busy = (await client.get("/metrics")).text
        if _sample(busy, "job_queue_depth", f'queue="{queue.name}",status="{status}"'):
            break
        await asyncio.sleep(0.05)

    for state in ("queued", "scheduled", "running"):
        labels = f'queue="{queue.name}",status="{state}"'
        assert _sample(idle, "job_queue_depth", labels) == 0.0
        assert _sample(busy, "job_queue_depth", labels) == (1.0 if state == status else 0.0)


async def test_a_scrape_reads_each_breaker_state(database_url: str) -> None:
    now = [0.0]
    breaker = CircuitBreaker(2, 30.0, lambda: now[0])
    provider = f"test-provider-{uuid4().hex[:8]}"
    Resilience(provider, RetryConfig(), breaker, lambda exc: None)
    labels = f'provider="{provider}"'
    settings = make_settings(database_url)
    async with AsyncTestClient(app=create_app(settings)) as client:
        closed = (await client.get("/metrics")).text
        breaker.record_failure()
        breaker.record_failure()
        opened = (await client.get("/metrics")).text
        now[0] = 31.0
        half_open = (await client.get("/metrics")).text

    assert _sample(closed, "circuit_breaker_state", labels) == 0.0
    assert _sample(opened, "circuit_breaker_state", labels) == 2.0
    assert _sample(half_open, "circuit_breaker_state", labels) == 1.0


async def test_a_job_that_fails_for_good_counts_its_retries_and_its_failure(
    database_url: str, clean_db: None
) -> None:
    settings = make_settings(database_url, redis_url="", job_backend="inprocess")
    container = container_with(settings, TaskRegistry(contract_tasks()))
    async with AsyncTestClient(app=create_app(settings, container=container)) as client:
        queue = container.job_queue()
        job = client.blocking_portal.call(queue.enqueue, "test.broken", {})

        async def get(job_id: UUID) -> JobRecord | None:  # in the app's loop, as it runs
            return client.blocking_portal.call(queue.get, job_id)

        done = await wait_for_job(get, job.id)
        scraped = (await client.get("/metrics")).text

    assert done.status == "failed"
    kind = 'kind="test.broken"'
    assert _sample(scraped, "job_attempts_total", f'{kind},outcome="retry"') == 2.0
    assert _sample(scraped, "job_attempts_total", f'{kind},outcome="failed"') == 1.0
    assert _sample(scraped, "job_attempts_total", f'{kind},outcome="succeeded"') is None
