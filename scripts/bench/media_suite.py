"""Media: a 50 MB upload and download over loopback to one uvicorn process with the local
storage adapter (throughput, and the server's peak RSS growth meanwhile), then the time to
render a 30-second video summary (speech, then moviepy) in this process."""

import argparse
import asyncio
import datetime as dt
import io
import os
import shutil
import statistics
import tempfile
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import httpx
import mutagen
import psutil

from scripts.bench.common import (
    PLATFORM_PORT,
    machine_description,
    platform_env,
    prepare_database,
    sign_up,
)
from scripts.bench.report import write_section
from scripts.bench.servers import ROOT, platform_server
from tutor_platform.media.adapters.outbound.speech.local import LocalSpeechSynthesizer
from tutor_platform.media.adapters.outbound.video.moviepy_renderer import MoviePyVideoRenderer
from tutor_platform.media.domain.video_plan import VideoPlan
from tutor_platform.shared.prose import split_sentences

FILE_MB = 50
CHUNK = 1024 * 1024
THROUGHPUT_TARGET_MB_S = 150.0
RSS_TARGET_MB = 30.0
NARRATION = (
    "Every living cell needs a steady supply of energy, and it gets that energy by breaking "
    "down sugar. Mitochondria are small structures inside the cell that turn sugar and "
    "oxygen into ATP, the molecule the cell spends as energy. They even carry their own DNA, "
    "a trace of their past as free living bacteria. Muscles and nerves use a great deal of "
    "ATP, so when mitochondria fail, the whole body feels it. Exercise builds more of "
    "them, which is one reason trained muscles tire less quickly."
)


@dataclass(frozen=True)
class Transfer:
    upload_mb_s: float
    download_mb_s: float
    rss_growth_mb: float
    rounds: int


@dataclass(frozen=True)
class Render:
    narration_s: float
    speech_s: float
    render_s: float
    video_mb: float
    engine: str


class PeakRss:
    """Samples a process tree's resident memory every 20 ms in a thread; keeps the peak."""

    def __init__(self, pid: int) -> None:
        self._process = psutil.Process(pid)
        self.peak = self.current()
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._sample, daemon=True)

    def current(self) -> int:
        processes = [self._process, *self._process.children(recursive=True)]
        return sum(process.memory_info().rss for process in processes)

    def _sample(self) -> None:
        while not self._stop.wait(0.02):
            self.peak = max(self.peak, self.current())

    @contextmanager
    def watching(self) -> Iterator["PeakRss"]:
        self._thread.start()
        try:
            yield self
        finally:
            self._stop.set()
            self._thread.join()


def sample_video(directory: Path) -> Path:
    """50 MB of incompressible bytes behind an MP4 ``ftyp`` box (a video as users upload)."""
    header = b"\x00\x00\x00\x18ftypisom\x00\x00\x02\x00isomiso2"
    path = directory / "lecture.mp4"
    with path.open("wb") as out:
        out.write(header)
        out.write(os.urandom(FILE_MB * CHUNK - len(header)))
    return path


def upload(client: httpx.Client, path: Path) -> tuple[str, float]:
    started = time.perf_counter()
    with path.open("rb") as handle:
        response = client.post("/api/v1/files", files={"file": (path.name, handle, "video/mp4")})
    elapsed = time.perf_counter() - started
    response.raise_for_status()
    return str(response.json()["id"]), elapsed


def download(client: httpx.Client, file_id: str) -> float:
    started = time.perf_counter()
    received = 0
    with client.stream("GET", f"/api/v1/files/{file_id}/content") as response:
        response.raise_for_status()
        for chunk in response.iter_raw(CHUNK):
            received += len(chunk)
    elapsed = time.perf_counter() - started
    if received != FILE_MB * CHUNK:
        raise RuntimeError(f"downloaded {received} bytes, expected {FILE_MB * CHUNK}")
    return elapsed


