"""Rows to domain entities and back."""

from tutor_platform.media.adapters.outbound.sqlalchemy.tables import FileRow, FileUploadRow
from tutor_platform.media.domain.file import StoredFile, Visibility
from tutor_platform.media.domain.filenames import search_key
from tutor_platform.media.domain.quota import UploadReservation


def file_from_row(row: FileRow) -> StoredFile:
    return StoredFile(
        id=row.id,
        owner_id=row.owner_id,
        filename=row.filename,
        content_type=row.content_type,
        size=row.size,
        checksum_sha256=row.checksum_sha256,
        visibility=Visibility(row.visibility),
        storage_key=row.storage_key,
        created_at=row.created_at,
        updated_at=row.updated_at,
        duration_ms=row.duration_ms,
        deleted_at=row.deleted_at,
    )


def copy_file_to_row(file: StoredFile, row: FileRow) -> FileRow:
    """Write every field of ``file`` onto ``row`` (a new or a loaded one)."""
    row.id = file.id
    row.owner_id = file.owner_id
    row.filename = file.filename
    row.filename_key = search_key(file.filename)
    row.content_type = file.content_type
    row.kind = file.kind
    row.size = file.size
    row.checksum_sha256 = file.checksum_sha256
    row.visibility = file.visibility
    row.duration_ms = file.duration_ms
    row.storage_key = file.storage_key
    row.created_at = file.created_at
    row.updated_at = file.updated_at
    row.deleted_at = file.deleted_at
    return row


def reservation_from_row(row: FileUploadRow) -> UploadReservation:
    return UploadReservation(
        id=row.id,
        owner_id=row.owner_id,
        size=row.reserved_bytes,
        created_at=row.created_at,
        expires_at=row.expires_at,
    )


def reservation_to_row(reservation: UploadReservation) -> FileUploadRow:
    return FileUploadRow(
        id=reservation.id,
        owner_id=reservation.owner_id,
        reserved_bytes=reservation.size,
        created_at=reservation.created_at,
        updated_at=reservation.created_at,
        expires_at=reservation.expires_at,
    )
