"""Job records in the ``jobs`` table (SQLite or PostgreSQL)."""

from typing import Any, cast

from sqlalchemy import Table, update
from sqlalchemy.ext.asyncio import AsyncSession

from tutor_platform.shared.jobs.ports import JobRecord
from tutor_platform.shared.jobs.tables import JobRow
from tutor_platform.shared.persistence.mapping import to_values
from tutor_platform.shared.persistence.repository import Repository, insert
from tutor_platform.shared.persistence.unit_of_work import SqlAlchemyUnitOfWork

_JOBS = cast(Table, JobRow.__table__)
_PROGRESS = ("status", "progress", "result", "error", "attempts", "started_at", "finished_at")


class SqlAlchemyJobRepository(Repository[JobRecord]):
    """``JobRepository`` over one session."""

    table = _JOBS
    entity = JobRecord

    def _values(self, entity: JobRecord) -> dict[str, Any]:
        return to_values(entity, _JOBS, updated_at=entity.created_at)

    async def add_if_absent(self, record: JobRecord) -> bool:
        statement = insert(self._session, _JOBS).values(self._values(record))
        return await self._write(statement.on_conflict_do_nothing(index_elements=["id"])) > 0

    async def save(self, record: JobRecord) -> None:
        values = {name: getattr(record, name) for name in _PROGRESS}
        await self._write(update(_JOBS).where(_JOBS.c.id == record.id).values(values))


class SqlAlchemyJobUnitOfWork(SqlAlchemyUnitOfWork):
    """``JobUnitOfWork`` over a SQLAlchemy session."""

    def _bind(self, session: AsyncSession) -> None:
        self.jobs = SqlAlchemyJobRepository(session)
