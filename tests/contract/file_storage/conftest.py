"""Every ``FileStorage`` adapter, for the one contract suite: a local directory, an S3 bucket
on a moto server, and memory."""

from collections.abc import AsyncIterator, Iterator
from pathlib import Path

import pytest

from tests.contract.file_storage.moto_s3 import (
    ACCESS_KEY,
    REGION,
    SECRET_KEY,
    moto_server,
    new_bucket,
)
from tutor_platform.media.adapters.outbound.local.storage import LocalDirectoryStorage
from tutor_platform.media.adapters.outbound.memory.storage import InMemoryFileStorage
from tutor_platform.media.adapters.outbound.s3.storage import MIN_PART_SIZE, S3Storage
from tutor_platform.media.ports.storage import FileStorage


@pytest.fixture(scope="session")
def s3_endpoint() -> Iterator[str]:
    with moto_server() as endpoint:
        yield endpoint


def s3_storage(endpoint: str, bucket: str, **options: object) -> S3Storage:
    return S3Storage(
        bucket,
        endpoint_url=endpoint,
        region=REGION,
        access_key_id=ACCESS_KEY,
        secret_access_key=SECRET_KEY,
        part_size=MIN_PART_SIZE,
        **options,  # type: ignore[arg-type]
    )


@pytest.fixture(params=["local", "s3", "memory"])
async def storage(request: pytest.FixtureRequest, tmp_path: Path) -> AsyncIterator[FileStorage]:
    if request.param == "local":
        yield LocalDirectoryStorage(tmp_path / "files", chunk_size=64 * 1024)
    elif request.param == "s3":
        endpoint = request.getfixturevalue("s3_endpoint")
        s3 = s3_storage(endpoint, new_bucket(endpoint))
        yield s3
        await s3.aclose()
    else:
        yield InMemoryFileStorage()
