"""Upload reservations and the per-owner quota lock on SQLAlchemy."""

from datetime import datetime
from typing import Any, cast
from uuid import UUID

from sqlalchemy import Table, delete, func, select

from tutor_platform.media.adapters.outbound.sqlalchemy.tables import (
    FileQuotaLockRow,
    FileUploadRow,
)
from tutor_platform.media.domain.quota import UploadReservation
from tutor_platform.shared.persistence.mapping import to_entity, to_values
from tutor_platform.shared.persistence.repository import Repository, insert

_UPLOADS = cast(Table, FileUploadRow.__table__)
_LOCKS = cast(Table, FileQuotaLockRow.__table__)
_C = _UPLOADS.c


class SqlAlchemyUploadReservations(Repository[UploadReservation]):
    """A reservation's ``size`` is the ``reserved_bytes`` column."""

    table = _UPLOADS
    entity = UploadReservation

    def _entity(self, row: Any) -> UploadReservation:
        return to_entity(row, UploadReservation, size=row.reserved_bytes)

    def _values(self, entity: UploadReservation) -> dict[str, Any]:
        return to_values(entity, _UPLOADS, reserved_bytes=entity.size, updated_at=entity.created_at)

    async def lock_owner(self, owner_id: UUID, now: datetime) -> None:
        """An upsert of the owner's lock row: it locks that row on PostgreSQL until the
        transaction ends, and takes the database's write lock on SQLite."""
        upsert = insert(self._session, _LOCKS).values(owner_id=owner_id, locked_at=now)
        await self._session.execute(
            upsert.on_conflict_do_update(index_elements=["owner_id"], set_={"locked_at": now})
        )

    async def remove(self, reservation_id: UUID) -> None:
        await self.delete(reservation_id)

    async def bytes_reserved(self, owner_id: UUID, now: datetime) -> int:
        total = await self._session.scalar(
            select(func.coalesce(func.sum(_C.reserved_bytes), 0)).where(
                _C.owner_id == owner_id, _C.expires_at > now
            )
        )
        return int(total or 0)

    async def take_expired(self, owner_id: UUID, now: datetime) -> list[UploadReservation]:
        expired = _C.owner_id == owner_id, _C.expires_at <= now
        found = await self.all(*expired)
        if found:
            await self._write(delete(_UPLOADS).where(*expired))
        return found
