"""Durations read by mutagen from the bytes that went by; temporary files never linger."""

import tempfile
from pathlib import Path

import pytest

from tests.unit.media import samples
from tutor_platform.media.adapters.outbound.mutagen.duration_probe import MutagenDurationProbe


@pytest.fixture
def temp_dir(tmp_path: Path) -> Path:
    return tmp_path


def leftovers(directory: Path) -> list[Path]:
    return list(directory.iterdir())


async def measure(probe: MutagenDurationProbe, content_type: str, data: bytes) -> int | None:
    measurement = probe.start(content_type)
    assert measurement is not None
    for start in range(0, len(data), 700):
        await measurement.feed(data[start : start + 700])
    return await measurement.result()


async def test_wav_duration(temp_dir: Path) -> None:
    probe = MutagenDurationProbe(str(temp_dir))
    assert await measure(probe, "audio/wav", samples.wav(milliseconds=1500)) == 1500
    assert leftovers(temp_dir) == []


async def test_mp3_duration(temp_dir: Path) -> None:
    duration = await measure(MutagenDurationProbe(str(temp_dir)), "audio/mpeg", samples.mp3(400))
    assert duration is not None
    assert abs(duration - 400 * 1152 * 1000 / 44100) < 200


async def test_unreadable_media_has_no_duration(temp_dir: Path) -> None:
    probe = MutagenDurationProbe(str(temp_dir))
    assert await measure(probe, "video/mp4", samples.mp4()) is None
    assert await measure(probe, "audio/ogg", samples.ogg()) is None
    assert leftovers(temp_dir) == []


def test_types_without_duration_are_not_measured() -> None:
    probe = MutagenDurationProbe(tempfile.gettempdir())
    assert probe.start("image/png") is None
    assert probe.start("video/webm") is None
    assert probe.start("text/plain") is None


async def test_discard_removes_the_spooled_bytes(temp_dir: Path) -> None:
    measurement = MutagenDurationProbe(str(temp_dir)).start("audio/wav")
    assert measurement is not None
    await measurement.feed(samples.wav())
    assert len(leftovers(temp_dir)) == 1
    await measurement.discard()
    await measurement.discard()
    assert leftovers(temp_dir) == []
    assert await measurement.result() is None
