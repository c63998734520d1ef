"""Looking into a file's bytes: which format they are, and how long audio or video lasts."""

from typing import Protocol


class ContentSniffer(Protocol):
    """Recognises binary formats from a file's first bytes."""

    def sniff(self, head: bytes) -> str | None:
        """The canonical content type (``audio/wav``, not ``audio/x-wav``) or None."""
        ...


class DurationMeasurement(Protocol):
    """Watches one file's bytes go by, then tells its duration."""

    async def feed(self, chunk: bytes) -> None: ...

    async def result(self) -> int | None:
        """The duration in milliseconds, or None when it cannot be told; ends the measurement."""
        ...

    async def discard(self) -> None:
        """Give up (the upload failed); safe to call after :meth:`result`."""
        ...


class DurationProbe(Protocol):
    """Measures the duration of audio and video files."""

    def start(self, content_type: str) -> DurationMeasurement | None:
        """A measurement for a file of this type, or None when the type has no duration."""
        ...
