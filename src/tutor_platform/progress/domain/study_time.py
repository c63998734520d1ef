"""Study time per learner and tutor: a whole number of minutes, never below 0."""

from tutor_platform.shared.errors import FieldError, ValidationFailed

MAX_TOTAL_MINUTES = 1_000_000
"""The most minutes one learner may have with one tutor (about two years of study)."""


class StudyTimeOutOfRange(ValidationFailed):
    """The minutes asked for would leave the total outside 0..``MAX_TOTAL_MINUTES``."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__("The study time would be out of range.", [FieldError(field, message)])


def check_total(total_minutes: int) -> None:
    if not 0 <= total_minutes <= MAX_TOTAL_MINUTES:
        raise StudyTimeOutOfRange("total_minutes", f"must be between 0 and {MAX_TOTAL_MINUTES}")


def check_change(minutes: int) -> None:
    if abs(minutes) > MAX_TOTAL_MINUTES:
        raise StudyTimeOutOfRange(
            "minutes", f"must be between -{MAX_TOTAL_MINUTES} and {MAX_TOTAL_MINUTES}"
        )


def result_out_of_range(minutes: int) -> StudyTimeOutOfRange:
    """The error for an addition whose result would leave the allowed range."""
    if minutes < 0:
        return StudyTimeOutOfRange("minutes", "the total would fall below 0")
    return StudyTimeOutOfRange("minutes", f"the total would exceed {MAX_TOTAL_MINUTES}")
