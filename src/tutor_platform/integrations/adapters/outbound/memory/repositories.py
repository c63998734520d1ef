"""Connections, authorization states and imports in dicts. Nothing is encrypted, so no
stored token is ever under an old key."""

from uuid import UUID

from tutor_platform.integrations.adapters.outbound.memory.store import InMemoryIntegrationsStore
from tutor_platform.integrations.domain.connection import AuthorizationState, DriveConnection
from tutor_platform.integrations.domain.imports import DriveImport
from tutor_platform.shared.in_memory import InMemoryRepository


class InMemoryConnectionRepository:
    """One connection per user (keyed by ``user_id``)."""

    def __init__(self, store: InMemoryIntegrationsStore) -> None:
        self._connections = store.connections

    async def get(self, user_id: UUID) -> DriveConnection | None:
        return self._connections.get(user_id)

    async def save(self, connection: DriveConnection) -> None:
        self._connections[connection.user_id] = connection

    async def stale_keys(self, user_id: UUID) -> bool:
        return False

    async def remove(self, user_id: UUID) -> None:
        self._connections.pop(user_id, None)


class InMemoryStateRepository:
    def __init__(self, store: InMemoryIntegrationsStore) -> None:
        self._states = store.states

    async def add(self, state: AuthorizationState) -> None:
        self._states[state.state_hash] = state

    async def take(self, state_hash: str) -> AuthorizationState | None:
        return self._states.pop(state_hash, None)


class InMemoryImportRepository(InMemoryRepository[DriveImport]):
    """One import per source version and target: ``add_or_find`` answers the stored one."""

    def __init__(self, store: InMemoryIntegrationsStore) -> None:
        super().__init__(store.imports)

    async def add_or_find(self, drive_import: DriveImport) -> DriveImport:
        found = self._first(
            lambda stored: (
                (stored.user_id, stored.drive_file_id, stored.version, stored.target)
                == (
                    drive_import.user_id,
                    drive_import.drive_file_id,
                    drive_import.version,
                    drive_import.target,
                )
            )
        )
        if found is not None:
            return found
        await self.add(drive_import)
        return drive_import

    async def save(self, drive_import: DriveImport) -> None:
        await self.update(drive_import)
