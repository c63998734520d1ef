"""POST /files: streamed to storage, typed from the bytes, bounded by the cap.

Runs in the SQLite pass only: what it checks is the HTTP side (routing, validation,
authorization, error bodies, serialization) over repositories whose database-specific behaviour
the repository contracts and the `both_databases` tests cover on PostgreSQL too."""

import hashlib
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.integration.accounts import Account, Client, assert_error
from tests.integration.media.conftest import (
    FILES,
    CustomApp,
    Rows,
    Upload,
    post_file,
    stored_files,
)
from tests.unit.media import samples
from tests.unit.media.adapters.multipart_bodies import CONTENT_TYPE, body, field, file_part
from tutor_platform.bootstrap.settings import Settings


async def assert_nothing_stored(rows: Rows, storage_dir: Path) -> None:
    assert await rows() == ([], [])
    assert stored_files(storage_dir) == []


@pytest.mark.parametrize(("content_type", "maker"), samples.BY_TYPE.items())
async def test_every_accepted_binary_type(
    upload: Upload, owner: Account, content_type: str, maker: Callable[[], bytes]
) -> None:
    data = maker()
    response = await upload(owner, data, "upload.bin")
    assert response.status_code == 201, response.text
    body = response.json()
    assert body["content_type"] == content_type
    assert body["kind"] == content_type.split("/")[0].replace("application", "document")
    assert (body["size"], body["checksum_sha256"]) == (len(data), hashlib.sha256(data).hexdigest())
    assert (body["owner_id"], body["visibility"], body["deleted_at"]) == (owner.id, "private", None)


@pytest.mark.parametrize(
    ("filename", "content_type"),
    [("lesson.md", "text/markdown"), ("lesson.txt", "text/plain"), ("README", "text/plain")],
)
async def test_text_and_markdown(
    upload: Upload, owner: Account, filename: str, content_type: str
) -> None:
    response = await upload(owner, samples.text(), filename, visibility="public")
    assert response.status_code == 201, response.text
    assert (response.json()["content_type"], response.json()["visibility"]) == (
        content_type,
        "public",
    )


async def test_bytes_are_stored_under_the_file_id_never_the_name(
    upload: Upload, owner: Account, storage_dir: Path
) -> None:
    response = await upload(owner, b"secret", "../../etc/passwd.txt")
    assert response.status_code == 201, response.text
    body = response.json()
    assert body["filename"] == "passwd.txt"
    assert stored_files(storage_dir) == [storage_dir / "files" / body["id"]]
    assert (storage_dir / "files" / body["id"]).read_bytes() == b"secret"


async def test_wav_has_a_duration(upload: Upload, owner: Account) -> None:
    response = await upload(owner, samples.wav(milliseconds=2500), "voice.wav")
    assert response.status_code == 201, response.text
    assert (response.json()["kind"], response.json()["duration_ms"]) == ("audio", 2500)


async def test_uploads_are_not_bound_by_the_json_body_cap(
    upload: Upload, owner: Account, settings: Settings
) -> None:
    data = samples.text(3 * settings.max_request_body_bytes)
    response = await upload(owner, data, "big.txt")
    assert response.status_code == 201, response.text
    assert response.json()["size"] == len(data)


async def test_over_the_cap_is_413_and_nothing_is_kept(
    custom_app: CustomApp, rows: Rows, storage_dir: Path
) -> None:
    async with custom_app(upload_max_bytes=100_000) as (client, make_account):
        owner = await make_account("owner")
        response = await post_file(client, owner, samples.text(100_001))
        body = assert_error(response, 413, "PAYLOAD_TOO_LARGE")
        assert "100000" in body["detail"]
        response = await post_file(client, owner, samples.text(300_000))
        assert_error(response, 413, "PAYLOAD_TOO_LARGE")
        assert (await post_file(client, owner, samples.text(99_000))).status_code == 201
    files, uploads = await rows()
    assert (len(files), uploads) == (1, [])
    assert len(stored_files(storage_dir)) == 1


