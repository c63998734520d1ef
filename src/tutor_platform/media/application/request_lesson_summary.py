"""Ask for an audio or video summary of a lesson: a job renders it."""

from uuid import UUID

from tutor_platform.media.application.support.lesson_jobs import RENDER_SUMMARY, SummaryJob
from tutor_platform.media.application.support.lesson_lookup import lesson_access
from tutor_platform.media.domain.lesson_access import ensure_can_request_summary
from tutor_platform.media.domain.lesson_media import SUMMARY_KINDS, SummaryKind
from tutor_platform.media.ports.lesson_catalog import LessonCatalog
from tutor_platform.shared.auth import Principal
from tutor_platform.shared.errors import FieldError, ValidationFailed
from tutor_platform.shared.jobs.ports import JobQueue


class RequestLessonSummary:
    """For the course's instructor, admins and premium users who may read the lesson."""

    def __init__(self, catalog: LessonCatalog, jobs: JobQueue) -> None:
        self._catalog = catalog
        self._jobs = jobs

    async def execute(self, principal: Principal, lesson_id: UUID, kind: SummaryKind) -> UUID:
        """The id of the job that renders the summary."""
        if kind not in SUMMARY_KINDS:
            raise ValidationFailed(errors=[FieldError("kind", "must be 'audio' or 'video'")])
        access = await lesson_access(self._catalog, principal, lesson_id)
        ensure_can_request_summary(principal, access)
        payload = SummaryJob.payload(lesson_id, kind, principal.user_id)
        record = await self._jobs.enqueue(RENDER_SUMMARY, payload, owner_id=principal.user_id)
        return record.id
