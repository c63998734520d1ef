"""What a resilient call raises when it gives up: both are ``UpstreamFailed`` (502)."""

import math

from tutor_platform.shared.errors import UpstreamFailed


class UpstreamCallFailed(UpstreamFailed):
    """The provider failed: a failure that is not retryable, or the retries ran out."""

    def __init__(self, name: str, reason: str, attempts: int) -> None:
        plural = "attempt" if attempts == 1 else "attempts"
        super().__init__(f"{name} did not answer successfully ({reason}, {attempts} {plural})")
        self.name = name
        self.reason = reason
        self.attempts = attempts


class CircuitOpen(UpstreamFailed):
    """Calls fail fast: the provider failed too often lately."""

    def __init__(self, name: str, retry_after: float) -> None:
        seconds = max(1, math.ceil(retry_after))
        super().__init__(f"{name} is temporarily unavailable; try again in {seconds} s")
        self.name = name
        self.retry_after = retry_after
