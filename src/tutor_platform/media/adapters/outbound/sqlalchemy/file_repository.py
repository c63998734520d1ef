"""File metadata on SQLAlchemy."""

from typing import Any, cast

from sqlalchemy import ColumnElement, Table, func, select

from tutor_platform.media.adapters.outbound.sqlalchemy.tables import FileRow
from tutor_platform.media.domain.errors import FileNotFound
from tutor_platform.media.domain.file import StoredFile
from tutor_platform.media.domain.filenames import search_key
from tutor_platform.media.ports.repositories import FileQuery
from tutor_platform.shared.pagination import PageRequest
from tutor_platform.shared.persistence.mapping import to_values
from tutor_platform.shared.persistence.repository import Repository

FILES = cast(Table, FileRow.__table__)
_C = FILES.c


class SqlAlchemyFileRepository(Repository[StoredFile]):
    table = FILES
    entity = StoredFile
    not_found = FileNotFound

    def _values(self, entity: StoredFile) -> dict[str, Any]:
        return to_values(entity, FILES, filename_key=search_key(entity.filename), kind=entity.kind)

    async def remove(self, file_id: Any) -> None:
        await self.delete(file_id)

    async def search(self, query: FileQuery, page: PageRequest) -> tuple[list[StoredFile], int]:
        conditions: list[ColumnElement[bool]] = [
            _C.deleted_at.is_not(None) if query.deleted else _C.deleted_at.is_(None)
        ]
        if query.owner_id is not None:
            conditions.append(_C.owner_id == query.owner_id)
        if query.kind is not None:
            conditions.append(_C.kind == query.kind)
        if query.q:
            conditions.append(_C.filename_key.contains(query.q, autoescape=True))
        return await self.page(page, *conditions, order_by=(_C.created_at.desc(), _C.id.desc()))

    async def bytes_used(self, owner_id: Any) -> int:
        total = await self._session.scalar(
            select(func.coalesce(func.sum(_C.size), 0)).where(_C.owner_id == owner_id)
        )
        return int(total or 0)
