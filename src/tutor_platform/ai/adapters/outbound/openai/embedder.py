"""``OpenAIEmbedder``: an OpenAI-compatible ``POST /embeddings`` endpoint through the openai SDK.

Texts go at most :data:`BATCH` a call, as floats (not base64, which not every compatible server
speaks), with ``dimensions`` asked for; the vectors are scaled back to unit length. A server
that answers another size fails the call (set ``EMBEDDING_DIMENSIONS`` to its size). Calls run
under the shared retry, timeout and circuit-breaker policy; the SDK's own retries stay off.
"""

from collections.abc import Sequence
from typing import Final

import openai

from tutor_platform.ai.adapters.outbound.endpoint import Endpoint
from tutor_platform.ai.adapters.outbound.openai.tutor_model import sdk_client
from tutor_platform.ai.adapters.outbound.support import MalformedResponse
from tutor_platform.ai.adapters.outbound.vectors import batches, unit_vectors

BATCH: Final = 100
"""Texts per call: well under the API's 2048 inputs and its tokens per request."""


class OpenAIEmbedder:
    """The ``openai`` embedder."""

    def __init__(self, endpoint: Endpoint, *, model: str, dimensions: int) -> None:
        self._endpoint = endpoint
        self._model = model
        self._dimensions = dimensions
        self._http: openai.DefaultAsyncHttpxClient | None = None
        self._client: openai.AsyncOpenAI | None = None

    @property
    def name(self) -> str:
        return f"openai:{self._model}-{self._dimensions}"

    @property
    def dimensions(self) -> int:
        return self._dimensions

    async def embed_documents(self, texts: Sequence[str]) -> list[list[float]]:
        vectors: list[list[float]] = []
        for batch in batches(texts, BATCH):
            vectors += await self._embed(batch)
        return vectors

    async def embed_query(self, text: str) -> list[float]:
        return (await self._embed([text]))[0]

    async def aclose(self) -> None:
        if self._http is not None:
            await self._http.aclose()
        self._http = None
        self._client = None

    async def _embed(self, texts: Sequence[str]) -> list[list[float]]:
        async def embed() -> list[list[float]]:
            response = await self._openai().embeddings.create(
                model=self._model,
                input=list(texts),
                dimensions=self._dimensions,
                encoding_format="float",
            )
            data = getattr(response, "data", None)
            if not isinstance(data, list):
                raise MalformedResponse("not an embedding list")
            ordered = sorted(data, key=lambda item: getattr(item, "index", 0))
            values = [getattr(item, "embedding", None) for item in ordered]
            return unit_vectors(values, len(texts), self._dimensions)

        return await self._endpoint.resilience.call(
            embed, action="embed", fields={"model": self._model, "texts": len(texts)}
        )

    def _openai(self) -> openai.AsyncOpenAI:
        """The SDK client, made on first use (no I/O before that)."""
        if self._client is None:
            self._client, self._http = sdk_client(
                base_url=self._endpoint.base_url,
                api_key=self._endpoint.api_key,
                timeout_seconds=self._endpoint.timeout_seconds,
            )
        return self._client
