"""Build ``multipart/form-data`` bodies by hand, to send exactly what a test needs."""

from collections.abc import Iterator
from dataclasses import dataclass

BOUNDARY = "----tutor-boundary-7MA4YWxkTrZu0gW"
CONTENT_TYPE = f"multipart/form-data; boundary={BOUNDARY}"


@dataclass(frozen=True)
class Part:
    name: str
    data: bytes
    filename: str | None = None
    content_type: str = "application/octet-stream"

    def head(self) -> bytes:
        disposition = f'form-data; name="{self.name}"'
        if self.filename is not None:
            disposition += f'; filename="{self.filename}"'
        lines = [f"--{BOUNDARY}", f"Content-Disposition: {disposition}"]
        if self.filename is not None:
            lines.append(f"Content-Type: {self.content_type}")
        return ("\r\n".join(lines) + "\r\n\r\n").encode()


def file_part(data: bytes, filename: str = "notes.txt") -> Part:
    return Part("file", data, filename)


def field(name: str, value: str) -> Part:
    return Part(name, value.encode())


def body(*parts: Part) -> bytes:
    return b"".join(stream(*parts))


def stream(*parts: Part, chunk_size: int = 64 * 1024) -> Iterator[bytes]:
    """The body in pieces, generated as it goes (the file data is sliced, not copied whole)."""
    for part in parts:
        yield part.head()
        for start in range(0, len(part.data), chunk_size):
            yield part.data[start : start + chunk_size]
        yield b"\r\n"
    yield f"--{BOUNDARY}--\r\n".encode()


def size(*parts: Part) -> int:
    return sum(len(piece) for piece in stream(*parts))