def measure_transfers(rounds: int, work: Path) -> Transfer:
    database_url, _ = prepare_database("tutor_bench_media")
    env = {
        **platform_env(database_url),
        "STORAGE_BACKEND": "local",
        "STORAGE_DIR": str(work / "files"),
        "UPLOAD_MAX_BYTES": str(64 * CHUNK),
        "STORAGE_QUOTA_BYTES_PER_USER": str(64 * 1024 * CHUNK),
        "MAX_REQUEST_BODY_BYTES": str(CHUNK),
    }
    path = sample_video(work)
    base = f"http://127.0.0.1:{PLATFORM_PORT}"
    uploads, downloads = [], []
    with platform_server(PLATFORM_PORT, env) as server:
        token = sign_up(base)
        headers = {"Authorization": f"Bearer {token}"}
        with httpx.Client(base_url=base, headers=headers, timeout=120) as client:
            download(client, upload(client, path)[0])
            rss = PeakRss(server.pid)
            before = rss.current()
            with rss.watching():
                for _ in range(rounds):
                    file_id, seconds = upload(client, path)
                    uploads.append(seconds)
                    downloads.append(download(client, file_id))
    return Transfer(
        upload_mb_s=FILE_MB / statistics.median(uploads),
        download_mb_s=FILE_MB / statistics.median(downloads),
        rss_growth_mb=(rss.peak - before) / 2**20,
        rounds=rounds,
    )


async def measure_render(work: Path) -> Render:
    speech = LocalSpeechSynthesizer()
    started = time.perf_counter()
    narration = await speech.synthesize(NARRATION)
    speech_s = time.perf_counter() - started
    parsed = mutagen.File(io.BytesIO(narration.data))
    plan = VideoPlan("Biology 101", "Cell energy", tuple(split_sentences(NARRATION)))
    renderer = MoviePyVideoRenderer(temp_dir=str(work))
    started = time.perf_counter()
    video = await renderer.render(plan, narration)
    render_s = time.perf_counter() - started
    return Render(
        narration_s=float(parsed.info.length) if parsed is not None else 0.0,
        speech_s=speech_s,
        render_s=render_s,
        video_mb=len(video.data) / 2**20,
        engine=speech.engine,
    )


def render_media(*, when: dt.datetime, machine: str, transfer: Transfer, render: Render) -> str:
    up = "met" if transfer.upload_mb_s >= THROUGHPUT_TARGET_MB_S else "MISSED"
    down = "met" if transfer.download_mb_s >= THROUGHPUT_TARGET_MB_S else "MISSED"
    rss = "met" if transfer.rss_growth_mb < RSS_TARGET_MB else "MISSED"
    return "\n".join(
        [
            "<!-- bench:media -->",
            "## Media: 50 MB upload and download, video summary rendering",
            "",
            f"- Date: {when:%Y-%m-%d %H:%M} UTC; machine: {machine}.",
            f"- One `tutor-platform serve` process (uvicorn, production settings, PostgreSQL 15, "
            f"local storage adapter on this machine's disk); an httpx client over loopback "
            f"sends a {FILE_MB} MB file (random bytes behind an MP4 header, so the type "
            "check, SHA-256, duration probe and fsync all run) as multipart, then streams it "
            f"back; medians of {transfer.rounds} rounds after one warm-up round.",
            "",
            "| measure | result | target |",
            "|---|---:|---|",
            f"| upload throughput | {transfer.upload_mb_s:,.0f} MB/s | ≥ 150 MB/s: {up} |",
            f"| download throughput | {transfer.download_mb_s:,.0f} MB/s | ≥ 150 MB/s: {down} |",
            f"| server peak RSS growth during the transfers | {transfer.rss_growth_mb:.1f} MB "
            f"| < 30 MB: {rss} |",
            f"| speech of a {render.narration_s:.1f} s narration ({render.engine}) "
            f"| {render.speech_s:.2f} s | |",
            f"| render of that video summary (1280x720, 10 fps, H.264/AAC, "
            f"{render.video_mb:.1f} MB) | {render.render_s:.2f} s | |",
            "",
            "- The render runs moviepy in a worker thread; ffmpeg (imageio-ffmpeg's) encodes. "
            "Title and caption cards are still images, so the frame rate is kept low.",
            "<!-- /bench:media -->",
        ]
    )


def run_media(args: argparse.Namespace) -> None:
    (ROOT / "var").mkdir(exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix="bench-media-", dir=ROOT / "var"))
    try:
        transfer = measure_transfers(args.rounds, work)
        render = asyncio.run(measure_render(work))
    finally:
        shutil.rmtree(work, ignore_errors=True)
    write_section(
        ROOT / "docs" / "benchmarks.md",
        "media",
        render_media(
            when=dt.datetime.now(dt.UTC),
            machine=machine_description(),
            transfer=transfer,
            render=render,
        ),
    )
