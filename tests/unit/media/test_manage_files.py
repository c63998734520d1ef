"""Reading, listing, changing, deleting and restoring files, and who may do it."""

import pytest

from tests.unit.media import samples
from tests.unit.media.fakes import FakeUpload
from tutor_platform.media.adapters.outbound.memory.storage import InMemoryFileStorage
from tutor_platform.media.adapters.outbound.memory.store import InMemoryMediaStore
from tutor_platform.media.application.list_files import FileFilter
from tutor_platform.media.application.support.views import FileInfo
from tutor_platform.media.application.update_file import FileChanges
from tutor_platform.media.container import MediaContainer
from tutor_platform.media.domain.errors import FileIsDeleted, FileNotFound, StorageUnavailable
from tutor_platform.shared.auth import Principal
from tutor_platform.shared.clock import FixedClock
from tutor_platform.shared.errors import Forbidden, ValidationFailed
from tutor_platform.shared.ids import new_id
from tutor_platform.shared.pagination import PageRequest

OWNER = Principal(new_id(), "student", "free")
OTHER = Principal(new_id(), "instructor", "premium")
ADMIN = Principal(new_id(), "admin", "free")


async def upload(
    media: MediaContainer,
    data: bytes = b"hello",
    filename: str = "notes.txt",
    visibility: str = "private",
    owner: Principal = OWNER,
) -> FileInfo:
    source = FakeUpload(data, filename, {"visibility": visibility})
    return await media.upload_file().execute(owner.user_id, source)


async def read_all(media: MediaContainer, principal: Principal | None, info: FileInfo) -> bytes:
    content = await media.open_file_content().execute(principal, info.id)
    return b"".join([chunk async for chunk in await content.read()])


async def test_private_files_are_seen_by_their_owner_and_admins_only(
    media: MediaContainer,
) -> None:
    info = await upload(media)
    for principal in (OWNER, ADMIN):
        assert (await media.get_file().execute(principal, info.id)).id == info.id
        assert await read_all(media, principal, info) == b"hello"
    for stranger in (OTHER, None):
        with pytest.raises(FileNotFound):
            await media.get_file().execute(stranger, info.id)
        with pytest.raises(FileNotFound):
            await media.open_file_content().execute(stranger, info.id)


async def test_public_files_are_seen_by_anyone(media: MediaContainer) -> None:
    info = await upload(media, visibility="public")
    assert (await media.get_file().execute(None, info.id)).visibility == "public"
    assert await read_all(media, None, info) == b"hello"


async def test_ranges_of_content(media: MediaContainer) -> None:
    info = await upload(media, data=samples.text(3000))
    content = await media.open_file_content().execute(OWNER, info.id)
    part = b"".join([chunk async for chunk in await content.read(1000, 2500)])
    assert part == samples.text(3000)[1000:2500]


async def test_soft_deleted_files_keep_metadata_for_the_owner_but_no_content(
    media: MediaContainer, clock: FixedClock
) -> None:
    info = await upload(media, visibility="public")
    await media.delete_file().execute(OWNER, info.id)
    seen = await media.get_file().execute(OWNER, info.id)
    assert seen.deleted_at == clock.now()
    for principal in (OWNER, ADMIN, None):
        with pytest.raises(FileNotFound):
            await media.open_file_content().execute(principal, info.id)
    with pytest.raises(FileNotFound):
        await media.get_file().execute(None, info.id)
    await media.delete_file().execute(OWNER, info.id)
    clock.advance(minutes=1)
    restored = await media.restore_file().execute(ADMIN, info.id)
    assert restored.deleted_at is None
    assert await read_all(media, None, info) == b"hello"


async def test_others_cannot_change_files(media: MediaContainer) -> None:
    private = await upload(media)
    public = await upload(media, visibility="public")
    for action in (media.delete_file(), media.restore_file()):
        with pytest.raises(FileNotFound):
            await action.execute(OTHER, private.id)
        with pytest.raises(Forbidden):
            await action.execute(OTHER, public.id)
    with pytest.raises(Forbidden):
        await media.update_file().execute(OTHER, public.id, FileChanges(filename="mine.txt"))


