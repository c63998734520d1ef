"""The file entity: metadata of bytes kept in storage under a key made from the file's id."""

from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
from typing import Final
from uuid import UUID

from tutor_platform.media.domain.content_types import Kind, kind_of
from tutor_platform.media.domain.errors import FileIsDeleted


class Visibility(StrEnum):
    """Who may download a file: its owner (and admins), or anyone with its id."""

    PRIVATE = "private"
    PUBLIC = "public"


VISIBILITIES: Final = tuple(Visibility)


def storage_key_for(file_id: UUID) -> str:
    """Where a file's bytes are stored: never derived from the user's file name."""
    return f"files/{file_id}"


def visibility_problem(value: str) -> str | None:
    return None if value in VISIBILITIES else "must be 'private' or 'public'"


@dataclass(slots=True)
class StoredFile:
    """A file a user uploaded or a job made.

    A soft-deleted file (``deleted_at`` set) keeps its metadata and bytes, still counts
    toward its owner's quota and can be restored; only a permanent delete removes it.
    """

    id: UUID
    owner_id: UUID
    filename: str
    content_type: str
    size: int
    checksum_sha256: str
    visibility: Visibility
    storage_key: str
    created_at: datetime
    updated_at: datetime
    duration_ms: int | None = None
    deleted_at: datetime | None = None

    @property
    def kind(self) -> Kind:
        return kind_of(self.content_type)

    @property
    def is_deleted(self) -> bool:
        return self.deleted_at is not None

    @property
    def is_public(self) -> bool:
        return self.visibility == Visibility.PUBLIC

    def soft_delete(self, now: datetime) -> None:
        """Move the file to the bin; deleting a deleted file changes nothing."""
        if self.deleted_at is None:
            self.deleted_at = now
            self.updated_at = now

    def restore(self, now: datetime) -> None:
        """Take the file out of the bin; restoring a live file changes nothing."""
        if self.deleted_at is not None:
            self.deleted_at = None
            self.updated_at = now

    def change(self, now: datetime, filename: str | None, visibility: Visibility | None) -> None:
        """Rename it or change who may see it; a deleted file must be restored first."""
        if self.is_deleted:
            raise FileIsDeleted()
        self.filename = filename or self.filename
        self.visibility = visibility or self.visibility
        self.updated_at = now
