"""In-memory job storage: the ``JobUnitOfWork`` port without a database."""

from uuid import UUID

from tutor_platform.shared.events import NO_HANDLERS, EventPublisher
from tutor_platform.shared.jobs.ports import JobRecord
from tutor_platform.shared.unit_of_work import InMemoryUnitOfWork


class InMemoryJobs:
    """The committed job records, shared by every unit of work made from it."""

    def __init__(self) -> None:
        self.records: dict[UUID, JobRecord] = {}
        self.commits = 0

    def uow(self, publisher: EventPublisher = NO_HANDLERS) -> "InMemoryJobUnitOfWork":
        return InMemoryJobUnitOfWork(self, publisher)


class InMemoryJobRepository:
    def __init__(self, committed: dict[UUID, JobRecord]) -> None:
        self._committed = committed
        self.staged: dict[UUID, JobRecord] = {}

    async def get(self, job_id: UUID) -> JobRecord | None:
        return self.staged.get(job_id) or self._committed.get(job_id)

    async def add_if_absent(self, record: JobRecord) -> bool:
        if await self.get(record.id) is not None:
            return False
        self.staged[record.id] = record
        return True

    async def save(self, record: JobRecord) -> None:
        assert await self.get(record.id) is not None, "save() of an unknown job"
        self.staged[record.id] = record


class InMemoryJobUnitOfWork(InMemoryUnitOfWork[InMemoryJobs]):
    jobs: InMemoryJobRepository

    def _bind(self) -> None:
        self.jobs = InMemoryJobRepository(self.store.records)

    async def _commit(self) -> None:
        self.store.records.update(self.jobs.staged)
        self.jobs.staged.clear()
        await super()._commit()

    async def _end(self) -> None:
        self.jobs.staged.clear()
