"""In-process fixed-window counters (one API process; no Redis)."""

import threading
import time
from collections.abc import Callable

from tutor_platform.shared.ratelimit.store import WindowCount

MAX_WINDOWS = 100_000
"""Windows held at most (about 20 MB); past it the oldest opened window is forgotten."""


class MemoryRateLimitStore:
    """A dict of ``key -> (hits, expires_at)``; expired windows are pruned periodically, and
    at most ``max_windows`` are held: a new key past the limit prunes at once, then forgets
    the oldest opened windows (their callers start a new window)."""

    def __init__(
        self,
        now: Callable[[], float] = time.monotonic,
        prune_interval_seconds: float = 60.0,
        max_windows: int = MAX_WINDOWS,
    ) -> None:
        self._now = now
        self._prune_interval = prune_interval_seconds
        self._max_windows = max_windows
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
                self._windows.pop(key, None)
                self._make_room(now)
            hits += 1
            self._windows[key] = (hits, expires_at)
            return WindowCount(hits, expires_at - now)

    def __len__(self) -> int:
        """How many windows are held (expired ones included until the next pruning)."""
        return len(self._windows)

    def _make_room(self, now: float) -> None:
        """Room for one more window: expired ones go first, then the oldest opened."""
        if len(self._windows) < self._max_windows:
            return
        self._prune(now)
        while len(self._windows) >= self._max_windows:
            del self._windows[next(iter(self._windows))]

    def _prune(self, now: float) -> None:
        self._windows = {k: v for k, v in self._windows.items() if v[1] > now}
        self._next_prune = now + self._prune_interval
