"""Request and response bodies of the files API."""

from datetime import datetime
from typing import Annotated, TypeVar
from uuid import UUID

import msgspec

from tutor_platform.media.domain.content_types import Kind
from tutor_platform.media.domain.file import Visibility
from tutor_platform.media.domain.filenames import MAX_FILENAME_LENGTH
from tutor_platform.shared.http.paging import PageResponse, named
from tutor_platform.shared.http.requests import StrictRequest

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


class FilePatch(StrictRequest):
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


FileListResponse = Annotated[PageResponse[FileResponse], named("FileListResponse")]
