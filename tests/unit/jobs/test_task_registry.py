"""Task specs, the registry and periodic slots."""

from datetime import timedelta

import pytest

from tests.unit.jobs.conftest import NOW
from tutor_platform.shared.jobs.ports import (
    JobContext,
    JsonObject,
    PeriodicTask,
    TaskRegistry,
    TaskSpec,
    UnknownTaskKind,
)


async def noop(ctx: JobContext, payload: JsonObject) -> None:
    return None


def test_the_registry_finds_specs_by_kind() -> None:
    spec = TaskSpec("a.b", noop)
    registry = TaskRegistry([spec, TaskSpec("a.c", noop)])

    assert registry.spec("a.b") is spec
    assert registry.kinds == ["a.b", "a.c"]
    with pytest.raises(UnknownTaskKind):
        registry.spec("a.z")


def test_duplicate_or_unknown_periodic_kinds_are_refused() -> None:
    with pytest.raises(ValueError, match="duplicate or unknown"):
        TaskRegistry([TaskSpec("a.b", noop), TaskSpec("a.b", noop)])
    with pytest.raises(ValueError, match="duplicate or unknown"):
        TaskRegistry([TaskSpec("a.b", noop)], periodic=[PeriodicTask("a.z", 60)])


def test_retries_back_off_exponentially() -> None:
    spec = TaskSpec("a.b", noop, retries=3, backoff_seconds=2.0)

    assert spec.max_attempts == 4
    assert [spec.retry_delay(n) for n in (1, 2, 3)] == [2.0, 4.0, 8.0]


def test_a_periodic_task_has_one_key_per_interval() -> None:
    hourly = PeriodicTask("a.b", 3600)
    start = NOW.replace(minute=0)

    assert hourly.slot_key(start) == hourly.slot_key(start + timedelta(minutes=59))
    assert hourly.slot_key(start) != hourly.slot_key(start + timedelta(hours=1))
    assert PeriodicTask("a.b", 60).slot_key(start) != hourly.slot_key(start)
