"""Request and response bodies of study time with a tutor."""

from typing import Annotated
from uuid import UUID

import msgspec

from tutor_platform.progress.api import MAX_TOTAL_MINUTES
from tutor_platform.shared.http.requests import StrictRequest

TotalMinutes = Annotated[
    int,
    msgspec.Meta(ge=0, le=MAX_TOTAL_MINUTES, description="Whole minutes.", examples=[90]),
]
MinutesChange = Annotated[
    int,
    msgspec.Meta(
        ge=-MAX_TOTAL_MINUTES,
        le=MAX_TOTAL_MINUTES,
        description=(
            "Whole minutes to add; negative to take back. A total that would fall below 0 "
            f"(or exceed {MAX_TOTAL_MINUTES}) is refused with 422 and nothing changes."
        ),
        examples=[25],
    ),
]


class StudyTimeSet(StrictRequest):
    total_minutes: TotalMinutes


class StudyTimeAdd(StrictRequest):
    minutes: MinutesChange


class StudyTimeResponse(msgspec.Struct):
    tutor_id: UUID
    total_minutes: int