async def test_rename_and_visibility(media: MediaContainer, clock: FixedClock) -> None:
    info = await upload(media)
    clock.advance(minutes=5)
    changed = await media.update_file().execute(
        OWNER, info.id, FileChanges(filename="  Final notes.txt ", visibility="public")
    )
    assert (changed.filename, changed.visibility, changed.updated_at) == (
        "Final notes.txt",
        "public",
        clock.now(),
    )
    assert changed.content_type == "text/plain"


async def test_bad_changes_are_refused_and_change_nothing(
    media: MediaContainer, store: InMemoryMediaStore
) -> None:
    info = await upload(media)
    with pytest.raises(ValidationFailed) as raised:
        await media.update_file().execute(
            OWNER, info.id, FileChanges(filename="a/b", visibility="friends")
        )
    assert {e.field for e in raised.value.errors} == {"filename", "visibility"}
    await media.delete_file().execute(OWNER, info.id)
    with pytest.raises(FileIsDeleted):
        await media.update_file().execute(OWNER, info.id, FileChanges(filename="b.txt"))
    assert store.files[info.id].filename == "notes.txt"


async def test_listing_is_own_files_newest_first_with_filters(
    media: MediaContainer, clock: FixedClock
) -> None:
    names = ["Intro.md", "photo.png", "Outro.MD"]
    made = []
    for name in names:
        data = samples.png() if name.endswith(".png") else b"# text"
        made.append(await upload(media, data=data, filename=name))
        clock.advance(seconds=1)
    await upload(media, filename="other.md", owner=OTHER)
    await media.delete_file().execute(OWNER, made[0].id)

    async def run(principal: Principal, **filters: object) -> list[str]:
        page = await media.list_files().execute(
            principal,
            FileFilter(**filters),  # type: ignore[arg-type]
            PageRequest(),
        )
        return [info.filename for info in page.items]

    assert await run(OWNER) == ["Outro.MD", "photo.png"]
    assert await run(OWNER, deleted=True) == ["Intro.md"]
    assert await run(OWNER, kind="image") == ["photo.png"]
    assert await run(OWNER, q=" o.md") == ["Outro.MD"]
    assert await run(OWNER, owner_id=OTHER.user_id) == []
    assert await run(ADMIN) == ["other.md", "Outro.MD", "photo.png"]
    assert await run(ADMIN, owner_id=OTHER.user_id) == ["other.md"]
    page = await media.list_files().execute(OWNER, FileFilter(), PageRequest(limit=1, offset=1))
    assert (page.total, [i.filename for i in page.items]) == (2, ["photo.png"])


async def test_listing_refuses_bad_filters(media: MediaContainer) -> None:
    with pytest.raises(ValidationFailed) as raised:
        await media.list_files().execute(OWNER, FileFilter(kind="sound", q="a\x00"), PageRequest())
    assert {e.field for e in raised.value.errors} == {"kind", "q"}


async def test_purge_removes_record_bytes_and_quota_use(
    media: MediaContainer, store: InMemoryMediaStore, storage: InMemoryFileStorage
) -> None:
    info = await upload(media)
    with pytest.raises(Forbidden):
        await media.purge_file().execute(OWNER, info.id)
    await media.purge_file().execute(ADMIN, info.id)
    assert store.files == {}
    assert storage.objects == {}
    with pytest.raises(FileNotFound):
        await media.purge_file().execute(ADMIN, info.id)


async def test_lost_bytes_are_a_storage_failure(
    media: MediaContainer, storage: InMemoryFileStorage
) -> None:
    info = await upload(media)
    storage.objects.clear()
    content = await media.open_file_content().execute(OWNER, info.id)
    with pytest.raises(StorageUnavailable):
        await content.read()
