"""Prometheus metrics of one app, in a registry it owns: HTTP requests, and what the
application reports through ``shared.telemetry`` (jobs, provider calls, caches), and the
database pool read at each scrape."""

from collections.abc import Callable

from prometheus_client import CollectorRegistry, Counter, Gauge, Histogram, generate_latest

from tutor_platform.shared.telemetry import CallOutcome, JobOutcome

_SECONDS = (0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10)
_SLOW_SECONDS = (0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300)


class HttpMetrics:
    """Request counts and latencies by method, route template and status; job, provider-call
    and cache figures (a ``TelemetrySink``); connections of the database pool in use."""

    def __init__(self) -> None:
        self._pool_in_use: Callable[[], float] | None = None
        self.reset()

    def reset(self) -> None:
        """Start counting afresh (a new registry; nothing observed yet)."""
        self.registry = registry = CollectorRegistry()
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
