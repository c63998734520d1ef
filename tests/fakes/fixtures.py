"""pytest fixtures serving the fakes; import them into a ``conftest.py`` to use them.

One server per test session (its ``url`` set); the function-scoped fixtures give it with an
empty script and no recorded requests.
"""

from collections.abc import Iterator

import pytest

from tests.fakes.ai_core_server import FakeAiCore
from tests.fakes.asgi import serve_asgi
from tests.fakes.gemini_server import FakeGemini
from tests.fakes.openai_server import FakeOpenAI


@pytest.fixture(scope="session")
def fake_gemini_server() -> Iterator[FakeGemini]:
    fake = FakeGemini()
    with serve_asgi(fake) as url:
        fake.url = url
        yield fake


@pytest.fixture
def fake_gemini(fake_gemini_server: FakeGemini) -> FakeGemini:
    fake_gemini_server.reset()
    return fake_gemini_server


@pytest.fixture(scope="session")
def fake_ai_core_server() -> Iterator[FakeAiCore]:
    fake = FakeAiCore()
    with serve_asgi(fake) as url:
        fake.url = url
        yield fake


@pytest.fixture
def fake_ai_core(fake_ai_core_server: FakeAiCore) -> FakeAiCore:
    fake_ai_core_server.reset()
    return fake_ai_core_server


@pytest.fixture(scope="session")
def fake_openai_server() -> Iterator[FakeOpenAI]:
    fake = FakeOpenAI()
    with serve_asgi(fake) as url:
        fake.url = url
        yield fake


@pytest.fixture
def fake_openai(fake_openai_server: FakeOpenAI) -> FakeOpenAI:
    fake_openai_server.reset()
    return fake_openai_server
