"""Integrations: an MCP ``tools/call search_courses`` next to the same REST search (p95 at
concurrency 1, both with a bearer token), then a 20 MB Google Drive import from the fake
Google (``tests/fakes/google_server.py``) served on loopback: throughput from the request to
the job's success, and the API process's peak RSS growth meanwhile."""

import argparse
import asyncio
import datetime as dt
import json
import os
import statistics
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from urllib.parse import parse_qs, urlsplit

import httpx
import psutil
import uvicorn
from cryptography.fernet import Fernet
from tests.fakes.google_server import MINIMAL_PDF, FakeFile, FakeGoogle

from scripts.bench.catalog_data import SEARCH_TERMS, seed_catalog
from scripts.bench.common import (
    PLATFORM_PORT,
    machine_description,
    median_of,
    platform_env,
    prepare_database,
    sign_up,
)
from scripts.bench.media_suite import PeakRss
from scripts.bench.report import Measurement, write_section
from scripts.bench.servers import ROOT, platform_server
from scripts.bench.wrk import WrkResult, run_wrk

GOOGLE_PORT = 8803
COURSES = 200
FILE_MB = 20
MB = 1024 * 1024
P95_RATIO_TARGET = 1.5
THROUGHPUT_TARGET_MB_S = 50.0
RSS_TARGET_MB = 30.0
DRIVE = "/api/v1/integrations/google-drive"


@dataclass(frozen=True)
class DriveImport:
    mb_s: float
    seconds: float
    job_mb_s: float
    rss_growth_mb: float
    rounds: int
    cpu_mb_s: float
    """MB imported per CPU-second of the API process: what it would reach alone on a core."""
    upload_mb_s: float
    """The same bytes sent to ``POST /files`` in the same run: the platform's own upload path."""
    source_mb_s: float
    """The fake Google's pace: the same file downloaded by a plain client, nothing stored."""


def cpu_seconds(pid: int) -> float:
    times = psutil.Process(pid).cpu_times()
    return float(times.user + times.system)


@contextmanager
def fake_google() -> Iterator[FakeGoogle]:
    google = FakeGoogle()
    server = uvicorn.Server(
        uvicorn.Config(google, host="127.0.0.1", port=GOOGLE_PORT, log_level="critical")
    )
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    while not server.started:
        time.sleep(0.05)
    google.url = f"http://127.0.0.1:{GOOGLE_PORT}"
    try:
        yield google
    finally:
        server.should_exit = True
        thread.join(timeout=10)


def google_env(url: str) -> dict[str, str]:
    return {
        "GOOGLE_CLIENT_ID": "fake-client-id",
        "GOOGLE_CLIENT_SECRET": "fake-client-secret",
        "GOOGLE_OAUTH_REDIRECT_URI": f"http://127.0.0.1:{PLATFORM_PORT}{DRIVE}/callback",
        "GOOGLE_OAUTH_AUTHORIZE_URL": f"{url}/o/oauth2/v2/auth",
        "GOOGLE_OAUTH_TOKEN_URL": f"{url}/token",
        "GOOGLE_OAUTH_REVOKE_URL": f"{url}/revoke",
        "GOOGLE_DRIVE_API_URL": url,
        "TOKEN_ENCRYPTION_KEYS": Fernet.generate_key().decode(),
        "UPLOAD_MAX_BYTES": str(32 * MB),
        "STORAGE_QUOTA_BYTES_PER_USER": str(4096 * MB),
    }


def connect(client: httpx.Client) -> None:
    """The whole OAuth flow: authorize, consent at the fake, the callback."""
    url = client.get(f"{DRIVE}/authorize").raise_for_status().json()["authorization_url"]
    location = httpx.get(url).headers["location"]
    back = {k: v[0] for k, v in parse_qs(urlsplit(location).query).items()}
    client.get(f"{DRIVE}/callback", params=back).raise_for_status()


POLL_SECONDS = 0.05
"""Sparse polling: each ``GET /jobs/{id}`` costs the API process CPU that the import needs."""


