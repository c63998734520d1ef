"""Read a job: its owner and administrators only."""

from uuid import UUID

from tutor_platform.shared.auth import Principal
from tutor_platform.shared.errors import NotFound
from tutor_platform.shared.jobs.ports import JobQueue, JobRecord


class JobNotFound(NotFound):
    default_detail = "The job was not found."


class GetJob:
    """A job for its owner or an admin; anyone else learns nothing, not even that it exists."""

    def __init__(self, queue: JobQueue) -> None:
        self._queue = queue

    async def execute(self, job_id: UUID, principal: Principal) -> JobRecord:
        record = await self._queue.get(job_id)
        if record is None or not (principal.is_admin or record.owner_id == principal.user_id):
            raise JobNotFound()
        return record
