"""Every ``SpeechSynthesizer`` adapter behind one fixture: the local one (espeak-ng when
installed, else its tone voice), the local tone voice alone, and ElevenLabs (the real SDK)
against a fake server on localhost."""

import asyncio
import time
from collections.abc import AsyncIterator, Iterator
from dataclasses import dataclass, field

import pytest

from tests.contract.speech_synthesizer.fake_elevenlabs import FakeElevenLabs
from tests.fakes.asgi import serve_asgi
from tutor_platform.media.adapters.outbound.speech.elevenlabs import (
    ElevenLabsSpeechSynthesizer,
    classify_elevenlabs_error,
)
from tutor_platform.media.adapters.outbound.speech.local import LocalSpeechSynthesizer
from tutor_platform.media.ports.authoring import SpeechSynthesizer
from tutor_platform.shared.resilience import CircuitBreaker, Resilience, RetryConfig

API_KEY = "test-elevenlabs-key-0123456789"
VOICE_ID = "voice-test-1"
MODEL_ID = "eleven_test_v1"
FAST = RetryConfig(
    timeout_seconds=2.0,
    max_retries=2,
    backoff_base_seconds=0.01,
    backoff_max_seconds=0.05,
    retry_after_max_seconds=5.0,
    total_seconds=10.0,
)


@dataclass
class RecordedSleep:
    """Stands in for ``asyncio.sleep`` in the retry policy: remembers each wait."""

    waits: list[float] = field(default_factory=list)

    async def __call__(self, seconds: float) -> None:
        self.waits.append(seconds)
        await asyncio.sleep(0)


def elevenlabs(
    url: str,
    *,
    api_key: str = API_KEY,
    config: RetryConfig = FAST,
    sleep: RecordedSleep | None = None,
    breaker_threshold: int = 5,
) -> ElevenLabsSpeechSynthesizer:
    """The real adapter pointed at the fake, with recorded (not slept) backoff."""
    resilience = Resilience(
        "elevenlabs",
        config,
        CircuitBreaker(breaker_threshold, 60.0, time.monotonic),
        classify_elevenlabs_error,
        sleep=sleep or RecordedSleep(),
    )
    return ElevenLabsSpeechSynthesizer(
        api_key=api_key,
        base_url=url,
        voice_id=VOICE_ID,
        model_id=MODEL_ID,
        timeout_seconds=config.timeout_seconds,
        resilience=resilience,
    )


@pytest.fixture(scope="session")
def fake_elevenlabs_server() -> Iterator[FakeElevenLabs]:
    fake = FakeElevenLabs()
    with serve_asgi(fake) as url:
        fake.url = url
        yield fake


@pytest.fixture
def fake_elevenlabs(fake_elevenlabs_server: FakeElevenLabs) -> FakeElevenLabs:
    fake_elevenlabs_server.reset()
    return fake_elevenlabs_server


@pytest.fixture(params=["local", "local-tones", "elevenlabs"])
async def synthesizer(
    request: pytest.FixtureRequest, fake_elevenlabs: FakeElevenLabs
) -> AsyncIterator[SpeechSynthesizer]:
    adapter: LocalSpeechSynthesizer | ElevenLabsSpeechSynthesizer
    if request.param == "local":
        adapter = LocalSpeechSynthesizer()
    elif request.param == "local-tones":
        adapter = LocalSpeechSynthesizer(espeak_path="")
    else:
        adapter = elevenlabs(fake_elevenlabs.url)
    yield adapter
    await adapter.aclose()
