"""Reading, listing, renaming, deleting, restoring and purging files over HTTP.

Runs in the SQLite pass only: what it checks is the HTTP side (routing, validation,
authorization, error bodies, serialization) over repositories whose database-specific behaviour
the repository contracts and the `both_databases` tests cover on PostgreSQL too."""

from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any
from uuid import uuid4

import pytest

from tests.integration.accounts import Account, Client, MakeAccount, assert_error
from tests.integration.media.conftest import FILES, Rows, stored_files
from tests.unit.media import samples

Uploaded = Callable[..., Awaitable[dict[str, Any]]]


async def test_owner_reads_metadata_others_get_404(
    client: Client, uploaded: Uploaded, owner: Account, other: Account, admin: Account
) -> None:
    file = await uploaded(owner, b"hello", filename="a.txt")
    for reader in (owner, admin):
        response = await client.get(f"{FILES}/{file['id']}", headers=reader.headers)
        assert response.status_code == 200
        assert response.json() == file
    for stranger in (other.headers, {}):
        assert_error(await client.get(f"{FILES}/{file['id']}", headers=stranger), 404, "NOT_FOUND")
    assert_error(await client.get(f"{FILES}/{uuid4()}", headers=owner.headers), 404, "NOT_FOUND")


async def test_public_metadata_is_readable_by_anyone(
    client: Client, uploaded: Uploaded, owner: Account
) -> None:
    file = await uploaded(owner, b"hello", visibility="public")
    response = await client.get(f"{FILES}/{file['id']}")
    assert response.status_code == 200
    assert response.json()["visibility"] == "public"


async def test_list_is_mine_newest_first_and_paged(
    client: Client, uploaded: Uploaded, owner: Account, other: Account
) -> None:
    first = await uploaded(owner, b"one", filename="one.txt")
    second = await uploaded(owner, samples.png(), filename="two.png")
    await uploaded(other, b"theirs", filename="theirs.txt")
    response = await client.get(FILES, headers=owner.headers)
    assert response.status_code == 200
    body = response.json()
    assert [item["id"] for item in body["items"]] == [second["id"], first["id"]]
    assert (body["total"], body["limit"], body["offset"]) == (2, 20, 0)
    paged = (
        await client.get(FILES, params={"limit": 1, "offset": 1}, headers=owner.headers)
    ).json()
    assert ([item["id"] for item in paged["items"]], paged["total"]) == ([first["id"]], 2)


async def test_list_filters(
    client: Client, uploaded: Uploaded, owner: Account, other: Account, admin: Account
) -> None:
    notes = await uploaded(owner, b"# notes", filename="Lesson Notes.md")
    photo = await uploaded(owner, samples.png(), filename="photo.png")
    gone = await uploaded(owner, b"old", filename="old notes.txt")
    theirs = await uploaded(other, b"x", filename="notes.txt")
    await client.delete(f"{FILES}/{gone['id']}", headers=owner.headers)

    async def ids(account: Account, **params: Any) -> list[str]:
        response = await client.get(FILES, params=params, headers=account.headers)
        assert response.status_code == 200, response.text
        return [item["id"] for item in response.json()["items"]]

    assert await ids(owner) == [photo["id"], notes["id"]]
    assert await ids(owner, kind="image") == [photo["id"]]
    assert await ids(owner, deleted="true") == [gone["id"]]
    assert await ids(owner, q="NOTES") == [notes["id"]]
    assert await ids(owner, q="notes", deleted="true") == [gone["id"]]
    assert await ids(owner, q="100%_") == []
    assert await ids(owner, owner_id=other.id) == []
    assert await ids(admin) == [theirs["id"], photo["id"], notes["id"]]
    assert await ids(admin, owner_id=other.id) == [theirs["id"]]
    assert await ids(admin, kind="document", q="notes") == [theirs["id"], notes["id"]]


@pytest.mark.parametrize(
    "params",
    [{"kind": "sound"}, {"limit": 0}, {"limit": 101}, {"offset": -1}, {"deleted": "maybe"}],
)
async def test_bad_list_parameters_are_422(
    client: Client, owner: Account, params: dict[str, Any]
) -> None:
    response = await client.get(FILES, params=params, headers=owner.headers)
    assert_error(response, 422, "VALIDATION_ERROR")


async def test_rename_and_publish(
    client: Client, uploaded: Uploaded, owner: Account, admin: Account
) -> None:
    file = await uploaded(owner, b"hello", filename="a.txt")
    response = await client.patch(
        f"{FILES}/{file['id']}", json={"filename": "  Übung 1.txt "}, headers=owner.headers
    )
    assert response.status_code == 200, response.text
    assert (response.json()["filename"], response.json()["visibility"]) == (
        "Übung 1.txt",
        "private",
    )
    response = await client.patch(
        f"{FILES}/{file['id']}", json={"visibility": "public"}, headers=admin.headers
    )
    assert response.json()["visibility"] == "public"
    assert (await client.get(f"{FILES}/{file['id']}")).json()["filename"] == "Übung 1.txt"


