"""What the application reports for operators besides HTTP: jobs, provider calls, caches,
AI tokens and cost.

Inner layers report through the process-wide ``telemetry`` hub (no metrics library here);
the composition root attaches the sinks that turn the reports into metrics (Prometheus) while
an app runs, and detaches them when it stops. With no sink attached a report costs a loop
over an empty list.

Values read at each scrape rather than reported (circuit breakers) are watched by
``breaker_states``.
"""

import weakref
from typing import Literal, Protocol

JobOutcome = Literal["succeeded", "retry", "failed"]
CallOutcome = Literal["ok", "error"]


class TelemetrySink(Protocol):
    def job_queued(self, kind: str) -> None: ...

    def job_finished(self, kind: str, outcome: JobOutcome, seconds: float) -> None:
        """One attempt of a job ended: ``retry`` when another attempt follows."""
        ...

    def provider_call(
        self, provider: str, action: str, outcome: CallOutcome, seconds: float
    ) -> None:
        """One attempt of a call to a remote provider (an AI model, speech, storage)."""
        ...

    def cache_lookup(self, cache: str, hit: bool) -> None: ...

    def ai_usage(
        self, provider: str, feature: str, tokens_in: int, tokens_out: int, cost_usd: float
    ) -> None:
        """One AI call's tokens and its cost (0 when the model has no price)."""
        ...


class TelemetryHub:
    """Hands every report to the sinks attached now."""

    def __init__(self) -> None:
        self._sinks: list[TelemetrySink] = []

    def attach(self, sink: TelemetrySink) -> None:
        if sink not in self._sinks:
            self._sinks.append(sink)

    def detach(self, sink: TelemetrySink) -> None:
        if sink in self._sinks:
            self._sinks.remove(sink)

    def job_queued(self, kind: str) -> None:
        for sink in self._sinks:
            sink.job_queued(kind)

    def job_finished(self, kind: str, outcome: JobOutcome, seconds: float) -> None:
        for sink in self._sinks:
            sink.job_finished(kind, outcome, seconds)

    def provider_call(
        self, provider: str, action: str, outcome: CallOutcome, seconds: float
    ) -> None:
        for sink in self._sinks:
            sink.provider_call(provider, action, outcome, seconds)

    def cache_lookup(self, cache: str, hit: bool) -> None:
        for sink in self._sinks:
            sink.cache_lookup(cache, hit)

    def ai_usage(
        self, provider: str, feature: str, tokens_in: int, tokens_out: int, cost_usd: float
    ) -> None:
        for sink in self._sinks:
            sink.ai_usage(provider, feature, tokens_in, tokens_out, cost_usd)


telemetry = TelemetryHub()


class BreakerGauge(Protocol):
    @property
    def level(self) -> int:
        """0 closed, 1 half-open, 2 open."""
        ...


class BreakerStates:
    """Every live circuit breaker, by provider, read at each scrape.

    Held weakly: a breaker goes away with the app that built it. When several live breakers
    share a provider's name (apps in one test process), the worst state is reported.
    """

    def __init__(self) -> None:
        self._breakers: list[tuple[str, weakref.ref[BreakerGauge]]] = []

    def watch(self, provider: str, breaker: BreakerGauge) -> None:
        self._breakers = [(name, ref) for name, ref in self._breakers if ref() is not None]
        self._breakers.append((provider, weakref.ref(breaker)))

    def levels(self) -> dict[str, int]:
        worst: dict[str, int] = {}
        for provider, ref in self._breakers:
            breaker = ref()
            if breaker is not None:
                worst[provider] = max(worst.get(provider, 0), breaker.level)
        return worst


breaker_states = BreakerStates()
