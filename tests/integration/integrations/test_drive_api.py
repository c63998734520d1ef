"""The Drive client against the fake Google's wire format: each error Drive answers in its
envelope becomes the domain error the API turns into a clear 4xx, 502 or 503 (some of them,
such as ``fileNotDownloadable``, the import never provokes through the API)."""

from collections.abc import AsyncIterator

import pytest

from tests.fakes.google_server import DOC, EXPORT_LIMIT, MINIMAL_PDF, FakeFile, FakeGoogle
from tutor_platform.integrations.adapters.outbound.google.drive_api import HttpDriveApi
from tutor_platform.integrations.domain.errors import (
    DriveExportTooLarge,
    DriveFailed,
    DriveFileNotFound,
    DriveFileNotImportable,
    DriveTokenRejected,
    DriveUnavailable,
)

TOKEN = "ya29.test-token"


@pytest.fixture
async def api(google: FakeGoogle) -> AsyncIterator[HttpDriveApi]:
    google.access_tokens[TOKEN] = "1//refresh"
    client = HttpDriveApi(google.url)
    yield client
    await client.aclose()


async def _read(api: HttpDriveApi, file_id: str, export_type: str | None = None) -> bytes:
    return b"".join([chunk async for chunk in api.content(TOKEN, file_id, export_type)])


async def test_a_listing_pages_with_the_token_and_asks_only_for_the_fields_it_reads(
    api: HttpDriveApi, google: FakeGoogle
) -> None:
    for number in range(3):
        google.add(FakeFile(f"n{number}", f"Notes {number}.pdf", "application/pdf", MINIMAL_PDF))
    first = await api.list_files(TOKEN, "notes", None, 2)
    second = await api.list_files(TOKEN, "notes", first.next_page_token, 2)
    assert [len(first.files), len(second.files)] == [2, 1]
    assert second.next_page_token is None
    _, query = google.drive_requests[-1]
    assert query["pageToken"] == [first.next_page_token]
    assert query["fields"] == [
        "nextPageToken,files(id,name,mimeType,modifiedTime,size,version,trashed)"
    ]
    assert "name contains 'notes'" in query["q"][0]


async def test_a_google_doc_downloaded_as_bytes_is_not_importable(api: HttpDriveApi) -> None:
    with pytest.raises(DriveFileNotImportable):
        await _read(api, "doc1")


async def test_an_export_over_googles_limit_is_too_large(
    api: HttpDriveApi, google: FakeGoogle
) -> None:
    google.add(FakeFile("book", "Book", DOC, exports={"text/plain": b"x" * (EXPORT_LIMIT + 1)}))
    with pytest.raises(DriveExportTooLarge):
        await _read(api, "book", "text/plain")


async def test_errors_map_to_what_the_api_answers(api: HttpDriveApi, google: FakeGoogle) -> None:
    with pytest.raises(DriveFileNotFound):
        await _read(api, "nosuchfile")
    google.fail_next(503)
    with pytest.raises(DriveUnavailable):
        await api.get_file(TOKEN, "pdf1")
    google.fail_next(403, "userRateLimitExceeded")
    with pytest.raises(DriveUnavailable):
        await _read(api, "pdf1")
    google.fail_next(403, "insufficientFilePermissions")
    with pytest.raises(DriveFailed, match="403"):
        await api.list_files(TOKEN, None, None, 10)
    google.expire_access_tokens()
    with pytest.raises(DriveTokenRejected):
        await _read(api, "pdf1")


async def test_google_out_of_reach_is_unavailable() -> None:
    api = HttpDriveApi("http://127.0.0.1:9", timeout_seconds=2)
    try:
        with pytest.raises(DriveUnavailable):
            await _read(api, "pdf1")
    finally:
        await api.aclose()
