"""How every HTTP-speaking adapter sorts its failures for :class:`Resilience` (httpx based)."""

import httpx

from tutor_platform.shared.resilience.policy import Failure


def http_status_failure(status: int, retry_after: str | None) -> Failure:
    """429 and 5xx are retried (honouring ``Retry-After``); other statuses are not."""
    retryable = status == 429 or status >= 500
    return Failure(retryable, f"http_{status}", retry_after if retryable else None)


def transport_failure(exc: Exception) -> Failure | None:
    """Timeouts and network errors (retryable); None for an exception that is neither."""
    if isinstance(exc, httpx.TimeoutException):
        return Failure(True, "timeout")
    if isinstance(exc, httpx.TransportError):
        return Failure(True, "network")
    return None
