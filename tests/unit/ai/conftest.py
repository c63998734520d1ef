from tests.fakes.fixtures import (
    fake_ai_core,
    fake_ai_core_server,
    fake_gemini,
    fake_gemini_server,
    fake_openai,
    fake_openai_server,
)

__all__ = [
    "fake_ai_core",
    "fake_ai_core_server",
    "fake_gemini",
    "fake_gemini_server",
    "fake_openai",
    "fake_openai_server",
]
