"""One attempt of a job: the status it leaves behind and what the queue should do next."""

import asyncio
from uuid import uuid4

import pytest

from tests.unit.jobs.fakes import InMemoryJobs
from tutor_platform.shared.clock import FixedClock
from tutor_platform.shared.errors import Conflict, UpstreamFailed
from tutor_platform.shared.jobs.application.create_job import CreateJob
from tutor_platform.shared.jobs.application.run_job import INTERRUPTED, RunJob
from tutor_platform.shared.jobs.ports import (
    JobContext,
    JobRecord,
    JsonObject,
    PermanentTaskError,
    TaskError,
    TaskRegistry,
    TaskSpec,
)

started = asyncio.Event()


async def double(ctx: JobContext, payload: JsonObject) -> JsonObject:
    await ctx.report_progress(0.5)
    return {"doubled": payload["n"] * 2, "job_id": str(ctx.job_id)}


async def flaky(ctx: JobContext, payload: JsonObject) -> JsonObject:
    if ctx.attempt < 3:
        raise TaskError(f"attempt {ctx.attempt} failed")
    return {"attempt": ctx.attempt}


async def upstream_down(ctx: JobContext, payload: JsonObject) -> None:
    raise UpstreamFailed("The AI provider did not answer.")


async def conflict(ctx: JobContext, payload: JsonObject) -> None:
    raise Conflict("Already published.")


async def refuse(ctx: JobContext, payload: JsonObject) -> None:
    raise PermanentTaskError("Nothing to do with this input.")


async def crash(ctx: JobContext, payload: JsonObject) -> None:
    raise KeyError("internal detail")


async def hang(ctx: JobContext, payload: JsonObject) -> None:
    await ctx.report_progress(0.3)
    started.set()
    await asyncio.Event().wait()


REGISTRY = TaskRegistry(
    [
        TaskSpec("t.double", double),
        TaskSpec("t.flaky", flaky, retries=2, backoff_seconds=3.0),
        TaskSpec("t.upstream", upstream_down, retries=1),
        TaskSpec("t.conflict", conflict, retries=5),
        TaskSpec("t.refuse", refuse, retries=5),
        TaskSpec("t.crash", crash, retries=0),
        TaskSpec("t.hang", hang, timeout_seconds=0.05, retries=0),
        TaskSpec("t.hang_long", hang, timeout_seconds=0, retries=0),
    ]
)


@pytest.fixture
def run(jobs: InMemoryJobs, clock: FixedClock) -> RunJob:
    return RunJob(REGISTRY, jobs.uow, clock)


async def enqueue(jobs: InMemoryJobs, clock: FixedClock, kind: str, **payload: int) -> JobRecord:
    record, _ = await CreateJob(REGISTRY, jobs.uow, clock).execute(kind, payload)
    return record


async def test_a_successful_attempt_records_the_result(
    run: RunJob, jobs: InMemoryJobs, clock: FixedClock
) -> None:
    job = await enqueue(jobs, clock, "t.double", n=21)

    attempt = await run.execute(job.id)

    stored = jobs.records[job.id]
    assert attempt.outcome == "succeeded"
    assert stored.status == "succeeded"
    assert stored.result == {"doubled": 42, "job_id": str(job.id)}
    assert stored.attempts == 1
    assert stored.finished_at == clock.now()


async def test_a_transient_failure_asks_for_a_retry_with_backoff(
    run: RunJob, jobs: InMemoryJobs, clock: FixedClock
) -> None:
    job = await enqueue(jobs, clock, "t.flaky")

    attempts = [await run.execute(job.id) for _ in range(3)]

    assert [a.outcome for a in attempts] == ["retry", "retry", "succeeded"]
    assert [a.retry_in for a in attempts[:2]] == [3.0, 6.0]
    assert attempts[0].error == "attempt 1 failed"
    assert jobs.records[job.id].attempts == 3
    assert jobs.records[job.id].result == {"attempt": 3}


async def test_the_job_waits_queued_between_attempts(
    run: RunJob, jobs: InMemoryJobs, clock: FixedClock
) -> None:
    job = await enqueue(jobs, clock, "t.flaky")

    await run.execute(job.id)

    stored = jobs.records[job.id]
    assert stored.status == "queued"
    assert stored.error == "attempt 1 failed"
    assert stored.finished_at is None