@pytest.mark.parametrize(
    "patch",
    [
        {"filename": ""},
        {"filename": "a/b.txt"},
        {"filename": "x" * 256},
        {"visibility": "friends"},
        {"owner_id": str(uuid4())},
        {"filename": None},
    ],
)
async def test_bad_patches_are_422_and_change_nothing(
    client: Client, uploaded: Uploaded, owner: Account, patch: dict[str, Any]
) -> None:
    file = await uploaded(owner, b"hello")
    response = await client.patch(f"{FILES}/{file['id']}", json=patch, headers=owner.headers)
    assert_error(response, 422, "VALIDATION_ERROR")
    assert (await client.get(f"{FILES}/{file['id']}", headers=owner.headers)).json() == file


async def test_others_cannot_change_files(
    client: Client, uploaded: Uploaded, owner: Account, other: Account
) -> None:
    private = await uploaded(owner, b"private")
    public = await uploaded(owner, b"public", visibility="public")
    rename = {"filename": "stolen.txt"}
    response = await client.patch(f"{FILES}/{private['id']}", json=rename, headers=other.headers)
    assert_error(response, 404, "NOT_FOUND")
    response = await client.patch(f"{FILES}/{public['id']}", json=rename, headers=other.headers)
    assert_error(response, 403, "FORBIDDEN")
    assert_error(
        await client.delete(f"{FILES}/{public['id']}", headers=other.headers), 403, "FORBIDDEN"
    )
    assert (await client.get(f"{FILES}/{public['id']}")).json() == public


async def test_soft_delete_then_restore(
    client: Client, uploaded: Uploaded, owner: Account, other: Account, storage_dir: Path
) -> None:
    file = await uploaded(owner, b"hello", visibility="public")
    url = f"{FILES}/{file['id']}"
    response = await client.delete(url, headers=owner.headers)
    assert (response.status_code, response.content) == (204, b"")
    assert (await client.delete(url, headers=owner.headers)).status_code == 204
    seen = (await client.get(url, headers=owner.headers)).json()
    assert seen["deleted_at"] is not None
    assert_error(await client.get(url), 404, "NOT_FOUND")
    assert_error(await client.get(f"{url}/content", headers=owner.headers), 404, "NOT_FOUND")
    response = await client.patch(url, json={"filename": "b.txt"}, headers=owner.headers)
    assert_error(response, 409, "CONFLICT")
    assert_error(await client.post(f"{url}/restore", headers=other.headers), 404, "NOT_FOUND")
    assert len(stored_files(storage_dir)) == 1

    response = await client.post(f"{url}/restore", headers=owner.headers)
    assert response.status_code == 200, response.text
    assert response.json()["deleted_at"] is None
    assert (await client.get(f"{url}/content")).content == b"hello"
    assert (await client.post(f"{url}/restore", headers=owner.headers)).status_code == 200


async def test_admin_restores_any_file(
    client: Client, uploaded: Uploaded, owner: Account, admin: Account
) -> None:
    file = await uploaded(owner, b"hello")
    await client.delete(f"{FILES}/{file['id']}", headers=admin.headers)
    response = await client.post(f"{FILES}/{file['id']}/restore", headers=admin.headers)
    assert (response.status_code, response.json()["deleted_at"]) == (200, None)


async def test_permanent_delete_removes_the_bytes(
    client: Client,
    uploaded: Uploaded,
    owner: Account,
    admin: Account,
    rows: Rows,
    storage_dir: Path,
) -> None:
    kept = await uploaded(owner, b"kept")
    file = await uploaded(owner, b"doomed")
    url = f"{FILES}/{file['id']}/permanent"
    assert_error(await client.delete(url, headers=owner.headers), 403, "FORBIDDEN")
    response = await client.delete(url, headers=admin.headers)
    assert (response.status_code, response.content) == (204, b"")
    assert stored_files(storage_dir) == [storage_dir / "files" / kept["id"]]
    files, _ = await rows()
    assert [str(row.id) for row in files] == [kept["id"]]
    assert_error(await client.get(f"{FILES}/{file['id']}", headers=admin.headers), 404, "NOT_FOUND")
    assert_error(await client.delete(url, headers=admin.headers), 404, "NOT_FOUND")


async def test_instructors_have_no_special_access(
    client: Client, uploaded: Uploaded, owner: Account, make_account: MakeAccount
) -> None:
    teacher = await make_account("teacher", role="instructor")
    file = await uploaded(owner, b"hello")
    assert_error(
        await client.get(f"{FILES}/{file['id']}", headers=teacher.headers), 404, "NOT_FOUND"
    )
    listed = (await client.get(FILES, headers=teacher.headers)).json()
    assert listed["items"] == []