def import_once(client: httpx.Client, google: FakeGoogle, round_: int) -> tuple[float, float]:
    """Seconds from the request to the job's success as the client sees it, and the job's own
    duration (its ``finished_at`` minus ``created_at``, unaffected by the polling)."""
    google.files["big"].version = round_ + 1
    started = time.perf_counter()
    response = client.post(f"{DRIVE}/files/big/import", json={"as": "file"})
    job_id = response.raise_for_status().json()["job_id"]
    while True:
        job = client.get(f"/api/v1/jobs/{job_id}").raise_for_status().json()
        if job["status"] in ("succeeded", "failed"):
            break
        time.sleep(POLL_SECONDS)
    elapsed = time.perf_counter() - started
    if job["status"] != "succeeded":
        raise RuntimeError(f"the import failed: {job}")
    created, finished = (dt.datetime.fromisoformat(job[k]) for k in ("created_at", "finished_at"))
    return elapsed, (finished - created).total_seconds()


def download_once(google: FakeGoogle) -> float:
    """The fake Google's own pace: the same file read by a plain client, bytes discarded."""
    token = next(iter(google.access_tokens))
    started = time.perf_counter()
    with httpx.stream(
        "GET",
        f"{google.url}/drive/v3/files/big",
        params={"alt": "media"},
        headers={"Authorization": f"Bearer {token}"},
        timeout=120,
    ) as response:
        for _ in response.iter_bytes():
            pass
    return time.perf_counter() - started


def upload_once(client: httpx.Client, content: bytes) -> float:
    started = time.perf_counter()
    files = {"file": ("Lecture notes.pdf", content, "application/pdf")}
    client.post("/api/v1/files", files=files).raise_for_status()
    return time.perf_counter() - started


def run_integrations(args: argparse.Namespace) -> None:
    database_url, dsn = prepare_database("tutor_bench_integrations")
    asyncio.run(seed_catalog(dsn, courses=COURSES))
    base = f"http://127.0.0.1:{PLATFORM_PORT}"
    term = SEARCH_TERMS[0]
    call = {
        "jsonrpc": "2.0",
        "id": 1,
        "method": "tools/call",
        "params": {"name": "search_courses", "arguments": {"q": term, "limit": 20}},
    }
    runs: dict[str, list[WrkResult]] = {"mcp": [], "rest": []}
    content = MINIMAL_PDF + os.urandom(FILE_MB * MB - len(MINIMAL_PDF))
    with fake_google() as google:
        google.add(FakeFile("big", "Lecture notes.pdf", "application/pdf", content))
        env = {**platform_env(database_url), **google_env(google.url)}
        with platform_server(PLATFORM_PORT, env) as server:
            token = sign_up(base)
            auth = {"Authorization": f"Bearer {token}"}
            for _ in range(args.rounds):
                runs["rest"].append(
                    run_wrk(
                        f"{base}/api/v1/search?q={term}&limit=20",
                        connections=1,
                        seconds=args.seconds,
                        headers=auth,
                    )
                )
                runs["mcp"].append(
                    run_wrk(
                        f"{base}/mcp",
                        connections=1,
                        seconds=args.seconds,
                        method="POST",
                        body=json.dumps(call),
                        headers={
                            **auth,
                            "Content-Type": "application/json",
                            "Accept": "application/json, text/event-stream",
                        },
                    )
                )
            with httpx.Client(base_url=base, headers=auth, timeout=120) as client:
                connect(client)
                import_once(client, google, 0)
                rss = PeakRss(server.pid)
                before = rss.current()
                cpu_before = cpu_seconds(server.pid)
                with rss.watching():
                    times, job_times, uploads, downloads = [], [], [], []
                    for n in range(1, args.rounds + 1):
                        elapsed, job_seconds = import_once(client, google, n)
                        times.append(elapsed)
                        job_times.append(job_seconds)
                        uploads.append(upload_once(client, content))
                        downloads.append(download_once(google))
                cpu = cpu_seconds(server.pid) - cpu_before
    seconds = statistics.median(times)
    drive = DriveImport(
        FILE_MB / seconds,
        seconds,
        FILE_MB / statistics.median(job_times),
        (rss.peak - before) / MB,
        args.rounds,
        2 * FILE_MB * args.rounds / cpu if cpu else 0.0,
        FILE_MB / statistics.median(uploads),
        FILE_MB / statistics.median(downloads),
    )
    section = render_integrations(
        when=dt.datetime.now(dt.UTC),
        machine=machine_description(),
        args=args,
        search={name: median_of(results) for name, results in runs.items()},
        drive=drive,
    )
    write_section(ROOT / "docs" / "benchmarks.md", "integrations", section)


