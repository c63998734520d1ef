"""Every ``Embedder`` adapter behind one harness: the offline WordLlama model, and the Gemini
and OpenAI-compatible adapters (real SDKs) against fake servers on localhost."""

import time
from collections.abc import AsyncIterator
from dataclasses import dataclass, field
from typing import Any

import pytest

from tests.fakes.asgi import Scripted, ScriptedServer
from tests.fakes.fixtures import (
    fake_gemini,
    fake_gemini_server,
    fake_openai,
    fake_openai_server,
)
from tests.fakes.gemini_server import FakeGemini, gemini_error
from tests.fakes.openai_server import FakeOpenAI, openai_error
from tests.fakes.tutor_models import (
    CLASSIFIERS,
    GEMINI_TEST_KEY,
    OPENAI_TEST_KEY,
    RecordedSleep,
)
from tutor_platform.ai.adapters.outbound.embedders import close_embedder
from tutor_platform.ai.adapters.outbound.endpoint import Endpoint
from tutor_platform.ai.adapters.outbound.gemini.embedder import GeminiEmbedder
from tutor_platform.ai.adapters.outbound.local.embedder import LocalEmbedder
from tutor_platform.ai.adapters.outbound.openai.embedder import OpenAIEmbedder
from tutor_platform.ai.ports.embedder import Embedder
from tutor_platform.shared.resilience import CircuitBreaker, Resilience, RetryConfig

__all__ = ["fake_gemini", "fake_gemini_server", "fake_openai", "fake_openai_server"]

DIMENSIONS = 96
FAST = RetryConfig(
    timeout_seconds=2.0,
    max_retries=2,
    backoff_base_seconds=0.01,
    backoff_max_seconds=0.05,
    retry_after_max_seconds=5.0,
    total_seconds=10.0,
)


@dataclass
class Harness:
    """An embedder under test, its fake server (remote ones) and what the policy waited."""

    name: str
    embedder: Embedder
    fake: ScriptedServer | None = None
    sleep: RecordedSleep = field(default_factory=RecordedSleep)

    @property
    def server(self) -> ScriptedServer:
        assert self.fake is not None
        return self.fake

    def error(self, status: int, retry_after: str | None = None, delay: float = 0.0) -> Scripted:
        builder = gemini_error if self.name == "gemini" else openai_error
        return builder(status, retry_after=retry_after, delay=delay)

    def texts_sent(self) -> list[list[str]]:
        """The texts of each request the fake received, in order."""
        sent = []
        for request in self.server.requests:
            body: dict[str, Any] = request.json()
            if self.name == "gemini":
                sent.append(
                    [
                        "".join(part["text"] for part in item["content"]["parts"])
                        for item in body["requests"]
                    ]
                )
            else:
                sent.append(list(body["input"]))
        return sent


def remote_embedder(
    name: str, url: str, *, config: RetryConfig = FAST, sleep: RecordedSleep | None = None
) -> GeminiEmbedder | OpenAIEmbedder:
    """The real remote embedder pointed at a fake server, its waits recorded, not slept."""
    resilience = Resilience(
        name,
        config,
        CircuitBreaker(5, 60.0, time.monotonic),
        CLASSIFIERS[name],
        sleep=sleep or RecordedSleep(),
    )
    timeout = config.timeout_seconds
    if name == "gemini":
        gemini = Endpoint(
            base_url=url, api_key=GEMINI_TEST_KEY, timeout_seconds=timeout, resilience=resilience
        )
        return GeminiEmbedder(gemini, model="gemini-embedding-test", dimensions=DIMENSIONS)
    openai = Endpoint(
        base_url=f"{url}/v1",
        api_key=OPENAI_TEST_KEY,
        timeout_seconds=timeout,
        resilience=resilience,
    )
    return OpenAIEmbedder(openai, model="embedding-test", dimensions=DIMENSIONS)


def _build(name: str, gemini: FakeGemini, openai: FakeOpenAI) -> Harness:
    if name == "local":
        return Harness(name, LocalEmbedder())
    fake: ScriptedServer = gemini if name == "gemini" else openai
    sleep = RecordedSleep()
    return Harness(name, remote_embedder(name, fake.url, sleep=sleep), fake, sleep)


@pytest.fixture(params=["local", "gemini", "openai"])
async def harness(
    request: pytest.FixtureRequest, fake_gemini: FakeGemini, fake_openai: FakeOpenAI
) -> AsyncIterator[Harness]:
    built = _build(request.param, fake_gemini, fake_openai)
    yield built
    await close_embedder(built.embedder)


@pytest.fixture(params=["gemini", "openai"])
async def remote(
    request: pytest.FixtureRequest, fake_gemini: FakeGemini, fake_openai: FakeOpenAI
) -> AsyncIterator[Harness]:
    built = _build(request.param, fake_gemini, fake_openai)
    yield built
    await close_embedder(built.embedder)
