"""Deterministic embeddings for the fake providers: a hashed bag of words, unit length.

Texts that share words get close vectors, unrelated texts nearly orthogonal ones, so a
retrieval test behaves as with a real model. Words are lower-cased, short words dropped and
a plural ``s`` cut, so "plants" and "plant" count as one word.
"""

import hashlib
import math
import re

_WORD = re.compile(r"[a-z0-9]+")


def _stem(word: str) -> str:
    return word[:-1] if len(word) > 4 and word.endswith("s") else word


def bag_of_words(text: str, dimensions: int) -> list[float]:
    """A unit vector of ``dimensions`` floats (all zero but one for an empty text)."""
    vector = [0.0] * dimensions
    for word in _WORD.findall(text.lower()):
        if len(word) < 3:
            continue
        digest = hashlib.sha256(_stem(word).encode()).digest()
        vector[int.from_bytes(digest[:4], "big") % dimensions] += 1.0
    norm = math.sqrt(sum(value * value for value in vector))
    if norm == 0:
        vector[0] = 1.0
        return vector
    return [value / norm for value in vector]
