"""One :class:`Resilience` per remote provider, from the ``AI_*`` settings."""

import time
from typing import Final, Protocol

from tutor_platform.shared.resilience.breaker import CircuitBreaker
from tutor_platform.shared.resilience.policy import Classifier, Resilience, RetryConfig

BACKOFF_MAX_FACTOR: Final = 16
"""The longest backoff is this many times ``AI_BACKOFF_SECONDS``."""


class ResilienceSettings(Protocol):
    """The settings a provider's policy is built from (``bootstrap.settings.Settings``)."""

    @property
    def ai_timeout_seconds(self) -> float: ...
    @property
    def ai_max_retries(self) -> int: ...
    @property
    def ai_backoff_seconds(self) -> float: ...
    @property
    def ai_retry_after_max_seconds(self) -> float: ...
    @property
    def ai_total_timeout_seconds(self) -> float: ...
    @property
    def ai_breaker_failure_threshold(self) -> int: ...
    @property
    def ai_breaker_reset_seconds(self) -> float: ...


def provider_resilience(
    provider: str, classify: Classifier, settings: ResilienceSettings
) -> Resilience:
    """Retries, timeouts and a new circuit breaker for one provider, from the settings."""
    config = RetryConfig(
        timeout_seconds=settings.ai_timeout_seconds,
        max_retries=settings.ai_max_retries,
        backoff_base_seconds=settings.ai_backoff_seconds,
        backoff_max_seconds=BACKOFF_MAX_FACTOR * settings.ai_backoff_seconds,
        retry_after_max_seconds=settings.ai_retry_after_max_seconds,
        total_seconds=settings.ai_total_timeout_seconds,
    )
    breaker = CircuitBreaker(
        settings.ai_breaker_failure_threshold, settings.ai_breaker_reset_seconds, time.monotonic
    )
    return Resilience(provider, config, breaker, classify)
