"""Daily quota counters in process memory (unit tests, and the contract's reference)."""

from collections.abc import Collection
from datetime import date
from uuid import UUID


class InMemoryQuotaCounter:
    """Each operation runs without awaiting, so it is atomic on the event loop."""

    def __init__(self) -> None:
        self.used: dict[tuple[UUID, str, date], int] = {}

    async def reserve(self, user_id: UUID, feature: str, day: date, limit: int) -> bool:
        key = (user_id, feature, day)
        if self.used.get(key, 0) >= limit:
            return False
        self.used[key] = self.used.get(key, 0) + 1
        return True

    async def release(self, user_id: UUID, feature: str, day: date) -> None:
        key = (user_id, feature, day)
        if self.used.get(key, 0) > 0:
            self.used[key] -= 1

    async def counts(self, user_id: UUID, features: Collection[str], day: date) -> dict[str, int]:
        return {feature: self.used.get((user_id, feature, day), 0) for feature in features}
