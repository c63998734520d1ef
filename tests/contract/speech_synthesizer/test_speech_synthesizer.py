"""What every speech synthesizer promises: a whole, playable audio file of the type it
names, lasting about as long as the text takes to say.

Runs in the SQLite pass only: this adapter touches no database, Redis or job queue, so a
PostgreSQL pass would run the same code again."""

import io

import mutagen
import pytest

from tutor_platform.media.ports.authoring import SpeechSynthesizer

SHORT = "Plants make sugar from light."
LONG = " ".join(
    [
        "Photosynthesis happens in the chloroplasts of plant cells.",
        "Light energy splits water and releases oxygen into the air.",
        "The Calvin cycle then fixes carbon dioxide into sugars the plant can store.",
        "Without it, there would be almost no food for animals on land.",
    ]
)


def seconds_of(data: bytes) -> float:
    """The duration a decoder reads from the file's own headers."""
    parsed = mutagen.File(io.BytesIO(data))
    assert parsed is not None, "not an audio file mutagen can read"
    return float(parsed.info.length)


def assert_header_matches(data: bytes, content_type: str) -> None:
    if content_type == "audio/wav":
        assert data[:4] == b"RIFF"
        assert data[8:12] == b"WAVE"
    else:
        assert content_type == "audio/mpeg"
        assert data[:3] == b"ID3" or (data[0] == 0xFF and data[1] & 0xE0 == 0xE0)


async def test_speech_is_a_playable_file_of_the_type_it_names(
    synthesizer: SpeechSynthesizer,
) -> None:
    audio = await synthesizer.synthesize(SHORT)

    assert audio.content_type in ("audio/wav", "audio/mpeg")
    assert_header_matches(audio.data, audio.content_type)
    assert audio.extension == (".wav" if audio.content_type == "audio/wav" else ".mp3")
    assert 0.5 < seconds_of(audio.data) < 10


async def test_longer_text_gives_longer_speech_at_a_speaking_pace(
    synthesizer: SpeechSynthesizer,
) -> None:
    short = seconds_of((await synthesizer.synthesize(SHORT)).data)
    long = seconds_of((await synthesizer.synthesize(LONG)).data)

    words = len(LONG.split())
    assert long > 2 * short
    assert words / 4 < long < words


@pytest.mark.parametrize("text", ["Ça va très bien, merci — Grüße!", "-v --help 'quoted' $HOME"])
async def test_any_text_is_spoken_as_text(synthesizer: SpeechSynthesizer, text: str) -> None:
    audio = await synthesizer.synthesize(text)

    assert_header_matches(audio.data, audio.content_type)
    assert seconds_of(audio.data) > 0.3
