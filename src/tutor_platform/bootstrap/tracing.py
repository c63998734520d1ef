"""OpenTelemetry traces, off unless configured (``OTEL_EXPORTER_OTLP_ENDPOINT`` and the other
standard ``OTEL_*`` settings): a server span per HTTP request (Litestar's OpenTelemetry
middleware, tagged with the request id), a child span per SQL statement (SQLAlchemy's
instrumentation, per engine), per Redis command (the Redis instrumentation, per client), a
span per job attempt (the job queue's tracer) and a client span per outgoing HTTP request of
``httpx`` (the AI providers' SDKs) and ``httpx2`` (authlib's Google OAuth, the Drive client,
the MCP SDK's client), both by ``opentelemetry-instrumentation-httpx``. The API and the SAQ
worker set it up alike (``trace_container``).

Spans carry URLs without their query string (an OAuth code, a search text, a key may be
there), as Sentry's events do: the hooks below drop it from the server span and from every
client span.

Each app gets its own ``TracerProvider`` (the container's ``tracer_provider``), so tests can
give one an in-memory exporter; outgoing HTTP is instrumented once per process, with the
first provider that asks.
"""

from typing import TYPE_CHECKING, Any

from litestar.middleware.base import DefineMiddleware
from litestar.plugins.opentelemetry import OpenTelemetryConfig
from opentelemetry.instrumentation.httpx import HTTPX2ClientInstrumentor, HTTPXClientInstrumentor
from opentelemetry.instrumentation.redis import RedisInstrumentor
from opentelemetry.instrumentation.sqlalchemy.engine import EngineTracer
from opentelemetry.metrics import NoOpMeterProvider
from opentelemetry.sdk.resources import Resource
from opentelemetry.sdk.trace import TracerProvider
from opentelemetry.sdk.trace.export import BatchSpanProcessor, ConsoleSpanExporter, SpanExporter
from opentelemetry.trace import Span
from redis.asyncio import Redis
from sqlalchemy.ext.asyncio import AsyncEngine

from tutor_platform.bootstrap.settings import Settings
from tutor_platform.shared.http.request_context import request_id_var
from tutor_platform.shared.jobs.adapters.recorded import RecordedJobQueue
from tutor_platform.shared.jobs.adapters.saq_queue import SaqJobQueue

if TYPE_CHECKING:
    from tutor_platform.bootstrap.container import RootContainer

REQUEST_ID_ATTRIBUTE = "http.request.id"
QUERY_DROPPED = "[dropped]"


def _exporter(settings: Settings) -> SpanExporter:
    if settings.otel_traces_exporter == "console":
        return ConsoleSpanExporter()
    from opentelemetry.exporter.otlp.proto.http.trace_exporter import OTLPSpanExporter

    endpoint = settings.otel_exporter_otlp_traces_endpoint or (
        settings.otel_exporter_otlp_endpoint.rstrip("/") + "/v1/traces"
        if settings.otel_exporter_otlp_endpoint
        else None
    )
    return OTLPSpanExporter(endpoint=endpoint)


def tracer_provider_for(settings: Settings) -> TracerProvider | None:
    """A provider exporting in batches when tracing is configured, else None (no tracing)."""
    if not settings.tracing_enabled:
        return None
    provider = TracerProvider(
        resource=Resource.create({"service.name": settings.otel_service_name})
    )
    provider.add_span_processor(BatchSpanProcessor(_exporter(settings)))
    return provider


def _drop_query(span: Span) -> None:
    """Rewrite the span's URL attributes (old and new semantic conventions) without the
    query string."""
    attributes = getattr(span, "attributes", None) or {}
    for name in ("http.url", "url.full"):
        url = attributes.get(name)
        if isinstance(url, str) and "?" in url:
            span.set_attribute(name, url.split("?", 1)[0])
    if attributes.get("url.query"):
        span.set_attribute("url.query", QUERY_DROPPED)


def _on_server_span(span: Span, _scope: dict[str, Any]) -> None:
    if span.is_recording():
        span.set_attribute(REQUEST_ID_ATTRIBUTE, request_id_var.get())
        _drop_query(span)


def _on_client_span(span: Span, _request: Any) -> None:
    if span.is_recording():
        _drop_query(span)


async def _on_async_client_span(span: Span, _request: Any) -> None:
    _on_client_span(span, _request)


def tracing_middleware(provider: TracerProvider) -> DefineMiddleware:
    """The server span of each request (health and metrics scrapes left out)."""
    config = OpenTelemetryConfig(
        tracer_provider=provider,
        meter_provider=NoOpMeterProvider(),
        server_request_hook_handler=_on_server_span,
        exclude=["^/health/", "^/metrics$"],
    )
    return config.middleware


def trace_engine(provider: TracerProvider, engine: AsyncEngine) -> None:
    """A span per statement of ``engine``, child of the current span."""
    tracer = provider.get_tracer("tutor_platform.sql")
    usage = NoOpMeterProvider().get_meter("tutor_platform.sql").create_up_down_counter("unused")
    EngineTracer(tracer, engine.sync_engine, usage)  # type: ignore[no-untyped-call]


def trace_outgoing_http(provider: TracerProvider) -> None:
    """Client spans for ``httpx`` and ``httpx2`` (once per process)."""
    for instrumentor in (HTTPXClientInstrumentor(), HTTPX2ClientInstrumentor()):
        if not instrumentor.is_instrumented_by_opentelemetry:
            instrumentor.instrument(
                tracer_provider=provider,
                request_hook=_on_client_span,
                async_request_hook=_on_async_client_span,
            )


def trace_redis(provider: TracerProvider, client: Redis) -> None:
    """A client span per command of ``client`` (idempotent)."""
    if not getattr(client, "_is_instrumented_by_opentelemetry", False):
        RedisInstrumentor.instrument_client(client, tracer_provider=provider)


def trace_jobs(provider: TracerProvider, queue: RecordedJobQueue) -> None:
    """A span per job attempt run by ``queue`` (a trace of its own, linked to the caller)."""
    queue.tracer = provider.get_tracer("tutor_platform.jobs")


def trace_container(provider: TracerProvider, container: "RootContainer") -> None:
    """Trace what ``container`` talks to: its database, Redis, job runs and outgoing HTTP."""
    trace_engine(provider, container.engine())
    trace_outgoing_http(provider)
    redis = container.redis()
    if redis is not None:
        trace_redis(provider, redis)
    queue = container.job_queue()
    trace_jobs(provider, queue)
    if isinstance(queue, SaqJobQueue):
        trace_redis(provider, queue.queue.redis)
