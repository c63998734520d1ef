"""Errors of the media context; each states the fact and maps to a SPEC error code."""

from tutor_platform.shared.errors import (
    Conflict,
    NotFound,
    PayloadTooLarge,
    UnsupportedMediaType,
    UpstreamFailed,
)


class FileNotFound(NotFound):
    default_detail = "The file was not found."


class FileIsDeleted(Conflict):
    default_detail = "The file is deleted; restore it first."


class FileTooLarge(PayloadTooLarge):
    def __init__(self, max_bytes: int) -> None:
        super().__init__(f"The file is larger than the upload limit of {max_bytes} bytes.")
        self.max_bytes = max_bytes


class StorageQuotaExceeded(PayloadTooLarge):
    def __init__(self, quota_bytes: int, used_bytes: int) -> None:
        super().__init__(
            f"The storage quota of {quota_bytes} bytes would be exceeded: {used_bytes} bytes "
            "are in use (deleted files count until they are deleted permanently)."
        )
        self.quota_bytes = quota_bytes
        self.used_bytes = used_bytes


class FileTypeNotAllowed(UnsupportedMediaType):
    default_detail = "The content of this file is not of an accepted type."


class StorageUnavailable(UpstreamFailed):
    default_detail = "The file storage failed."


class StoredObjectNotFound(LookupError):
    """The storage has no object under this key (a port error, not a client-facing one)."""
