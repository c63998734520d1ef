"""Listing Drive files and importing them: into media storage under the upload rules (Docs
and Slides exported as PDF, Sheets as CSV), or a Google Doc as a lesson draft; as jobs,
idempotent per file version, retried on Google's 429 and 5xx. Bad input and outages answer a
clear 4xx/502/503 and store nothing.

Marked ``both_databases``: the imports run as jobs (in process, or on SAQ with a worker) and
their rows are written with an insert-or-find that differs per database."""

from collections.abc import AsyncIterator
from typing import Any
from uuid import UUID

import pytest
from dependency_injector import providers
from litestar import Litestar
from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncEngine

from tests.fakes.google_server import DOC, FORM, MINIMAL_PDF, FakeFile, FakeGoogle
from tests.fakes.log_capture import rendered_logs
from tests.integration.accounts import Account, Client, MakeAccount, assert_error
from tests.integration.catalog.conftest import API, MakeCourse
from tests.integration.integrations.drive_support import DRIVE, connect, drive_settings
from tests.integration.integrations.mcp_support import call_tool, structured, tool_error
from tests.integration.media.lesson_media_support import container_of, job_worker, wait_for_job
from tutor_platform.bootstrap.container import RootContainer
from tutor_platform.bootstrap.settings import Settings
from tutor_platform.integrations.ports.platform import LessonAuthoring, MediaFiles
from tutor_platform.media.adapters.outbound.sqlalchemy.tables import FileRow
from tutor_platform.shared.auth import Principal
from tutor_platform.shared.errors import Unavailable

pytestmark = pytest.mark.both_databases
_ = job_worker
UPLOAD_CAP = 64 * 1024


@pytest.fixture
def settings(database_url: str, served_google: FakeGoogle) -> Settings:
    return drive_settings(database_url, served_google.url, upload_max_bytes=UPLOAD_CAP)


@pytest.fixture
def job_backoff_seconds() -> float:
    return 0.01


@pytest.fixture
async def ann(client: Client, make_account: MakeAccount, google: FakeGoogle) -> Account:
    account = await make_account("ann", role="instructor")
    await connect(client, account)
    return account


async def _import(client: Client, who: Account, file_id: str, **body: Any) -> Any:
    return await client.post(
        f"{DRIVE}/files/{file_id}/import", json={"as": "file", **body}, headers=who.headers
    )


async def _imported(client: Client, who: Account, file_id: str, **body: Any) -> dict[str, Any]:
    response = await _import(client, who, file_id, **body)
    assert response.status_code == 202, response.text
    progress: list[float] = []
    job = await wait_for_job(
        client,
        who,
        response.json()["job_id"],
        seen=lambda state: progress.extend([state["progress"]] if "progress" in state else []),
    )
    assert job["status"] == "succeeded", job
    assert progress == sorted(progress)
    assert progress[-1] == 1.0
    result: dict[str, Any] = job["result"]
    return result


async def _file_count(engine: AsyncEngine) -> int:
    async with engine.connect() as connection:
        return int(await connection.scalar(select(func.count()).select_from(FileRow)) or 0)


async def test_files_are_listed_a_page_at_a_time_without_folders(
    client: Client, ann: Account, google: FakeGoogle, job_worker: object
) -> None:
    first = await client.get(f"{DRIVE}/files", params={"page_size": 2}, headers=ann.headers)
    assert first.status_code == 200, first.text
    page = first.json()
    assert [f["id"] for f in page["items"]] == ["sheet1", "pdf1"]
    assert page["next_page_token"]
    rest = await client.get(
        f"{DRIVE}/files",
        params={"page_size": 2, "page_token": page["next_page_token"]},
        headers=ann.headers,
    )
    assert [f["id"] for f in rest.json()["items"]] == ["doc1"]
    assert rest.json()["next_page_token"] is None
    pdf = page["items"][1]
    assert pdf["size"] == len(MINIMAL_PDF)
    assert pdf["mime_type"] == "application/pdf"
    assert pdf["importable"] is True
    doc = rest.json()["items"][0]
    assert doc["size"] is None
    assert doc["importable"] is True

    named = await client.get(f"{DRIVE}/files", params={"q": "loops"}, headers=ann.headers)
    assert [f["id"] for f in named.json()["items"]] == ["doc1"]
    quoted = await client.get(f"{DRIVE}/files", params={"q": "it's"}, headers=ann.headers)
    assert quoted.json()["items"] == []


