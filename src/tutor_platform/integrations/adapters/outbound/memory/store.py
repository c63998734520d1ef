"""The shared state behind the in-memory integrations repositories (one per fake "database")."""

from dataclasses import dataclass, field
from uuid import UUID

from tutor_platform.integrations.domain.connection import AuthorizationState, DriveConnection
from tutor_platform.integrations.domain.imports import DriveImport


@dataclass
class InMemoryIntegrationsStore:
    connections: dict[UUID, DriveConnection] = field(default_factory=dict)
    states: dict[str, AuthorizationState] = field(default_factory=dict)
    imports: dict[UUID, DriveImport] = field(default_factory=dict)
    commits: int = 0
