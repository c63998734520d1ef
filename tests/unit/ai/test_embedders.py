"""The embedder the settings choose, and the offline one staying offline."""

import socket
from typing import Any

import pytest

from tests.fakes.openai_server import FakeOpenAI
from tutor_platform.ai.adapters.outbound.embedders import build_embedder, close_embedder
from tutor_platform.ai.adapters.outbound.gemini.embedder import GeminiEmbedder
from tutor_platform.ai.adapters.outbound.local.embedder import LocalEmbedder
from tutor_platform.ai.adapters.outbound.openai.embedder import OpenAIEmbedder
from tutor_platform.bootstrap.settings import Settings, SettingsError, load_settings
from tutor_platform.shared.errors import UpstreamFailed


def settings(**values: object) -> Settings:
    return load_settings(environ={}, env_file=None, environment="test", **values)


def _no_network(*args: Any, **kwargs: Any) -> Any:
    raise AssertionError("the local embedder tried to use the network")


async def test_the_local_embedder_loads_and_embeds_without_a_socket(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(socket.socket, "connect", _no_network)
    monkeypatch.setattr(socket.socket, "connect_ex", _no_network)
    monkeypatch.setattr(socket, "getaddrinfo", _no_network)
    monkeypatch.setattr(socket, "create_connection", _no_network)
    embedder = LocalEmbedder()

    documents = await embedder.embed_documents(["Plants make glucose.", "Rivers flow."])
    query = await embedder.embed_query("What do plants make?")

    assert len(documents) == 2
    assert len(query) == embedder.dimensions == 256


def test_by_default_the_offline_embedder_is_used() -> None:
    embedder = build_embedder(settings())

    assert isinstance(embedder, LocalEmbedder)
    assert embedder.name == "local:wordllama-l2_supercat-256"


@pytest.mark.parametrize(
    ("provider", "model"),
    [("gemini", "gemini-embedding-001"), ("openai", "text-embedding-3-small")],
)
async def test_a_remote_embedder_without_its_key_starts_and_fails_clearly_when_used(
    provider: str, model: str
) -> None:
    embedder = build_embedder(settings(embedding_provider=provider))

    assert (embedder.name, embedder.dimensions) == (f"{provider}:{model}-768", 768)
    with pytest.raises(UpstreamFailed, match=f"^provider {provider} is not configured$"):
        await embedder.embed_documents(["a passage"])
    with pytest.raises(UpstreamFailed, match="not configured"):
        await embedder.embed_query("a question")


def test_a_gemini_embedder_takes_its_model_and_size_from_the_settings() -> None:
    embedder = build_embedder(
        settings(
            embedding_provider="gemini",
            gemini_api_key="k",
            gemini_embedding_model="gemini-embedding-002",
            embedding_dimensions=1536,
        )
    )

    assert isinstance(embedder, GeminiEmbedder)
    assert (embedder.name, embedder.dimensions) == ("gemini:gemini-embedding-002-1536", 1536)


async def test_an_openai_embedder_calls_the_configured_server(fake_openai: FakeOpenAI) -> None:
    embedder = build_embedder(
        settings(
            embedding_provider="openai",
            openai_api_key="embedding-key",
            openai_base_url=f"{fake_openai.url}/v1",
            openai_embedding_model="nomic-embed-text",
            embedding_dimensions=128,
            ai_backoff_seconds=0.01,
        )
    )
    assert isinstance(embedder, OpenAIEmbedder)
    try:
        vector = await embedder.embed_query("What is osmosis?")
    finally:
        await close_embedder(embedder)

    assert len(vector) == 128
    assert embedder.name == "openai:nomic-embed-text-128"
    request = fake_openai.last_request
    assert request.headers["authorization"] == "Bearer embedding-key"
    assert (request.json()["model"], request.json()["dimensions"]) == ("nomic-embed-text", 128)


def test_an_unknown_embedding_provider_is_refused_by_the_settings() -> None:
    with pytest.raises(SettingsError, match="EMBEDDING_PROVIDER"):
        settings(embedding_provider="cohere")
