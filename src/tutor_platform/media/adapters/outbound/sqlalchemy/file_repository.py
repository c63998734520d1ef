"""File metadata on SQLAlchemy."""

from uuid import UUID

from sqlalchemy import ColumnElement, delete, func, select
from sqlalchemy.ext.asyncio import AsyncSession

from tutor_platform.media.adapters.outbound.sqlalchemy.mappers import (
    copy_file_to_row,
    file_from_row,
)
from tutor_platform.media.adapters.outbound.sqlalchemy.tables import FileRow
from tutor_platform.media.domain.errors import FileNotFound
from tutor_platform.media.domain.file import StoredFile
from tutor_platform.media.ports.repositories import FileQuery
from tutor_platform.shared.pagination import PageRequest


class SqlAlchemyFileRepository:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def get(self, file_id: UUID) -> StoredFile | None:
        row = await self._session.get(FileRow, file_id)
        return None if row is None else file_from_row(row)

    async def add(self, file: StoredFile) -> None:
        self._session.add(copy_file_to_row(file, FileRow()))
        await self._session.flush()

    async def update(self, file: StoredFile) -> None:
        row = await self._session.get(FileRow, file.id)
        if row is None:
            raise FileNotFound()
        copy_file_to_row(file, row)
        await self._session.flush()

    async def remove(self, file_id: UUID) -> None:
        await self._session.execute(
            delete(FileRow).where(FileRow.id == file_id),
            execution_options={"synchronize_session": False},
        )

    async def search(self, query: FileQuery, page: PageRequest) -> tuple[list[StoredFile], int]:
        conditions: list[ColumnElement[bool]] = [
            FileRow.deleted_at.is_not(None) if query.deleted else FileRow.deleted_at.is_(None)
        ]
        if query.owner_id is not None:
            conditions.append(FileRow.owner_id == query.owner_id)
        if query.kind is not None:
            conditions.append(FileRow.kind == query.kind)
        if query.q:
            conditions.append(FileRow.filename_key.contains(query.q, autoescape=True))
        total = await self._session.scalar(
            select(func.count()).select_from(FileRow).where(*conditions)
        )
        rows = await self._session.scalars(
            select(FileRow)
            .where(*conditions)
            .order_by(FileRow.created_at.desc(), FileRow.id.desc())
            .limit(page.limit)
            .offset(page.offset)
        )
        return [file_from_row(row) for row in rows], int(total or 0)

    async def bytes_used(self, owner_id: UUID) -> int:
        total = await self._session.scalar(
            select(func.coalesce(func.sum(FileRow.size), 0)).where(FileRow.owner_id == owner_id)
        )
        return int(total or 0)
