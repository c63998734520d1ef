"""Calls to remote providers that survive their bad days.

Per-attempt timeouts, retries with exponential backoff and full jitter (only for failures an
adapter judges retryable), ``Retry-After``, a total time budget, and a circuit breaker per
provider. Framework-free: adapters classify their SDK's errors into :class:`Failure`.
"""

from tutor_platform.shared.resilience.breaker import BreakerState, CircuitBreaker
from tutor_platform.shared.resilience.errors import CircuitOpen, UpstreamCallFailed
from tutor_platform.shared.resilience.policy import Classifier, Failure, Resilience, RetryConfig
from tutor_platform.shared.resilience.retry_after import parse_retry_after

__all__ = [
    "BreakerState",
    "CircuitBreaker",
    "CircuitOpen",
    "Classifier",
    "Failure",
    "Resilience",
    "RetryConfig",
    "UpstreamCallFailed",
    "parse_retry_after",
]
