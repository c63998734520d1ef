"""In-process fixed-window counters (one API process; no Redis)."""

import threading
import time
from collections.abc import Callable

from tutor_platform.shared.ratelimit.store import WindowCount


class MemoryRateLimitStore:
    """A dict of ``key -> (hits, expires_at)``; expired windows are pruned periodically."""

    def __init__(
        self,
        now: Callable[[], float] = time.monotonic,
        prune_interval_seconds: float = 60.0,
    ) -> None:
        self._now = now
        self._prune_interval = prune_interval_seconds
        self._windows: dict[str, tuple[int, float]] = {}
        self._lock = threading.Lock()
        self._next_prune = now() + prune_interval_seconds

    async def hit(self, key: str, window_seconds: int) -> WindowCount:
        with self._lock:
            now = self._now()
            if now >= self._next_prune:
                self._prune(now)
            hits, expires_at = self._windows.get(key, (0, now))
            if expires_at <= now:
                hits, expires_at = 0, now + window_seconds
            hits += 1
            self._windows[key] = (hits, expires_at)
            return WindowCount(hits, expires_at - now)

    def __len__(self) -> int:
        """How many windows are held (expired ones included until the next pruning)."""
        return len(self._windows)

    def _prune(self, now: float) -> None:
        self._windows = {k: v for k, v in self._windows.items() if v[1] > now}
        self._next_prune = now + self._prune_interval
