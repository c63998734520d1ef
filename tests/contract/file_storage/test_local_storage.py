"""What only the local directory adapter does: keys stay inside the root, no stray files.

Runs in the SQLite pass only: this adapter touches no database, Redis or job queue, so a
PostgreSQL pass would run the same code again."""

from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from tutor_platform.media.adapters.outbound.local.storage import LocalDirectoryStorage
from tutor_platform.media.domain.errors import StorageUnavailable


async def one(data: bytes) -> AsyncIterator[bytes]:
    yield data


def files_under(root: Path) -> list[str]:
    return sorted(str(p.relative_to(root)) for p in root.rglob("*") if p.is_file())


@pytest.mark.parametrize(
    "key",
    ["../outside", "/etc/passwd", "files/../../outside", ".hidden", "a//b", "a\\b", "", "a/./b"],
)
async def test_keys_cannot_leave_the_root(tmp_path: Path, key: str) -> None:
    storage = LocalDirectoryStorage(tmp_path / "root")
    with pytest.raises(ValueError, match="storage key"):
        await storage.put(key, one(b"x"))
    with pytest.raises(ValueError, match="storage key"):
        await storage.open(key)
    assert files_under(tmp_path) == []


async def test_objects_are_files_named_by_their_key(tmp_path: Path) -> None:
    storage = LocalDirectoryStorage(tmp_path)
    await storage.put("files/abc-1", one(b"data"))
    assert files_under(tmp_path) == ["files/abc-1"]


async def test_a_failed_put_leaves_no_temporary_file(tmp_path: Path) -> None:
    storage = LocalDirectoryStorage(tmp_path)

    async def failing() -> AsyncIterator[bytes]:
        yield b"partial"
        raise RuntimeError("cut")

    with pytest.raises(RuntimeError):
        await storage.put("files/abc-2", failing())
    assert files_under(tmp_path) == []


async def test_an_unusable_root_is_a_storage_failure(tmp_path: Path) -> None:
    root = tmp_path / "not-a-directory"
    root.write_bytes(b"")
    storage = LocalDirectoryStorage(root)
    with pytest.raises(StorageUnavailable):
        await storage.put("files/abc-3", one(b"x"))
