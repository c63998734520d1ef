"""File names as users give them: cleaned on upload, validated on rename, folded for search.

A file name is metadata only: it is shown and offered on download, never used as a path.
"""

import re
import unicodedata
from typing import Final

from tutor_platform.media.domain.content_types import extension_of

MAX_FILENAME_LENGTH: Final = 255
MAX_QUERY_LENGTH: Final = 255
DEFAULT_FILENAME: Final = "file"
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")
_SEPARATORS = re.compile(r"[/\\]")


def clean_filename(raw: str) -> str:
    """The name an upload is stored under: the last path segment of what the client sent,
    NFC-normalised, without control characters or surrounding spaces, at most 255 characters
    (the extension is kept when shortening), ``file`` when nothing is left."""
    name = _SEPARATORS.split(unicodedata.normalize("NFC", raw))[-1]
    name = _CONTROL.sub("", name).strip()
    if name in ("", ".", ".."):
        return DEFAULT_FILENAME
    if len(name) <= MAX_FILENAME_LENGTH:
        return name
    extension = extension_of(name)
    if len(extension) >= MAX_FILENAME_LENGTH // 2:
        return name[:MAX_FILENAME_LENGTH]
    return name[: MAX_FILENAME_LENGTH - len(extension)] + extension


def normalize_filename(raw: str) -> str:
    """A new name given on rename: NFC-normalised and trimmed (then checked)."""
    return unicodedata.normalize("NFC", raw).strip()


def filename_problem(name: str) -> str | None:
    """What is wrong with a (normalised) new file name, or None."""
    if not name or len(name) > MAX_FILENAME_LENGTH:
        return f"must be 1 to {MAX_FILENAME_LENGTH} characters"
    if _CONTROL.search(name) or _SEPARATORS.search(name) or name in (".", ".."):
        return "must not contain control characters or '/' or '\\', nor be '.' or '..'"
    return None


def query_problem(query: str) -> str | None:
    if len(query) > MAX_QUERY_LENGTH or _CONTROL.search(query):
        return f"must be at most {MAX_QUERY_LENGTH} printable characters"
    return None


def search_key(text: str) -> str:
    """The form names and queries are compared in: NFC, case-folded (same on every database)."""
    return unicodedata.normalize("NFC", text).casefold()
