"""What only the in-process queue does: its concurrency bound, its timer and its shutdown."""

import asyncio
from collections.abc import Callable

import pytest

from tests.unit.jobs.fakes import InMemoryJobs
from tutor_platform.shared.clock import FixedClock
from tutor_platform.shared.errors import Unavailable
from tutor_platform.shared.jobs.adapters.in_process import SHUTDOWN_MESSAGE, InProcessJobQueue
from tutor_platform.shared.jobs.ports import (
    JobContext,
    JobRecord,
    JsonObject,
    PeriodicTask,
    TaskRegistry,
    TaskSpec,
)


class Gates:
    """Handlers that hold their job open until released."""

    def __init__(self) -> None:
        self.release = asyncio.Event()
        self.entered = 0

    async def held(self, ctx: JobContext, payload: JsonObject) -> JsonObject:
        self.entered += 1
        await self.release.wait()
        return {}

    async def stuck(self, ctx: JobContext, payload: JsonObject) -> None:
        await asyncio.Event().wait()

    def registry(self) -> TaskRegistry:
        return TaskRegistry(
            [TaskSpec("t.held", self.held, retries=0), TaskSpec("t.stuck", self.stuck, retries=0)],
            periodic=[PeriodicTask("t.held", 3600)],
        )


@pytest.fixture
def gates() -> Gates:
    return Gates()


@pytest.fixture
def make_queue(
    gates: Gates, jobs: InMemoryJobs, clock: FixedClock
) -> Callable[..., InProcessJobQueue]:
    def make(concurrency: int = 10, shutdown_grace_seconds: float = 10.0) -> InProcessJobQueue:
        return InProcessJobQueue(
            gates.registry(),
            jobs.uow,
            clock,
            concurrency=concurrency,
            shutdown_grace_seconds=shutdown_grace_seconds,
        )

    return make


async def settle(jobs: InMemoryJobs, done: Callable[[dict[object, JobRecord]], bool]) -> None:
    for _ in range(500):
        if done(dict(jobs.records)):
            return
        await asyncio.sleep(0.01)
    raise AssertionError(f"jobs did not settle: {jobs.records}")


async def test_no_more_jobs_run_at_once_than_the_concurrency(
    make_queue: Callable[..., InProcessJobQueue], gates: Gates, jobs: InMemoryJobs
) -> None:
    queue = make_queue(concurrency=1)
    first = await queue.enqueue("t.held", {})
    second = await queue.enqueue("t.held", {})

    await settle(jobs, lambda r: r[first.id].status == "running")
    waiting = jobs.records[second.id]
    gates.release.set()
    await settle(jobs, lambda r: all(j.status == "succeeded" for j in r.values()))

    assert waiting.status == "queued"
    assert gates.entered == 2
    await queue.aclose()


async def test_shutdown_lets_jobs_finish_within_the_grace_period(
    make_queue: Callable[..., InProcessJobQueue], gates: Gates, jobs: InMemoryJobs
) -> None:
    queue = make_queue(shutdown_grace_seconds=5)
    job = await queue.enqueue("t.held", {})
    await settle(jobs, lambda r: r[job.id].status == "running")

    closing = asyncio.create_task(queue.aclose())
    gates.release.set()
    await closing

    assert jobs.records[job.id].status == "succeeded"


async def test_shutdown_fails_the_jobs_still_running_after_the_grace_period(
    make_queue: Callable[..., InProcessJobQueue], jobs: InMemoryJobs
) -> None:
    queue = make_queue(shutdown_grace_seconds=0.01)
    job = await queue.enqueue("t.stuck", {})
    await settle(jobs, lambda r: r[job.id].status == "running")

    await queue.aclose()

    assert jobs.records[job.id].status == "failed"
    assert jobs.records[job.id].error == SHUTDOWN_MESSAGE
    with pytest.raises(Unavailable):
        await queue.enqueue("t.held", {})


async def test_the_timer_enqueues_the_periodic_tasks_on_start(
    make_queue: Callable[..., InProcessJobQueue], gates: Gates, jobs: InMemoryJobs
) -> None:
    queue = make_queue()
    gates.release.set()

    await queue.start()
    await settle(jobs, lambda r: any(j.status == "succeeded" for j in r.values()))
    await queue.aclose()

    [job] = jobs.records.values()
    assert job.kind == "t.held"