@pytest.mark.parametrize(
    ("data", "filename"),
    [
        (samples.text(), "photo.png"),
        (samples.exe(), "setup.exe"),
        (samples.exe(), "setup.txt"),
        (samples.mkv(), "movie.mkv"),
        (b"<svg xmlns='http://www.w3.org/2000/svg'/>", "logo.svg"),
        (samples.text(20_000) + b"\x00", "notes.txt"),
    ],
    ids=["text-as-png", "exe", "exe-as-txt", "matroska", "svg", "text-turning-binary"],
)
async def test_refused_types_are_415_and_nothing_is_kept(
    upload: Upload,
    owner: Account,
    rows: Rows,
    storage_dir: Path,
    data: bytes,
    filename: str,
) -> None:
    assert_error(await upload(owner, data, filename), 415, "UNSUPPORTED_MEDIA_TYPE")
    await assert_nothing_stored(rows, storage_dir)


@pytest.mark.parametrize("filename", ["empty.txt", "empty"])
async def test_an_empty_file_is_422_and_nothing_is_kept(
    upload: Upload, owner: Account, rows: Rows, storage_dir: Path, filename: str
) -> None:
    body = assert_error(await upload(owner, b"", filename), 422, "VALIDATION_ERROR")
    assert [error["field"] for error in body["errors"]] == ["file"]
    await assert_nothing_stored(rows, storage_dir)


async def test_allowed_types_come_from_settings(custom_app: CustomApp) -> None:
    async with custom_app(upload_allowed_types="image/png,text/plain") as (client, make_account):
        owner = await make_account("owner")
        assert (await post_file(client, owner, samples.png(), "a.png")).status_code == 201
        assert (await post_file(client, owner, samples.text(), "a.txt")).status_code == 201
        response = await post_file(client, owner, samples.text(), "a.md")
        assert_error(response, 415, "UNSUPPORTED_MEDIA_TYPE")
        response = await post_file(client, owner, samples.pdf(), "a.pdf")
        assert "application/pdf" in assert_error(response, 415, "UNSUPPORTED_MEDIA_TYPE")["detail"]


async def test_a_json_body_is_415(client: Client, owner: Account, rows: Rows) -> None:
    response = await client.post(FILES, json={"file": "hello"}, headers=owner.headers)
    assert_error(response, 415, "UNSUPPORTED_MEDIA_TYPE")
    assert await rows() == ([], [])


@pytest.mark.parametrize(
    ("parts", "field_name"),
    [
        ((field("visibility", "public"),), "file"),
        ((field("visibility", "team"), file_part(b"x")), "visibility"),
        ((file_part(b"x"), field("visibility", "team")), "visibility"),
        ((file_part(b"x"), field("folder", "archive")), "folder"),
        ((file_part(b"x"), file_part(b"y")), "file"),
    ],
    ids=["no-file", "bad-visibility-first", "bad-visibility-last", "unknown-field", "two-files"],
)
async def test_invalid_forms_are_422_and_nothing_is_kept(
    client: Client,
    owner: Account,
    rows: Rows,
    storage_dir: Path,
    parts: tuple[object, ...],
    field_name: str,
) -> None:
    response = await client.post(
        FILES,
        content=body(*parts),  # type: ignore[arg-type]
        headers={**owner.headers, "Content-Type": CONTENT_TYPE},
    )
    error = assert_error(response, 422, "VALIDATION_ERROR")
    assert [e["field"] for e in error["errors"]] == [field_name]
    await assert_nothing_stored(rows, storage_dir)


async def test_a_malformed_body_is_400(client: Client, owner: Account, rows: Rows) -> None:
    response = await client.post(
        FILES,
        content=body(file_part(b"hello"))[:-20],
        headers={**owner.headers, "Content-Type": CONTENT_TYPE},
    )
    assert_error(response, 400, "BAD_REQUEST")
    assert await rows() == ([], [])


async def test_anonymous_uploads_are_401(upload: Upload, rows: Rows) -> None:
    assert_error(await upload(None, b"hello"), 401, "UNAUTHENTICATED")
    assert await rows() == ([], [])
