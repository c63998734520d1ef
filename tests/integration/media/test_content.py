"""GET /files/{id}/content: streamed bytes, single ranges, ETags, safe file names.

Runs in the SQLite pass only: what it checks is the HTTP side (routing, validation,
authorization, error bodies, serialization) over repositories whose database-specific behaviour
the repository contracts and the `both_databases` tests cover on PostgreSQL too."""

from collections.abc import Awaitable, Callable
from typing import Any

import pytest

from tests.integration.accounts import Account, Client, assert_error
from tests.integration.media.conftest import FILES
from tests.unit.media import samples

Uploaded = Callable[..., Awaitable[dict[str, Any]]]
DATA = samples.text(200_000)


@pytest.fixture
async def file(client: Client, uploaded: Uploaded, owner: Account) -> dict[str, Any]:
    """A Markdown file, renamed (multipart clients percent-encode quotes in file names)."""
    created = await uploaded(owner, DATA, filename="notes.md")
    response = await client.patch(
        f"{FILES}/{created['id']}", json={"filename": 'Grüße "quoted".md'}, headers=owner.headers
    )
    body: dict[str, Any] = response.json()
    return body


def url(file: dict[str, Any]) -> str:
    return f"{FILES}/{file['id']}/content"


async def test_whole_file_with_headers(
    client: Client, owner: Account, file: dict[str, Any]
) -> None:
    response = await client.get(url(file), headers=owner.headers)
    assert response.status_code == 200
    assert response.content == DATA
    assert response.headers["content-type"] == "text/markdown; charset=utf-8"
    assert response.headers["content-length"] == str(len(DATA))
    assert response.headers["etag"] == f'"{file["checksum_sha256"]}"'
    assert response.headers["accept-ranges"] == "bytes"
    assert response.headers["x-content-type-options"] == "nosniff"
    assert response.headers["content-disposition"] == (
        "inline; filename=\"Gr__e _quoted_.md\"; filename*=UTF-8''Gr%C3%BC%C3%9Fe%20%22quoted%22.md"
    )


async def test_download_as_attachment(client: Client, owner: Account, file: dict[str, Any]) -> None:
    response = await client.get(url(file), params={"download": "true"}, headers=owner.headers)
    assert response.headers["content-disposition"].startswith("attachment; ")


async def test_media_is_never_compressed(
    client: Client, owner: Account, file: dict[str, Any]
) -> None:
    response = await client.get(url(file), headers={**owner.headers, "Accept-Encoding": "gzip"})
    assert "content-encoding" not in response.headers
    assert response.content == DATA


@pytest.mark.parametrize(
    ("header", "start", "end"),
    [
        ("bytes=0-99", 0, 100),
        ("bytes=150000-", 150_000, len(DATA)),
        ("bytes=-1000", len(DATA) - 1000, len(DATA)),
        ("bytes=199990-999999", 199_990, len(DATA)),
    ],
)
async def test_single_range_is_206(
    client: Client, owner: Account, file: dict[str, Any], header: str, start: int, end: int
) -> None:
    response = await client.get(url(file), headers={**owner.headers, "Range": header})
    assert response.status_code == 206
    assert response.content == DATA[start:end]
    assert response.headers["content-range"] == f"bytes {start}-{end - 1}/{len(DATA)}"
    assert response.headers["content-length"] == str(end - start)


@pytest.mark.parametrize("header", ["bytes=0-1,5-9", "lines=1-2", "bytes=oops"])
async def test_other_ranges_get_the_whole_file(
    client: Client, owner: Account, file: dict[str, Any], header: str
) -> None:
    response = await client.get(url(file), headers={**owner.headers, "Range": header})
    assert (response.status_code, len(response.content)) == (200, len(DATA))


async def test_unsatisfiable_range_is_416(
    client: Client, owner: Account, file: dict[str, Any]
) -> None:
    response = await client.get(url(file), headers={**owner.headers, "Range": "bytes=999999-"})
    assert_error(response, 416, "RANGE_NOT_SATISFIABLE")
    assert response.headers["content-range"] == f"bytes */{len(DATA)}"


async def test_if_none_match_is_304(client: Client, owner: Account, file: dict[str, Any]) -> None:
    etag = f'"{file["checksum_sha256"]}"'
    response = await client.get(url(file), headers={**owner.headers, "If-None-Match": etag})
    assert (response.status_code, response.content) == (304, b"")
    assert response.headers["etag"] == etag
    stale = await client.get(url(file), headers={**owner.headers, "If-None-Match": '"other"'})
    assert stale.status_code == 200


async def test_if_range_with_another_etag_sends_everything(
    client: Client, owner: Account, file: dict[str, Any]
) -> None:
    headers = {**owner.headers, "Range": "bytes=0-9"}
    current = f'"{file["checksum_sha256"]}"'
    fresh = await client.get(url(file), headers={**headers, "If-Range": current})
    assert fresh.status_code == 206
    changed = await client.get(url(file), headers={**headers, "If-Range": '"old"'})
    assert (changed.status_code, len(changed.content)) == (200, len(DATA))


async def test_public_content_for_anyone_private_for_owner_and_admin(
    client: Client, uploaded: Uploaded, owner: Account, other: Account, admin: Account
) -> None:
    private = await uploaded(owner, samples.png(), filename="a.png")
    public = await uploaded(owner, samples.png(), filename="b.png", visibility="public")
    for reader in (owner.headers, admin.headers):
        response = await client.get(url(private), headers=reader)
        assert (response.status_code, response.content) == (200, samples.png())
        assert response.headers["content-type"] == "image/png"
    for stranger in (other.headers, {}):
        assert_error(await client.get(url(private), headers=stranger), 404, "NOT_FOUND")
        assert (await client.get(url(public), headers=stranger)).content == samples.png()


async def test_lost_bytes_are_502(
    client: Client, owner: Account, file: dict[str, Any], storage_dir: Any
) -> None:
    (storage_dir / "files" / file["id"]).unlink()
    assert_error(await client.get(url(file), headers=owner.headers), 502, "UPSTREAM_ERROR")
