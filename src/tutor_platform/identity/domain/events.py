"""Identity's domain events."""

from dataclasses import dataclass
from uuid import UUID

from tutor_platform.shared.events import Event


@dataclass(frozen=True)
class UsersChanged(Event):
    """These users were added or updated (cached copies of them are stale)."""

    user_ids: frozenset[UUID]