async def test_bad_listing_input_is_422(client: Client, ann: Account, google: FakeGoogle) -> None:
    for params in ({"page_size": 0}, {"page_size": 101}, {"q": "x" * 201}, {"page_token": ""}):
        response = await client.get(f"{DRIVE}/files", params=params, headers=ann.headers)
        assert response.status_code in (400, 422), response.text


async def test_a_drive_outage_is_503_and_an_unknown_file_404(
    client: Client, ann: Account, google: FakeGoogle, db_engine: AsyncEngine
) -> None:
    google.fail_next(503)
    assert_error(await client.get(f"{DRIVE}/files", headers=ann.headers), 503, "UNAVAILABLE")
    google.fail_next(429, "userRateLimitExceeded")
    assert_error(await _import(client, ann, "pdf1"), 503, "UNAVAILABLE")
    assert_error(await _import(client, ann, "nosuchfile"), 404, "NOT_FOUND")
    assert_error(await _import(client, ann, "folder1"), 404, "NOT_FOUND")
    assert await _file_count(db_engine) == 0


async def test_an_error_google_does_not_explain_is_502_and_stores_nothing(
    client: Client, ann: Account, google: FakeGoogle, db_engine: AsyncEngine
) -> None:
    google.fail_next(403, "insufficientFilePermissions")
    listing = await client.get(f"{DRIVE}/files", headers=ann.headers)
    assert "403" in assert_error(listing, 502, "UPSTREAM_ERROR")["detail"]
    google.fail_next(400, "badRequest")
    assert_error(await _import(client, ann, "pdf1"), 502, "UPSTREAM_ERROR")
    assert await _file_count(db_engine) == 0


async def test_bad_file_ids_and_bodies_are_422(
    client: Client, ann: Account, google: FakeGoogle, db_engine: AsyncEngine
) -> None:
    for file_id in ("x" * 129, "bad$id", "a.b"):
        body = assert_error(await _import(client, ann, file_id), 422, "VALIDATION_ERROR")
        assert body["errors"][0]["field"] == "drive_file_id"
    for body in ({"as": "movie"}, {"as": "lesson"}, {"as": "file", "extra": 1}):
        response = await client.post(f"{DRIVE}/files/pdf1/import", json=body, headers=ann.headers)
        assert_error(response, 422, "VALIDATION_ERROR")
    assert google.drive_requests == [("/drive/v3/about", {"fields": ["user(emailAddress)"]})]


async def test_a_pdf_is_copied_into_the_users_files(
    client: Client, ann: Account, google: FakeGoogle, job_worker: object
) -> None:
    with rendered_logs() as logs:
        result = await _imported(client, ann, "pdf1")
    for token in [*google.access_tokens, *google.refresh_tokens]:
        assert token not in logs.getvalue()
    assert result["drive_file_id"] == "pdf1"
    assert result["version"] == "1"
    info = (await client.get(f"{API}/files/{result['file_id']}", headers=ann.headers)).json()
    assert info["filename"] == "Syllabus.pdf"
    assert info["content_type"] == "application/pdf"
    content = await client.get(f"{API}/files/{result['file_id']}/content", headers=ann.headers)
    assert content.content == MINIMAL_PDF


async def test_docs_and_sheets_are_exported(
    client: Client, ann: Account, google: FakeGoogle, job_worker: object
) -> None:
    doc = await _imported(client, ann, "doc1")
    info = (await client.get(f"{API}/files/{doc['file_id']}", headers=ann.headers)).json()
    assert (info["filename"], info["content_type"]) == ("Loops in Python.pdf", "application/pdf")
    sheet = await _imported(client, ann, "sheet1")
    content = await client.get(f"{API}/files/{sheet['file_id']}/content", headers=ann.headers)
    assert content.content == b"name,grade\nann,5\n"


