"""``MoviePyVideoRenderer``: a summary video as H.264/AAC MP4 with moviepy 2.

Cards are drawn with Pillow (its bundled default font, scalable when Pillow has FreeType)
onto frames that become ``ImageClip``s, timed by ``card_timeline`` over the narration, and
encoded by the ffmpeg that imageio-ffmpeg ships. Rendering runs in a worker thread, at most
``max_concurrent`` at a time per process (each takes a few hundred MB), in a temporary
directory removed afterwards. Renders beyond that limit wait on the event loop, not in a
thread, so they never hold the default thread pool.
"""

import asyncio
import tempfile
from collections.abc import Sequence
from functools import cache
from pathlib import Path
from typing import Final

import numpy as np
from PIL import Image, ImageDraw, ImageFont

from tutor_platform.media.domain.video_plan import Card, VideoPlan, card_timeline
from tutor_platform.media.ports.authoring import RenderedVideo, SpeechAudio

Font = ImageFont.FreeTypeFont | ImageFont.ImageFont
BACKGROUND: Final = (18, 32, 58)
TITLE_COLOR: Final = (250, 250, 250)
MUTED_COLOR: Final = (160, 185, 220)
ACCENT_COLOR: Final = (255, 196, 61)
FONT_SIZES: Final = (64, 56, 48, 40, 34, 28)
LINE_SPACING: Final = 1.25


class MoviePyVideoRenderer:
    """Cards of ``width`` x ``height`` pixels at ``fps`` frames per second (cards are still
    images, so a low rate keeps files and render times small)."""

    def __init__(
        self,
        *,
        width: int = 1280,
        height: int = 720,
        fps: int = 10,
        max_concurrent: int = 1,
        temp_dir: str | None = None,
    ) -> None:
        self._width = width
        self._height = height
        self._fps = fps
        self._slots = asyncio.Semaphore(max(1, max_concurrent))
        self._temp_dir = temp_dir

    async def render(self, plan: VideoPlan, narration: SpeechAudio) -> RenderedVideo:
        async with self._slots:
            return RenderedVideo(await asyncio.to_thread(self._render, plan, narration))

    def _render(self, plan: VideoPlan, narration: SpeechAudio) -> bytes:
        from moviepy import AudioFileClip, ImageClip, concatenate_videoclips  # loaded to render

        with tempfile.TemporaryDirectory(prefix="render-", dir=self._temp_dir) as work:
            audio_path = Path(work) / f"narration{narration.extension}"
            audio_path.write_bytes(narration.data)
            target = Path(work) / "summary.mp4"
            audio = AudioFileClip(str(audio_path))
            clips = []
            try:
                for card in card_timeline(plan, float(audio.duration)):
                    frame = np.asarray(self.draw(card))
                    clips.append(ImageClip(frame).with_duration(card.duration))
                video = concatenate_videoclips(clips).with_audio(audio)
                clips.append(video)
                video.write_videofile(
                    str(target),
                    fps=self._fps,
                    codec="libx264",
                    audio_codec="aac",
                    preset="veryfast",
                    temp_audiofile_path=work,
                    ffmpeg_params=["-movflags", "+faststart"],
                    logger=None,
                )
            finally:
                for clip in clips:
                    clip.close()
                audio.close()
            return target.read_bytes()

    def draw(self, card: Card) -> Image.Image:
        """One card as an RGB image: the course (or lesson) title small at the top, the
        lesson title or the caption large in the middle."""
        image = Image.new("RGB", (self._width, self._height), BACKGROUND)
        draw = ImageDraw.Draw(image)
        margin = self._width // 12
        width = self._width - 2 * margin
        heading = _font(max(18, self._height // 24))
        draw.text((margin, self._height // 10), card.heading, font=heading, fill=MUTED_COLOR)
        rule_y = self._height // 10 + _line_height(heading) + self._height // 60
        draw.rectangle((margin, rule_y, margin + width // 6, rule_y + 4), fill=ACCENT_COLOR)
        top = rule_y + self._height // 12
        box_height = self._height - top - self._height // 10
        font, lines = _fit(draw, card.text, width, box_height)
        color = TITLE_COLOR if card.kind == "caption" else ACCENT_COLOR
        line_height = _line_height(font)
        y = top + (box_height - line_height * len(lines)) // 2
        for line in lines:
            draw.text((margin, y), line, font=font, fill=color)
            y += line_height
        return image


@cache
def _font(size: int) -> Font:
    return ImageFont.load_default(size=size)


def _line_height(font: Font) -> int:
    _, top, _, bottom = font.getbbox("Ag")
    return int((bottom - top) * LINE_SPACING) + 1


def _fit(draw: ImageDraw.ImageDraw, text: str, width: int, height: int) -> tuple[Font, list[str]]:
    """The largest font size at which ``text`` wraps into the box (the smallest otherwise)."""
    for size in FONT_SIZES:
        font = _font(size)
        lines = _wrap(draw, text, font, width)
        if _line_height(font) * len(lines) <= height:
            return font, lines
    font = _font(FONT_SIZES[-1])
    lines = _wrap(draw, text, font, width)
    fitting = max(1, height // _line_height(font))
    return font, _shorten(lines, fitting)


def _wrap(draw: ImageDraw.ImageDraw, text: str, font: Font, width: int) -> list[str]:
    lines: list[str] = []
    current = ""
    for word in text.split():
        candidate = f"{current} {word}".strip()
        if current and draw.textlength(candidate, font=font) > width:
            lines.append(current)
            current = word
        else:
            current = candidate
    if current:
        lines.append(current)
    return lines or [""]


def _shorten(lines: Sequence[str], count: int) -> list[str]:
    if len(lines) <= count:
        return list(lines)
    return [*lines[: count - 1], f"{lines[count - 1]} ..."]
