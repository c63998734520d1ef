"""Spans of a test: an in-memory exporter on a provider of its own, and undoing the
process-wide instrumentation of outgoing HTTP that ``trace_container`` leaves behind."""

from opentelemetry.instrumentation.httpx import HTTPX2ClientInstrumentor, HTTPXClientInstrumentor
from opentelemetry.sdk.trace import TracerProvider
from opentelemetry.sdk.trace.export import SimpleSpanProcessor
from opentelemetry.sdk.trace.export.in_memory_span_exporter import InMemorySpanExporter


def recording_provider() -> tuple[TracerProvider, InMemorySpanExporter]:
    """A provider whose spans are kept, as they end, by the exporter returned with it."""
    exporter = InMemorySpanExporter()
    provider = TracerProvider()
    provider.add_span_processor(SimpleSpanProcessor(exporter))
    return provider, exporter


def untrace_outgoing_http() -> None:
    """``httpx`` and ``httpx2`` are instrumented once per process, with the first provider
    that asks: undo it, so that the next test's provider gets the spans."""
    HTTPXClientInstrumentor().uninstrument()
    HTTPX2ClientInstrumentor().uninstrument()
