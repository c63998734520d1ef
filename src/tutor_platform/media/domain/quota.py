"""Upload limits and the per-user storage quota.

An upload reserves bytes before they are read, so concurrent uploads of one user cannot
overrun the quota together: its announced size when it has one (at most the cap), else a first
step that grows (doubling, up to the cap) while the bytes arrive, each step checked against the
quota. When the file is stored its reservation gives way to its real size. A reservation lapses
after ``RESERVATION_TTL`` (an upload whose process died stops counting then).
"""

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Final
from uuid import UUID

from tutor_platform.media.domain.errors import StorageQuotaExceeded

RESERVATION_TTL: Final = timedelta(hours=2)
FIRST_RESERVATION: Final = 8 << 20


@dataclass(frozen=True, slots=True)
class UploadPolicy:
    """The size cap of one upload, the accepted content types and the per-user quota."""

    max_bytes: int
    allowed_types: frozenset[str]
    quota_bytes: int
    first_reservation: int = FIRST_RESERVATION

    def reservation_size(self, declared_size: int | None) -> int:
        """What an upload reserves first: its announced body size, else a first step; at most
        the cap."""
        if declared_size is None:
            return min(self.first_reservation, self.max_bytes)
        return max(0, min(declared_size, self.max_bytes))

    def grown_reservation(self, reserved: int, needed: int) -> int:
        """The next reservation of an upload that needs ``needed`` bytes (at most the cap)."""
        return min(self.max_bytes, max(needed, 2 * reserved))

    def within_quota(
        self, used_bytes: int, reserved_bytes: int, wanted_bytes: int, needed_bytes: int
    ) -> int:
        """What an upload may set aside: ``wanted_bytes``, or what the quota has left when
        that still holds ``needed_bytes``; else ``StorageQuotaExceeded``."""
        in_use = used_bytes + reserved_bytes
        room = self.quota_bytes - in_use
        if needed_bytes > room:
            raise StorageQuotaExceeded(self.quota_bytes, in_use)
        return min(wanted_bytes, room)


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
