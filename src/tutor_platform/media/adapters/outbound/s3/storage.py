"""``FileStorage`` in an S3-compatible bucket (AWS S3, MinIO, Cloudflare R2, ...) through
aiobotocore.

Small objects are sent with one PutObject; from ``part_size`` bytes on, a multipart upload
(parts of ``part_size``, at least 5 MiB, one part in memory at a time), aborted when anything
fails. Downloads stream the response body; ranges are HTTP Range requests.
"""

import asyncio
from collections.abc import AsyncIterable, AsyncIterator, Awaitable
from contextlib import AsyncExitStack
from typing import Any, Final, TypeVar

from aiobotocore.config import AioConfig
from aiobotocore.session import get_session
from aiohttp import ClientError as HttpClientError
from botocore.exceptions import BotoCoreError, ClientError

from tutor_platform.media.domain.errors import StorageUnavailable, StoredObjectNotFound

MIN_PART_SIZE: Final = 5 * 1024 * 1024
DEFAULT_PART_SIZE: Final = 8 * 1024 * 1024
CHUNK_SIZE: Final = 64 * 1024
_MISSING_CODES: Final = frozenset({"NoSuchKey", "404", "NotFound"})
T = TypeVar("T")


class S3Storage:
    """Objects in ``bucket``; the client is created on first use and closed by ``aclose``.

    Empty credentials fall back to botocore's usual chain (environment, profile, instance
    role). A custom ``endpoint_url`` uses path-style addressing, as most S3-compatible
    servers expect.
    """

    def __init__(
        self,
        bucket: str,
        *,
        endpoint_url: str = "",
        region: str = "",
        access_key_id: str = "",
        secret_access_key: str = "",
        part_size: int = DEFAULT_PART_SIZE,
        connect_timeout: float = 5,
        read_timeout: float = 60,
        max_attempts: int = 3,
    ) -> None:
        if part_size < MIN_PART_SIZE:
            raise ValueError(f"S3 parts must be at least {MIN_PART_SIZE} bytes")
        self._bucket = bucket
        self._part_size = part_size
        self._client_options: dict[str, Any] = {
            "endpoint_url": endpoint_url or None,
            "region_name": region or None,
            "aws_access_key_id": access_key_id or None,
            "aws_secret_access_key": secret_access_key or None,
            "config": AioConfig(
                connect_timeout=connect_timeout,
                read_timeout=read_timeout,
                retries={"max_attempts": max_attempts, "mode": "standard"},
                s3={"addressing_style": "path" if endpoint_url else "auto"},
                request_checksum_calculation="when_required",
                response_checksum_validation="when_required",
            ),
        }
        self._stack: AsyncExitStack | None = None
        self._client: Any = None
        self._lock = asyncio.Lock()

    async def put(self, key: str, chunks: AsyncIterable[bytes]) -> int:
        client = await self._get_client()
        buffer = bytearray()
        size = 0
        upload_id: str | None = None
        parts: list[dict[str, Any]] = []
        try:
            async for chunk in chunks:
                buffer += chunk
                size += len(chunk)
                while len(buffer) >= self._part_size:
                    if upload_id is None:
                        upload_id = await self._start_multipart(client, key)
                    part = bytes(buffer[: self._part_size])
                    del buffer[: self._part_size]
                    parts.append(await self._upload_part(client, key, upload_id, parts, part))
            if upload_id is None:
                await _sdk(client.put_object(Bucket=self._bucket, Key=key, Body=bytes(buffer)))
                return size
            if buffer or not parts:
                parts.append(await self._upload_part(client, key, upload_id, parts, bytes(buffer)))
            await _sdk(
                client.complete_multipart_upload(
                    Bucket=self._bucket,
                    Key=key,
                    UploadId=upload_id,
                    MultipartUpload={"Parts": parts},
                )
            )
        except BaseException:
            if upload_id is not None:
                await asyncio.shield(self._abort(client, key, upload_id))
            raise
        return size

    async def open(self, key: str, start: int = 0, end: int | None = None) -> AsyncIterator[bytes]:
        start = max(0, start)
        if end is not None and end <= start:
            await self.size(key)
            return _empty()
        request: dict[str, Any] = {"Bucket": self._bucket, "Key": key}
        if start or end is not None:
            request["Range"] = f"bytes={start}-{'' if end is None else end - 1}"
        client = await self._get_client()
        try:
            response = await _sdk(client.get_object(**request))
        except StorageUnavailable as exc:
            if _error_code(exc.__cause__) != "InvalidRange":
                raise
            await self.size(key)
            return _empty()
        return _stream(response["Body"])

    async def delete(self, key: str) -> None:
        client = await self._get_client()
        await _sdk(client.delete_object(Bucket=self._bucket, Key=key))

    async def exists(self, key: str) -> bool:
        try:
            await self.size(key)
        except StoredObjectNotFound:
            return False
        return True

    async def size(self, key: str) -> int:
        client = await self._get_client()
        response = await _sdk(client.head_object(Bucket=self._bucket, Key=key))
        return int(response["ContentLength"])

    async def aclose(self) -> None:
        """Close the client (and its connection pool), if one was made."""
        async with self._lock:
            if self._stack is not None:
                await self._stack.aclose()
            self._stack = None
            self._client = None

    async def _get_client(self) -> Any:
        if self._client is None:
            async with self._lock:
                if self._client is None:
                    stack = AsyncExitStack()
                    session = get_session()
                    self._client = await stack.enter_async_context(
                        session.create_client("s3", **self._client_options)
                    )
                    self._stack = stack
        return self._client

    async def _start_multipart(self, client: Any, key: str) -> str:
        response = await _sdk(client.create_multipart_upload(Bucket=self._bucket, Key=key))
        return str(response["UploadId"])

    async def _upload_part(
        self, client: Any, key: str, upload_id: str, parts: list[dict[str, Any]], body: bytes
    ) -> dict[str, Any]:
        number = len(parts) + 1
        response = await _sdk(
            client.upload_part(
                Bucket=self._bucket, Key=key, UploadId=upload_id, PartNumber=number, Body=body
            )
        )
        return {"PartNumber": number, "ETag": response["ETag"]}

    async def _abort(self, client: Any, key: str, upload_id: str) -> None:
        """Drop the parts sent so far; a failure here leaves them to the bucket's lifecycle."""
        try:
            await client.abort_multipart_upload(Bucket=self._bucket, Key=key, UploadId=upload_id)
        except (ClientError, BotoCoreError, HttpClientError, TimeoutError):
            return


async def _sdk(call: Awaitable[T]) -> T:
    """Await an SDK call: a missing object is ``StoredObjectNotFound``, any other failure of
    the storage ``StorageUnavailable``."""
    try:
        return await call
    except ClientError as exc:
        if _error_code(exc) in _MISSING_CODES:
            raise StoredObjectNotFound(str(exc)) from exc
        raise StorageUnavailable() from exc
    except (BotoCoreError, HttpClientError, TimeoutError) as exc:
        raise StorageUnavailable() from exc


def _error_code(exc: BaseException | None) -> str:
    if isinstance(exc, ClientError):
        return str(exc.response.get("Error", {}).get("Code", ""))
    return ""


async def _stream(body: Any) -> AsyncIterator[bytes]:
    try:
        while chunk := await _sdk(body.read(CHUNK_SIZE)):
            yield chunk
    finally:
        body.close()


async def _empty() -> AsyncIterator[bytes]:
    return
    yield
