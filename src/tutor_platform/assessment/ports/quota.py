"""Daily quota counters of the premium features, shared by every API process."""

from collections.abc import Collection
from datetime import date
from typing import Protocol
from uuid import UUID


class QuotaCounter(Protocol):
    """Counts a user's calls of a feature per UTC day; every operation is atomic."""

    async def reserve(self, user_id: UUID, feature: str, day: date, limit: int) -> bool:
        """Count one more call unless ``limit`` calls are counted already: true when counted.

        Of any number of concurrent reservations (from any process), exactly as many succeed
        as the limit leaves room for.
        """
        ...

    async def release(self, user_id: UUID, feature: str, day: date) -> None:
        """Give back a reserved call (its work failed); never below 0."""
        ...

    async def counts(self, user_id: UUID, features: Collection[str], day: date) -> dict[str, int]:
        """The calls counted on ``day`` for each of ``features`` (0 when none)."""
        ...
