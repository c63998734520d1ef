"""The puremagic sniffer names formats by their canonical types."""

from collections.abc import Callable

import pytest

from tests.unit.media import samples
from tutor_platform.media.adapters.outbound.puremagic.sniffer import PuremagicContentSniffer

SNIFFER = PuremagicContentSniffer()


@pytest.mark.parametrize(("content_type", "maker"), samples.BY_TYPE.items())
def test_accepted_binary_formats(content_type: str, maker: Callable[[], bytes]) -> None:
    assert SNIFFER.sniff(maker()) == content_type


def test_mp3_without_a_tag() -> None:
    assert SNIFFER.sniff(samples.MP3_FRAME * 20) == "audio/mpeg"


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (samples.mkv(), "video/x-matroska"),
        (samples.text(), None),
        (b"", None),
        (b"<!DOCTYPE html><html></html>", "text/html"),
    ],
)
def test_other_content(data: bytes, expected: str | None) -> None:
    assert SNIFFER.sniff(data) == expected


def test_executables_are_never_an_accepted_type() -> None:
    assert SNIFFER.sniff(samples.exe()) not in samples.BY_TYPE
