"""Deciding a file's type from its bytes, and recognising text."""

import pytest

from tests.unit.media import samples
from tutor_platform.media.adapters.outbound.puremagic.sniffer import PuremagicContentSniffer
from tutor_platform.media.domain.content_types import (
    DEFAULT_ALLOWED_TYPES,
    TextCheck,
    allowed_types_problem,
    decide_content_type,
    kind_of,
)
from tutor_platform.media.domain.errors import FileTypeNotAllowed

ALL = frozenset(DEFAULT_ALLOWED_TYPES)
SNIFFER = PuremagicContentSniffer()


def decide(data: bytes, filename: str, allowed: frozenset[str] = ALL) -> str:
    return decide_content_type(
        SNIFFER.sniff(data), data, complete=True, filename=filename, allowed=allowed
    )


@pytest.mark.parametrize(("content_type", "maker"), samples.BY_TYPE.items())
def test_binary_types_come_from_the_bytes_whatever_the_name(
    content_type: str, maker: object
) -> None:
    assert callable(maker)
    assert decide(maker(), "misnamed.bin") == content_type


@pytest.mark.parametrize(
    ("filename", "expected"),
    [
        ("notes.md", "text/markdown"),
        ("NOTES.MARKDOWN", "text/markdown"),
        ("notes.txt", "text/plain"),
        ("notes.text", "text/plain"),
        ("README", "text/plain"),
    ],
)
def test_text_is_plain_or_markdown_by_its_name(filename: str, expected: str) -> None:
    assert decide(samples.text(), filename) == expected


@pytest.mark.parametrize("filename", ["photo.png", "setup.exe", "page.html", "image.svg"])
def test_text_under_another_name_is_refused(filename: str) -> None:
    with pytest.raises(FileTypeNotAllowed, match="holds text"):
        decide(samples.text(), filename)


@pytest.mark.parametrize(
    "data",
    [samples.exe(), samples.mkv(), b"PK\x03\x04" + bytes(40), b"plain\x00text", b"\xff\xfe\xfd"],
    ids=["exe", "matroska", "zip", "text-with-nul", "not-utf8"],
)
def test_other_content_is_refused(data: bytes) -> None:
    with pytest.raises(FileTypeNotAllowed):
        decide(data, "notes.txt")


def test_types_left_out_of_the_allowed_list_are_refused() -> None:
    allowed = ALL - {"image/gif", "text/markdown"}
    with pytest.raises(FileTypeNotAllowed, match="image/gif"):
        decide(samples.gif(), "a.gif", allowed)
    with pytest.raises(FileTypeNotAllowed, match="text/markdown"):
        decide(samples.text(), "a.md", allowed)
    assert decide(samples.text(), "a.txt", allowed) == "text/plain"


def test_a_head_cut_inside_a_character_is_still_text() -> None:
    head = "é".encode() * 10
    assert (
        decide_content_type(None, head[:-1], complete=False, filename="a.txt", allowed=ALL)
        == "text/plain"
    )


def test_text_check_spans_chunks_and_catches_a_cut_off_ending() -> None:
    data = "Grüße 世界".encode()
    check = TextCheck()
    assert all(check.feed(data[i : i + 1]) for i in range(len(data)))
    assert check.finish()
    cut = TextCheck()
    assert cut.feed(data[:-1])
    assert not cut.finish()
    nul = TextCheck()
    assert nul.feed(b"abc")
    assert not nul.feed(b"\x00")
    assert not nul.feed(b"more")


def test_kinds() -> None:
    assert [kind_of(t) for t in ("image/png", "video/webm", "audio/ogg", "application/pdf")] == [
        "image",
        "video",
        "audio",
        "document",
    ]
    assert kind_of("text/markdown") == "document"


def test_allowed_types_must_be_supported() -> None:
    assert allowed_types_problem(["image/png", "text/plain"]) is None
    problem = allowed_types_problem(["image/png", "image/svg+xml"])
    assert problem is not None
    assert "image/svg+xml" in problem
