"""Storage of connections, authorization states and imports; repositories never commit."""

from typing import Protocol
from uuid import UUID

from tutor_platform.integrations.domain.connection import AuthorizationState, DriveConnection
from tutor_platform.integrations.domain.imports import DriveImport


class ConnectionRepository(Protocol):
    async def get(self, user_id: UUID) -> DriveConnection | None: ...

    async def save(self, connection: DriveConnection) -> None:
        """Insert or replace the user's connection (tokens encrypted with the newest key)."""
        ...

    async def stale_keys(self, user_id: UUID) -> bool:
        """Whether the stored tokens were encrypted with an older key."""
        ...

    async def remove(self, user_id: UUID) -> None: ...


class StateRepository(Protocol):
    async def add(self, state: AuthorizationState) -> None: ...

    async def take(self, state_hash: str) -> AuthorizationState | None:
        """Remove and return the state (None if unknown or already taken): used once."""
        ...


class ImportRepository(Protocol):
    async def get(self, import_id: UUID) -> DriveImport | None: ...

    async def add_or_find(self, drive_import: DriveImport) -> DriveImport:
        """Insert it, unless an import of the same user, file, version and target exists
        (concurrent requests included): then that one is returned."""
        ...

    async def save(self, drive_import: DriveImport) -> None: ...
