"""What media's use cases return: plain read models."""

from dataclasses import dataclass
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
        return cls(
            id=file.id,
            owner_id=file.owner_id,
            filename=file.filename,
            content_type=file.content_type,
            size=file.size,
            kind=file.kind,
            visibility=file.visibility,
            duration_ms=file.duration_ms,
            checksum_sha256=file.checksum_sha256,
            created_at=file.created_at,
            updated_at=file.updated_at,
            deleted_at=file.deleted_at,
        )
