"""Small but real files of every accepted type (and some refused ones), made in code."""

import io
import struct
import wave
import zlib

MP3_FRAME = b"\xff\xfb\x90\x64" + b"\x00" * 413
"""One MPEG-1 Layer III frame (128 kbit/s, 44.1 kHz) of silence: 1152 samples."""


def png() -> bytes:
    def chunk(kind: bytes, data: bytes) -> bytes:
        crc = struct.pack(">I", zlib.crc32(kind + data))
        return struct.pack(">I", len(data)) + kind + data + crc

    header = struct.pack(">IIBBBBB", 1, 1, 8, 2, 0, 0, 0)
    pixels = zlib.compress(b"\x00\xff\x00\x00")
    return (
        b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", pixels) + chunk(b"IEND", b"")
    )


def jpeg() -> bytes:
    return b"\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00" + bytes(64)


def gif() -> bytes:
    palette = b"\xff\xff\xff\x00\x00\x00"
    image = b",\x00\x00\x00\x00\x01\x00\x01\x00\x00\x02\x02D\x01\x00"
    return b"GIF89a\x01\x00\x01\x00\x80\x00\x00" + palette + image + b";"


def webp() -> bytes:
    return b"RIFF\x1a\x00\x00\x00WEBPVP8 \x0e\x00\x00\x00" + bytes(20)


def pdf() -> bytes:
    return b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<<>>\nendobj\ntrailer\n<<>>\n%%EOF\n"


def mp3(frames: int = 100) -> bytes:
    """About ``frames`` x 26.1 ms of silence."""
    return b"ID3\x03\x00\x00\x00\x00\x00\x00" + MP3_FRAME * frames


def wav(milliseconds: int = 1000, rate: int = 8000) -> bytes:
    buffer = io.BytesIO()
    with wave.open(buffer, "wb") as writer:
        writer.setnchannels(1)
        writer.setsampwidth(2)
        writer.setframerate(rate)
        writer.writeframes(b"\x00\x00" * (rate * milliseconds // 1000))
    return buffer.getvalue()


def ogg() -> bytes:
    return b"OggS\x00\x02" + bytes(20) + b"\x01\x1e\x01vorbis" + bytes(40)


def mp4() -> bytes:
    return b"\x00\x00\x00\x18ftypisom\x00\x00\x02\x00isomiso2" + b"\x00\x00\x00\x08free"


def webm() -> bytes:
    header = "1a45dfa39f4286810142f7810142f2810442f381084282847765626d42878104428581021853806701"
    return bytes.fromhex(header) + bytes(30)


def mkv() -> bytes:
    header = (
        "1a45dfa3a34286810142f7810142f2810442f3810842828b6d6174726f736b6142878104428581021853806701"
    )
    return bytes.fromhex(header) + bytes(30)


def exe() -> bytes:
    return b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff\x00\x00" + bytes(100)


def text(size: int = 0) -> bytes:
    """UTF-8 text with multi-byte characters, at least ``size`` bytes long."""
    line = "Grüße, 世界! A lesson note.\n".encode()
    return line * max(1, -(-size // len(line)))


BY_TYPE = {
    "image/png": png,
    "image/jpeg": jpeg,
    "image/gif": gif,
    "image/webp": webp,
    "application/pdf": pdf,
    "audio/mpeg": mp3,
    "audio/wav": wav,
    "audio/ogg": ogg,
    "video/mp4": mp4,
    "video/webm": webm,
}
"""A maker for each binary type accepted by default."""
