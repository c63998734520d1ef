"""Request and response bodies of the files API."""

from datetime import datetime
from typing import Annotated, TypeVar
from uuid import UUID

import msgspec

from tutor_platform.media.application.views import FileInfo
from tutor_platform.media.domain.content_types import Kind
from tutor_platform.media.domain.file import Visibility
from tutor_platform.media.domain.filenames import MAX_FILENAME_LENGTH

Filename = Annotated[
    str,
    msgspec.Meta(
        min_length=1,
        max_length=MAX_FILENAME_LENGTH,
        pattern=r"^[^\x00-\x1f\x7f/\\]*$",
        extra={"message": "must not contain control characters, '/' or '\\'"},
        description="Trimmed; no control characters, '/' or '\\'.",
        examples=["notes.md"],
    ),
]

T = TypeVar("T")


def given(value: T | msgspec.UnsetType) -> T | None:
    """A patch field's value, or ``None`` when the client left it out."""
    return None if isinstance(value, msgspec.UnsetType) else value


class FilePatch(msgspec.Struct, forbid_unknown_fields=True, kw_only=True):
    filename: Filename | msgspec.UnsetType = msgspec.UNSET
    visibility: Visibility | msgspec.UnsetType = msgspec.UNSET


class FileResponse(msgspec.Struct):
    id: UUID
    owner_id: UUID
    filename: str
    content_type: Annotated[str, msgspec.Meta(description="Detected from the bytes.")]
    size: Annotated[int, msgspec.Meta(description="Bytes.")]
    kind: Kind
    visibility: Visibility
    checksum_sha256: Annotated[str, msgspec.Meta(description="Hex SHA-256; also the ETag.")]
    created_at: datetime
    updated_at: datetime
    duration_ms: Annotated[
        int | None, msgspec.Meta(description="Audio and video, when it can be read.")
    ] = None
    deleted_at: Annotated[
        datetime | None, msgspec.Meta(description="Set while the file is soft-deleted.")
    ] = None

    @classmethod
    def of(cls, info: FileInfo) -> "FileResponse":
        return cls(**{field: getattr(info, field) for field in cls.__struct_fields__})


class FileListResponse(msgspec.Struct):
    items: list[FileResponse]
    total: int
    limit: int
    offset: int
