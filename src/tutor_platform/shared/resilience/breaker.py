"""A circuit breaker: closed, open (fail fast) and half-open (one trial call)."""

import enum
from collections.abc import Callable


class BreakerState(enum.Enum):
    CLOSED = "closed"
    OPEN = "open"
    HALF_OPEN = "half_open"


_LEVELS = {BreakerState.CLOSED: 0, BreakerState.HALF_OPEN: 1, BreakerState.OPEN: 2}


class CircuitBreaker:
    """Opens after ``failure_threshold`` failures in a row; lets one trial call through
    ``reset_seconds`` later, which closes it on success or opens it again on failure.

    ``monotonic`` is a clock in seconds (injected for tests). One breaker is shared by every
    call to one provider, on one event loop: its methods never await, so they need no lock.
    """

    def __init__(
        self, failure_threshold: int, reset_seconds: float, monotonic: Callable[[], float]
    ) -> None:
        if failure_threshold < 1:
            raise ValueError("failure_threshold must be at least 1")
        if reset_seconds <= 0:
            raise ValueError("reset_seconds must be positive")
        self._threshold = failure_threshold
        self._reset_seconds = reset_seconds
        self._monotonic = monotonic
        self._state = BreakerState.CLOSED
        self._failures = 0
        self._opened_at = 0.0
        self._trial_running = False

    @property
    def state(self) -> BreakerState:
        if self._state is BreakerState.OPEN and self.retry_after() == 0.0:
            return BreakerState.HALF_OPEN
        return self._state

    @property
    def level(self) -> int:
        """The state as a number for metrics: 0 closed, 1 half-open, 2 open."""
        return _LEVELS[self.state]

    def retry_after(self) -> float:
        """Seconds until an open breaker lets a trial call through (0 when not open)."""
        if self._state is not BreakerState.OPEN:
            return 0.0
        return max(0.0, self._opened_at + self._reset_seconds - self._monotonic())

    def try_acquire(self) -> bool:
        """Whether a call may go out now; a granted half-open trial must be settled with
        ``record_success``, ``record_failure`` or ``release``."""
        if self._state is BreakerState.CLOSED:
            return True
        if self._state is BreakerState.OPEN:
            if self.retry_after() > 0.0:
                return False
            self._state = BreakerState.HALF_OPEN
        if self._trial_running:
            return False
        self._trial_running = True
        return True

    def record_success(self) -> None:
        self._state = BreakerState.CLOSED
        self._failures = 0
        self._trial_running = False

    def record_failure(self) -> None:
        self._trial_running = False
        if self._state is BreakerState.HALF_OPEN:
            self._open()
        elif self._state is BreakerState.CLOSED:
            self._failures += 1
            if self._failures >= self._threshold:
                self._open()

    def release(self) -> None:
        """A call ended without telling anything about the provider (it was cancelled)."""
        self._trial_running = False

    def _open(self) -> None:
        self._state = BreakerState.OPEN
        self._opened_at = self._monotonic()
        self._failures = 0
