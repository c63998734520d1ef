"""Enqueue the periodic tasks of the current interval (at most one job per interval)."""

from collections.abc import Sequence
from datetime import datetime

from tutor_platform.shared.jobs.ports import JobQueue, JobRecord, PeriodicTask


class EnqueuePeriodicTasks:
    """Called by a timer (in-process loop or SAQ cron) as often as it likes: each periodic
    task gets one job per interval, keyed by the interval, so extra calls change nothing."""

    def __init__(self, queue: JobQueue, periodic: Sequence[PeriodicTask]) -> None:
        self._queue = queue
        self._periodic = tuple(periodic)

    async def execute(self, now: datetime) -> list[JobRecord]:
        return [
            await self._queue.enqueue(task.kind, {}, key=task.slot_key(now))
            for task in self._periodic
        ]
