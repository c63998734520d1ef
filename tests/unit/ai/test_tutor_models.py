"""The registry of tutor models built from the settings, as the container builds it."""

from collections.abc import AsyncIterator

import pytest

from tests.fakes.ai_core_server import FakeAiCore
from tests.fakes.gemini_server import FakeGemini
from tests.fakes.openai_server import FakeOpenAI
from tutor_platform.ai.adapters.outbound.ai_core.tutor_model import AiCoreTutorModel
from tutor_platform.ai.adapters.outbound.gemini.tutor_model import GeminiTutorModel
from tutor_platform.ai.adapters.outbound.local.tutor_model import LocalTutorModel
from tutor_platform.ai.adapters.outbound.openai.tutor_model import OpenAITutorModel
from tutor_platform.ai.adapters.outbound.registry import (
    ConfiguredTutorModels,
    build_tutor_models,
)
from tutor_platform.ai.adapters.outbound.untrusted_output import UntrustedOutput
from tutor_platform.ai.ports.model import (
    PROVIDER_NAMES,
    GradingRequest,
    ProviderNotConfigured,
    TutorPrompt,
)
from tutor_platform.bootstrap.container import build_container
from tutor_platform.bootstrap.settings import Settings, SettingsError, load_settings
from tutor_platform.shared.errors import UpstreamFailed

PROMPT = TutorPrompt(system_prompt="You are a tutor.", message="Hello?")


def settings(**values: object) -> Settings:
    return load_settings(environ={}, env_file=None, environment="test", **values)


@pytest.fixture
async def configured(
    fake_gemini: FakeGemini, fake_ai_core: FakeAiCore, fake_openai: FakeOpenAI
) -> AsyncIterator[ConfiguredTutorModels]:
    models = build_tutor_models(
        settings(
            ai_provider_default="gemini",
            gemini_api_key="key-from-settings",
            gemini_model="gemini-from-settings",
            gemini_base_url=fake_gemini.url,
            ai_core_url=fake_ai_core.url,
            openai_api_key="openai-key-from-settings",
            openai_model="openai-model-from-settings",
            openai_base_url=f"{fake_openai.url}/v1",
            ai_timeout_seconds=2,
            ai_backoff_seconds=0.01,
        )
    )
    yield models
    await models.aclose()


def inner(model: object) -> object:
    """The provider's adapter behind the untrusted-output guard every model is served in."""
    assert isinstance(model, UntrustedOutput)
    return model.inner


def test_by_default_only_the_offline_model_is_configured_and_it_is_the_default() -> None:
    models = build_tutor_models(settings())

    assert models.default_provider == "local"
    assert isinstance(inner(models.get()), LocalTutorModel)
    assert models.configured == {"local"}
    assert {models.get(name).provider for name in PROVIDER_NAMES} == set(PROVIDER_NAMES)


@pytest.mark.parametrize("provider", ["gemini", "ai_core", "openai"])
async def test_a_provider_without_key_or_url_fails_clearly_when_used(provider: str) -> None:
    model = build_tutor_models(settings()).get(provider)

    with pytest.raises(ProviderNotConfigured, match=f"^provider {provider} is not configured$"):
        await model.reply(PROMPT)
    with pytest.raises(UpstreamFailed, match="not configured"):
        await anext(model.stream(PROMPT))
    with pytest.raises(UpstreamFailed, match="not configured"):
        await model.grade(GradingRequest(question="q", answer="a"))
    assert await model.health() is False


def test_an_unknown_provider_is_a_programming_error() -> None:
    with pytest.raises(LookupError, match="unknown AI provider 'mistral'"):
        build_tutor_models(settings()).get("mistral")


def test_an_unknown_default_provider_is_refused_by_the_settings() -> None:
    with pytest.raises(SettingsError, match="AI_PROVIDER_DEFAULT"):
        settings(ai_provider_default="mistral")


async def test_configured_providers_are_built_from_the_settings(
    configured: ConfiguredTutorModels,
    fake_gemini: FakeGemini,
    fake_ai_core: FakeAiCore,
    fake_openai: FakeOpenAI,
) -> None:
    assert configured.configured == set(PROVIDER_NAMES)
    assert configured.default_provider == "gemini"
    assert isinstance(inner(configured.get()), GeminiTutorModel)
    assert isinstance(inner(configured.get("ai_core")), AiCoreTutorModel)
    assert isinstance(inner(configured.get("openai")), OpenAITutorModel)

    gemini_reply = await configured.get().reply(PROMPT)
    ai_core_reply = await configured.get("ai_core").reply(PROMPT)

    assert gemini_reply.model_id == "gemini-from-settings"
    assert fake_gemini.last_request.headers["x-goog-api-key"] == "key-from-settings"
    assert ai_core_reply.provider == "ai_core"
    assert "authorization" not in fake_ai_core.last_request.headers

    openai_reply = await configured.get("openai").reply(PROMPT)

    assert openai_reply.model_id == "openai-model-from-settings"
    request = fake_openai.last_request
    assert request.headers["authorization"] == "Bearer openai-key-from-settings"
    assert request.json()["model"] == "openai-model-from-settings"


async def test_the_container_shares_one_registry_and_so_one_breaker_per_provider() -> None:
    container = build_container(settings(gemini_api_key="k"))

    first, second = container.tutor_models(), container.tutor_models()

    assert first is second
    assert isinstance(first, ConfiguredTutorModels)
    assert first.configured == {"local", "gemini"}
