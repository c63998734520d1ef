"""Reading a job: its owner and admins; anyone else is told it does not exist."""

from uuid import UUID, uuid4

import pytest

from tests.unit.jobs.conftest import NOW
from tutor_platform.shared.auth import Principal
from tutor_platform.shared.jobs.application.get_job import GetJob, JobNotFound
from tutor_platform.shared.jobs.ports import JobRecord, JsonObject

OWNER = uuid4()


class OneJobQueue:
    """A ``JobQueue`` that knows a single job."""

    def __init__(self, record: JobRecord) -> None:
        self.record = record

    async def enqueue(
        self,
        kind: str,
        payload: JsonObject,
        *,
        owner_id: UUID | None = None,
        key: str | None = None,
    ) -> JobRecord:
        raise NotImplementedError

    async def get(self, job_id: UUID) -> JobRecord | None:
        return self.record if job_id == self.record.id else None


@pytest.fixture
def record() -> JobRecord:
    return JobRecord(id=uuid4(), kind="k", status="queued", owner_id=OWNER, created_at=NOW)


@pytest.fixture
def get_job(record: JobRecord) -> GetJob:
    return GetJob(OneJobQueue(record))


async def test_the_owner_gets_the_job(get_job: GetJob, record: JobRecord) -> None:
    assert await get_job.execute(record.id, Principal(OWNER, "student", "free")) == record


async def test_an_admin_gets_anyones_job(get_job: GetJob, record: JobRecord) -> None:
    assert await get_job.execute(record.id, Principal(uuid4(), "admin", "free")) == record


@pytest.mark.parametrize("role", ["student", "instructor"])
async def test_anyone_else_is_told_it_does_not_exist(
    get_job: GetJob, record: JobRecord, role: str
) -> None:
    with pytest.raises(JobNotFound):
        await get_job.execute(record.id, Principal(uuid4(), role, "premium"))


async def test_an_unknown_job_is_not_found(get_job: GetJob) -> None:
    with pytest.raises(JobNotFound):
        await get_job.execute(uuid4(), Principal(uuid4(), "admin", "free"))
