"""Prometheus metrics of one app, in a registry it owns: HTTP requests, and what the
application reports through ``shared.telemetry`` (jobs, provider calls, caches); the
database pool and the circuit breakers are read as the registry is collected, the job queue's
depth by ``refresh`` before a scrape (an async read)."""

import asyncio
import logging
from collections.abc import Awaitable, Callable, Iterator, Mapping

from prometheus_client import CollectorRegistry, Counter, Gauge, Histogram, generate_latest
from prometheus_client.core import GaugeMetricFamily
from prometheus_client.metrics_core import Metric
from prometheus_client.registry import Collector

from tutor_platform.shared.telemetry import CallOutcome, JobOutcome, breaker_states

logger = logging.getLogger("tutor_platform.metrics")

QUEUE_DEPTH_TIMEOUT_SECONDS = 1.0
QueueDepth = Callable[[], Awaitable[Mapping[str, int]]]

_SECONDS = (0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10)
_SLOW_SECONDS = (0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300)


class _BreakerStates(Collector):
    """``circuit_breaker_state``, read from every live breaker as the registry is collected
    (so a scrape served from another thread, as the worker's is, reads it too)."""

    def collect(self) -> Iterator[Metric]:
        family = GaugeMetricFamily(
            "circuit_breaker_state",
            "Circuit breaker of a remote provider: 0 closed, 1 half-open, 2 open",
            labels=["provider"],
        )
        for provider, level in breaker_states.levels().items():
            family.add_metric([provider], level)
        yield family


class HttpMetrics:
    """Request counts and latencies by method, route template and status; job, provider-call
    and cache figures (a ``TelemetrySink``); connections of the database pool in use."""

    def __init__(self) -> None:
        self._pool_in_use: Callable[[], float] | None = None
        self._queue: tuple[str, QueueDepth] | None = None
        self.reset()

    def reset(self) -> None:
        """Start counting afresh (a new registry; nothing observed yet)."""
        self.registry = registry = CollectorRegistry()
        self._add_readings(registry)
        self.requests = Counter(
            "http_requests_total",
            "HTTP requests served",
            ["method", "route", "status"],
            registry=registry,
        )
        self.latency = Histogram(
            "http_request_duration_seconds",
            "HTTP request duration",
            ["method", "route"],
            registry=registry,
            buckets=_SECONDS,
        )
        self.jobs_queued = Counter("jobs_queued_total", "Jobs queued", ["kind"], registry=registry)
        self.job_attempts = Counter(
            "job_attempts_total",
            "Job attempts that ended, by outcome (retry: another attempt follows)",
            ["kind", "outcome"],
            registry=registry,
        )
        self.job_duration = Histogram(
            "job_attempt_duration_seconds",
            "Duration of a job attempt",
            ["kind"],
            registry=registry,
            buckets=_SLOW_SECONDS,
        )
        self.provider_calls = Counter(
            "provider_calls_total",
            "Calls to remote providers (AI models, speech), one per attempt",
            ["provider", "action", "outcome"],
            registry=registry,
        )
        self.provider_latency = Histogram(
            "provider_call_duration_seconds",
            "Duration of one attempt of a provider call",
            ["provider", "action"],
            registry=registry,
            buckets=_SLOW_SECONDS,
        )
        self.cache_lookups = Counter(
            "cache_lookups_total",
            "Lookups in the in-process caches, by result (hit or miss)",
            ["cache", "result"],
            registry=registry,
        )
        self.ai_tokens = Counter(
            "ai_tokens",
            "Tokens of AI calls by provider, feature and kind (input or output)",
            ["provider", "feature", "kind"],
            registry=registry,
        )
        self.ai_cost = Counter(
            "ai_cost_usd",
            "Cost in USD of AI calls from AI_PRICES (models without a price add nothing)",
            ["provider", "feature"],
            registry=registry,
        )
        pool = Gauge(
            "db_pool_connections_in_use",
            "Database connections checked out of the pool",
            registry=registry,
        )
        pool.set_function(self._read_pool)

    def _add_readings(self, registry: CollectorRegistry) -> None:
        """The breakers, and the gauge set by ``refresh`` before each scrape."""
        registry.register(_BreakerStates())
        self.queue_depth = Gauge(
            "job_queue_depth",
            "Jobs of the queue by status (queued: waiting to run now; scheduled: waiting for "
            "a retry's backoff; running)",
            ["queue", "status"],
            registry=registry,
        )

    def watch_queue(self, name: str, depth: QueueDepth) -> None:
        """Read the job queue's depth by status at each scrape."""
        self._queue = (name, depth)

    async def refresh(self) -> None:
        """Read the queue's depth; a queue that does not answer within a second leaves no
        depth series in this scrape (rather than stale ones)."""
        if self._queue is None:
            return
        name, depth = self._queue
        self.queue_depth.clear()
        try:
            async with asyncio.timeout(QUEUE_DEPTH_TIMEOUT_SECONDS):
                counts = await depth()
        except Exception as exc:
            logger.warning("job queue depth could not be read: %s", exc)
            return
        for status, count in counts.items():
            self.queue_depth.labels(name, status).set(count)

    def watch_pool(self, in_use: Callable[[], float]) -> None:
        """Read the pool's connections in use at each scrape."""
        self._pool_in_use = in_use

    def _read_pool(self) -> float:
        return self._pool_in_use() if self._pool_in_use is not None else 0.0

    def observe(self, method: str, route: str, status: int, seconds: float) -> None:
        self.requests.labels(method, route, str(status)).inc()
        self.latency.labels(method, route).observe(seconds)

    def job_queued(self, kind: str) -> None:
        self.jobs_queued.labels(kind).inc()

    def job_finished(self, kind: str, outcome: JobOutcome, seconds: float) -> None:
        self.job_attempts.labels(kind, outcome).inc()
        self.job_duration.labels(kind).observe(seconds)

    def provider_call(
        self, provider: str, action: str, outcome: CallOutcome, seconds: float
    ) -> None:
        self.provider_calls.labels(provider, action, outcome).inc()
        self.provider_latency.labels(provider, action).observe(seconds)

    def cache_lookup(self, cache: str, hit: bool) -> None:
        self.cache_lookups.labels(cache, "hit" if hit else "miss").inc()

    def ai_usage(
        self, provider: str, feature: str, tokens_in: int, tokens_out: int, cost_usd: float
    ) -> None:
        self.ai_tokens.labels(provider, feature, "input").inc(tokens_in)
        self.ai_tokens.labels(provider, feature, "output").inc(tokens_out)
        self.ai_cost.labels(provider, feature).inc(cost_usd)

    def render(self) -> bytes:
        return generate_latest(self.registry)
