"""``LocalSpeechSynthesizer``: offline speech as a WAV file, with no key and no network.

It runs espeak-ng (``espeak-ng -w out.wav --stdin``) when that program is installed. Without
it, or when it fails, it falls back to a tone voice made with the standard library: each word
becomes a short vowel-like sound (a fundamental with two formant peaks, its pitch taken from
the word) lasting in proportion to the word's length, with pauses after words, commas and
sentences. That is no speech anyone can understand, but it is a real, playable WAV of about
the length the text takes to say, so offline runs and tests exercise the whole pipeline.
"""

import asyncio
import contextlib
import io
import logging
import math
import re
import shutil
import tempfile
import wave
import zlib
from array import array
from pathlib import Path
from typing import Final

from tutor_platform.media.ports.authoring import SpeechAudio

logger = logging.getLogger("tutor_platform.media")

WAV: Final = "audio/wav"
WORDS_PER_MINUTE: Final = 150
ESPEAK_TIMEOUT_SECONDS: Final = 120.0
SAMPLE_RATE: Final = 22050
_SECONDS_PER_LETTER: Final = 0.07
_WORD_SECONDS: Final = (0.12, 0.7)
_WORD_GAP: Final = 0.06
_COMMA_PAUSE: Final = 0.15
_SENTENCE_PAUSE: Final = 0.35
_FADE_SECONDS: Final = 0.015
_AMPLITUDE: Final = 0.3 * 32767
_HARMONICS: Final = 24
_FORMANTS: Final = {  # (F1, F2) in Hz of the vowel a word starts with, roughly
    "a": (730, 1090),
    "e": (530, 1840),
    "i": (390, 1990),
    "o": (570, 840),
    "u": (440, 1020),
    "y": (390, 1990),
}
_SCHWA: Final = (500, 1500)
_VOWEL: Final = re.compile(r"[aeiouy]")


def is_wav(data: bytes) -> bool:
    return len(data) > 44 and data[:4] == b"RIFF" and data[8:12] == b"WAVE"


class LocalSpeechSynthesizer:
    """espeak-ng when ``espeak_path`` names an installed program, else the tone voice."""

    def __init__(
        self,
        espeak_path: str = "espeak-ng",
        *,
        voice: str = "en",
        words_per_minute: int = WORDS_PER_MINUTE,
        timeout_seconds: float = ESPEAK_TIMEOUT_SECONDS,
    ) -> None:
        self._espeak = shutil.which(espeak_path) if espeak_path else None
        self._voice = voice
        self._words_per_minute = words_per_minute
        self._timeout_seconds = timeout_seconds

    @property
    def engine(self) -> str:
        """``espeak-ng`` or ``tones``: what the next call will try first."""
        return "espeak-ng" if self._espeak else "tones"

    async def synthesize(self, text: str) -> SpeechAudio:
        if self._espeak is not None:
            try:
                return SpeechAudio(await self._run_espeak(self._espeak, text), WAV)
            except (OSError, RuntimeError, TimeoutError) as exc:
                logger.warning("espeak-ng failed, using the tone voice: %s", exc)
        return SpeechAudio(await asyncio.to_thread(tone_speech, text, self._words_per_minute), WAV)

    async def aclose(self) -> None:
        return None

    async def _run_espeak(self, program: str, text: str) -> bytes:
        with tempfile.TemporaryDirectory(prefix="speech-") as work:
            target = Path(work) / "speech.wav"
            process = await asyncio.create_subprocess_exec(
                program,
                "-v",
                self._voice,
                "-s",
                str(self._words_per_minute),
                "-w",
                str(target),
                "--stdin",
                stdin=asyncio.subprocess.PIPE,
                stdout=asyncio.subprocess.DEVNULL,
                stderr=asyncio.subprocess.PIPE,
            )
            try:
                async with asyncio.timeout(self._timeout_seconds):
                    _, errors = await process.communicate(text.encode())
            except TimeoutError:
                with contextlib.suppress(ProcessLookupError):
                    process.kill()
                await process.wait()
                raise
            if process.returncode != 0:
                detail = errors.decode(errors="replace").strip()[:200]
                raise RuntimeError(f"exit status {process.returncode}: {detail}")
            data = target.read_bytes() if target.exists() else b""
        if not is_wav(data):
            raise RuntimeError("no WAV file was written")
        return data


def tone_speech(text: str, words_per_minute: int = WORDS_PER_MINUTE) -> bytes:
    """The tone voice: a mono 16-bit WAV of ``text`` (half a second of silence if empty)."""
    pace = WORDS_PER_MINUTE / max(1, words_per_minute)
    samples = array("h")
    tokens = re.findall(r"[^\s]+", text)
    for number, token in enumerate(tokens):
        word = re.sub(r"[^\w]", "", token.lower())
        if word:
            samples.extend(_voiced(word, pace, declination=number % 12))
        pause = _WORD_GAP
        if token[-1] in ".!?":
            pause = _SENTENCE_PAUSE
        elif token[-1] in ",;:":
            pause = _COMMA_PAUSE
        samples.extend(_silence(pause * pace))
    if not samples:
        samples.extend(_silence(0.5))
    output = io.BytesIO()
    with wave.open(output, "wb") as writer:
        writer.setnchannels(1)
        writer.setsampwidth(2)
        writer.setframerate(SAMPLE_RATE)
        writer.writeframes(samples.tobytes())
    return output.getvalue()


def _silence(seconds: float) -> "array[int]":
    return array("h", bytes(2 * round(seconds * SAMPLE_RATE)))


def _voiced(word: str, pace: float, declination: int) -> "array[int]":
    low, high = _WORD_SECONDS
    seconds = min(high, max(low, _SECONDS_PER_LETTER * len(word))) * pace
    pitch = 105.0 + zlib.crc32(word.encode()) % 50 - 2.0 * declination
    vowel = _VOWEL.search(word)
    first, second = _FORMANTS.get(vowel.group(), _SCHWA) if vowel else _SCHWA
    period = _period(pitch, first, second)
    count = round(seconds * SAMPLE_RATE)
    repeats = count // len(period) + 1
    sound = (period * repeats)[:count]
    fade = min(count // 2, round(_FADE_SECONDS * SAMPLE_RATE))
    for index in range(fade):
        gain = index / fade
        sound[index] = int(sound[index] * gain)
        sound[count - 1 - index] = int(sound[count - 1 - index] * gain)
    return sound


def _period(pitch: float, first: float, second: float) -> "array[int]":
    """One period of a vowel: harmonics of ``pitch`` weighted by two formant peaks."""
    length = max(2, round(SAMPLE_RATE / pitch))
    weights = []
    for harmonic in range(1, _HARMONICS + 1):
        frequency = harmonic * pitch
        weights.append(
            math.exp(-(((frequency - first) / 160.0) ** 2))
            + 0.6 * math.exp(-(((frequency - second) / 220.0) ** 2))
            + 0.08 / harmonic
        )
    values = [
        sum(
            weight * math.sin(2.0 * math.pi * harmonic * index / length)
            for harmonic, weight in enumerate(weights, start=1)
        )
        for index in range(length)
    ]
    peak = max(abs(value) for value in values) or 1.0
    return array("h", (round(value / peak * _AMPLITUDE) for value in values))
