"""``SaqJobQueue``: jobs on Redis through SAQ, run by ``tutor-platform worker`` processes.

The SAQ job's key is the job id, so enqueueing a job twice is a no-op. Every task kind is a
SAQ function (named by the kind) that runs one attempt through ``RunJob``: the jobs table
stays the truth, and SAQ provides delivery, the timeout (a little above the task's own, which
``RunJob`` enforces), the heartbeat that detects a dead worker, and the retries.
"""

import asyncio
import contextlib
import logging
import math
from collections.abc import Awaitable, Callable
from typing import Any
from uuid import UUID

from redis.asyncio import Redis
from redis.exceptions import RedisError
from saq import CronJob, Job, Status
from saq.job import UNSUCCESSFUL_TERMINAL_STATUSES
from saq.queue.redis import RedisQueue

from tutor_platform.shared.clock import Clock
from tutor_platform.shared.errors import Unavailable
from tutor_platform.shared.jobs.adapters.recorded import RecordedJobQueue
from tutor_platform.shared.jobs.ports import (
    JobRecord,
    JobUnitOfWorkFactory,
    QueueDepthStatus,
    TaskRegistry,
    TaskSpec,
)

logger = logging.getLogger("tutor_platform.jobs")

TIMEOUT_MARGIN_SECONDS = 10
RESULT_TTL_SECONDS = 3600
PERIODIC_CRON = "* * * * *"
UNQUEUED_MESSAGE = "The job could not be queued."
GIVEN_UP_MESSAGE = "The job was given up: its worker stopped or it ran out of time."
_JOB_QUEUE = "tutor_platform.job_queue"


class SaqAttemptFailed(Exception):
    """Raised to SAQ when an attempt failed, so that SAQ retries it or marks it failed."""


class RecordingRedisQueue(RedisQueue):
    """SAQ's Redis queue, telling us when SAQ gives a job up on its own (a sweep of a dead
    worker's job, an abort, SAQ's timeout), so that its record does not stay running."""

    on_given_up: Callable[[UUID], Awaitable[None]] | None = None

    async def finish(
        self,
        job: Job,
        status: Status,
        *,
        result: Any = None,
        error: str | None = None,
        **kwargs: Any,
    ) -> None:
        await super().finish(job, status, result=result, error=error, **kwargs)
        job_id = (job.kwargs or {}).get("job_id")
        if status in UNSUCCESSFUL_TERMINAL_STATUSES and job_id and self.on_given_up:
            await self.on_given_up(UUID(job_id))


def create_saq_queue(redis_url: str, name: str) -> RecordingRedisQueue:
    """A SAQ queue on Redis (no connection is made until it is used)."""
    return RecordingRedisQueue(Redis.from_url(redis_url), name=name)


def saq_job(spec: TaskSpec, job_id: UUID) -> Job:
    """The SAQ job of a recorded job, with the task's limits (SAQ's defaults retry nothing)."""
    return Job(
        function=spec.kind,
        kwargs={"job_id": str(job_id)},
        key=str(job_id),
        timeout=math.ceil(spec.timeout_seconds) + TIMEOUT_MARGIN_SECONDS
        if spec.timeout_seconds
        else 0,
        heartbeat=spec.heartbeat_seconds,
        retries=spec.max_attempts,
        retry_delay=spec.backoff_seconds,
        ttl=RESULT_TTL_SECONDS,
    )


class SaqJobQueue(RecordedJobQueue):
    """Records the job, then enqueues it on the SAQ queue."""

    def __init__(
        self,
        queue: RecordingRedisQueue,
        registry: TaskRegistry,
        uow_factory: JobUnitOfWorkFactory,
        clock: Clock,
    ) -> None:
        super().__init__(registry, uow_factory, clock)
        self.queue = queue
        self.queue.on_given_up = self._given_up
        self._closed = False

    @property
    def name(self) -> str:
        return self.queue.name

    async def depth(self) -> dict[QueueDepthStatus, int]:
        """The queue's jobs by status: two list lengths and a sorted-set size on Redis (SAQ
        keeps every unfinished job, running or scheduled, in its ``incomplete`` set)."""
        queued = await self.queue.count("queued")
        running = await self.queue.count("active")
        unfinished = await self.queue.count("incomplete")
        scheduled = max(0, unfinished - queued - running)
        return {"queued": queued, "scheduled": scheduled, "running": running}

    async def start(self) -> None:
        await self.queue.connect()

    async def aclose(self) -> None:
        if not self._closed:
            self._closed = True
            await self.queue.disconnect()

    async def _given_up(self, job_id: UUID) -> None:
        await self.run_job.abandon(job_id, GIVEN_UP_MESSAGE)

    async def _dispatch(self, record: JobRecord, created: bool) -> None:
        try:
            await self.queue.enqueue(saq_job(self.registry.spec(record.kind), record.id))
        except (RedisError, OSError) as exc:
            if created:
                await self.run_job.abandon(record.id, UNQUEUED_MESSAGE)
            raise Unavailable("The job queue is not available.") from exc


def bind_worker_context(ctx: dict[str, Any], queue: SaqJobQueue) -> None:
    """Give the SAQ functions the job queue they run for (called by the worker's startup)."""
    ctx[_JOB_QUEUE] = queue


async def _heartbeat(job: Job) -> None:
    interval = max(0.2, job.heartbeat / 3)
    while True:
        await asyncio.sleep(interval)
        try:
            await job.update()
        except RedisError:
            logger.warning("heartbeat of job %s failed", job.key, exc_info=True)


async def run_saq_job(ctx: dict[str, Any], *, job_id: str) -> dict[str, str]:
    """The SAQ function of every task kind: one attempt through ``RunJob``."""
    job: Job = ctx["job"]
    queue: SaqJobQueue = ctx[_JOB_QUEUE]
    beat = asyncio.create_task(_heartbeat(job)) if job.heartbeat else None
    try:
        attempt = await queue.run_attempt(UUID(job_id), last_chance=not job.retryable)
    finally:
        if beat is not None:
            beat.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await beat
    if attempt.outcome == "retry":
        job.retry_delay = attempt.retry_in
        raise SaqAttemptFailed(attempt.error)
    if attempt.outcome == "failed":
        job.retries = job.attempts
        raise SaqAttemptFailed(attempt.error)
    return {"outcome": attempt.outcome}


async def enqueue_periodic_tasks(ctx: dict[str, Any]) -> list[str]:
    """SAQ cron function: enqueue this interval's periodic jobs (extra ticks are no-ops).

    Returns the ids of the jobs of this interval.
    """
    queue: SaqJobQueue = ctx[_JOB_QUEUE]
    records = await queue.enqueue_periodic_tasks.execute(queue.clock.now())
    return [str(record.id) for record in records]


def worker_functions(registry: TaskRegistry) -> list[tuple[str, Any]]:
    """The SAQ functions of a worker: one per task kind, all running ``run_saq_job``."""
    return [(kind, run_saq_job) for kind in registry.kinds]


def worker_cron_jobs(registry: TaskRegistry) -> list[CronJob[Any]]:
    """A cron tick every minute that enqueues the periodic tasks that are due."""
    if not registry.periodic:
        return []
    return [CronJob(enqueue_periodic_tasks, cron=PERIODIC_CRON, timeout=30, retries=1)]
