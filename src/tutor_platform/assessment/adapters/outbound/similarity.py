"""``TextSimilarity`` over the AI capability's offline embedder."""

from tutor_platform.ai.api import Embedder


class EmbedderTextSimilarity:
    """The cosine of the two texts' unit vectors."""

    def __init__(self, embedder: Embedder) -> None:
        self._embedder = embedder

    async def similarity(self, text: str, reference: str) -> float:
        first, second = await self._embedder.embed_documents([text, reference])
        return float(sum(a * b for a, b in zip(first, second, strict=True)))
