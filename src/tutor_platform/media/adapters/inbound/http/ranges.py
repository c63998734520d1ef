"""HTTP byte ranges (RFC 9110 section 14): one range is served, anything else the whole file."""

import re
from dataclasses import dataclass

_SINGLE_RANGE = re.compile(r"\s*bytes\s*=\s*(\d{0,19})\s*-\s*(\d{0,19})\s*")


@dataclass(frozen=True, slots=True)
class ByteRange:
    """Bytes ``start`` to ``end`` (exclusive) of a representation of ``size`` bytes."""

    start: int
    end: int
    size: int

    @property
    def length(self) -> int:
        return self.end - self.start

    @property
    def content_range(self) -> str:
        return f"bytes {self.start}-{self.end - 1}/{self.size}"


class RangeNotSatisfiable(Exception):
    """A well-formed range that selects no byte of the representation."""

    def __init__(self, size: int) -> None:
        super().__init__(f"bytes */{size}")
        self.content_range = f"bytes */{size}"


def parse_range(header: str | None, size: int) -> ByteRange | None:
    """The single range asked for, clipped to ``size``; None to send the whole file.

    A missing header, another unit, several ranges or a malformed header are ignored (the
    whole file is sent, as RFC 9110 allows). A range starting past the end, or any range of
    an empty file, raises ``RangeNotSatisfiable``.
    """
    if header is None:
        return None
    match = _SINGLE_RANGE.fullmatch(header)
    if match is None:
        return None
    first, last = match.groups()
    if not first and not last:
        return None
    if not first:
        suffix = int(last)
        if suffix == 0 or size == 0:
            raise RangeNotSatisfiable(size)
        return ByteRange(max(0, size - suffix), size, size)
    start = int(first)
    end = size if not last else min(int(last) + 1, size)
    if last and int(last) < start:
        return None
    if start >= size:
        raise RangeNotSatisfiable(size)
    return ByteRange(start, end, size)