async def test_the_same_version_again_is_the_same_import_a_new_version_a_new_one(
    client: Client, ann: Account, google: FakeGoogle, db_engine: AsyncEngine, job_worker: object
) -> None:
    first = await _import(client, ann, "pdf1")
    await wait_for_job(client, ann, first.json()["job_id"])
    again = await _import(client, ann, "pdf1")
    assert again.json()["job_id"] == first.json()["job_id"]
    assert await _file_count(db_engine) == 1
    google.files["pdf1"].version = 2
    google.files["pdf1"].content = MINIMAL_PDF + b"%more\n"
    newer = await _imported(client, ann, "pdf1")
    assert newer["version"] == "2"
    assert await _file_count(db_engine) == 2


async def test_a_transient_google_error_is_retried_by_the_job(
    client: Client, ann: Account, google: FakeGoogle, job_worker: object
) -> None:
    response = await _import(client, ann, "pdf1")
    assert response.status_code == 202
    google.fail_next(500)
    job = await wait_for_job(client, ann, response.json()["job_id"])
    assert job["status"] == "succeeded", job


class _DiesAfterMaking:
    """Makes the file or lesson, then fails the first time as if the worker died before the
    import was recorded (a transient error: the job runs again)."""

    def __init__(self, media: MediaFiles, lessons: LessonAuthoring) -> None:
        self._media, self._lessons = media, lessons
        self.armed, self.deaths = True, 0

    def _die_once(self) -> None:
        if self.armed:
            self.armed, self.deaths = False, self.deaths + 1
            raise Unavailable("The worker died.")

    async def store_upload(
        self,
        owner_id: UUID,
        file_id: UUID,
        filename: str,
        chunks: AsyncIterator[bytes],
        size: int | None = None,
    ) -> UUID:
        made = await self._media.store_upload(owner_id, file_id, filename, chunks, size)
        self._die_once()
        return made

    async def check_draft_section(self, principal: Principal, section_id: UUID) -> None:
        await self._lessons.check_draft_section(principal, section_id)

    async def add_lesson(
        self, principal: Principal, lesson_id: UUID, section_id: UUID, title: str, content: str
    ) -> UUID:
        made = await self._lessons.add_lesson(principal, lesson_id, section_id, title, content)
        self._die_once()
        return made


def _dying(app: Litestar, worker: RootContainer | None) -> list[_DiesAfterMaking]:
    made = []
    for container in (container_of(app), worker):
        if container is not None:
            integrations = container.integrations
            dies = _DiesAfterMaking(integrations.media_files(), integrations.lesson_authoring())
            integrations.media_files.override(providers.Object(dies))
            integrations.lesson_authoring.override(providers.Object(dies))
            made.append(dies)
    return made


async def test_an_import_that_dies_after_making_its_result_makes_no_copy_when_run_again(
    app: Litestar,
    client: Client,
    ann: Account,
    make_course: MakeCourse,
    google: FakeGoogle,
    db_engine: AsyncEngine,
    job_worker: RootContainer | None,
) -> None:
    deaths = _dying(app, job_worker)
    stored = await _imported(client, ann, "pdf1")
    files = (await client.get(f"{API}/files", headers=ann.headers)).json()
    assert [f["id"] for f in files["items"]] == [stored["file_id"]]
    assert await _file_count(db_engine) == 1

    draft = await make_course(ann, sections=1, lessons_per_section=1, published=False)
    body = {"as": "lesson", "section_id": draft.section_ids[0]}
    for dies in deaths:
        dies.armed = True
    made = await _imported(client, ann, "doc1", **body)
    outline = (await client.get(f"{API}/courses/{draft.id}", headers=ann.headers)).json()
    added = [x["id"] for x in outline["sections"][0]["lessons"]][1:]
    assert added == [made["lesson_id"]]
    assert sum(dies.deaths for dies in deaths) == 2


