"""Text embeddings for retrieval: one port, adapters ``local`` (offline), ``gemini``, ``openai``.

Vectors are unit length, so their dot product is their cosine similarity. ``name`` identifies
the model and its dimensions; it is stored beside the vectors, so that a change of embedder is
noticed and the index re-embedded (``tutor-platform reindex``). A remote embedder raises
:class:`~tutor_platform.shared.errors.UpstreamFailed` when the provider fails after retries.
"""

from collections.abc import Sequence
from typing import Protocol


class Embedder(Protocol):
    """Turns texts into unit vectors of ``dimensions`` floats."""

    @property
    def name(self) -> str:
        """The model and its size, e.g. ``local:wordllama-l2-supercat-256``."""
        ...

    @property
    def dimensions(self) -> int: ...

    async def embed_documents(self, texts: Sequence[str]) -> list[list[float]]:
        """One vector per text, in order, for texts that will be searched."""
        ...

    async def embed_query(self, text: str) -> list[float]:
        """The vector of a search query."""
        ...
