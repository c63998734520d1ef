"""Where a remote provider answers and how it is called, shared by every remote adapter."""

from dataclasses import dataclass
from typing import Protocol, runtime_checkable

from tutor_platform.shared.resilience import Classifier, Resilience
from tutor_platform.shared.resilience.provider import ResilienceSettings, provider_resilience


@dataclass(frozen=True, slots=True, kw_only=True)
class Endpoint:
    """A remote provider's base URL and API key (empty: none sent), the timeout of one call,
    and the provider's retry, backoff and circuit-breaker policy."""

    base_url: str
    api_key: str
    timeout_seconds: float
    resilience: Resilience


def provider_endpoint(
    provider: str,
    base_url: str,
    api_key: str,
    classify: Classifier,
    settings: ResilienceSettings,
) -> Endpoint:
    """The endpoint of ``provider`` with the ``AI_*`` timeout and a new resilience policy."""
    return Endpoint(
        base_url=base_url,
        api_key=api_key,
        timeout_seconds=settings.ai_timeout_seconds,
        resilience=provider_resilience(provider, classify, settings),
    )


@runtime_checkable
class RemoteClient(Protocol):
    """A remote adapter (model or embedder) that holds an HTTP client to close."""

    async def aclose(self) -> None: ...
