"""The model a new tutor gets for each provider when it names none."""

from tutor_platform.ai.adapters.outbound.ai_core.tutor_model import (
    DEFAULT_MODEL_ID as AI_CORE_DEFAULT_MODEL,
)
from tutor_platform.ai.adapters.outbound.local.tutor_model import (
    MODEL_ID as LOCAL_MODEL,
)
from tutor_platform.ai.adapters.outbound.registry import TutorModelSettings


def default_model_ids(settings: TutorModelSettings) -> dict[str, str]:
    """``local``: the offline model; ``gemini``: ``GEMINI_MODEL``; ``ai_core``: its default;
    ``openai``: ``OPENAI_MODEL``."""
    return {
        "local": LOCAL_MODEL,
        "gemini": settings.gemini_model,
        "ai_core": AI_CORE_DEFAULT_MODEL,
        "openai": settings.openai_model,
    }
