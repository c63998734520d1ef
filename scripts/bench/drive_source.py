"""The integrations bench's Google: the fake (``tests/fakes/google_server.py``) in a process of
its own, so that its sends share no interpreter lock with the bench's client, poller and memory
sampler; and the stages of a Drive import's data path measured one by one in the bench process,
from the fake's own pace (the ceiling) to the bytes stored on disk."""

import asyncio
import base64
import hashlib
import multiprocessing
import queue
import secrets
import socket
import tempfile
import time
from collections.abc import AsyncIterable, AsyncIterator, Awaitable, Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import httpx
import uvicorn
from httpcore2._async.http11 import AsyncHTTP11Connection
from tests.fakes.google_server import FakeFile, FakeGoogle

from tutor_platform.integrations.adapters.outbound.google.drive_api import HttpDriveApi
from tutor_platform.media.adapters.outbound.local.storage import LocalDirectoryStorage
from tutor_platform.media.adapters.outbound.mutagen.duration_probe import MutagenDurationProbe
from tutor_platform.media.adapters.outbound.puremagic.sniffer import PuremagicContentSniffer
from tutor_platform.media.application.support.content_writer import ContentWriter
from tutor_platform.media.domain.quota import UploadPolicy

CLIENT_ID, CLIENT_SECRET = "fake-client-id", "fake-client-secret"
START_SECONDS = 60.0
LARGER_READ_BYTES = 256 * 1024
PASS_DEADLINE_SECONDS = 120.0
FILENAME = "Lecture notes.pdf"
STAGES = {
    "source": "the fake Google alone: a raw socket reading 1 MiB at a time, bytes dropped",
    "client": "+ our Drive client (`HttpDriveApi.content`, httpx2, 64 KiB reads)",
    "client_larger_reads": "the same client, httpx2 reading 256 KiB at a time (not shipped)",
    "checks": "+ media's upload checks (type sniffing, size cap, SHA-256), nothing stored",
    "storage": "+ the local storage (1 MiB writes in worker threads, fsync, rename)",
}


def file_id(number: int, *, sized: bool = True) -> str:
    """The fake's ``number``-th copy of the file, with its size in its metadata or not."""
    return f"big-{number}" if sized else f"unsized-{number}"


def _serve(port: "multiprocessing.Queue[int]", content: bytes, files: int) -> None:
    """The child process: the fake with ``files`` copies of ``content`` of each kind (with and
    without a size in their metadata) on a free port."""
    google = FakeGoogle(CLIENT_ID, CLIENT_SECRET)
    for number in range(files):
        google.add(FakeFile(file_id(number), FILENAME, "application/pdf", content))
        unsized = file_id(number, sized=False)
        google.add(FakeFile(unsized, FILENAME, "application/pdf", content, hide_size=True))
    listener = socket.create_server(("127.0.0.1", 0))
    port.put(listener.getsockname()[1])
    uvicorn.Server(uvicorn.Config(google, log_level="critical")).run(sockets=[listener])


@contextmanager
def fake_google_process(content: bytes, files: int) -> Iterator[str]:
    """The fake Google's base URL while the block runs; a clear error if it does not start.

    Forked (call it before starting any thread): a spawned child would be sent the file
    through a pipe, and a child that dies while reading it leaves the bench blocked writing.
    """
    fork = multiprocessing.get_context("fork")
    ports: multiprocessing.Queue[int] = fork.Queue()
    child = fork.Process(target=_serve, args=(ports, content, files), daemon=True)
    child.start()
    try:
        url = f"http://127.0.0.1:{_port(ports, child)}"
        _wait_listening(url, child)
        yield url
    finally:
        child.terminate()
        child.join(timeout=10)
        if child.is_alive():
            child.kill()


def _port(ports: "multiprocessing.Queue[int]", child: multiprocessing.process.BaseProcess) -> int:
    deadline = time.monotonic() + START_SECONDS
    while time.monotonic() < deadline:
        try:
            return ports.get(timeout=0.5)
        except queue.Empty:
            if not child.is_alive():
                message = f"the fake Google exited at start (code {child.exitcode})"
                raise RuntimeError(message) from None
    raise RuntimeError(f"the fake Google did not start within {START_SECONDS:.0f} s")


def _wait_listening(url: str, child: multiprocessing.process.BaseProcess) -> None:
    deadline = time.monotonic() + START_SECONDS
    while time.monotonic() < deadline and child.is_alive():
        try:
            httpx.get(f"{url}/drive/v3/about", timeout=2)
            return
        except httpx.TransportError:
            time.sleep(0.1)
    raise RuntimeError(f"the fake Google at {url} did not answer within {START_SECONDS:.0f} s")


