"""Connections, authorization states and imports on SQLAlchemy; secrets encrypted at rest."""

from typing import Any, cast
from uuid import UUID

from sqlalchemy import Table, delete, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from tutor_platform.integrations.adapters.outbound.sqlalchemy.tables import (
    DriveAuthorizationStateRow,
    DriveConnectionRow,
    DriveImportRow,
)
from tutor_platform.integrations.domain.connection import AuthorizationState, DriveConnection
from tutor_platform.integrations.domain.imports import DriveImport
from tutor_platform.integrations.ports.google import TokenCipher
from tutor_platform.shared.persistence.mapping import to_entity, to_values
from tutor_platform.shared.persistence.repository import Repository, insert

_CONNECTIONS = cast(Table, DriveConnectionRow.__table__)
_STATES = cast(Table, DriveAuthorizationStateRow.__table__)
_IMPORTS = cast(Table, DriveImportRow.__table__)


class SqlAlchemyConnectionRepository:
    """One connection per user (keyed by ``user_id``); its tokens are stored encrypted."""

    def __init__(self, session: AsyncSession, cipher: TokenCipher) -> None:
        self._session = session
        self._cipher = cipher

    async def get(self, user_id: UUID) -> DriveConnection | None:
        row = await self._row(user_id)
        if row is None:
            return None
        refresh = row.refresh_token_encrypted
        return to_entity(
            row,
            DriveConnection,
            access_token=self._cipher.decrypt(row.access_token_encrypted),
            refresh_token=None if refresh is None else self._cipher.decrypt(refresh),
        )

    async def save(self, connection: DriveConnection) -> None:
        refresh = connection.refresh_token
        values = to_values(
            connection,
            _CONNECTIONS,
            access_token_encrypted=self._cipher.encrypt(connection.access_token),
            refresh_token_encrypted=None if refresh is None else self._cipher.encrypt(refresh),
        )
        changes = {name: value for name, value in values.items() if name != "user_id"}
        upsert = insert(self._session, _CONNECTIONS).values(values)
        await self._session.execute(
            upsert.on_conflict_do_update(index_elements=["user_id"], set_=changes)
        )

    async def stale_keys(self, user_id: UUID) -> bool:
        row = await self._row(user_id)
        if row is None:
            return False
        sealed = [row.access_token_encrypted, row.refresh_token_encrypted]
        return any(self._cipher.needs_rotation(value) for value in sealed if value is not None)

    async def remove(self, user_id: UUID) -> None:
        await self._session.execute(delete(_CONNECTIONS).where(_CONNECTIONS.c.user_id == user_id))

    async def _row(self, user_id: UUID) -> Any:
        query = select(_CONNECTIONS).where(_CONNECTIONS.c.user_id == user_id)
        return (await self._session.execute(query)).first()


class SqlAlchemyStateRepository:
    def __init__(self, session: AsyncSession, cipher: TokenCipher) -> None:
        self._session = session
        self._cipher = cipher

    async def add(self, state: AuthorizationState) -> None:
        verifier = self._cipher.encrypt(state.code_verifier)
        values = to_values(state, _STATES, code_verifier_encrypted=verifier)
        await self._session.execute(_STATES.insert().values(values))

    async def take(self, state_hash: str) -> AuthorizationState | None:
        c = _STATES.c
        result = await self._session.execute(
            delete(_STATES)
            .where(c.state_hash == state_hash)
            .returning(c.user_id, c.code_verifier_encrypted, c.expires_at)
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


class SqlAlchemyImportRepository(Repository[DriveImport]):
    """One import per source version and target: ``add_or_find`` answers the stored one."""

    table = _IMPORTS
    entity = DriveImport

    def _values(self, entity: DriveImport) -> dict[str, Any]:
        at = entity.created_at
        return to_values(entity, _IMPORTS, target=entity.target, updated_at=at)

    async def add_or_find(self, drive_import: DriveImport) -> DriveImport:
        values = self._values(drive_import)
        del values["file_id"], values["lesson_id"]
        await self._session.execute(
            insert(self._session, _IMPORTS).values(values).on_conflict_do_nothing()
        )
        c = _IMPORTS.c
        found = await self.first(
            c.user_id == drive_import.user_id,
            c.drive_file_id == drive_import.drive_file_id,
            c.version == drive_import.version,
            c.target == drive_import.target,
        )
        assert found is not None
        return found

    async def save(self, drive_import: DriveImport) -> None:
        await self._write(
            update(_IMPORTS)
            .where(_IMPORTS.c.id == drive_import.id)
            .values(
                job_id=drive_import.job_id,
                attempts=drive_import.attempts,
                file_id=drive_import.file_id,
                lesson_id=drive_import.lesson_id,
            )
        )
