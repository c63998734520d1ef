"""The one meter of AI calls made through the facade: each call's tokens and cost go to the
operators' metrics (``shared.telemetry``) and to the usage ledger that ``/analytics/usage``
reads. Tutors' answers are not metered here (tutoring records them with their messages)."""

from collections.abc import Mapping
from uuid import UUID, uuid4

from tutor_platform.ai.application.support.prices import ModelPrices
from tutor_platform.ai.ports.usage import AiCall, UsageLedger
from tutor_platform.shared.clock import Clock
from tutor_platform.shared.telemetry import telemetry


class AiMeter:
    def __init__(
        self,
        ledger: UsageLedger,
        clock: Clock,
        prices: ModelPrices,
        default_models: Mapping[str, str],
    ) -> None:
        self._ledger = ledger
        self._clock = clock
        self._prices = prices
        self._default_models = dict(default_models)

    def default_model(self, provider: str) -> str:
        """The model a provider uses when the call names none."""
        return self._default_models.get(provider, "")

    async def record(
        self,
        *,
        provider: str,
        model_id: str,
        feature: str,
        course_id: UUID | None,
        tokens_in: int,
        tokens_out: int,
        event_id: str | None = None,
    ) -> None:
        """Report one call; ``event_id`` (default: a new one) makes a replay count once."""
        cost = self._prices.cost(provider, model_id, tokens_in, tokens_out)
        telemetry.ai_usage(provider, feature, tokens_in, tokens_out, float(cost or 0))
        await self._ledger.record(
            AiCall(
                event_id=event_id or f"ai:{uuid4()}",
                at=self._clock.now(),
                provider=provider,
                model_id=model_id,
                feature=feature,
                course_id=course_id,
                tokens_in=tokens_in,
                tokens_out=tokens_out,
            )
        )
