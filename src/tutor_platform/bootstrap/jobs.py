"""The response struct of every job kind, for ``GET /jobs/{id}`` (one per registered task)."""

from tutor_platform.assessment.adapters.inbound.http.job_schemas import RetraceMasteryJob
from tutor_platform.bootstrap.tasks import PurgeRefreshTokensJob
from tutor_platform.catalog.adapters.inbound.http.job_schemas import IndexLessonJob
from tutor_platform.integrations.adapters.inbound.http.job_schemas import DriveImportJob
from tutor_platform.media.adapters.inbound.http.lesson_media_schemas import DraftJob, SummaryJob
from tutor_platform.shared.jobs.adapters.http import JobResponse

JOB_KINDS: tuple[type[JobResponse], ...] = (
    SummaryJob,
    DraftJob,
    IndexLessonJob,
    PurgeRefreshTokensJob,
    DriveImportJob,
    RetraceMasteryJob,
)
