"""Bodies of tutoring's analytics: per tutor, and the course's content gaps."""

from datetime import datetime
from typing import Annotated
from uuid import UUID

import msgspec

from tutor_platform.shared.figures import DateRange
from tutor_platform.shared.http.analytics import CsvTable, RangeResponse
from tutor_platform.shared.http.paging import PageResponse, named
from tutor_platform.shared.http.responses import convert
from tutor_platform.tutoring.application.course_analytics import (
    TutoringAnalytics,
)
from tutor_platform.tutoring.ports.figures import GapGroupFigures


class TutorAnalyticsResponse(msgspec.Struct, kw_only=True):
    tutor_id: UUID
    name: str
    sessions: int
    """Sessions started in the range."""
    messages: int
    """Learners' messages and the tutor's answers stored in the range."""
    uncited_answers: int
    """Answers that cite no passage of the course."""
    ratings: int
    mean_rating: float | None
    reactions: dict[str, int]
    """Quick reactions given in the range, by reaction."""


class ContentGapResponse(msgspec.Struct, kw_only=True):
    """Questions learners asked whose answers cited nothing of the course, alike enough to be
    one gap (their content words overlap by half or more)."""

    id: UUID
    sample_question: str
    """The first question of the gap."""
    questions: int
    """Questions of the gap asked in the range."""
    tutor_ids: list[UUID]
    first_asked_at: datetime
    last_asked_at: datetime
    dismissed_at: datetime | None
    """When an instructor dismissed it (it is listed again once a new question joins)."""

    @classmethod
    def of(cls, figures: GapGroupFigures) -> "ContentGapResponse":
        group = figures.group
        return cls(
            id=group.id,
            sample_question=group.sample,
            questions=figures.questions,
            tutor_ids=list(figures.tutor_ids),
            first_asked_at=group.first_asked_at,
            last_asked_at=group.last_asked_at,
            dismissed_at=group.dismissed_at,
        )


ContentGapPage = Annotated[PageResponse[ContentGapResponse], named("ContentGapPage")]


class TutoringAnalyticsResponse(RangeResponse, kw_only=True):
    course_id: UUID
    tutors: list[TutorAnalyticsResponse]
    """The course's tutors, oldest first."""
    content_gaps: ContentGapPage
    """Gaps with questions in the range, most asked first; dismissed ones left out."""

    @classmethod
    def of(
        cls, course_id: UUID, days: DateRange, figures: TutoringAnalytics
    ) -> "TutoringAnalyticsResponse":
        page = figures.gaps
        return cls(
            **cls.fields(days),
            course_id=course_id,
            tutors=[convert(t, TutorAnalyticsResponse) for t in figures.tutors],
            content_gaps=PageResponse(
                [ContentGapResponse.of(g) for g in page.items],
                page.total,
                page.limit,
                page.offset,
            ),
        )


GAP_CSV_HEADER = (
    "gap_id",
    "sample_question",
    "questions",
    "tutor_ids",
    "first_asked_at",
    "last_asked_at",
)


def gap_table(figures: TutoringAnalytics) -> CsvTable:
    """One row per content gap, most asked first."""
    rows = [
        (
            g.group.id,
            g.group.sample,
            g.questions,
            " ".join(str(t) for t in g.tutor_ids),
            g.group.first_asked_at.isoformat(),
            g.group.last_asked_at.isoformat(),
        )
        for g in figures.gaps.items
    ]
    return CsvTable("course-content-gaps.csv", GAP_CSV_HEADER, rows)
