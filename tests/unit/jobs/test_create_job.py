"""Recording a job: queued, and idempotent when a key is given."""

from dataclasses import replace
from functools import partial
from uuid import uuid4

import pytest

from tests.support.events import Published
from tests.unit.jobs.fakes import InMemoryJobs
from tutor_platform.shared.clock import FixedClock
from tutor_platform.shared.jobs.application.create_job import CreateJob, keyed_job_id
from tutor_platform.shared.jobs.ports import (
    JobContext,
    JobQueued,
    JsonObject,
    TaskRegistry,
    TaskSpec,
    UnknownTaskKind,
)


async def noop(ctx: JobContext, payload: JsonObject) -> None:
    return None


@pytest.fixture
def create(jobs: InMemoryJobs, clock: FixedClock) -> CreateJob:
    registry = TaskRegistry([TaskSpec("a.one", noop), TaskSpec("a.two", noop)])
    return CreateJob(registry, jobs.uow, clock)


async def test_a_new_job_is_queued_and_stored(
    create: CreateJob, jobs: InMemoryJobs, clock: FixedClock
) -> None:
    owner = uuid4()

    record, created = await create.execute("a.one", {"x": 1}, owner_id=owner)

    assert created
    assert record.status == "queued"
    assert record.attempts == 0
    assert record.owner_id == owner
    assert record.payload == {"x": 1}
    assert record.created_at == clock.now()
    assert jobs.records[record.id] == record


async def test_without_a_key_every_call_is_a_new_job(create: CreateJob) -> None:
    first, _ = await create.execute("a.one", {})
    second, _ = await create.execute("a.one", {})

    assert first.id != second.id
    assert first.id.version == 7


async def test_the_same_key_returns_the_first_job_unchanged(
    create: CreateJob, jobs: InMemoryJobs
) -> None:
    first, created = await create.execute("a.one", {"v": 1}, key="k")
    again, created_again = await create.execute("a.one", {"v": 2}, key="k")

    assert created
    assert not created_again
    assert again == first
    assert again.payload == {"v": 1}
    assert len(jobs.records) == 1


async def test_keys_are_per_kind(create: CreateJob) -> None:
    one, _ = await create.execute("a.one", {}, key="k")
    two, _ = await create.execute("a.two", {}, key="k")

    assert one.id != two.id
    assert one.id == keyed_job_id("a.one", "k")


async def test_an_unknown_kind_is_refused_and_nothing_stored(
    create: CreateJob, jobs: InMemoryJobs
) -> None:
    with pytest.raises(UnknownTaskKind):
        await create.execute("a.nope", {})

    assert jobs.records == {}


async def test_the_commit_publishes_job_queued_while_the_job_is_queued(
    jobs: InMemoryJobs, clock: FixedClock
) -> None:
    published = Published()
    registry = TaskRegistry([TaskSpec("a.one", noop)])
    create = CreateJob(registry, partial(jobs.uow, published), clock)

    first, _ = await create.execute("a.one", {}, key="k")
    again, _ = await create.execute("a.one", {}, key="k")
    jobs.records[first.id] = replace(first, status="running")
    await create.execute("a.one", {}, key="k")

    assert published.events == [JobQueued(first, True), JobQueued(again, False)]
