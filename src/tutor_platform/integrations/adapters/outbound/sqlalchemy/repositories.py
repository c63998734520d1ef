"""Connections, authorization states and imports on SQLAlchemy; secrets encrypted at rest."""

from uuid import UUID

from sqlalchemy import delete, select
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.ext.asyncio import AsyncSession

from tutor_platform.integrations.adapters.outbound.sqlalchemy.tables import (
    DriveAuthorizationStateRow,
    DriveConnectionRow,
    DriveImportRow,
)
from tutor_platform.integrations.domain.connection import AuthorizationState, DriveConnection
from tutor_platform.integrations.domain.imports import DriveImport, ImportKind
from tutor_platform.integrations.ports.google import TokenCipher


class SqlAlchemyConnectionRepository:
    def __init__(self, session: AsyncSession, cipher: TokenCipher) -> None:
        self._session = session
        self._cipher = cipher

    async def get(self, user_id: UUID) -> DriveConnection | None:
        row = await self._session.get(DriveConnectionRow, user_id)
        if row is None:
            return None
        refresh = row.refresh_token_encrypted
        return DriveConnection(
            user_id=row.user_id,
            access_token=self._cipher.decrypt(row.access_token_encrypted),
            refresh_token=None if refresh is None else self._cipher.decrypt(refresh),
            expires_at=row.expires_at,
            scope=row.scope,
            connected_at=row.connected_at,
            email=row.email,
        )

    async def save(self, connection: DriveConnection) -> None:
        row = await self._session.get(DriveConnectionRow, connection.user_id)
        if row is None:
            row = DriveConnectionRow(user_id=connection.user_id)
            self._session.add(row)
        row.access_token_encrypted = self._cipher.encrypt(connection.access_token)
        row.refresh_token_encrypted = (
            None
            if connection.refresh_token is None
            else self._cipher.encrypt(connection.refresh_token)
        )
        row.expires_at = connection.expires_at
        row.scope = connection.scope
        row.email = connection.email
        row.connected_at = connection.connected_at
        await self._session.flush()

    async def stale_keys(self, user_id: UUID) -> bool:
        row = await self._session.get(DriveConnectionRow, user_id)
        if row is None:
            return False
        sealed = [row.access_token_encrypted, row.refresh_token_encrypted]
        return any(self._cipher.needs_rotation(value) for value in sealed if value is not None)

    async def remove(self, user_id: UUID) -> None:
        await self._session.execute(
            delete(DriveConnectionRow).where(DriveConnectionRow.user_id == user_id)
        )


class SqlAlchemyStateRepository:
    def __init__(self, session: AsyncSession, cipher: TokenCipher) -> None:
        self._session = session
        self._cipher = cipher

    async def add(self, state: AuthorizationState) -> None:
        self._session.add(
            DriveAuthorizationStateRow(
                state_hash=state.state_hash,
                user_id=state.user_id,
                code_verifier_encrypted=self._cipher.encrypt(state.code_verifier),
                expires_at=state.expires_at,
            )
        )
        await self._session.flush()

    async def take(self, state_hash: str) -> AuthorizationState | None:
        rows = DriveAuthorizationStateRow
        result = await self._session.execute(
            delete(rows)
            .where(rows.state_hash == state_hash)
            .returning(rows.user_id, rows.code_verifier_encrypted, rows.expires_at)
        )
        row = result.first()
        if row is None:
            return None
        return AuthorizationState(
            state_hash,
            row.user_id,
            self._cipher.decrypt(row.code_verifier_encrypted),
            row.expires_at,
        )


def _import(row: DriveImportRow) -> DriveImport:
    return DriveImport(
        id=row.id,
        user_id=row.user_id,
        drive_file_id=row.drive_file_id,
        version=row.version,
        modified_time=row.modified_time,
        name=row.name,
        mime_type=row.mime_type,
        kind=ImportKind(row.kind),
        section_id=row.section_id,
        job_id=row.job_id,
        created_at=row.created_at,
        attempts=row.attempts,
        file_id=row.file_id,
        lesson_id=row.lesson_id,
    )


class SqlAlchemyImportRepository:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def get(self, import_id: UUID) -> DriveImport | None:
        row = await self._session.get(DriveImportRow, import_id)
        return None if row is None else _import(row)

    async def add_or_find(self, drive_import: DriveImport) -> DriveImport:
        values = {
            "id": drive_import.id,
            "user_id": drive_import.user_id,
            "drive_file_id": drive_import.drive_file_id,
            "version": drive_import.version,
            "target": drive_import.target,
            "modified_time": drive_import.modified_time,
            "name": drive_import.name,
            "mime_type": drive_import.mime_type,
            "kind": drive_import.kind,
            "section_id": drive_import.section_id,
            "job_id": drive_import.job_id,
            "attempts": drive_import.attempts,
            "created_at": drive_import.created_at,
            "updated_at": drive_import.created_at,
        }
        dialect = postgresql if self._session.bind.dialect.name == "postgresql" else sqlite
        await self._session.execute(
            dialect.insert(DriveImportRow).values(**values).on_conflict_do_nothing()
        )
        row = await self._session.scalar(
            select(DriveImportRow)
            .where(
                DriveImportRow.user_id == drive_import.user_id,
                DriveImportRow.drive_file_id == drive_import.drive_file_id,
                DriveImportRow.version == drive_import.version,
                DriveImportRow.target == drive_import.target,
            )
            .execution_options(populate_existing=True)
        )
        assert row is not None
        return _import(row)

    async def save(self, drive_import: DriveImport) -> None:
        row = await self._session.get(DriveImportRow, drive_import.id)
        if row is None:
            return
        row.job_id = drive_import.job_id
        row.attempts = drive_import.attempts
        row.file_id = drive_import.file_id
        row.lesson_id = drive_import.lesson_id
        await self._session.flush()
