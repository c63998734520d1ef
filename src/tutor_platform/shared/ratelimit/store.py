"""The port every rate-limit counter implements: a fixed-window hit counter."""

from typing import NamedTuple, Protocol


class WindowCount(NamedTuple):
    """Hits in the current window (this one included), and seconds until the window resets."""

    hits: int
    reset_after: float


class RateLimitStore(Protocol):
    """Counts hits per key in fixed windows; a key's first hit opens its window."""

    async def hit(self, key: str, window_seconds: int) -> WindowCount:
        """Record one hit on ``key`` and return the window's count and time left."""
        ...
