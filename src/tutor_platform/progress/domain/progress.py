"""Course progress rules: the completion percentage and quiz scores."""

from decimal import ROUND_HALF_UP, Decimal

from tutor_platform.shared.errors import FieldError, ValidationFailed


def completion_percent(completed: int, total: int) -> float:
    """``completed / total`` in percent, rounded half up to one decimal; 0 without lessons."""
    if total <= 0:
        return 0.0
    ratio = Decimal(min(completed, total) * 100) / Decimal(total)
    return float(ratio.quantize(Decimal("0.1"), rounding=ROUND_HALF_UP))


class QuizScoreOutOfRange(ValidationFailed):
    default_detail = "A quiz score is between 0 and 1."

    def __init__(self) -> None:
        super().__init__(errors=[FieldError("score", "must be between 0 and 1")])


def checked_quiz_score(score: float) -> float:
    """The score itself when it is a number from 0 to 1, else ``QuizScoreOutOfRange``."""
    if not 0.0 <= score <= 1.0:
        raise QuizScoreOutOfRange()
    return float(score)
