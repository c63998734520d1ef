"""``DurationProbe`` with mutagen: the bytes are copied to a temporary file as they pass,
then read by mutagen in a worker thread (it needs to seek, e.g. to an MP4's index)."""

import asyncio
import contextlib
import os
import tempfile
from collections.abc import Callable
from typing import IO, Any

from mutagen import MutagenError
from mutagen.mp3 import MP3
from mutagen.mp4 import MP4
from mutagen.oggflac import OggFLAC
from mutagen.oggopus import OggOpus
from mutagen.oggspeex import OggSpeex
from mutagen.oggtheora import OggTheora
from mutagen.oggvorbis import OggVorbis
from mutagen.wave import WAVE

_READERS: dict[str, tuple[Callable[[str], Any], ...]] = {
    "audio/mpeg": (MP3,),
    "audio/wav": (WAVE,),
    "audio/ogg": (OggVorbis, OggOpus, OggFLAC, OggSpeex, OggTheora),
    "video/mp4": (MP4,),
}


class MutagenDurationProbe:
    """Durations of MP3, WAV, Ogg and MP4 files; None for other types (WebM: not readable
    by mutagen) and for files it cannot parse."""

    def __init__(self, temp_dir: str | None = None) -> None:
        self._temp_dir = temp_dir

    def start(self, content_type: str) -> "MutagenMeasurement | None":
        readers = _READERS.get(content_type)
        return None if readers is None else MutagenMeasurement(readers, self._temp_dir)


class MutagenMeasurement:
    """One file's bytes spooled to a temporary file, deleted by ``result`` or ``discard``."""

    def __init__(self, readers: tuple[Callable[[str], Any], ...], temp_dir: str | None) -> None:
        self._readers = readers
        self._temp_dir = temp_dir
        self._file: IO[bytes] | None = None
        self._done = False

    async def feed(self, chunk: bytes) -> None:
        if self._done:
            return
        file = self._file
        if file is None:
            file = self._file = await asyncio.to_thread(_spool_file, self._temp_dir)
        await asyncio.to_thread(file.write, chunk)

    async def result(self) -> int | None:
        if self._done or self._file is None:
            await self.discard()
            return None
        path = self._file.name
        await asyncio.to_thread(self._file.close)
        try:
            return await asyncio.to_thread(self._measure, path)
        finally:
            await self.discard()

    async def discard(self) -> None:
        if self._done:
            return
        self._done = True
        if self._file is not None:
            await asyncio.to_thread(_remove, self._file)

    def _measure(self, path: str) -> int | None:
        for reader in self._readers:
            try:
                length = float(reader(path).info.length)
            except (MutagenError, OSError, ValueError, ZeroDivisionError):
                continue
            if length > 0:
                return round(length * 1000)
        return None


def _spool_file(temp_dir: str | None) -> IO[bytes]:
    return tempfile.NamedTemporaryFile(dir=temp_dir, suffix=".probe", delete=False)


def _remove(file: IO[bytes]) -> None:
    file.close()
    with contextlib.suppress(FileNotFoundError):
        os.unlink(file.name)
