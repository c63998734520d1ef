"""Prices of AI models per million tokens, from the ``AI_PRICES`` setting, and the cost of a
number of tokens. The offline ``local`` provider costs nothing."""

from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Final

DEFAULT_AI_PRICES: Final = (
    "gemini-2.5-flash=0.30:2.50,gemini-2.5-pro=1.25:10.00,gemini-2.0-flash=0.10:0.40,"
    "gpt-4o-mini=0.15:0.60,gpt-4o=2.50:10.00,gpt-4.1-mini=0.40:1.60,gpt-4.1=2.00:8.00"
)
"""USD per million input and output tokens (list prices of December 2026)."""
FREE_PROVIDERS: Final = frozenset({"local"})
MILLION: Final = Decimal(1_000_000)


@dataclass(frozen=True, slots=True)
class ModelPrice:
    input_per_million: Decimal
    output_per_million: Decimal


def parse_prices(text: str) -> dict[str, ModelPrice]:
    """``model=in:out,...``; ``ValueError`` naming the entry that is not of that form."""
    prices: dict[str, ModelPrice] = {}
    for entry in (part.strip() for part in text.split(",")):
        if not entry:
            continue
        model, _, pair = entry.partition("=")
        given, _, taken = pair.partition(":")
        try:
            price = ModelPrice(Decimal(given), Decimal(taken))
        except InvalidOperation:
            raise ValueError(f"{entry!r} is not model=input_price:output_price") from None
        if not model.strip() or price.input_per_million < 0 or price.output_per_million < 0:
            raise ValueError(f"{entry!r} is not model=input_price:output_price")
        prices[model.strip()] = price
    return prices


class ModelPrices:
    def __init__(self, prices: Mapping[str, ModelPrice]) -> None:
        self._prices = dict(prices)

    def cost(self, provider: str, model_id: str, tokens_in: int, tokens_out: int) -> Decimal | None:
        """USD for the tokens; 0 for ``local``; None for a model without a price."""
        if provider in FREE_PROVIDERS:
            return Decimal(0)
        price = self._prices.get(model_id)
        if price is None:
            return None
        total = tokens_in * price.input_per_million + tokens_out * price.output_per_million
        return (total / MILLION).quantize(Decimal("0.000001"))
