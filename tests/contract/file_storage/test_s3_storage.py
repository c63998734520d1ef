"""What only the S3 adapter does: multipart uploads, aborting them, failures of the server.

Runs in the SQLite pass only: this adapter touches no database, Redis or job queue, so a
PostgreSQL pass would run the same code again."""

import os
import socket
from collections.abc import AsyncIterator

import pytest

from tests.contract.file_storage.conftest import s3_storage
from tests.contract.file_storage.moto_s3 import admin_client, new_bucket
from tutor_platform.media.adapters.outbound.s3.storage import MIN_PART_SIZE, S3Storage
from tutor_platform.media.domain.errors import StorageUnavailable

KEY = "files/0192aa57-1b1c-7000-8000-000000000002"


async def chunks_of_size(total: int, size: int = 512 * 1024) -> AsyncIterator[bytes]:
    for start in range(0, total, size):
        yield os.urandom(min(size, total - start))


async def test_large_objects_go_up_in_parts(s3_endpoint: str) -> None:
    bucket = new_bucket(s3_endpoint)
    storage = s3_storage(s3_endpoint, bucket)
    try:
        size = 2 * MIN_PART_SIZE + 1234
        assert await storage.put(KEY, chunks_of_size(size)) == size
    finally:
        await storage.aclose()
    head = admin_client(s3_endpoint).head_object(Bucket=bucket, Key=KEY)
    assert head["ContentLength"] == size
    assert head["ETag"].strip('"').endswith("-3")


async def test_small_objects_go_up_in_one_request(s3_endpoint: str) -> None:
    bucket = new_bucket(s3_endpoint)
    storage = s3_storage(s3_endpoint, bucket)
    try:
        await storage.put(KEY, chunks_of_size(MIN_PART_SIZE - 1))
    finally:
        await storage.aclose()
    assert "-" not in admin_client(s3_endpoint).head_object(Bucket=bucket, Key=KEY)["ETag"]


async def test_a_failed_multipart_upload_is_aborted(s3_endpoint: str) -> None:
    bucket = new_bucket(s3_endpoint)
    storage = s3_storage(s3_endpoint, bucket)

    async def failing() -> AsyncIterator[bytes]:
        async for chunk in chunks_of_size(MIN_PART_SIZE + 1024):
            yield chunk
        raise RuntimeError("the client went away")

    try:
        with pytest.raises(RuntimeError, match="went away"):
            await storage.put(KEY, failing())
    finally:
        await storage.aclose()
    uploads = admin_client(s3_endpoint).list_multipart_uploads(Bucket=bucket)
    assert uploads.get("Uploads", []) == []


async def test_a_missing_bucket_is_a_storage_failure(s3_endpoint: str) -> None:
    storage = s3_storage(s3_endpoint, "no-such-bucket-here")
    try:
        with pytest.raises(StorageUnavailable):
            await storage.put(KEY, chunks_of_size(10))
    finally:
        await storage.aclose()


def closed_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
    return port


async def test_an_unreachable_server_is_a_storage_failure() -> None:
    storage = s3_storage(
        f"http://127.0.0.1:{closed_port()}", "bucket", connect_timeout=1, max_attempts=1
    )
    try:
        with pytest.raises(StorageUnavailable):
            await storage.put(KEY, chunks_of_size(10))
        with pytest.raises(StorageUnavailable):
            await storage.open(KEY)
        with pytest.raises(StorageUnavailable):
            await storage.exists(KEY)
        with pytest.raises(StorageUnavailable):
            await storage.delete(KEY)
    finally:
        await storage.aclose()


def test_parts_must_be_at_least_5_mib() -> None:
    with pytest.raises(ValueError, match="at least"):
        S3Storage("bucket", part_size=MIN_PART_SIZE - 1)
