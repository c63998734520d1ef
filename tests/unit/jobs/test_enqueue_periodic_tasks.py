"""The periodic tick: one job per task and interval, however often it ticks."""

from datetime import timedelta
from uuid import UUID

from tests.unit.jobs.conftest import NOW
from tutor_platform.shared.jobs.application.enqueue_periodic_tasks import EnqueuePeriodicTasks
from tutor_platform.shared.jobs.ports import JobRecord, JsonObject, PeriodicTask


class RecordingQueue:
    def __init__(self) -> None:
        self.calls: list[tuple[str, JsonObject, str | None]] = []

    async def enqueue(
        self,
        kind: str,
        payload: JsonObject,
        *,
        owner_id: UUID | None = None,
        key: str | None = None,
    ) -> JobRecord:
        self.calls.append((kind, payload, key))
        return JobRecord(
            id=UUID(int=len(self.calls)), kind=kind, status="queued", owner_id=None, created_at=NOW
        )

    async def get(self, job_id: UUID) -> JobRecord | None:
        return None


async def test_each_tick_asks_for_each_task_with_the_key_of_its_interval() -> None:
    queue = RecordingQueue()
    tick = EnqueuePeriodicTasks(queue, [PeriodicTask("a.hourly", 3600), PeriodicTask("a.min", 60)])

    for seconds in (0, 30, 60):
        await tick.execute(NOW + timedelta(seconds=seconds))

    hourly = [key for kind, _, key in queue.calls if kind == "a.hourly"]
    minutely = [key for kind, _, key in queue.calls if kind == "a.min"]
    assert len(set(hourly)) == 1
    assert minutely[0] == minutely[1] != minutely[2]
    assert all(payload == {} for _, payload, _ in queue.calls)
