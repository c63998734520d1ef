"""One contract for every ``JobQueue`` adapter: in-process, and SAQ on Redis with a worker."""

from datetime import UTC, datetime, timedelta
from uuid import uuid4

import pytest

from tests.contract.job_queue.conftest import Harness
from tests.contract.job_queue.tasks import SECRET_DETAIL
from tutor_platform.shared.jobs.ports import UnknownTaskKind


async def test_a_job_runs_and_succeeds_with_its_result(harness: Harness) -> None:
    owner = uuid4()
    queued = await harness.queue.enqueue("test.echo", {"word": "hello"}, owner_id=owner)
    assert queued.status == "queued"

    done = await harness.wait(queued.id)

    assert done.status == "succeeded"
    assert done.result == {"echo": {"word": "hello"}}
    assert done.owner_id == owner
    assert done.attempts == 1
    assert done.progress == 1.0
    assert done.error is None
    assert done.finished_at is not None
    assert done.finished_at >= done.created_at


async def test_progress_is_visible_while_the_job_runs(harness: Harness) -> None:
    job = await harness.queue.enqueue("test.gated", {})

    running = await harness.wait(job.id, until=lambda r: r.progress == 0.5)
    harness.probe.gate.set()
    done = await harness.wait(job.id)

    assert running.status == "running"
    assert running.finished_at is None
    assert done.status == "succeeded"
    assert done.result == {"released": True}


async def test_a_transient_failure_is_retried_and_then_succeeds(harness: Harness) -> None:
    job = await harness.queue.enqueue("test.flaky", {})

    done = await harness.wait(job.id)

    assert done.status == "succeeded"
    assert done.attempts == 2
    assert done.result == {"attempt": 2}
    assert done.error is None


async def test_a_job_that_always_fails_ends_failed_after_its_retries(harness: Harness) -> None:
    job = await harness.queue.enqueue("test.broken", {})

    done = await harness.wait(job.id)

    assert done.status == "failed"
    assert done.attempts == 3
    assert done.error == "always broken"
    assert done.finished_at is not None


async def test_an_unexpected_error_is_reported_without_internals(harness: Harness) -> None:
    job = await harness.queue.enqueue("test.crash", {})

    done = await harness.wait(job.id)

    assert done.status == "failed"
    assert done.error is not None
    assert "RuntimeError" in done.error
    assert SECRET_DETAIL not in done.error
    assert "hunter2" not in done.error
    assert "Traceback" not in done.error


async def test_a_permanent_failure_is_not_retried(harness: Harness) -> None:
    job = await harness.queue.enqueue("test.refuse", {})

    done = await harness.wait(job.id)

    assert done.status == "failed"
    assert done.attempts == 1
    assert done.error == "this cannot be done"


async def test_the_timeout_is_enforced(harness: Harness) -> None:
    job = await harness.queue.enqueue("test.too_slow", {"seconds": 30})

    done = await harness.wait(job.id)

    assert done.status == "failed"
    assert done.error == "Timed out after 1 s."


async def test_a_job_longer_than_its_heartbeat_is_kept_alive(harness: Harness) -> None:
    job = await harness.queue.enqueue("test.long", {"seconds": 3})

    done = await harness.wait(job.id)

    assert done.status == "succeeded"
    assert done.attempts == 1


async def test_the_same_key_enqueues_one_job(harness: Harness) -> None:
    first = await harness.queue.enqueue("test.counted", {"n": 1}, key="report-42")
    second = await harness.queue.enqueue("test.counted", {"n": 2}, key="report-42")
    done = await harness.wait(first.id)
    again = await harness.queue.enqueue("test.counted", {"n": 3}, key="report-42")
    other = await harness.queue.enqueue("test.counted", {"n": 4}, key="report-43")

    assert second.id == first.id == again.id
    assert again.status == "succeeded"
    assert done.result == {"runs": 1}
    assert harness.probe.runs[first.id] == 1
    assert other.id != first.id
    assert (await harness.wait(other.id)).status == "succeeded"


async def test_periodic_tasks_get_one_job_per_interval(harness: Harness) -> None:
    now = datetime(2026, 1, 1, 12, 30, tzinfo=UTC)
    enqueue = harness.queue.enqueue_periodic_tasks

    [first] = await enqueue.execute(now)
    [same] = await enqueue.execute(now + timedelta(minutes=20))
    [next_hour] = await enqueue.execute(now + timedelta(hours=1))

    assert same.id == first.id
    assert next_hour.id != first.id
    assert (await harness.wait(first.id)).status == "succeeded"
    assert (await harness.wait(next_hour.id)).status == "succeeded"


async def test_unknown_jobs_and_kinds(harness: Harness) -> None:
    assert await harness.queue.get(uuid4()) is None
    with pytest.raises(UnknownTaskKind):
        await harness.queue.enqueue("test.no_such_kind", {})


async def test_the_depth_counts_the_jobs_by_status(harness: Harness) -> None:
    # On SAQ the worker's periodic tick is a scheduled job of its own.
    idle = await harness.queue.depth()
    job = await harness.queue.enqueue("test.gated", {})

    await harness.wait(job.id, until=lambda r: r.progress == 0.5)
    running = await harness.queue.depth()
    harness.probe.gate.set()
    await harness.wait(job.id)

    assert idle["queued"] == idle["running"] == 0
    assert running == {**idle, "running": 1}
    assert await harness.queue.depth() == idle
