"""The shared state behind the in-memory repositories (one per fake "database")."""

from dataclasses import dataclass, field
from uuid import UUID

from tutor_platform.media.domain.file import StoredFile
from tutor_platform.media.domain.quota import UploadReservation


@dataclass
class InMemoryMediaStore:
    files: dict[UUID, StoredFile] = field(default_factory=dict)
    reservations: dict[UUID, UploadReservation] = field(default_factory=dict)
    locked_owners: list[UUID] = field(default_factory=list)
    commits: int = 0
