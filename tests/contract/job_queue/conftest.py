"""Job queue harnesses: the in-process queue, and SAQ on the real Redis with a real worker.

Each harness has an API-side container (where jobs are enqueued and read) and, for SAQ, a
separate worker container running ``saq.Worker`` in this event loop, as a worker process would.
"""

import asyncio
from collections.abc import AsyncIterator, Callable
from dataclasses import dataclass, field
from uuid import UUID, uuid4

import pytest

from tests.conftest import REDIS_URL, make_settings
from tests.contract.job_queue.support import (
    WAIT_SECONDS,
    container_with,
    delete_queue_keys,
    is_finished,
    start_worker,
    stop_worker,
    wait_for_job,
    worker_env,
)
from tests.contract.job_queue.tasks import contract_tasks
from tutor_platform.bootstrap.container import close_container
from tutor_platform.bootstrap.settings import Settings
from tutor_platform.shared.jobs.adapters.recorded import RecordedJobQueue
from tutor_platform.shared.jobs.ports import (
    JobContext,
    JobRecord,
    JsonObject,
    PeriodicTask,
    TaskRegistry,
    TaskSpec,
)


@dataclass
class Probe:
    """Handlers with in-process state: a gate to hold a job open and a run counter."""

    gate: asyncio.Event = field(default_factory=asyncio.Event)
    runs: dict[UUID, int] = field(default_factory=dict)

    async def gated(self, ctx: JobContext, payload: JsonObject) -> JsonObject:
        await ctx.report_progress(0.5)
        await self.gate.wait()
        return {"released": True}

    async def counted(self, ctx: JobContext, payload: JsonObject) -> JsonObject:
        self.runs[ctx.job_id] = self.runs.get(ctx.job_id, 0) + 1
        return {"runs": self.runs[ctx.job_id]}

    def registry(self) -> TaskRegistry:
        return TaskRegistry(
            tasks=[
                *contract_tasks(),
                TaskSpec("test.gated", self.gated, timeout_seconds=20, retries=0),
                TaskSpec("test.counted", self.counted, timeout_seconds=10, retries=0),
            ],
            periodic=[PeriodicTask("test.counted", 3600)],
        )


@dataclass
class Harness:
    queue: RecordedJobQueue
    probe: Probe

    async def wait(
        self,
        job_id: UUID,
        until: Callable[[JobRecord], bool] = is_finished,
        seconds: float = WAIT_SECONDS,
    ) -> JobRecord:
        return await wait_for_job(self.queue.get, job_id, until, seconds)


def queue_settings(database_url: str, backend: str, queue_name: str) -> Settings:
    return make_settings(
        database_url,
        redis_url=REDIS_URL if backend == "saq" else "",
        job_backend=backend,
        job_queue_name=queue_name,
        refresh_token_purge_interval_seconds=0,
    )


@pytest.fixture
def queue_name(run_id: str) -> str:
    return f"{run_id}-jobs-{uuid4().hex[:8]}"


@pytest.fixture(params=["inprocess", pytest.param("saq", marks=pytest.mark.requires_redis)])
async def harness(
    request: pytest.FixtureRequest, database_url: str, clean_db: None, queue_name: str
) -> AsyncIterator[Harness]:
    backend = request.param
    settings = queue_settings(database_url, backend, queue_name)
    probe = Probe()
    api = container_with(settings, probe.registry())
    queue = api.job_queue()
    await queue.start()
    worker = None
    if backend == "saq":
        worker = await start_worker(settings, container_with(settings, probe.registry()))
    try:
        yield Harness(queue, probe)
    finally:
        probe.gate.set()
        if worker is not None:
            await stop_worker(worker)
        await close_container(api)
        if backend == "saq":
            await delete_queue_keys(queue_name)


@pytest.fixture
def worker_process_env(database_url: str, queue_name: str) -> dict[str, str]:
    """The environment of a worker process for the contract's task kinds."""
    return worker_env(database_url, queue_name, REFRESH_TOKEN_PURGE_INTERVAL_SECONDS="0")
