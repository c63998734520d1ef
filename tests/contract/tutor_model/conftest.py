"""Every ``TutorModel`` adapter behind one harness: the offline model, and the Gemini,
AI-Core and OpenAI-compatible adapters (real SDK / httpx) against fake servers on localhost."""

import asyncio
from collections.abc import AsyncIterator
from dataclasses import dataclass, field, replace
from typing import Any

import pytest

from tests.fakes.ai_core_server import FakeAiCore, ai_core_error, ai_core_reply
from tests.fakes.asgi import Scripted, ScriptedServer
from tests.fakes.fixtures import (
    fake_ai_core,
    fake_ai_core_server,
    fake_gemini,
    fake_gemini_server,
    fake_openai,
    fake_openai_server,
)
from tests.fakes.gemini_server import FakeGemini, gemini_error, gemini_reply
from tests.fakes.openai_server import FakeOpenAI, openai_error, openai_reply
from tests.fakes.tutor_models import RecordedSleep, remote_model
from tutor_platform.ai.adapters.outbound.local.tutor_model import LocalTutorModel
from tutor_platform.ai.ports.model import TutorModel, TutorPrompt
from tutor_platform.shared.resilience import RetryConfig

__all__ = [
    "fake_ai_core",
    "fake_ai_core_server",
    "fake_gemini",
    "fake_gemini_server",
    "fake_openai",
    "fake_openai_server",
]
ERRORS = {"gemini": gemini_error, "ai_core": ai_core_error, "openai": openai_error}
REPLIES = {"gemini": gemini_reply, "ai_core": ai_core_reply, "openai": openai_reply}


@dataclass
class Harness:
    """A model under test, its fake server (remote ones) and what the retry policy waited."""

    name: str
    model: TutorModel
    fake: ScriptedServer | None = None
    sleep: RecordedSleep = field(default_factory=RecordedSleep)

    @property
    def server(self) -> ScriptedServer:
        assert self.fake is not None
        return self.fake

    def error(self, status: int, retry_after: str | None = None, delay: float = 0.0) -> Scripted:
        return ERRORS[self.name](status, retry_after=retry_after, delay=delay)

    def answer(self, text: str, delay: float = 0.0) -> Scripted:
        return replace(REPLIES[self.name](text), delay=delay)

    async def warm_up(self) -> None:
        """One call to open the connection, so that timing tests measure only the provider."""
        await self.model.reply(TutorPrompt(system_prompt="", message="warm up"))
        self.server.requests.clear()

    async def requests_arrived(self, count: int) -> None:
        """Wait (a few seconds at most) until the fake has received ``count`` requests."""
        for _ in range(500):
            if len(self.server.requests) >= count:
                return
            await asyncio.sleep(0.01)
        raise AssertionError(f"the fake received {len(self.server.requests)} of {count} requests")

    async def rebuild(self, config: RetryConfig, breaker_threshold: int = 5) -> None:
        """Replace the model by one with other resilience options (same fake, same sleep)."""
        await _close(self.model)
        self.model = remote_model(
            self.name,
            self.server.url,
            config=config,
            sleep=self.sleep,
            breaker_threshold=breaker_threshold,
        )


async def _close(model: TutorModel) -> None:
    aclose = getattr(model, "aclose", None)
    if aclose is not None:
        await aclose()


@dataclass
class Fakes:
    gemini: FakeGemini
    ai_core: FakeAiCore
    openai: FakeOpenAI


@pytest.fixture
def fakes(fake_gemini: FakeGemini, fake_ai_core: FakeAiCore, fake_openai: FakeOpenAI) -> Fakes:
    return Fakes(fake_gemini, fake_ai_core, fake_openai)


@pytest.fixture(params=["local", "gemini", "ai_core", "openai"])
async def harness(request: pytest.FixtureRequest, fakes: Fakes) -> AsyncIterator[Harness]:
    built = _build(request.param, fakes)
    yield built
    await _close(built.model)


@pytest.fixture(params=["gemini", "ai_core", "openai"])
async def remote(request: pytest.FixtureRequest, fakes: Fakes) -> AsyncIterator[Harness]:
    built = _build(request.param, fakes)
    yield built
    await _close(built.model)


def _build(name: str, fakes: Fakes) -> Harness:
    if name == "local":
        return Harness(name, LocalTutorModel())
    fake: ScriptedServer = getattr(fakes, name)
    sleep = RecordedSleep()
    return Harness(name, remote_model(name, fake.url, sleep=sleep), fake, sleep)


TIGHT = RetryConfig(
    timeout_seconds=2.0,
    max_retries=2,
    backoff_base_seconds=0.01,
    backoff_max_seconds=0.05,
    retry_after_max_seconds=5.0,
    total_seconds=5.0,
)


def tight(**options: Any) -> RetryConfig:
    """A retry config for failure tests: tiny backoff, as many retries as asked."""
    return replace(TIGHT, **options)
