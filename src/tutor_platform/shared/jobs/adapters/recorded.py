"""What both queue adapters share: job records in the jobs table and the attempt runner."""

from uuid import UUID

from tutor_platform.shared.clock import Clock
from tutor_platform.shared.jobs.application.create_job import CreateJob
from tutor_platform.shared.jobs.application.enqueue_periodic_tasks import EnqueuePeriodicTasks
from tutor_platform.shared.jobs.application.run_job import RunJob
from tutor_platform.shared.jobs.ports import (
    JobRecord,
    JobUnitOfWorkFactory,
    JsonObject,
    QueueDepthStatus,
    TaskRegistry,
)


class RecordedJobQueue:
    """Base of the ``JobQueue`` adapters: records the job, then ``_dispatch`` hands it to the
    adapter's runner (while it is still queued; ``created`` says whether this call made it)."""

    def __init__(
        self, registry: TaskRegistry, uow_factory: JobUnitOfWorkFactory, clock: Clock
    ) -> None:
        self.registry = registry
        self.clock = clock
        self.run_job = RunJob(registry, uow_factory, clock)
        self.enqueue_periodic_tasks = EnqueuePeriodicTasks(self, registry.periodic)
        self._create_job = CreateJob(registry, uow_factory, clock)
        self._uow_factory = uow_factory

    async def enqueue(
        self,
        kind: str,
        payload: JsonObject,
        *,
        owner_id: UUID | None = None,
        key: str | None = None,
    ) -> JobRecord:
        record, created = await self._create_job.execute(kind, payload, owner_id=owner_id, key=key)
        if record.status == "queued":
            await self._dispatch(record, created)
        return record

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
