"""Remote embedders on the wire and on a provider's bad day: batches, task types and sizes
asked for, 429 with Retry-After, 5xx and timeouts retried, then ``UpstreamFailed``.

Backoff waits are recorded, not slept; timeouts are a fraction of a second.
"""

import time

import pytest

from tests.contract.embedder.conftest import DIMENSIONS, Harness, remote_embedder
from tests.fakes.asgi import Scripted
from tutor_platform.ai.adapters.outbound.embedders import close_embedder
from tutor_platform.shared.errors import UpstreamFailed
from tutor_platform.shared.resilience import RetryConfig


async def test_many_texts_go_in_batches_of_at_most_100_in_order(remote: Harness) -> None:
    texts = [f"passage number {index} about topic {index % 7}" for index in range(230)]

    vectors = await remote.embedder.embed_documents(texts)

    assert len(vectors) == 230
    sent = remote.texts_sent()
    assert [len(batch) for batch in sent] == [100, 100, 30]
    assert [text for batch in sent for text in batch] == texts
    single = await remote.embedder.embed_documents([texts[150]])
    assert vectors[150] == pytest.approx(single[0])


async def test_the_request_asks_for_the_model_size_and_task(remote: Harness) -> None:
    await remote.embedder.embed_documents(["a passage"])
    await remote.embedder.embed_query("a question")

    document, query = (request.json() for request in remote.server.requests)
    if remote.name == "gemini":
        assert remote.server.requests[0].path == (
            "/v1beta/models/gemini-embedding-test:batchEmbedContents"
        )
        assert document["requests"][0]["taskType"] == "RETRIEVAL_DOCUMENT"
        assert query["requests"][0]["taskType"] == "RETRIEVAL_QUERY"
        assert document["requests"][0]["outputDimensionality"] == DIMENSIONS
    else:
        assert remote.server.requests[0].path == "/v1/embeddings"
        assert (document["model"], document["dimensions"]) == ("embedding-test", DIMENSIONS)
        assert document["encoding_format"] == "float"
        assert query["input"] == ["a question"]


async def test_429_with_retry_after_is_retried_after_the_wait_asked_for(remote: Harness) -> None:
    remote.server.enqueue(remote.error(429, retry_after="3"))

    vectors = await remote.embedder.embed_documents(["a passage"])

    assert len(vectors) == 1
    assert remote.sleep.waits == [3.0]
    assert len(remote.server.requests) == 2


async def test_a_500_then_a_success_is_retried(remote: Harness) -> None:
    remote.server.enqueue(remote.error(500))

    vector = await remote.embedder.embed_query("a question")

    assert len(vector) == DIMENSIONS
    assert len(remote.sleep.waits) == 1
    assert len(remote.server.requests) == 2


async def test_5xx_until_the_retries_run_out_is_an_upstream_failure(remote: Harness) -> None:
    remote.server.enqueue(*[remote.error(503)] * 3)

    with pytest.raises(UpstreamFailed, match=r"http_503, 3 attempts"):
        await remote.embedder.embed_documents(["a passage"])

    assert len(remote.server.requests) == 3


async def test_a_client_error_is_not_retried(remote: Harness) -> None:
    remote.server.enqueue(remote.error(400))

    with pytest.raises(UpstreamFailed, match=r"http_400, 1 attempt"):
        await remote.embedder.embed_query("a question")

    assert remote.sleep.waits == []


async def test_a_provider_too_slow_every_time_fails_after_the_retries(remote: Harness) -> None:
    config = RetryConfig(
        timeout_seconds=0.4,
        max_retries=1,
        backoff_base_seconds=0.01,
        backoff_max_seconds=0.05,
        total_seconds=5.0,
    )
    embedder = remote_embedder(remote.name, remote.server.url, config=config)
    try:
        await embedder.embed_query("warm up")
        remote.server.enqueue(Scripted(json={}, delay=3.0), Scripted(json={}, delay=3.0))
        started = time.monotonic()

        with pytest.raises(UpstreamFailed, match="timeout, 2 attempts"):
            await embedder.embed_query("a question")

        assert time.monotonic() - started < 2.5
    finally:
        await close_embedder(embedder)


@pytest.mark.parametrize(
    "body",
    [
        Scripted(body=b"<html>oops</html>"),
        Scripted(json={"unexpected": True}),
        Scripted(json={"embeddings": [{"values": [1.0, 2.0]}], "data": []}),
    ],
)
async def test_a_malformed_answer_is_an_upstream_failure(remote: Harness, body: Scripted) -> None:
    remote.server.enqueue(body)

    with pytest.raises(UpstreamFailed, match="malformed"):
        await remote.embedder.embed_documents(["a passage"])

    assert len(remote.server.requests) == 1
