"""Spans of a test: an app whose spans are kept in memory, the client calls under a request's
span, and undoing the process-wide instrumentation of outgoing HTTP that ``trace_container``
leaves behind."""

from dependency_injector import providers
from litestar import Litestar
from opentelemetry.instrumentation.httpx import HTTPX2ClientInstrumentor, HTTPXClientInstrumentor
from opentelemetry.sdk.trace import ReadableSpan, TracerProvider
from opentelemetry.sdk.trace.export import SimpleSpanProcessor
from opentelemetry.sdk.trace.export.in_memory_span_exporter import InMemorySpanExporter
from opentelemetry.trace import SpanKind

from tutor_platform.bootstrap.app import create_app
from tutor_platform.bootstrap.container import build_container
from tutor_platform.bootstrap.settings import Settings
from tutor_platform.bootstrap.tracing import REQUEST_ID_ATTRIBUTE


def recording_provider() -> tuple[TracerProvider, InMemorySpanExporter]:
    """A provider whose spans are kept, as they end, by the exporter returned with it."""
    exporter = InMemorySpanExporter()
    provider = TracerProvider()
    provider.add_span_processor(SimpleSpanProcessor(exporter))
    return provider, exporter


def traced_app(settings: Settings) -> Litestar:
    """An app of its own whose spans are kept in ``app.state.recorded`` (an in-memory
    exporter); call ``untrace_outgoing_http`` when done with it."""
    provider, recorded = recording_provider()
    container = build_container(settings)
    container.tracer_provider.override(providers.Object(provider))
    app = create_app(settings, container=container, migrate_on_start=False)
    app.state.recorded = recorded
    return app


def untrace_outgoing_http() -> None:
    """``httpx`` and ``httpx2`` are instrumented once per process, with the first provider
    that asks: undo it, so that the next test's provider gets the spans."""
    HTTPXClientInstrumentor().uninstrument()
    HTTPX2ClientInstrumentor().uninstrument()


def _attribute(span: ReadableSpan, *names: str) -> str:
    attributes = span.attributes or {}
    return next((str(attributes[name]) for name in names if name in attributes), "")


def client_calls(
    spans: tuple[ReadableSpan, ...], base_url: str, request_id: str
) -> list[tuple[str, str, int]]:
    """Method, path and status of each client span to ``base_url`` under the span of the
    request with this id (old or new HTTP semantic conventions)."""
    [server] = [
        s
        for s in spans
        if s.kind == SpanKind.SERVER and _attribute(s, REQUEST_ID_ATTRIBUTE) == request_id
    ]
    by_id = {s.context.span_id: s for s in spans}
    calls = []
    for span in spans:
        url = _attribute(span, "http.url", "url.full")
        if span.kind != SpanKind.CLIENT or not url.startswith(base_url):
            continue
        parent = span
        while parent.parent is not None and parent.parent.span_id in by_id:
            parent = by_id[parent.parent.span_id]
            if parent is server:
                method = _attribute(span, "http.method", "http.request.method")
                status = _attribute(span, "http.status_code", "http.response.status_code")
                calls.append((method, url.removeprefix(base_url), int(status)))
    return calls
