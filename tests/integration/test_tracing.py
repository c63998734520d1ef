"""OpenTelemetry traces: off unless configured; when on, a request gives a server span
(tagged with the request id) whose SQL statements are child spans of the same trace, and a job
attempt (in process, or in a SAQ worker set up as ``tutor-platform worker`` is) gives a span
of its own with its SQL and Redis commands as child spans.

Spans go to the SDK's in-memory exporter through the container's ``tracer_provider``."""

from collections.abc import Sequence
from uuid import uuid4

import pytest
from dependency_injector import providers
from litestar.testing import AsyncTestClient
from opentelemetry.sdk.trace import ReadableSpan
from opentelemetry.trace import SpanKind

from tests.conftest import make_settings
from tests.contract.job_queue.conftest import queue_settings
from tests.contract.job_queue.support import (
    container_with,
    delete_queue_keys,
    start_worker,
    stop_worker,
    wait_for_job,
)
from tests.contract.job_queue.tasks import contract_tasks
from tests.support.tracing import recording_provider, untrace_outgoing_http
from tutor_platform.bootstrap.app import create_app
from tutor_platform.bootstrap.container import build_container, close_container
from tutor_platform.bootstrap.tracing import REQUEST_ID_ATTRIBUTE, trace_container
from tutor_platform.shared.jobs.ports import TaskRegistry


def _ancestors(span: ReadableSpan, by_id: dict[int, ReadableSpan]) -> list[ReadableSpan]:
    chain = []
    while span.parent is not None and span.parent.span_id in by_id:
        span = by_id[span.parent.span_id]
        chain.append(span)
    return chain


def _sql(spans: Sequence[ReadableSpan]) -> list[ReadableSpan]:
    return [s for s in spans if s.attributes and "db.system" in s.attributes]


async def test_a_request_is_a_server_span_with_its_sql_as_child_spans(database_url: str) -> None:
    settings = make_settings(database_url, redis_url="", job_backend="inprocess")
    container = build_container(settings)
    provider, exporter = recording_provider()
    container.tracer_provider.override(providers.Object(provider))
    app = create_app(settings, container=container)
    try:
        async with AsyncTestClient(app=app) as client:
            exporter.clear()
            response = await client.get("/api/v1/courses", headers={"X-Request-ID": "trace-me-1"})
            assert response.status_code == 200
    finally:
        untrace_outgoing_http()

    spans = exporter.get_finished_spans()
    [server] = [s for s in spans if s.kind == SpanKind.SERVER]
    assert server.attributes is not None
    assert server.attributes[REQUEST_ID_ATTRIBUTE] == "trace-me-1"
    assert server.attributes["http.status_code"] == 200
    # Background work (the in-process job runner's ticks) has traces of its own.
    sql = [s for s in _sql(spans) if s.context.trace_id == server.context.trace_id]
    assert any(s.name.startswith("SELECT") for s in sql), [s.name for s in spans]
    by_id = {s.context.span_id: s for s in spans}
    for statement in sql:
        assert statement.kind == SpanKind.CLIENT
        assert server in _ancestors(statement, by_id)


async def test_tracing_is_off_unless_configured(database_url: str) -> None:
    assert not make_settings(database_url).tracing_enabled
    assert build_container(make_settings(database_url)).tracer_provider() is None
    on = make_settings(database_url, otel_exporter_otlp_endpoint="http://127.0.0.1:4318")
    assert on.tracing_enabled
    assert build_container(on).tracer_provider() is not None
    off = make_settings(
        database_url, otel_exporter_otlp_endpoint="http://127.0.0.1:4318", otel_sdk_disabled=True
    )
    assert not off.tracing_enabled


@pytest.mark.both_databases
@pytest.mark.parametrize(
    "backend", ["inprocess", pytest.param("saq", marks=pytest.mark.requires_redis)]
)
async def test_a_job_attempt_is_a_span_with_its_sql_as_child_spans(
    database_url: str, clean_db: None, run_id: str, backend: str
) -> None:
    provider, exporter = recording_provider()
    queue_name = f"{run_id}-traced-{uuid4().hex[:8]}"
    settings = queue_settings(database_url, backend, queue_name)
    api = container_with(settings, TaskRegistry(contract_tasks()))
    trace_container(provider, api)
    worker = None
    if backend == "saq":  # the worker traces itself, from its container's provider
        worker_container = container_with(settings, TaskRegistry(contract_tasks()))
        worker_container.tracer_provider.override(providers.Object(provider))
        worker = await start_worker(settings, worker_container)
    queue = api.job_queue()
    try:
        await queue.start()
        job = await queue.enqueue("test.echo", {"word": "traced"})
        done = await wait_for_job(queue.get, job.id)
    finally:
        if worker is not None:
            await stop_worker(worker)
        await close_container(api)
        untrace_outgoing_http()
        if backend == "saq":
            await delete_queue_keys(queue_name)

    assert done.status == "succeeded"
    spans = exporter.get_finished_spans()
    [run] = [s for s in spans if s.name == "job test.echo"]
    assert run.attributes is not None
    assert run.attributes["job.kind"] == "test.echo"
    assert run.attributes["job.id"] == str(job.id)
    assert run.attributes["job.outcome"] == "succeeded"
    by_id = {s.context.span_id: s for s in spans}
    in_run = [s for s in spans if run in _ancestors(s, by_id)]
    assert any(s.name.startswith("UPDATE") for s in _sql(in_run)), [s.name for s in in_run]
    if backend == "saq":
        redis = [s for s in _sql(spans) if s.attributes and s.attributes["db.system"] == "redis"]
        assert redis, [s.name for s in spans]
