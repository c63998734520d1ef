"""The response of the catalog's background jobs in ``GET /jobs/{id}``."""

from uuid import UUID

import msgspec

from tutor_platform.catalog.application.index_lesson_passages import INDEX_LESSON
from tutor_platform.shared.jobs.adapters.http import JobResponse


class IndexLessonJobResult(msgspec.Struct):
    """How many passages of the lesson are indexed now, and how many old ones went."""

    lesson_id: UUID
    passages: int
    removed: int


class IndexLessonJob(JobResponse, tag=INDEX_LESSON):
    """A lesson's passages being indexed for the tutors (after every content change)."""

    result: IndexLessonJobResult | None = None
