"""The moviepy renderer makes a real MP4 (H.264 video, AAC audio) as long as the narration,
with readable cards; it renders off the event loop and leaves no temporary files."""

import asyncio
import io
import struct
import wave
from pathlib import Path

import mutagen.mp4
import pytest

from tutor_platform.media.adapters.outbound.speech.local import tone_speech
from tutor_platform.media.adapters.outbound.video.moviepy_renderer import MoviePyVideoRenderer
from tutor_platform.media.domain.video_plan import Card, VideoPlan
from tutor_platform.media.ports.authoring import SpeechAudio

NARRATION = "Cells need energy. Mitochondria turn sugar into energy the cell can use."
PLAN = VideoPlan(
    "Biology 101", "Cell energy", ("Cells need energy.", "Mitochondria turn sugar into energy.")
)


def top_level_boxes(data: bytes) -> list[str]:
    """The types of an MP4's top-level boxes, in order."""
    boxes, offset = [], 0
    while offset + 8 <= len(data):
        size, kind = struct.unpack(">I4s", data[offset : offset + 8])
        boxes.append(kind.decode("latin-1"))
        if size < 8:
            break
        offset += size
    return boxes


def files_in(directory: Path) -> list[Path]:
    return list(directory.iterdir())


@pytest.fixture(scope="module")
def narration() -> SpeechAudio:
    return SpeechAudio(tone_speech(NARRATION), "audio/wav")


async def test_the_video_is_an_h264_aac_mp4_as_long_as_the_narration(
    narration: SpeechAudio, tmp_path: Path
) -> None:
    renderer = MoviePyVideoRenderer(width=320, height=180, fps=5, temp_dir=str(tmp_path))
    ticks = 0

    async def ticker() -> None:
        nonlocal ticks
        while True:
            await asyncio.sleep(0.05)
            ticks += 1

    beat = asyncio.create_task(ticker())
    video = await renderer.render(PLAN, narration)
    beat.cancel()

    mp4 = mutagen.mp4.MP4(io.BytesIO(video.data))
    with wave.open(io.BytesIO(narration.data)) as reader:
        narration_seconds = reader.getnframes() / reader.getframerate()
    assert video.content_type == "video/mp4"
    assert top_level_boxes(video.data)[:2] == ["ftyp", "moov"]
    assert b"avc1" in video.data
    assert mp4.info.codec.startswith("mp4a")
    assert mp4.info.length == pytest.approx(narration_seconds, abs=0.3)
    assert ticks > 3, "the event loop was blocked while rendering"
    assert files_in(tmp_path) == []


def test_cards_are_drawn_at_the_video_size_with_text_on_them() -> None:
    renderer = MoviePyVideoRenderer(width=640, height=360)
    title = renderer.draw(Card("title", "Biology 101", "Cell energy", 0.0, 3.0))
    caption = renderer.draw(Card("caption", "Cell energy", "A long caption " * 40, 3.0, 9.0))

    assert title.size == caption.size == (640, 360)
    background = title.getpixel((5, 5))
    for image in (title, caption):
        colors = image.getcolors(maxcolors=640 * 360)
        assert colors is not None
        assert len(colors) > 10, "no text was drawn"
        assert image.getpixel((5, 5)) == background
