"""``ScaledDecimal``: an exact decimal stored as an integer of a fixed scale.

``Decimal("0.018")`` with scale 4 is stored as ``180``. SQLite has no exact decimal type
(SQLAlchemy's ``Numeric`` goes through floats there), so this keeps sums and comparisons
exact on both databases. A value with more decimal places than the scale is refused.
"""

from decimal import Decimal
from typing import Any

from sqlalchemy import Dialect, Integer
from sqlalchemy.types import TypeDecorator


class ScaledDecimal(TypeDecorator[Decimal]):
    impl = Integer
    cache_ok = True

    def __init__(self, scale: int) -> None:
        super().__init__()
        self.scale = scale

    def process_bind_param(self, value: Any, dialect: Dialect) -> int | None:
        if value is None:
            return None
        scaled = Decimal(value).scaleb(self.scale)
        if scaled != scaled.to_integral_value():
            raise ValueError(f"{value} has more than {self.scale} decimal places")
        return int(scaled)

    def process_result_value(self, value: Any, dialect: Dialect) -> Decimal | None:
        if value is None:
            return None
        return Decimal(int(value)).scaleb(-self.scale)
