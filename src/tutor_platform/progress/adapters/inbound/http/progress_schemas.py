"""Request and response bodies of the progress API."""

from datetime import datetime
from typing import Annotated
from uuid import UUID

import msgspec

from tutor_platform.progress.application.support.views import (
    CourseProgressView,
)
from tutor_platform.shared.http.responses import convert


class CourseProgressResponse(msgspec.Struct):
    course_id: UUID
    completed_lesson_ids: Annotated[
        list[UUID], msgspec.Meta(description="Completed lessons still in the course, in order.")
    ]
    completed: int
    total: Annotated[int, msgspec.Meta(description="Lessons in the course now.")]
    percent: Annotated[
        float, msgspec.Meta(ge=0, le=100, description="completed / total * 100, one decimal.")
    ]
    quiz_scores: Annotated[
        dict[str, float], msgspec.Meta(description="Best score (0-1) per quiz id.")
    ]
    last_accessed_at: Annotated[
        datetime | None,
        msgspec.Meta(description="When the caller last opened or completed a lesson of it."),
    ]
    streak_days: Annotated[
        int, msgspec.Meta(description="The caller's current streak (same in every course).")
    ]
    longest_streak_days: int
    minutes: Annotated[
        int, msgspec.Meta(description="The caller's study minutes with this course's tutors.")
    ]

    @classmethod
    def of(cls, view: CourseProgressView) -> "CourseProgressResponse":
        scores = {str(quiz_id): score for quiz_id, score in view.quiz_scores.items()}
        return convert(view, cls, quiz_scores=scores)


class CourseProgressListResponse(msgspec.Struct):
    items: list[CourseProgressResponse]


class StreakResponse(msgspec.Struct):
    streak_days: int
    longest_streak_days: int
    reset_at: datetime | None
