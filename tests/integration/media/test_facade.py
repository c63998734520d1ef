"""The media facade on the real database and storage: files made by jobs, owned lookups.

Runs in the SQLite pass only: what it checks is the HTTP side (routing, validation,
authorization, error bodies, serialization) over repositories whose database-specific behaviour
the repository contracts and the `both_databases` tests cover on PostgreSQL too."""

from pathlib import Path
from uuid import UUID

from litestar import Litestar

from tests.integration.accounts import Account, Client, in_app_loop
from tests.integration.media.conftest import FILES, stored_files
from tests.unit.media import samples
from tutor_platform.media.api import FileInfo, MediaFacade


def facade_of(app: Litestar) -> MediaFacade:
    facade: MediaFacade = app.state.container.media.facade()
    return facade


async def test_a_generated_file_is_an_ordinary_file_of_its_owner(
    app: Litestar, client: Client, owner: Account, other: Account, storage_dir: Path
) -> None:
    audio = samples.wav(milliseconds=750)
    facade = facade_of(app)
    info: FileInfo = in_app_loop(
        client,
        lambda: facade.store_generated_file(UUID(owner.id), "summary.wav", "audio/wav", audio),
    )
    assert (info.kind, info.duration_ms, info.visibility) == ("audio", 750, "private")
    listed = (await client.get(FILES, headers=owner.headers)).json()
    assert [item["id"] for item in listed["items"]] == [str(info.id)]
    content = await client.get(f"{FILES}/{info.id}/content", headers=owner.headers)
    assert content.content == audio
    assert stored_files(storage_dir) == [storage_dir / "files" / str(info.id)]

    async def read() -> bytes:
        return b"".join([chunk async for chunk in await facade.open_content(info.id)])

    assert in_app_loop(client, read) == audio
    assert in_app_loop(client, lambda: facade.get_file_for_owner(UUID(owner.id), info.id)) == info
    assert in_app_loop(client, lambda: facade.get_file_for_owner(UUID(other.id), info.id)) is None
