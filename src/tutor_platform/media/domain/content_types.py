"""Content types a file may have, the kind each belongs to, and how text is recognised.

The type of an upload is decided from its bytes: a binary format recognised from its first
bytes, or text (UTF-8 without NUL characters). Text is accepted only under a text file name
(``.txt``, ``.text``, ``.md``, ``.markdown`` or none), so ``photo.png`` holding text is refused.
"""

import codecs
from collections.abc import Iterable
from typing import Final, Literal

from tutor_platform.media.domain.errors import FileTypeNotAllowed

Kind = Literal["image", "video", "audio", "document"]
KINDS: Final = ("image", "video", "audio", "document")

PNG: Final = "image/png"
JPEG: Final = "image/jpeg"
GIF: Final = "image/gif"
WEBP: Final = "image/webp"
PDF: Final = "application/pdf"
PLAIN_TEXT: Final = "text/plain"
MARKDOWN: Final = "text/markdown"
MP3: Final = "audio/mpeg"
WAV: Final = "audio/wav"
OGG: Final = "audio/ogg"
MP4: Final = "video/mp4"
WEBM: Final = "video/webm"

DEFAULT_ALLOWED_TYPES: Final = (
    PNG,
    JPEG,
    GIF,
    WEBP,
    PDF,
    PLAIN_TEXT,
    MARKDOWN,
    MP3,
    WAV,
    OGG,
    MP4,
    WEBM,
)
SUPPORTED_CONTENT_TYPES: Final = frozenset(DEFAULT_ALLOWED_TYPES)
TEXT_TYPES: Final = frozenset({PLAIN_TEXT, MARKDOWN})
BINARY_TYPES: Final = SUPPORTED_CONTENT_TYPES - TEXT_TYPES
MARKDOWN_EXTENSIONS: Final = frozenset({".md", ".markdown"})
TEXT_EXTENSIONS: Final = frozenset({"", ".txt", ".text"}) | MARKDOWN_EXTENSIONS


def kind_of(content_type: str) -> Kind:
    """``image``, ``video`` or ``audio`` by the type's top level; anything else is a document."""
    top = content_type.split("/", 1)[0]
    if top == "image":
        return "image"
    if top == "video":
        return "video"
    if top == "audio":
        return "audio"
    return "document"


def has_duration(content_type: str) -> bool:
    return kind_of(content_type) in ("audio", "video")


def extension_of(filename: str) -> str:
    """The lower-case extension with its dot (``.md``), or ``""``; a leading dot is no extension."""
    stem, dot, extension = filename.rpartition(".")
    return f".{extension.lower()}" if dot and stem else ""


def text_type_for(filename: str) -> str | None:
    """The text type a file of this name holds (Markdown or plain), or None for other names."""
    extension = extension_of(filename)
    if extension in MARKDOWN_EXTENSIONS:
        return MARKDOWN
    if extension in TEXT_EXTENSIONS:
        return PLAIN_TEXT
    return None


class TextCheck:
    """Whether a byte stream, fed chunk by chunk, is UTF-8 text without NUL characters."""

    def __init__(self) -> None:
        self._decoder = codecs.getincrementaldecoder("utf-8")()
        self.ok = True

    def feed(self, chunk: bytes) -> bool:
        """Take the next bytes; false once the stream cannot be text."""
        if self.ok:
            self.ok = b"\x00" not in chunk and self._decodes(chunk, final=False)
        return self.ok

    def finish(self) -> bool:
        """Whether the whole stream was text (a character cut off at the end is not)."""
        if self.ok:
            self.ok = self._decodes(b"", final=True)
        return self.ok

    def _decodes(self, chunk: bytes, *, final: bool) -> bool:
        try:
            self._decoder.decode(chunk, final)
        except UnicodeDecodeError:
            return False
        return True


def allowed_types_problem(types: Iterable[str]) -> str | None:
    """What is wrong with a list of allowed types, or None."""
    unknown = sorted(set(types) - SUPPORTED_CONTENT_TYPES)
    if unknown:
        supported = ", ".join(sorted(SUPPORTED_CONTENT_TYPES))
        return f"unsupported content types {', '.join(unknown)}; supported: {supported}"
    return None


def decide_content_type(
    sniffed: str | None,
    head: bytes,
    *,
    complete: bool,
    filename: str,
    allowed: frozenset[str],
) -> str:
    """The content type of an upload from what its first bytes show.

    ``sniffed`` is the binary format a detector recognised in ``head`` (the first bytes, or
    all of them when ``complete``). Raises ``FileTypeNotAllowed`` when the type is not allowed.
    Text found here must still be checked to its end by the caller.
    """
    accepted = ", ".join(t for t in DEFAULT_ALLOWED_TYPES if t in allowed)
    if sniffed in BINARY_TYPES:
        if sniffed in allowed:
            return sniffed
        raise FileTypeNotAllowed(f"{sniffed} files are not accepted. Accepted: {accepted}.")
    check = TextCheck()
    check.feed(head)
    is_text = check.finish() if complete else check.ok
    if is_text:
        text_type = text_type_for(filename)
        if text_type is None:
            raise FileTypeNotAllowed(
                f"The file holds text, but its name ends in {extension_of(filename)!r}; "
                "text files must be named .txt, .text, .md or .markdown."
            )
        if text_type in allowed:
            return text_type
        raise FileTypeNotAllowed(f"{text_type} files are not accepted. Accepted: {accepted}.")
    raise FileTypeNotAllowed(f"The content of this file is not of an accepted type: {accepted}.")
