"""``LocalEmbedder``: WordLlama's static embeddings, whose weights ship inside the package.

Loaded once, on first use, with downloads disabled (the wheel's ``tokenizers/`` folder is the
cache directory), so it never touches the network. A query embeds in well under a millisecond;
document batches run in a worker thread.
"""

import asyncio
import threading
from collections.abc import Sequence
from pathlib import Path
from typing import Any, Final

import numpy as np

DIMENSIONS: Final = 256
MODEL: Final = "l2_supercat"
_BATCH: Final = 64


class LocalEmbedder:
    """The ``local`` embedder (offline, deterministic)."""

    name = f"local:wordllama-{MODEL}-{DIMENSIONS}"
    dimensions = DIMENSIONS

    def __init__(self) -> None:
        self._model: Any = None
        self._lock = threading.Lock()

    async def embed_documents(self, texts: Sequence[str]) -> list[list[float]]:
        if not texts:
            return []
        if len(texts) <= _BATCH:
            vectors = self._embed(texts)
        else:
            vectors = await asyncio.to_thread(self._embed, texts)
        listed: list[list[float]] = vectors.tolist()
        return listed

    async def embed_query(self, text: str) -> list[float]:
        vector: list[float] = self._embed([text])[0].tolist()
        return vector

    def _embed(self, texts: Sequence[str]) -> np.ndarray[Any, np.dtype[np.float32]]:
        vectors = self._wordllama().embed(list(texts), norm=True)
        return np.asarray(vectors, dtype=np.float32)

    def _wordllama(self) -> Any:
        with self._lock:
            if self._model is None:
                import wordllama

                package = Path(wordllama.__file__).parent
                self._model = wordllama.WordLlama.load(
                    config=MODEL, dim=DIMENSIONS, cache_dir=package, disable_download=True
                )
            return self._model
