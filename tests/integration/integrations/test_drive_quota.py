"""A Drive import counts toward the user's storage quota like an upload: one that would exceed
it fails with the quota in its error and leaves no file and no reservation behind. Both
databases: the reservation is taken under a per-owner lock."""

import pytest
from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncEngine

from tests.fakes.google_server import MINIMAL_PDF, FakeFile, FakeGoogle
from tests.integration.accounts import Client, MakeAccount
from tests.integration.integrations.drive_support import DRIVE, connect, drive_settings
from tests.integration.media.lesson_media_support import job_worker, wait_for_job
from tutor_platform.bootstrap.settings import Settings
from tutor_platform.media.adapters.outbound.sqlalchemy.tables import FileRow, FileUploadRow

pytestmark = pytest.mark.both_databases
_ = job_worker
QUOTA = 4096


@pytest.fixture
def settings(database_url: str, served_google: FakeGoogle) -> Settings:
    return drive_settings(database_url, served_google.url, storage_quota_bytes_per_user=QUOTA)


async def _count(engine: AsyncEngine, table: type) -> int:
    async with engine.connect() as connection:
        return int(await connection.scalar(select(func.count()).select_from(table)) or 0)


async def test_an_import_over_the_quota_fails_and_keeps_nothing(
    client: Client,
    make_account: MakeAccount,
    google: FakeGoogle,
    db_engine: AsyncEngine,
    job_worker: object,
) -> None:
    ann = await make_account("ann")
    await connect(client, ann)
    google.add(FakeFile("notes", "Notes.pdf", "application/pdf", MINIMAL_PDF + b"0" * QUOTA))
    response = await client.post(
        f"{DRIVE}/files/notes/import", json={"as": "file"}, headers=ann.headers
    )
    assert response.status_code == 202, response.text
    job = await wait_for_job(client, ann, response.json()["job_id"])
    assert job["status"] == "failed"
    assert f"quota of {QUOTA} bytes" in job["error"]
    assert await _count(db_engine, FileRow) == 0
    assert await _count(db_engine, FileUploadRow) == 0
