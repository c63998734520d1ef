"""``InProcessJobQueue``: jobs as asyncio tasks of the API process (the embedded default).

Bounded concurrency, per-task timeout and retries with backoff (through ``RunJob``), the
periodic tasks on a timer, and a shutdown that lets running jobs finish for a grace period,
then cancels them and marks them failed. Only the call that creates a job starts it (a
second enqueue with the same key, from this or another process, does not run it again), so
a job left queued by a process that crashed is not resumed.
"""

import asyncio
import contextlib
import logging
from collections import Counter
from uuid import UUID

from tutor_platform.shared.clock import Clock
from tutor_platform.shared.errors import Unavailable
from tutor_platform.shared.jobs.adapters.recorded import RecordedJobQueue
from tutor_platform.shared.jobs.ports import (
    JobRecord,
    JobUnitOfWorkFactory,
    JsonObject,
    QueueDepthStatus,
    TaskRegistry,
)

logger = logging.getLogger("tutor_platform.jobs")

SHUTDOWN_MESSAGE = "Interrupted: the server shut down before the job finished."
MAX_TICK_SECONDS = 60


class InProcessJobQueue(RecordedJobQueue):
    """Runs jobs in this process's event loop."""

    def __init__(
        self,
        registry: TaskRegistry,
        uow_factory: JobUnitOfWorkFactory,
        clock: Clock,
        *,
        concurrency: int = 10,
        shutdown_grace_seconds: float = 10.0,
    ) -> None:
        super().__init__(registry, uow_factory, clock)
        self._slots = asyncio.Semaphore(max(1, concurrency))
        self._grace = shutdown_grace_seconds
        self._tasks: dict[UUID, asyncio.Task[None]] = {}
        self._states: dict[UUID, QueueDepthStatus] = {}
        self._timer: asyncio.Task[None] | None = None
        self._closed = False

    async def start(self) -> None:
        """Start the timer of the periodic tasks, if any."""
        if self.registry.periodic and self._timer is None:
            self._timer = asyncio.create_task(self._tick_forever(), name="jobs-periodic")

    async def aclose(self) -> None:
        """Stop the timer, wait for running jobs up to the grace period, cancel the rest."""
        self._closed = True
        if self._timer is not None:
            self._timer.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._timer
        tasks = dict(self._tasks)
        if not tasks:
            return
        _, pending = await asyncio.wait(tasks.values(), timeout=self._grace)
        for task in pending:
            task.cancel()
        await asyncio.gather(*pending, return_exceptions=True)
        for job_id, task in tasks.items():
            if task in pending:
                await self.run_job.abandon(job_id, SHUTDOWN_MESSAGE)

    @property
    def name(self) -> str:
        return "inprocess"

    async def depth(self) -> dict[QueueDepthStatus, int]:
        """The jobs of this process by status, from memory."""
        counts = Counter(self._states.values())
        return {status: counts[status] for status in ("queued", "scheduled", "running")}

    async def enqueue(
        self,
        kind: str,
        payload: JsonObject,
        *,
        owner_id: UUID | None = None,
        key: str | None = None,
    ) -> JobRecord:
        if self._closed:
            raise Unavailable("The job queue is shutting down.")
        return await super().enqueue(kind, payload, owner_id=owner_id, key=key)

    async def _dispatch(self, record: JobRecord, created: bool) -> None:
        if not created:
            return
        task = asyncio.create_task(self._drive(record.id), name=f"job-{record.id}")
        self._tasks[record.id] = task
        task.add_done_callback(lambda _: self._tasks.pop(record.id, None))

    async def _drive(self, job_id: UUID) -> None:
        """Attempts until the job succeeds, fails for good or is gone."""
        try:
            while True:
                self._states[job_id] = "queued"
                async with self._slots:
                    self._states[job_id] = "running"
                    attempt = await self.run_attempt(job_id)
                if attempt.outcome != "retry":
                    return
                self._states[job_id] = "scheduled"
                await asyncio.sleep(attempt.retry_in)
        except Exception:
            logger.exception("job %s could not be run", job_id)
        finally:
            self._states.pop(job_id, None)

    async def _tick_forever(self) -> None:
        tick = min(MAX_TICK_SECONDS, *(p.interval_seconds for p in self.registry.periodic))
        while True:
            try:
                await self.enqueue_periodic_tasks.execute(self.clock.now())
            except Exception:
                logger.exception("periodic tasks could not be enqueued")
            await asyncio.sleep(max(1, tick))