def _load() -> str:
    return ", ".join(f"{value:.1f}" for value in os.getloadavg())


def _row(name: str, m: Measurement) -> str:
    return (
        f"| {name} | {m.rps:,.0f} | {m.p50_ms:.2f} | {m.p95_ms:.2f} | {m.p99_ms:.2f} | {m.errors} |"
    )


def render_integrations(
    *,
    when: dt.datetime,
    machine: str,
    args: argparse.Namespace,
    search: dict[str, Measurement],
    drive: DriveImport,
) -> str:
    ratio = search["mcp"].p95_ms / search["rest"].p95_ms if search["rest"].p95_ms else 0.0
    speed = "met" if drive.job_mb_s >= THROUGHPUT_TARGET_MB_S else "MISSED"
    memory = "met" if drive.rss_growth_mb < RSS_TARGET_MB else "MISSED"
    return "\n".join(
        [
            "<!-- bench:integrations -->",
            "## Integrations: MCP search next to REST, a 20 MB Drive import",
            "",
            f"- Date: {when:%Y-%m-%d %H:%M} UTC; machine: {machine}.",
            f"- One `tutor-platform serve` process (uvicorn, production settings, PostgreSQL 15, "
            f"{COURSES} courses x 30 lessons). wrk at concurrency 1, {args.seconds} s per run, "
            f"{args.rounds} interleaved rounds, medians shown: `GET /api/v1/search` and the "
            "MCP `tools/call` of `search_courses` with the same words (stateless JSON-RPC "
            "over `POST /mcp`), both with a bearer token.",
            f"- Drive: a {FILE_MB} MB PDF served by the fake Google on loopback (in the bench "
            "process), imported as a file (a new version each round) from `POST .../import` "
            f"to the job's success (in-process jobs, local storage); median of {drive.rounds} "
            "rounds after one warm-up; peak RSS growth of the API process meanwhile.",
            "",
            "| scenario | req/s | p50 ms | p95 ms | p99 ms | errors |",
            "|---|---:|---:|---:|---:|---:|",
            _row("GET /api/v1/search, c=1", search["rest"]),
            _row("MCP tools/call search_courses, c=1", search["mcp"]),
            "",
            f"- MCP p95 = **{ratio:.2f}x** the REST p95 (target ≤ {P95_RATIO_TARGET}x: "
            f"{'met' if ratio <= P95_RATIO_TARGET else 'MISSED'}).",
            f"- Drive import: the job moves **{drive.job_mb_s:,.0f} MB/s** (its `finished_at` "
            f"minus `created_at`; target ≥ {THROUGHPUT_TARGET_MB_S:.0f} MB/s: {speed}); from the "
            f"request to the client seeing success (polling every {POLL_SECONDS * 1000:.0f} ms) "
            f"**{drive.mb_s:,.0f} MB/s** ({drive.seconds:.2f} s for {FILE_MB} MB); RSS growth "
            f"**{drive.rss_growth_mb:.1f} MB** (target < {RSS_TARGET_MB:.0f} MB: {memory}).",
            f"- Same run, same bytes, interleaved with the imports: a plain `POST /files` upload "
            f"of the {FILE_MB} MB PDF from the bench process runs at **{drive.upload_mb_s:,.0f} "
            f"MB/s**; the import job reaches **{drive.job_mb_s / drive.upload_mb_s:.0%}** of it. "
            f"The fake Google itself (a plain client reading the file, nothing stored) serves "
            f"**{drive.source_mb_s:,.0f} MB/s** from the bench process."
            if drive.upload_mb_s
            else "",
            f"- The API process spent the CPU time of **{drive.cpu_mb_s:,.0f} MB/s** on the "
            "imports and uploads (MB per CPU-second, job polling included): what it reaches when "
            "it has a core to itself, whatever the load of the machine (`uptime` at the end: "
            f"{_load()}).",
            "<!-- /bench:integrations -->",
        ]
    )
