"""The tutor model of each provider, built from the settings (``tutor_models`` in the container).

Every provider is known from the start; one without its key (Gemini, OpenAI) or URL (AI-Core) is an
``UnconfiguredTutorModel`` that raises ``ProviderNotConfigured`` when used, so a missing key
breaks only the tutors that need it, not the start-up. Each remote provider has one
``Resilience`` (and so one circuit breaker) shared by every call to it.
"""

from collections.abc import AsyncIterator, Mapping
from typing import Protocol

from tutor_platform.ai.adapters.outbound.ai_core.tutor_model import (
    AiCoreTutorModel,
    classify_ai_core_error,
)
from tutor_platform.ai.adapters.outbound.endpoint import Endpoint, RemoteClient, provider_endpoint
from tutor_platform.ai.adapters.outbound.local.tutor_model import LocalTutorModel
from tutor_platform.ai.adapters.outbound.untrusted_output import UntrustedOutput
from tutor_platform.ai.ports.model import (
    GradingRequest,
    ProviderNotConfigured,
    RubricGrade,
    StreamItem,
    TutorModel,
    TutorPrompt,
    TutorReply,
)
from tutor_platform.shared.resilience import Classifier
from tutor_platform.shared.resilience.provider import ResilienceSettings

DEFAULT_MAX_OUTPUT_CHARACTERS = 200_000
"""The most text one answer may have (the longest lesson content)."""


class UnconfiguredTutorModel:
    """Stands for a provider without its key or URL: every use raises ``ProviderNotConfigured``."""

    def __init__(self, provider: str) -> None:
        self.provider = provider

    async def reply(self, prompt: TutorPrompt) -> TutorReply:
        raise ProviderNotConfigured(self.provider)

    async def stream(self, prompt: TutorPrompt) -> AsyncIterator[StreamItem]:
        raise ProviderNotConfigured(self.provider)
        yield  # never reached: it makes this an async generator, failing on the first item

    async def grade(self, request: GradingRequest) -> RubricGrade:
        raise ProviderNotConfigured(self.provider)

    async def health(self) -> bool:
        return False


class ConfiguredTutorModels:
    """Implements the ``TutorModels`` port over a fixed mapping of provider name to model."""

    def __init__(
        self,
        models: Mapping[str, TutorModel],
        default_provider: str,
        max_output_characters: int = DEFAULT_MAX_OUTPUT_CHARACTERS,
    ) -> None:
        if default_provider not in models:
            raise ValueError(f"unknown default AI provider {default_provider!r}")
        self._models = dict(models)
        self._guarded = {
            name: UntrustedOutput(model, max_output_characters) for name, model in models.items()
        }
        self._default = default_provider

    @property
    def default_provider(self) -> str:
        return self._default

    @property
    def configured(self) -> frozenset[str]:
        """The providers that have what they need to be called."""
        models = self._models.items()
        return frozenset(n for n, m in models if not isinstance(m, UnconfiguredTutorModel))

    def get(self, provider: str | None = None) -> TutorModel:
        name = provider or self._default
        try:
            return self._guarded[name]
        except KeyError:
            raise LookupError(f"unknown AI provider {name!r}") from None

    async def aclose(self) -> None:
        """Close the remote adapters' HTTP clients."""
        for model in self._models.values():
            if isinstance(model, RemoteClient):
                await model.aclose()


class TutorModelSettings(ResilienceSettings, Protocol):
    """The settings the registry is built from (``bootstrap.settings.Settings`` has them)."""

    @property
    def ai_provider_default(self) -> str: ...
    @property
    def gemini_api_key(self) -> str: ...
    @property
    def gemini_model(self) -> str: ...
    @property
    def gemini_base_url(self) -> str: ...
    @property
    def ai_core_url(self) -> str: ...
    @property
    def ai_core_api_key(self) -> str: ...
    @property
    def openai_base_url(self) -> str: ...
    @property
    def openai_api_key(self) -> str: ...
    @property
    def openai_model(self) -> str: ...
    @property
    def ai_max_output_characters(self) -> int: ...


def build_tutor_models(settings: TutorModelSettings) -> ConfiguredTutorModels:
    """Every provider's model from the settings; nothing connects until a model is used.

    A remote provider's SDK is imported only when the provider is configured, so a process
    without its key never pays for loading it."""

    def endpoint(provider: str, base_url: str, api_key: str, classify: Classifier) -> Endpoint:
        return provider_endpoint(provider, base_url, api_key, classify, settings)

    models: dict[str, TutorModel] = {
        "local": LocalTutorModel(),
        "gemini": UnconfiguredTutorModel("gemini"),
        "ai_core": UnconfiguredTutorModel("ai_core"),
        "openai": UnconfiguredTutorModel("openai"),
    }
    if settings.gemini_api_key:
        from tutor_platform.ai.adapters.outbound.gemini.tutor_model import (
            GeminiTutorModel,
            classify_gemini_error,
        )

        models["gemini"] = GeminiTutorModel(
            endpoint(
                "gemini", settings.gemini_base_url, settings.gemini_api_key, classify_gemini_error
            ),
            default_model=settings.gemini_model,
        )
    if settings.ai_core_url:
        models["ai_core"] = AiCoreTutorModel(
            endpoint(
                "ai_core", settings.ai_core_url, settings.ai_core_api_key, classify_ai_core_error
            )
        )
    if settings.openai_api_key:
        from tutor_platform.ai.adapters.outbound.openai.tutor_model import (
            OpenAITutorModel,
            classify_openai_error,
        )

        models["openai"] = OpenAITutorModel(
            endpoint(
                "openai", settings.openai_base_url, settings.openai_api_key, classify_openai_error
            ),
            default_model=settings.openai_model,
        )
    return ConfiguredTutorModels(
        models, settings.ai_provider_default, settings.ai_max_output_characters
    )