async def test_refusals_store_nothing(
    client: Client, ann: Account, google: FakeGoogle, db_engine: AsyncEngine, job_worker: object
) -> None:
    google.add(FakeFile("form1", "Survey", FORM))
    assert_error(await _import(client, ann, "form1"), 415, "UNSUPPORTED_MEDIA_TYPE")
    google.add(FakeFile("big1", "Huge.pdf", "application/pdf", MINIMAL_PDF + b"0" * UPLOAD_CAP))
    assert_error(await _import(client, ann, "big1"), 413, "PAYLOAD_TOO_LARGE")
    google.add(FakeFile("exe1", "tool.pdf", "application/pdf", b"MZ\x90\x00" + b"\x00" * 100))
    response = await _import(client, ann, "exe1")
    job = await wait_for_job(client, ann, response.json()["job_id"])
    assert job["status"] == "failed"
    google.add(
        FakeFile("hugedoc", "Book", DOC, exports={"application/pdf": b"%PDF" + b"0" * (10 << 20)})
    )
    response = await _import(client, ann, "hugedoc")
    job = await wait_for_job(client, ann, response.json()["job_id"])
    assert job["status"] == "failed"
    assert "10 MB" in job["error"]
    assert await _file_count(db_engine) == 0
    files = await client.get(f"{API}/files", headers=ann.headers)
    assert files.json()["total"] == 0


async def test_a_file_that_grew_on_drive_after_the_request_is_refused_and_not_stored(
    client: Client, ann: Account, google: FakeGoogle, db_engine: AsyncEngine, job_worker: object
) -> None:
    content = MINIMAL_PDF + b"0" * 1000
    google.add(FakeFile("grown", "Notes.pdf", "application/pdf", content, reported_size=500))
    response = await _import(client, ann, "grown")
    job = await wait_for_job(client, ann, response.json()["job_id"])
    assert job["status"] == "failed"
    assert "changed on Google Drive" in job["error"]
    assert await _file_count(db_engine) == 0


async def test_a_google_doc_becomes_a_lesson_draft_in_an_unpublished_course(
    client: Client,
    ann: Account,
    make_account: MakeAccount,
    make_course: MakeCourse,
    google: FakeGoogle,
    job_worker: object,
) -> None:
    draft = await make_course(ann, sections=1, lessons_per_section=1, published=False)
    section = draft.section_ids[0]
    result = await _imported(client, ann, "doc1", **{"as": "lesson", "section_id": section})
    lesson = (await client.get(f"{API}/lessons/{result['lesson_id']}", headers=ann.headers)).json()
    assert lesson["title"] == "Loops in Python"
    assert lesson["content"].startswith("# Loops")
    assert lesson["section_id"] == section
    assert lesson["position"] == 2

    live = await make_course(ann, sections=1, lessons_per_section=1)
    body = {"as": "lesson", "section_id": live.section_ids[0]}
    assert_error(await _import(client, ann, "doc1", **body), 409, "CONFLICT")
    assert_error(
        await _import(client, ann, "pdf1", **{"as": "lesson", "section_id": section}),
        415,
        "UNSUPPORTED_MEDIA_TYPE",
    )
    rival = await make_account("rival", role="instructor")
    await connect(client, rival)
    assert_error(
        await _import(client, rival, "doc1", **{"as": "lesson", "section_id": section}),
        404,
        "NOT_FOUND",
    )
    student = await make_account("stu")
    await connect(client, student)
    assert_error(
        await _import(client, student, "doc1", **{"as": "lesson", "section_id": section}),
        403,
        "FORBIDDEN",
    )
    outline = (await client.get(f"{API}/courses/{draft.id}", headers=ann.headers)).json()
    assert len(outline["sections"][0]["lessons"]) == 2


async def test_the_mcp_tool_lists_the_callers_drive_files(
    client: Client, ann: Account, make_account: MakeAccount, google: FakeGoogle
) -> None:
    listed = structured(call_tool(client, ann, "list_drive_files", {"q": "syllabus"}))
    assert [f["id"] for f in listed["items"]] == ["pdf1"]
    stranger = await make_account("stranger")
    tool_error(call_tool(client, stranger, "list_drive_files", {}), "CONFLICT")
