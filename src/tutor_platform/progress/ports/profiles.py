"""What progress needs to know about a learner from identity."""

from typing import Protocol
from uuid import UUID


class LearnerProfiles(Protocol):
    async def timezone_of(self, user_id: UUID) -> str:
        """The learner's IANA time zone name as they set it (``preferences.timezone``);
        ``"UTC"`` when they set none. The name is not checked here."""
        ...
