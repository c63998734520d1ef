"""The embedder the settings name (``EMBEDDING_PROVIDER``)."""

from typing import Protocol

from tutor_platform.ai.adapters.outbound.local.embedder import LocalEmbedder
from tutor_platform.ai.ports.embedder import Embedder

EMBEDDING_PROVIDERS = ("local",)


class EmbedderSettings(Protocol):
    @property
    def embedding_provider(self) -> str: ...


def build_embedder(settings: EmbedderSettings) -> Embedder:
    """The configured embedder; nothing is loaded or connected until it is used."""
    if settings.embedding_provider == "local":
        return LocalEmbedder()
    raise ValueError(f"unknown embedding provider {settings.embedding_provider!r}")
