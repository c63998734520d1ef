"""Storage of learning activity (for streaks) and of each learner's streak record."""

from datetime import datetime
from typing import Protocol
from uuid import UUID

from tutor_platform.progress.domain.streaks import StreakRecord


class ActivityRepository(Protocol):
    async def record(self, user_id: UUID, at: datetime) -> None:
        """Record activity at this instant (kept once per 15-minute bucket, latest instant)."""
        ...

    async def between(self, user_id: UUID, after: datetime, until: datetime) -> list[datetime]:
        """Activity instants with ``after < instant <= until``, oldest first."""
        ...

    async def streak_record(self, user_id: UUID) -> StreakRecord:
        """The learner's last reset and longest streak (an empty record when none)."""
        ...

    async def raise_longest(self, user_id: UUID, days: int) -> None:
        """Store ``days`` as the longest streak unless a longer one is stored (atomically)."""
        ...

    async def reset(self, user_id: UUID, at: datetime, longest: int) -> None:
        """Activity up to ``at`` stops counting; the longest streak is raised to ``longest``."""
        ...
