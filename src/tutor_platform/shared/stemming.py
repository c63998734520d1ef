"""One English stemmer for every context that compares words by their stem: retrieval's word
share (learning), the offline model's key terms (ai) and the rules grader (assessment).

Snowball's English (Porter 2) algorithm: plural, verb and common derived forms meet
("tables"/"table", "stored"/"storing"/"store", "classes"/"class"), and a final "f" reads as
"v" so that "leaf" meets "leaves". The stem is a key for
comparison, not a word to show.
"""

import threading
from functools import lru_cache

import snowballstemmer

_LOCK = threading.Lock()
_STEMMER = snowballstemmer.stemmer("english")


@lru_cache(maxsize=16_384)
def stem(word: str) -> str:
    """The stem of a lower-case word (the same stem for its inflected forms)."""
    with _LOCK:  # a Snowball stemmer keeps state while it works
        stemmed: str = _STEMMER.stemWord(word)
    if stemmed.endswith("f") and not stemmed.endswith("ff"):
        return stemmed[:-1] + "v"
    return stemmed
