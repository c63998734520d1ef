"""Job records in the ``jobs`` table (SQLite or PostgreSQL)."""

from typing import cast
from uuid import UUID

from sqlalchemy import select, update
from sqlalchemy.dialects.postgresql import insert as postgresql_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.ext.asyncio import AsyncSession

from tutor_platform.shared.jobs.ports import JobRecord, JobStatus
from tutor_platform.shared.jobs.tables import JobRow
from tutor_platform.shared.persistence.unit_of_work import SqlAlchemyUnitOfWork


def to_record(row: JobRow) -> JobRecord:
    return JobRecord(
        id=row.id,
        kind=row.kind,
        status=cast(JobStatus, row.status),
        owner_id=row.owner_id,
        created_at=row.created_at,
        payload=dict(row.payload or {}),
        progress=row.progress,
        result=row.result,
        error=row.error,
        attempts=row.attempts,
        started_at=row.started_at,
        finished_at=row.finished_at,
    )


class SqlAlchemyJobRepository:
    """``JobRepository`` over one session."""

    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def get(self, job_id: UUID) -> JobRecord | None:
        row = await self._session.scalar(
            select(JobRow).where(JobRow.id == job_id).execution_options(populate_existing=True)
        )
        return None if row is None else to_record(row)

    async def add_if_absent(self, record: JobRecord) -> bool:
        dialect = self._session.bind.dialect.name
        insert = postgresql_insert if dialect == "postgresql" else sqlite_insert
        statement = (
            insert(JobRow)
            .values(
                id=record.id,
                kind=record.kind,
                owner_id=record.owner_id,
                status=record.status,
                payload=record.payload,
                attempts=record.attempts,
                created_at=record.created_at,
                updated_at=record.created_at,
            )
            .on_conflict_do_nothing(index_elements=[JobRow.id])
        )
        result = await self._session.execute(statement)
        return bool(getattr(result, "rowcount", 0))

    async def save(self, record: JobRecord) -> None:
        await self._session.execute(
            update(JobRow)
            .where(JobRow.id == record.id)
            .values(
                status=record.status,
                progress=record.progress,
                result=record.result,
                error=record.error,
                attempts=record.attempts,
                started_at=record.started_at,
                finished_at=record.finished_at,
            )
            .execution_options(synchronize_session=False)
        )


class SqlAlchemyJobUnitOfWork(SqlAlchemyUnitOfWork):
    """``JobUnitOfWork`` over a SQLAlchemy session."""

    def _bind(self, session: AsyncSession) -> None:
        self.jobs = SqlAlchemyJobRepository(session)
