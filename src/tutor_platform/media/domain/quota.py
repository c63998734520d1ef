"""Upload limits and the per-user storage quota.

An upload reserves its largest possible size before its bytes are read, so concurrent
uploads of one user cannot overrun the quota together. A reservation lapses after
``RESERVATION_TTL`` (an upload whose process died stops counting then).
"""

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Final
from uuid import UUID

from tutor_platform.media.domain.errors import StorageQuotaExceeded

RESERVATION_TTL: Final = timedelta(hours=2)


@dataclass(frozen=True, slots=True)
class UploadPolicy:
    """The size cap of one upload, the accepted content types and the per-user quota."""

    max_bytes: int
    allowed_types: frozenset[str]
    quota_bytes: int

    def reservation_size(self, declared_size: int | None) -> int:
        """What an upload may grow to: its announced body size, at most the cap."""
        if declared_size is None:
            return self.max_bytes
        return max(0, min(declared_size, self.max_bytes))

    def check_quota(self, used_bytes: int, reserved_bytes: int, wanted_bytes: int) -> None:
        """``StorageQuotaExceeded`` when ``wanted_bytes`` more would not fit."""
        in_use = used_bytes + reserved_bytes
        if in_use + wanted_bytes > self.quota_bytes:
            raise StorageQuotaExceeded(self.quota_bytes, in_use)


@dataclass(frozen=True, slots=True)
class UploadReservation:
    """Bytes set aside for an upload in progress; its id is the id the file will get."""

    id: UUID
    owner_id: UUID
    size: int
    created_at: datetime
    expires_at: datetime

    @classmethod
    def start(cls, file_id: UUID, owner_id: UUID, size: int, now: datetime) -> "UploadReservation":
        return cls(file_id, owner_id, size, now, now + RESERVATION_TTL)
