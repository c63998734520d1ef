"""The ElevenLabs adapter on the wire (through the real SDK) and on a bad day: 401, 429 with
``Retry-After``, 500, a timeout and a malformed answer all end as ``UpstreamFailed`` (502)
after the retries that make sense, and never leak the API key.

Runs in the SQLite pass only: this adapter touches no database, Redis or job queue, so a
PostgreSQL pass would run the same code again."""

import time

import pytest

from tests.contract.speech_synthesizer.conftest import (
    API_KEY,
    MODEL_ID,
    VOICE_ID,
    RecordedSleep,
    elevenlabs,
)
from tests.contract.speech_synthesizer.fake_elevenlabs import (
    FakeElevenLabs,
    elevenlabs_audio,
    elevenlabs_error,
    mp3_frames,
)
from tests.fakes.asgi import Scripted
from tests.fakes.log_capture import rendered_logs
from tutor_platform.media.adapters.outbound.speech.elevenlabs import (
    SpeechProviderNotConfigured,
)
from tutor_platform.shared.errors import UpstreamFailed
from tutor_platform.shared.resilience import CircuitOpen, RetryConfig

TEXT = "Osmosis moves water through a membrane."


async def test_the_request_is_elevenlabs_text_to_speech(fake_elevenlabs: FakeElevenLabs) -> None:
    synthesizer = elevenlabs(fake_elevenlabs.url)

    audio = await synthesizer.synthesize(TEXT)

    request = fake_elevenlabs.last_request
    assert request.method == "POST"
    assert request.path == f"/v1/text-to-speech/{VOICE_ID}"
    assert request.query["output_format"] == ["mp3_44100_128"]
    assert request.headers["xi-api-key"] == API_KEY
    assert request.json()["text"] == TEXT
    assert request.json()["model_id"] == MODEL_ID
    assert audio.content_type == "audio/mpeg"
    assert audio.data == mp3_frames(len(TEXT.split()) * 0.4)
    await synthesizer.aclose()


async def test_an_unauthorised_key_fails_at_once(fake_elevenlabs: FakeElevenLabs) -> None:
    synthesizer = elevenlabs(fake_elevenlabs.url)
    fake_elevenlabs.enqueue(elevenlabs_error(401))

    with pytest.raises(UpstreamFailed, match="http_401, 1 attempt"):
        await synthesizer.synthesize(TEXT)

    assert len(fake_elevenlabs.requests) == 1
    await synthesizer.aclose()


async def test_429_is_retried_after_the_wait_the_provider_asks_for(
    fake_elevenlabs: FakeElevenLabs,
) -> None:
    sleep = RecordedSleep()
    synthesizer = elevenlabs(fake_elevenlabs.url, sleep=sleep)
    fake_elevenlabs.enqueue(elevenlabs_error(429, retry_after="3"))

    audio = await synthesizer.synthesize(TEXT)

    assert audio.content_type == "audio/mpeg"
    assert sleep.waits == [3.0]
    assert len(fake_elevenlabs.requests) == 2
    await synthesizer.aclose()


async def test_server_errors_are_retried_then_reported(fake_elevenlabs: FakeElevenLabs) -> None:
    sleep = RecordedSleep()
    synthesizer = elevenlabs(fake_elevenlabs.url, sleep=sleep)
    fake_elevenlabs.enqueue(*(elevenlabs_error(500) for _ in range(3)))

    with pytest.raises(UpstreamFailed, match="http_500, 3 attempts"):
        await synthesizer.synthesize(TEXT)

    assert len(fake_elevenlabs.requests) == 3
    assert len(sleep.waits) == 2
    await synthesizer.aclose()


async def test_a_provider_that_does_not_answer_in_time_fails(
    fake_elevenlabs: FakeElevenLabs,
) -> None:
    config = RetryConfig(timeout_seconds=0.5, max_retries=1, backoff_base_seconds=0.01)
    synthesizer = elevenlabs(fake_elevenlabs.url, config=config)
    late = elevenlabs_audio(mp3_frames(1.0), delay=3.0)
    fake_elevenlabs.enqueue(late, late)
    started = time.monotonic()

    with pytest.raises(UpstreamFailed, match="timeout, 2 attempts"):
        await synthesizer.synthesize(TEXT)

    assert time.monotonic() - started < 2.5
    await synthesizer.aclose()


@pytest.mark.parametrize(
    "answer",
    [
        Scripted(body=b"<html>maintenance</html>", headers={"content-type": "audio/mpeg"}),
        Scripted(body=b"", headers={"content-type": "audio/mpeg"}),
        Scripted(json={"audio": "not bytes"}),
    ],
)
async def test_an_answer_that_is_not_mpeg_audio_is_not_retried(
    fake_elevenlabs: FakeElevenLabs, answer: Scripted
) -> None:
    synthesizer = elevenlabs(fake_elevenlabs.url)
    fake_elevenlabs.enqueue(answer)

    with pytest.raises(UpstreamFailed, match="malformed"):
        await synthesizer.synthesize(TEXT)

    assert len(fake_elevenlabs.requests) == 1
    await synthesizer.aclose()


async def test_repeated_failures_open_the_circuit(fake_elevenlabs: FakeElevenLabs) -> None:
    config = RetryConfig(timeout_seconds=2.0, max_retries=0)
    synthesizer = elevenlabs(fake_elevenlabs.url, config=config, breaker_threshold=2)
    fake_elevenlabs.enqueue(elevenlabs_error(503), elevenlabs_error(503))
    for _ in range(2):
        with pytest.raises(UpstreamFailed):
            await synthesizer.synthesize(TEXT)

    with pytest.raises(CircuitOpen):
        await synthesizer.synthesize(TEXT)

    assert len(fake_elevenlabs.requests) == 2
    await synthesizer.aclose()


async def test_without_a_key_it_is_not_configured_and_calls_nobody(
    fake_elevenlabs: FakeElevenLabs,
) -> None:
    synthesizer = elevenlabs(fake_elevenlabs.url, api_key="")

    with pytest.raises(SpeechProviderNotConfigured, match="not configured"):
        await synthesizer.synthesize(TEXT)

    assert fake_elevenlabs.requests == []


async def test_the_api_key_never_reaches_the_logs(fake_elevenlabs: FakeElevenLabs) -> None:
    synthesizer = elevenlabs(fake_elevenlabs.url)
    fake_elevenlabs.enqueue(elevenlabs_error(500))

    with rendered_logs() as logs:
        await synthesizer.synthesize(TEXT)

    text = logs.getvalue()
    assert "upstream_call" in text
    assert API_KEY not in text
    await synthesizer.aclose()
