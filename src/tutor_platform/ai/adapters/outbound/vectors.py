"""What the remote embedders share: batching and re-normalising vectors to unit length."""

from collections.abc import Iterator, Sequence
from typing import Any

import numpy as np

from tutor_platform.ai.adapters.outbound.support import MalformedResponse


def batches(texts: Sequence[str], size: int) -> Iterator[Sequence[str]]:
    """``texts`` in consecutive slices of at most ``size``."""
    for start in range(0, len(texts), size):
        yield texts[start : start + size]


def unit_vectors(
    vectors: Sequence[Sequence[Any] | None], count: int, dimensions: int
) -> list[list[float]]:
    """``count`` vectors of ``dimensions`` floats scaled to unit length.

    A model cut to fewer dimensions than it has (Matryoshka embeddings) answers vectors that
    are not unit length: scaling them back keeps dot products cosine similarities. Raises
    ``MalformedResponse`` for a wrong count or size, a non-number or a zero vector.
    """
    if len(vectors) != count:
        raise MalformedResponse(f"{len(vectors)} vectors for {count} texts")
    try:
        matrix = np.asarray(vectors, dtype=np.float64)
    except (TypeError, ValueError):
        raise MalformedResponse("vectors are not lists of numbers") from None
    if matrix.ndim != 2 or matrix.shape[1] != dimensions:
        raise MalformedResponse(f"vectors do not have {dimensions} dimensions")
    norms = np.linalg.norm(matrix, axis=1, keepdims=True)
    if not np.all(np.isfinite(norms)) or np.any(norms == 0):
        raise MalformedResponse("a vector has no length")
    normalised: list[list[float]] = (matrix / norms).tolist()
    return normalised
