"""What media's use cases return: plain read models."""

from dataclasses import dataclass, fields
from datetime import datetime
from uuid import UUID

from tutor_platform.media.domain.file import StoredFile, Visibility


@dataclass(frozen=True, slots=True)
class FileInfo:
    """A file as clients and other contexts see it (never its storage key)."""

    id: UUID
    owner_id: UUID
    filename: str
    content_type: str
    size: int
    kind: str
    visibility: Visibility
    duration_ms: int | None
    checksum_sha256: str
    created_at: datetime
    updated_at: datetime
    deleted_at: datetime | None

    @classmethod
    def of(cls, file: StoredFile) -> "FileInfo":
        """The file's fields of the same names (all but its storage key)."""
        return cls(**{field.name: getattr(file, field.name) for field in fields(cls)})
