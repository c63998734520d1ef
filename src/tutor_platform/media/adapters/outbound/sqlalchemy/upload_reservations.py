"""Upload reservations and the per-owner quota lock on SQLAlchemy."""

from datetime import datetime
from uuid import UUID

from sqlalchemy import Executable, delete, func, select
from sqlalchemy.dialects.postgresql import insert as postgresql_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.ext.asyncio import AsyncSession

from tutor_platform.media.adapters.outbound.sqlalchemy.mappers import (
    reservation_from_row,
    reservation_to_row,
)
from tutor_platform.media.adapters.outbound.sqlalchemy.tables import (
    FileQuotaLockRow,
    FileUploadRow,
)
from tutor_platform.media.domain.quota import UploadReservation


class SqlAlchemyUploadReservations:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def lock_owner(self, owner_id: UUID, now: datetime) -> None:
        """An upsert of the owner's lock row: it locks that row on PostgreSQL until the
        transaction ends, and takes the database's write lock on SQLite."""
        values = {"owner_id": owner_id, "locked_at": now}
        key, changes = [FileQuotaLockRow.owner_id], {"locked_at": now}
        upsert: Executable
        if self._session.get_bind().dialect.name == "postgresql":
            pg = postgresql_insert(FileQuotaLockRow).values(values)
            upsert = pg.on_conflict_do_update(index_elements=key, set_=changes)
        else:
            lite = sqlite_insert(FileQuotaLockRow).values(values)
            upsert = lite.on_conflict_do_update(index_elements=key, set_=changes)
        await self._session.execute(upsert)

    async def add(self, reservation: UploadReservation) -> None:
        self._session.add(reservation_to_row(reservation))
        await self._session.flush()

    async def remove(self, reservation_id: UUID) -> None:
        await self._session.execute(
            delete(FileUploadRow).where(FileUploadRow.id == reservation_id),
            execution_options={"synchronize_session": False},
        )

    async def bytes_reserved(self, owner_id: UUID, now: datetime) -> int:
        total = await self._session.scalar(
            select(func.coalesce(func.sum(FileUploadRow.reserved_bytes), 0)).where(
                FileUploadRow.owner_id == owner_id, FileUploadRow.expires_at > now
            )
        )
        return int(total or 0)

    async def take_expired(self, owner_id: UUID, now: datetime) -> list[UploadReservation]:
        expired = FileUploadRow.owner_id == owner_id, FileUploadRow.expires_at <= now
        rows = list(await self._session.scalars(select(FileUploadRow).where(*expired)))
        if rows:
            await self._session.execute(
                delete(FileUploadRow).where(*expired),
                execution_options={"synchronize_session": False},
            )
        return [reservation_from_row(row) for row in rows]
