"""The embedder the settings name (``EMBEDDING_PROVIDER``: ``local``, ``gemini`` or ``openai``).

A remote embedder without its key is an ``UnconfiguredEmbedder``: start-up works, and using
it raises ``ProviderNotConfigured`` (an ``UpstreamFailed``). Each remote embedder has its own
``Resilience`` (and circuit breaker), apart from the provider's tutor model.
"""

from collections.abc import Sequence
from typing import Final, Protocol

from tutor_platform.ai.adapters.outbound.endpoint import RemoteClient, provider_endpoint
from tutor_platform.ai.adapters.outbound.local.embedder import LocalEmbedder
from tutor_platform.ai.ports.embedder import Embedder
from tutor_platform.ai.ports.model import ProviderNotConfigured
from tutor_platform.shared.resilience.provider import ResilienceSettings

EMBEDDING_PROVIDERS: Final = ("local", "gemini", "openai")


class EmbedderSettings(ResilienceSettings, Protocol):
    """The settings the embedder is built from (``bootstrap.settings.Settings`` has them)."""

    @property
    def embedding_provider(self) -> str: ...
    @property
    def embedding_dimensions(self) -> int: ...
    @property
    def gemini_api_key(self) -> str: ...
    @property
    def gemini_base_url(self) -> str: ...
    @property
    def gemini_embedding_model(self) -> str: ...
    @property
    def openai_api_key(self) -> str: ...
    @property
    def openai_base_url(self) -> str: ...
    @property
    def openai_embedding_model(self) -> str: ...


class UnconfiguredEmbedder:
    """Stands for a remote embedder without its key: every use raises ``ProviderNotConfigured``."""

    def __init__(self, provider: str, model: str, dimensions: int) -> None:
        self.provider = provider
        self.name = f"{provider}:{model}-{dimensions}"
        self.dimensions = dimensions

    async def embed_documents(self, texts: Sequence[str]) -> list[list[float]]:
        raise ProviderNotConfigured(self.provider)

    async def embed_query(self, text: str) -> list[float]:
        raise ProviderNotConfigured(self.provider)


def build_embedder(settings: EmbedderSettings) -> Embedder:
    """The configured embedder; nothing is loaded or connected until it is used (a remote
    provider's SDK is imported only when that provider is chosen)."""
    provider = settings.embedding_provider
    dimensions = settings.embedding_dimensions
    if provider == "local":
        return LocalEmbedder()
    if provider == "gemini":
        model = settings.gemini_embedding_model
        if not settings.gemini_api_key:
            return UnconfiguredEmbedder(provider, model, dimensions)
        from tutor_platform.ai.adapters.outbound.gemini.embedder import GeminiEmbedder
        from tutor_platform.ai.adapters.outbound.gemini.tutor_model import classify_gemini_error

        return GeminiEmbedder(
            provider_endpoint(
                provider,
                settings.gemini_base_url,
                settings.gemini_api_key,
                classify_gemini_error,
                settings,
            ),
            model=model,
            dimensions=dimensions,
        )
    if provider == "openai":
        model = settings.openai_embedding_model
        if not settings.openai_api_key:
            return UnconfiguredEmbedder(provider, model, dimensions)
        from tutor_platform.ai.adapters.outbound.openai.embedder import OpenAIEmbedder
        from tutor_platform.ai.adapters.outbound.openai.tutor_model import classify_openai_error

        return OpenAIEmbedder(
            provider_endpoint(
                provider,
                settings.openai_base_url,
                settings.openai_api_key,
                classify_openai_error,
                settings,
            ),
            model=model,
            dimensions=dimensions,
        )
    raise ValueError(f"unknown embedding provider {provider!r}")


async def close_embedder(embedder: Embedder) -> None:
    """Release a remote embedder's HTTP client (the local one holds none)."""
    if isinstance(embedder, RemoteClient):
        await embedder.aclose()
