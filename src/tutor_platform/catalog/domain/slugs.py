"""Course slugs: ``^[a-z0-9]+(?:-[a-z0-9]+)*$``, at most 220 characters, derived from titles."""

import hashlib
import re
import unicodedata
from typing import Final

SLUG_REGEX: Final = r"[a-z0-9]+(?:-[a-z0-9]+)*"
MAX_SLUG_LENGTH: Final = 220
_SLUG = re.compile(SLUG_REGEX)
_NOT_ALNUM = re.compile(r"[^a-z0-9]+")
# Latin letters that Unicode decomposition does not reduce to ASCII.
_TRANSLITERATIONS: Final = str.maketrans(
    {
        "ß": "ss",
        "æ": "ae",
        "œ": "oe",
        "ø": "o",
        "ł": "l",
        "đ": "d",
        "ð": "d",
        "þ": "th",
        "\u0131": "i",
    }
)


def slugify(title: str) -> str:
    """The slug of a title: accents dropped, lower case, runs of other characters as one ``-``.

    A title with no Latin letter or digit at all (``"日本語"``) gets ``course-`` and a short
    hash of the title, so different titles still get different slugs.
    """
    decomposed = unicodedata.normalize("NFKD", title.lower().translate(_TRANSLITERATIONS))
    ascii_text = decomposed.encode("ascii", "ignore").decode("ascii")
    slug = _NOT_ALNUM.sub("-", ascii_text).strip("-")
    if not slug:
        digest = hashlib.sha256(title.strip().encode("utf-8")).hexdigest()[:10]
        return f"course-{digest}"
    return slug[:MAX_SLUG_LENGTH].rstrip("-")


def slug_problem(slug: str) -> str | None:
    if len(slug) > MAX_SLUG_LENGTH or not _SLUG.fullmatch(slug):
        return (
            f"must be at most {MAX_SLUG_LENGTH} characters of a-z and 0-9 in words "
            "joined by single hyphens"
        )
    return None