def access_token(url: str) -> str:
    """A Drive access token of the fake's, through its own authorization-code flow (PKCE)."""
    verifier = secrets.token_urlsafe(48)
    digest = hashlib.sha256(verifier.encode()).digest()
    challenge = base64.urlsafe_b64encode(digest).decode().rstrip("=")
    redirect = "http://127.0.0.1/bench"
    consent = httpx.get(
        f"{url}/o/oauth2/v2/auth",
        params={
            "client_id": CLIENT_ID,
            "redirect_uri": redirect,
            "code_challenge": challenge,
            "code_challenge_method": "S256",
            "state": "bench",
        },
    )
    code = parse_qs(urlsplit(consent.headers["location"]).query)["code"][0]
    form = {
        "grant_type": "authorization_code",
        "code": code,
        "code_verifier": verifier,
        "redirect_uri": redirect,
        "client_id": CLIENT_ID,
        "client_secret": CLIENT_SECRET,
    }
    tokens = httpx.post(f"{url}/token", data=form).raise_for_status().json()
    return str(tokens["access_token"])


class _Dropped:
    """A storage that reads every chunk and keeps none (the ``checks`` stage)."""

    async def put(self, key: str, chunks: AsyncIterable[bytes]) -> int:
        size = 0
        async for chunk in chunks:
            size += len(chunk)
        return size


async def _raw(url: str, token: str, drive_file: str) -> int:
    """The file read straight from a socket: no HTTP client, no parsing beyond the status."""
    host, port = urlsplit(url).hostname, urlsplit(url).port
    reader, writer = await asyncio.open_connection(host, port)
    request = (
        f"GET /drive/v3/files/{drive_file}?alt=media HTTP/1.1\r\nHost: {host}\r\n"
        f"Authorization: Bearer {token}\r\nConnection: close\r\n\r\n"
    )
    writer.write(request.encode())
    received = 0
    first = await reader.read(1 << 20)
    if not first.startswith(b"HTTP/1.1 200"):
        raise RuntimeError(f"the fake Google answered {first[:40]!r}")
    received += len(first)
    while chunk := await reader.read(1 << 20):
        received += len(chunk)
    writer.close()
    return received


async def _drained(chunks: AsyncIterator[bytes]) -> int:
    size = 0
    async for chunk in chunks:
        size += len(chunk)
    return size


@dataclass(frozen=True)
class Pass:
    seconds: float
    cpu_seconds: float
    """The bench process's CPU time (its memory sampler thread included, a few percent)."""


@contextmanager
def _httpx2_reads(size: int) -> Iterator[None]:
    """httpx2 reading ``size`` bytes per socket read instead of its 64 KiB (a private
    httpcore2 constant with no setting: tried here only, not shipped)."""
    saved = AsyncHTTP11Connection.READ_NUM_BYTES
    AsyncHTTP11Connection.READ_NUM_BYTES = size
    try:
        yield
    finally:
        AsyncHTTP11Connection.READ_NUM_BYTES = saved


async def measure_stages(url: str, token: str, drive_file: str, max_bytes: int) -> dict[str, Pass]:
    """One pass of each stage, in the order of ``STAGES``."""
    api = HttpDriveApi(url)
    policy = UploadPolicy(max_bytes, frozenset({"application/pdf"}), quota_bytes=1 << 40)
    probe, sniffer = MutagenDurationProbe(), PuremagicContentSniffer()
    with tempfile.TemporaryDirectory(dir=Path("var")) as directory:
        storage = LocalDirectoryStorage(directory)

        def written(writer: ContentWriter) -> Callable[[], Awaitable[object]]:
            return lambda: writer.write_upload(
                "files/bench",
                api.content(token, drive_file, None),
                filename=FILENAME,
                policy=policy,
                limit=max_bytes,
            )

        async def larger_reads() -> None:
            with _httpx2_reads(LARGER_READ_BYTES):
                await _drained(api.content(token, drive_file, None))

        passes: dict[str, Callable[[], Awaitable[object]]] = {
            "source": lambda: _raw(url, token, drive_file),
            "client": lambda: _drained(api.content(token, drive_file, None)),
            "client_larger_reads": larger_reads,
            "checks": written(ContentWriter(_Dropped(), sniffer, probe)),  # type: ignore[arg-type]
            "storage": written(ContentWriter(storage, sniffer, probe)),
        }
        measured = {}
        try:
            for name, one_pass in passes.items():
                started, cpu = time.perf_counter(), time.process_time()
                async with asyncio.timeout(PASS_DEADLINE_SECONDS):
                    await one_pass()
                measured[name] = Pass(time.perf_counter() - started, time.process_time() - cpu)
        finally:
            await api.aclose()
    return measured
