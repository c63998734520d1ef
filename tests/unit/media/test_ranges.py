"""HTTP Range headers: one range is served, other forms are ignored, some are unsatisfiable."""

import pytest

from tutor_platform.media.adapters.inbound.http.ranges import (
    ByteRange,
    RangeNotSatisfiable,
    parse_range,
)


@pytest.mark.parametrize(
    ("header", "expected"),
    [
        ("bytes=0-9", ByteRange(0, 10, 100)),
        ("bytes=90-", ByteRange(90, 100, 100)),
        ("bytes=95-200", ByteRange(95, 100, 100)),
        ("bytes=-10", ByteRange(90, 100, 100)),
        ("bytes=-500", ByteRange(0, 100, 100)),
        (" bytes = 5 - 5 ", ByteRange(5, 6, 100)),
    ],
)
def test_single_ranges(header: str, expected: ByteRange) -> None:
    assert parse_range(header, 100) == expected


@pytest.mark.parametrize(
    "header", [None, "", "bytes=0-1,5-6", "items=0-1", "bytes=abc", "bytes=9-3", "bytes=-"]
)
def test_other_forms_send_the_whole_file(header: str | None) -> None:
    assert parse_range(header, 100) is None


@pytest.mark.parametrize(
    ("header", "size"), [("bytes=100-", 100), ("bytes=-0", 100), ("bytes=0-", 0)]
)
def test_unsatisfiable_ranges(header: str, size: int) -> None:
    with pytest.raises(RangeNotSatisfiable) as raised:
        parse_range(header, size)
    assert raised.value.content_range == f"bytes */{size}"


def test_content_range_header() -> None:
    assert ByteRange(0, 10, 100).content_range == "bytes 0-9/100"
