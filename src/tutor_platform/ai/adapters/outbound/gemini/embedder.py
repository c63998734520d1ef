"""``GeminiEmbedder``: Gemini embeddings through google-genai (``batchEmbedContents``).

Documents are embedded with the ``RETRIEVAL_DOCUMENT`` task and queries with
``RETRIEVAL_QUERY``, one ``Content`` per text and at most :data:`BATCH` texts a call, cut to
``dimensions`` by the API (``output_dimensionality``) and scaled back to unit length here.
Calls run under the shared retry, timeout and circuit-breaker policy; the SDK's own retries
stay off.
"""

from collections.abc import Sequence
from typing import Final

import httpx
from google import genai
from google.genai import types

from tutor_platform.ai.adapters.outbound.endpoint import Endpoint
from tutor_platform.ai.adapters.outbound.gemini.tutor_model import API_VERSION
from tutor_platform.ai.adapters.outbound.vectors import batches, unit_vectors

BATCH: Final = 100
"""The most texts the API embeds in one call."""


class GeminiEmbedder:
    """The ``gemini`` embedder."""

    def __init__(self, endpoint: Endpoint, *, model: str, dimensions: int) -> None:
        self._endpoint = endpoint
        self._model = model
        self._dimensions = dimensions
        self._http: httpx.AsyncClient | None = None
        self._client: genai.Client | None = None

    @property
    def name(self) -> str:
        return f"gemini:{self._model}-{self._dimensions}"

    @property
    def dimensions(self) -> int:
        return self._dimensions

    async def embed_documents(self, texts: Sequence[str]) -> list[list[float]]:
        vectors: list[list[float]] = []
        for batch in batches(texts, BATCH):
            vectors += await self._embed(batch, "RETRIEVAL_DOCUMENT")
        return vectors

    async def embed_query(self, text: str) -> list[float]:
        return (await self._embed([text], "RETRIEVAL_QUERY"))[0]

    async def aclose(self) -> None:
        if self._http is not None:
            await self._http.aclose()
        self._http = None
        self._client = None

    async def _embed(self, texts: Sequence[str], task_type: str) -> list[list[float]]:
        config = types.EmbedContentConfig(
            task_type=task_type, output_dimensionality=self._dimensions
        )

        # One Content per text: a bare list of strings becomes one Content of several parts,
        # which the API embeds as a single text.
        contents: list[types.Content] = [
            types.Content(parts=[types.Part.from_text(text=text)]) for text in texts
        ]

        async def embed() -> list[list[float]]:
            response = await self._genai().aio.models.embed_content(
                model=self._model, contents=contents, config=config
            )
            values = [embedding.values or [] for embedding in response.embeddings or []]
            return unit_vectors(values, len(texts), self._dimensions)

        return await self._endpoint.resilience.call(
            embed, action="embed", fields={"model": self._model, "texts": len(texts)}
        )

    def _genai(self) -> genai.Client:
        """The SDK client, made on first use (no I/O before that)."""
        if self._client is None:
            self._http = httpx.AsyncClient(timeout=self._endpoint.timeout_seconds)
            options = types.HttpOptions(
                base_url=self._endpoint.base_url,
                api_version=API_VERSION,
                timeout=round(self._endpoint.timeout_seconds * 1000),
                httpx_async_client=self._http,
            )
            self._client = genai.Client(api_key=self._endpoint.api_key, http_options=options)
        return self._client
