"""Remote tutor models wired to the fake servers, with fast retries and a recorded sleep.

``remote_model("gemini" | "ai_core" | "openai", url)`` builds the real adapter (real SDK /
httpx) with a ``Resilience`` whose waits are recorded instead of slept, so a test can assert that a
``Retry-After`` was honoured without waiting for it. Timeouts stay real (and small).
"""

import asyncio
import time
from dataclasses import dataclass, field

from tutor_platform.ai.adapters.outbound.ai_core.tutor_model import (
    AiCoreTutorModel,
    classify_ai_core_error,
)
from tutor_platform.ai.adapters.outbound.endpoint import Endpoint
from tutor_platform.ai.adapters.outbound.gemini.tutor_model import (
    GeminiTutorModel,
    classify_gemini_error,
)
from tutor_platform.ai.adapters.outbound.openai.tutor_model import (
    OpenAITutorModel,
    classify_openai_error,
)
from tutor_platform.shared.resilience import CircuitBreaker, Resilience, RetryConfig

GEMINI_TEST_KEY = "test-gemini-key-0123456789"
AI_CORE_TEST_KEY = "test-ai-core-key-9876543210"
OPENAI_TEST_KEY = "test-openai-key-5555555555"
CLASSIFIERS = {
    "gemini": classify_gemini_error,
    "ai_core": classify_ai_core_error,
    "openai": classify_openai_error,
}
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


def remote_model(
    provider: str,
    url: str,
    *,
    config: RetryConfig = FAST,
    sleep: RecordedSleep | None = None,
    breaker_threshold: int = 5,
) -> GeminiTutorModel | AiCoreTutorModel | OpenAITutorModel:
    """The real ``gemini``, ``ai_core`` or ``openai`` adapter pointed at a fake server."""
    resilience = Resilience(
        provider,
        config,
        CircuitBreaker(breaker_threshold, 60.0, time.monotonic),
        CLASSIFIERS[provider],
        sleep=sleep or RecordedSleep(),
    )
    timeout = config.timeout_seconds
    if provider == "gemini":
        gemini = Endpoint(
            base_url=url, api_key=GEMINI_TEST_KEY, timeout_seconds=timeout, resilience=resilience
        )
        return GeminiTutorModel(gemini, default_model="gemini-test")
    if provider == "openai":
        openai = Endpoint(
            base_url=f"{url}/v1",
            api_key=OPENAI_TEST_KEY,
            timeout_seconds=timeout,
            resilience=resilience,
        )
        return OpenAITutorModel(openai, default_model="gpt-test")
    return AiCoreTutorModel(
        Endpoint(
            base_url=url, api_key=AI_CORE_TEST_KEY, timeout_seconds=timeout, resilience=resilience
        )
    )
