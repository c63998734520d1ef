"""The offline speech: espeak-ng driven as a program (here a stand-in script that records how
it was called), and the tone voice it falls back to when espeak-ng is missing or fails."""

import io
import json
import stat
import sys
import time
import wave
from pathlib import Path

import pytest

from tutor_platform.media.adapters.outbound.speech.local import (
    SAMPLE_RATE,
    LocalSpeechSynthesizer,
    is_wav,
    tone_speech,
)

FAKE_ESPEAK = """#!{python}
import json, sys, wave
args = sys.argv[1:]
text = sys.stdin.read()
with open({log!r}, "a") as log:
    log.write(json.dumps([args, text]))
mode = {mode!r}
if mode == "fail":
    sys.stderr.write("voice not found")
    sys.exit(2)
if mode == "hang":
    import time
    time.sleep(30)
target = args[args.index("-w") + 1]
if mode == "garbage":
    open(target, "wb").write(b"not a wav file at all" * 4)
    sys.exit(0)
with wave.open(target, "wb") as out:
    out.setnchannels(1)
    out.setsampwidth(2)
    out.setframerate(8000)
    out.writeframes(bytes(2 * 800 * len(text.split())))
"""


def fake_espeak(tmp_path: Path, mode: str = "ok") -> tuple[str, Path]:
    log = tmp_path / f"espeak-{mode}.log"
    script = tmp_path / f"espeak-{mode}"
    script.write_text(FAKE_ESPEAK.format(python=sys.executable, log=str(log), mode=mode))
    script.chmod(script.stat().st_mode | stat.S_IXUSR)
    return str(script), log


def wav_seconds(data: bytes) -> float:
    with wave.open(io.BytesIO(data)) as reader:
        return reader.getnframes() / reader.getframerate()


async def test_espeak_gets_the_text_on_standard_input_and_its_wav_is_returned(
    tmp_path: Path,
) -> None:
    program, log = fake_espeak(tmp_path)
    synthesizer = LocalSpeechSynthesizer(program, voice="en-gb", words_per_minute=140)
    text = "-w /etc/passwd is only text here"

    audio = await synthesizer.synthesize(text)

    args, spoken = json.loads(log.read_text())
    assert spoken == text
    assert args[:4] == ["-v", "en-gb", "-s", "140"]
    assert args[4] == "-w"
    assert args[6:] == ["--stdin"]
    assert synthesizer.engine == "espeak-ng"
    assert audio.content_type == "audio/wav"
    assert wav_seconds(audio.data) == pytest.approx(0.1 * len(text.split()))


@pytest.mark.parametrize("mode", ["fail", "garbage"])
async def test_when_espeak_fails_the_tone_voice_speaks(tmp_path: Path, mode: str) -> None:
    program, log = fake_espeak(tmp_path, mode)
    text = "Plants make sugar from light."

    audio = await LocalSpeechSynthesizer(program).synthesize(text)

    assert log.exists()
    assert audio.data == tone_speech(text)


async def test_an_espeak_that_hangs_is_stopped_and_the_tone_voice_speaks(tmp_path: Path) -> None:
    program, _ = fake_espeak(tmp_path, "hang")
    started = time.monotonic()

    audio = await LocalSpeechSynthesizer(program, timeout_seconds=0.5).synthesize("Hello there.")

    assert time.monotonic() - started < 5
    assert audio.data == tone_speech("Hello there.")


@pytest.mark.parametrize("path", ["", "/nonexistent/espeak-ng", "no-such-program-here"])
async def test_without_espeak_the_tone_voice_is_used(path: str) -> None:
    synthesizer = LocalSpeechSynthesizer(path)

    audio = await synthesizer.synthesize("One two three.")

    assert synthesizer.engine == "tones"
    assert audio.data == tone_speech("One two three.")


def test_the_tone_voice_is_a_mono_16_bit_wav_as_long_as_the_text_takes() -> None:
    short = tone_speech("Cells make energy.")
    long = tone_speech("Cells make energy. " * 30)

    assert is_wav(short)
    with wave.open(io.BytesIO(long)) as reader:
        assert (reader.getnchannels(), reader.getsampwidth()) == (1, 2)
        assert reader.getframerate() == SAMPLE_RATE
    assert 40 < wav_seconds(long) < 60
    assert wav_seconds(long) > 20 * wav_seconds(short)


def test_the_tone_voice_is_deterministic_and_not_silent() -> None:
    first = tone_speech("Mitochondria, the powerhouse!")

    assert first == tone_speech("Mitochondria, the powerhouse!")
    with wave.open(io.BytesIO(first)) as reader:
        frames = reader.readframes(reader.getnframes())
    assert max(frames) > 0
    assert wav_seconds(tone_speech("")) == pytest.approx(0.5)


def test_a_slower_pace_gives_longer_speech() -> None:
    text = "The same words at two speeds."

    assert wav_seconds(tone_speech(text, 75)) == pytest.approx(
        2 * wav_seconds(tone_speech(text, 150)), rel=0.01
    )
