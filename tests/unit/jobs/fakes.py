"""In-memory job storage: the ``JobUnitOfWork`` port without a database."""

from types import TracebackType
from typing import Self
from uuid import UUID

from tutor_platform.shared.jobs.ports import JobRecord


class InMemoryJobs:
    """The committed job records, shared by every unit of work made from it."""

    def __init__(self) -> None:
        self.records: dict[UUID, JobRecord] = {}
        self.commits = 0

    def uow(self) -> "InMemoryJobUnitOfWork":
        return InMemoryJobUnitOfWork(self)


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


class InMemoryJobUnitOfWork:
    jobs: InMemoryJobRepository

    def __init__(self, store: InMemoryJobs) -> None:
        self._store = store

    async def __aenter__(self) -> Self:
        self.jobs = InMemoryJobRepository(self._store.records)
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.jobs.staged.clear()

    async def commit(self) -> None:
        self._store.records.update(self.jobs.staged)
        self.jobs.staged.clear()
        self._store.commits += 1