async def test_the_last_attempt_fails_the_job(
    run: RunJob, jobs: InMemoryJobs, clock: FixedClock
) -> None:
    job = await enqueue(jobs, clock, "t.upstream")

    outcomes = [(await run.execute(job.id)).outcome for _ in range(2)]

    stored = jobs.records[job.id]
    assert outcomes == ["retry", "failed"]
    assert stored.status == "failed"
    assert stored.error == "The AI provider did not answer."
    assert stored.finished_at == clock.now()


async def test_a_queue_giving_its_last_chance_gets_a_final_answer(
    run: RunJob, jobs: InMemoryJobs, clock: FixedClock
) -> None:
    job = await enqueue(jobs, clock, "t.flaky")

    attempt = await run.execute(job.id, last_chance=True)

    assert attempt.outcome == "failed"
    assert jobs.records[job.id].status == "failed"


@pytest.mark.parametrize(
    ("kind", "error"),
    [("t.conflict", "Already published."), ("t.refuse", "Nothing to do with this input.")],
)
async def test_permanent_failures_are_not_retried(
    run: RunJob, jobs: InMemoryJobs, clock: FixedClock, kind: str, error: str
) -> None:
    job = await enqueue(jobs, clock, kind)

    attempt = await run.execute(job.id)

    assert attempt.outcome == "failed"
    assert jobs.records[job.id].attempts == 1
    assert jobs.records[job.id].error == error


async def test_unexpected_errors_do_not_leak_their_message(
    run: RunJob, jobs: InMemoryJobs, clock: FixedClock
) -> None:
    job = await enqueue(jobs, clock, "t.crash")

    await run.execute(job.id)

    error = jobs.records[job.id].error
    assert error == "The task failed unexpectedly (KeyError)."


async def test_an_attempt_over_its_time_limit_fails(
    run: RunJob, jobs: InMemoryJobs, clock: FixedClock
) -> None:
    job = await enqueue(jobs, clock, "t.hang")

    attempt = await run.execute(job.id)

    assert attempt.outcome == "failed"
    assert jobs.records[job.id].error == "Timed out after 0.05 s."
    assert jobs.records[job.id].progress == 0.3


async def test_an_interrupted_attempt_leaves_the_job_queued(
    run: RunJob, jobs: InMemoryJobs, clock: FixedClock
) -> None:
    job = await enqueue(jobs, clock, "t.hang_long")
    started.clear()
    task = asyncio.create_task(run.execute(job.id))
    await started.wait()

    task.cancel()
    with pytest.raises(asyncio.CancelledError):
        await task

    stored = jobs.records[job.id]
    assert stored.status == "queued"
    assert stored.error == INTERRUPTED
    assert stored.progress == 0.3


async def test_finished_or_unknown_jobs_are_skipped(
    run: RunJob, jobs: InMemoryJobs, clock: FixedClock
) -> None:
    job = await enqueue(jobs, clock, "t.double", n=1)
    await run.execute(job.id)
    commits = jobs.commits

    assert (await run.execute(job.id)).outcome == "skipped"
    assert (await run.execute(uuid4())).outcome == "skipped"
    assert jobs.records[job.id].attempts == 1
    assert jobs.commits == commits


async def test_a_job_of_an_unregistered_kind_fails(jobs: InMemoryJobs, clock: FixedClock) -> None:
    job = await enqueue(jobs, clock, "t.double", n=1)
    other_registry = TaskRegistry([TaskSpec("t.other", double)])

    attempt = await RunJob(other_registry, jobs.uow, clock).execute(job.id)

    assert attempt.outcome == "failed"
    assert jobs.records[job.id].error == "No task of kind 't.double' is registered."


async def test_abandoning_fails_unfinished_jobs_only(
    run: RunJob, jobs: InMemoryJobs, clock: FixedClock
) -> None:
    waiting = await enqueue(jobs, clock, "t.double", n=1)
    done = await enqueue(jobs, clock, "t.double", n=2)
    await run.execute(done.id)

    await run.abandon(waiting.id, "gone")
    await run.abandon(done.id, "gone")

    assert jobs.records[waiting.id].status == "failed"
    assert jobs.records[waiting.id].error == "gone"
    assert jobs.records[done.id].status == "succeeded"
