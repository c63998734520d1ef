"""Record a new job (idempotently when a key is given)."""

from uuid import NAMESPACE_URL, UUID, uuid5

from tutor_platform.shared.clock import Clock
from tutor_platform.shared.ids import new_id
from tutor_platform.shared.jobs.ports import (
    JobQueued,
    JobRecord,
    JobUnitOfWorkFactory,
    JsonObject,
    TaskRegistry,
)

_KEYED_JOBS = uuid5(NAMESPACE_URL, "urn:tutor-platform:jobs")


def keyed_job_id(kind: str, key: str) -> UUID:
    """The id of the job of ``kind`` enqueued with ``key``: the same key, the same job."""
    return uuid5(_KEYED_JOBS, f"{kind}\n{key}")


class CreateJob:
    """Store a queued job; with a key, a second call returns the first job unchanged. The
    commit publishes ``JobQueued`` while the job is queued (the queue's runner takes it)."""

    def __init__(
        self, registry: TaskRegistry, uow_factory: JobUnitOfWorkFactory, clock: Clock
    ) -> None:
        self._registry = registry
        self._uow_factory = uow_factory
        self._clock = clock

    async def execute(
        self,
        kind: str,
        payload: JsonObject,
        *,
        owner_id: UUID | None = None,
        key: str | None = None,
    ) -> tuple[JobRecord, bool]:
        """The job and whether this call created it."""
        self._registry.spec(kind)
        record = JobRecord(
            id=new_id() if key is None else keyed_job_id(kind, key),
            kind=kind,
            status="queued",
            owner_id=owner_id,
            created_at=self._clock.now(),
            payload=dict(payload),
        )
        async with self._uow_factory() as uow:
            created = await uow.jobs.add_if_absent(record)
            stored = record if created else await uow.jobs.get(record.id)
            if stored is None:
                raise RuntimeError(f"job {record.id} vanished while being enqueued")
            if stored.status == "queued":
                uow.record(JobQueued(stored, created))
            await uow.commit()
        return stored, created
