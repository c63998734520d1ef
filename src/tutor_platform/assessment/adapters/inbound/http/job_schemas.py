"""The response of assessment's background job in ``GET /jobs/{id}``."""

from uuid import UUID

import msgspec

from tutor_platform.assessment.application.retrace_course_mastery import RETRACE_MASTERY
from tutor_platform.shared.jobs.adapters.http import JobResponse


class RetraceMasteryJobResult(msgspec.Struct):
    """How many learners' mastery of the course was traced again."""

    course_id: UUID
    learners: int


class RetraceMasteryJob(JobResponse, tag=RETRACE_MASTERY):
    """A course's mastery traced again after its BKT parameters were set."""

    result: RetraceMasteryJobResult | None = None
