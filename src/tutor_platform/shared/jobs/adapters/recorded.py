"""What both queue adapters share: job records in the jobs table and the attempt runner,
traced (a span per attempt) when the app gives the queue a tracer."""

from functools import partial
from uuid import UUID

from opentelemetry import context, trace

from tutor_platform.shared.clock import Clock
from tutor_platform.shared.events import EventBus
from tutor_platform.shared.jobs.application.create_job import CreateJob
from tutor_platform.shared.jobs.application.enqueue_periodic_tasks import EnqueuePeriodicTasks
from tutor_platform.shared.jobs.application.run_job import Attempt, RunJob
from tutor_platform.shared.jobs.ports import (
    JobQueued,
    JobRecord,
    JobUnitOfWorkFactory,
    JsonObject,
    QueueDepthStatus,
    TaskRegistry,
)
from tutor_platform.shared.telemetry import telemetry


class RecordedJobQueue:
    """Base of the ``JobQueue`` adapters: records the job; the commit's ``JobQueued`` event has
    ``_dispatch`` hand it to the adapter's runner (while it is still queued; ``created`` says
    whether this call made it)."""

    def __init__(
        self, registry: TaskRegistry, uow_factory: JobUnitOfWorkFactory, clock: Clock
    ) -> None:
        self.registry = registry
        self.clock = clock
        self.run_job = RunJob(registry, uow_factory, clock)
        self.enqueue_periodic_tasks = EnqueuePeriodicTasks(self, registry.periodic)
        queued = EventBus({JobQueued: [self._queued]})
        self._create_job = CreateJob(registry, partial(uow_factory, publisher=queued), clock)
        self._uow_factory = uow_factory
        self.tracer: trace.Tracer | None = None

    async def run_attempt(self, job_id: UUID, *, last_chance: bool = False) -> Attempt:
        """One attempt through ``RunJob``, in a span of its own trace when traced (linked to
        the span that enqueued the job, if any: a job outlives the request that asked)."""
        if self.tracer is None:
            return await self.run_job.execute(job_id, last_chance=last_chance)
        caller = trace.get_current_span().get_span_context()
        links = [trace.Link(caller)] if caller.is_valid else []
        with self.tracer.start_as_current_span(
            "job", context=context.Context(), kind=trace.SpanKind.CONSUMER, links=links
        ) as span:
            span.set_attribute("job.id", str(job_id))
            attempt = await self.run_job.execute(job_id, last_chance=last_chance)
            if attempt.kind:
                span.update_name(f"job {attempt.kind}")
                span.set_attribute("job.kind", attempt.kind)
            span.set_attribute("job.outcome", attempt.outcome)
            if attempt.outcome in ("retry", "failed"):
                span.set_status(trace.StatusCode.ERROR, attempt.error)
            return attempt

    async def enqueue(
        self,
        kind: str,
        payload: JsonObject,
        *,
        owner_id: UUID | None = None,
        key: str | None = None,
    ) -> JobRecord:
        record, _ = await self._create_job.execute(kind, payload, owner_id=owner_id, key=key)
        return record

    async def _queued(self, event: JobQueued) -> None:
        """The handler of ``JobQueued``: counts a new job, then dispatches it."""
        if event.created:
            telemetry.job_queued(event.record.kind)
        await self._dispatch(event.record, event.created)

    async def get(self, job_id: UUID) -> JobRecord | None:
        async with self._uow_factory() as uow:
            return await uow.jobs.get(job_id)

    @property
    def name(self) -> str:
        """The queue's name in metrics."""
        raise NotImplementedError

    async def depth(self) -> dict[QueueDepthStatus, int]:
        """How many jobs the queue holds by status, read cheaply (no database query)."""
        raise NotImplementedError

    async def _dispatch(self, record: JobRecord, created: bool) -> None:
        raise NotImplementedError
