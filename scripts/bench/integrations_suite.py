"""Integrations: an MCP ``tools/call search_courses`` next to the same REST search (p95 at
concurrency 1, both with a bearer token), then a 20 MB Google Drive import from the fake
Google (in a process of its own, ``scripts/bench/drive_source.py``) on loopback: the job's
throughput and where its time goes (queue wait, the data path stage by stage up to the
fake's own pace), the API process's peak RSS growth meanwhile, and a plain upload of the
same bytes. Every wait has a deadline: a job that never starts fails the suite clearly."""

import argparse
import asyncio
import datetime as dt
import json
import os
import statistics
import time
from dataclasses import dataclass, replace
from urllib.parse import parse_qs, urlsplit
from uuid import UUID

import asyncpg
import httpx
import psutil
from cryptography.fernet import Fernet
from tests.fakes.google_server import MINIMAL_PDF

from scripts.bench.catalog_data import SEARCH_TERMS, seed_catalog
from scripts.bench.common import (
    PLATFORM_PORT,
    machine_description,
    median_of,
    platform_env,
    prepare_database,
    sign_up,
)
from scripts.bench.drive_source import (
    STAGES,
    Pass,
    access_token,
    fake_google_process,
    file_id,
    measure_stages,
)
from scripts.bench.media_suite import PeakRss
from scripts.bench.report import Measurement, write_section
from scripts.bench.servers import ROOT, platform_server
from scripts.bench.wrk import WrkResult, run_wrk

COURSES = 200
FILE_MB = 20
MB = 1024 * 1024
P95_RATIO_TARGET = 1.5
THROUGHPUT_TARGET_MB_S = 50.0
RSS_TARGET_MB = 30.0
DRIVE = "/api/v1/integrations/google-drive"
IMPORT_DEADLINE_SECONDS = 120.0
"""A job not finished by then fails the suite (it once waited forever for a worker)."""


@dataclass(frozen=True)
class DriveImport:
    mb_s: float
    seconds: float
    job_mb_s: float
    rss_growth_mb: float
    rounds: int
    cpu_mb_s: float
    """MB imported per CPU-second of the API process (the request, the job and the client's
    polling): what it would reach with a core to itself, whatever the machine's load."""
    upload_cpu_mb_s: float
    upload_mb_s: float
    """The same bytes sent to ``POST /files`` in the same run: the platform's own upload path."""
    queue_ms: float
    """From the job's creation to its start (``started_at - created_at``)."""
    run_mb_s: float
    """The job from its start to its end (``finished_at - started_at``)."""
    unsized_job_mb_s: float
    unsized_cpu_mb_s: float
    """The same job for a copy whose metadata has no size, in the same rounds: its quota
    reservation grows as the bytes arrive (8, 16, then 32 MiB) instead of being made once."""
    stages: dict[str, tuple[float, float]]
    """The data path stage by stage in the bench process (``drive_source.STAGES``): MB/s and
    MB per CPU-second."""


@dataclass(frozen=True)
class JobTimes:
    elapsed: float
    """From the request to the client seeing the job's success."""
    queued: float
    running: float
    cpu: float = 0.0
    """CPU-seconds of the API process meanwhile."""

    @property
    def job(self) -> float:
        return self.queued + self.running


def cpu_seconds(pid: int) -> float:
    times = psutil.Process(pid).cpu_times()
    return float(times.user + times.system)


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
        # With REDIS_URL set (as platform_env does), JOB_BACKEND=auto picks SAQ, whose jobs
        # wait for a `tutor-platform worker` that this suite does not start.
        "JOB_BACKEND": "inprocess",
    }


def connect(client: httpx.Client) -> None:
    """The whole OAuth flow: authorize, consent at the fake, the callback."""
    url = client.get(f"{DRIVE}/authorize").raise_for_status().json()["authorization_url"]
    location = httpx.get(url).headers["location"]
    back = {k: v[0] for k, v in parse_qs(urlsplit(location).query).items()}
    client.get(f"{DRIVE}/callback", params=back).raise_for_status()


POLL_SECONDS = 0.2
"""Sparse polling: each ``GET /jobs/{id}`` costs the API process CPU that the import needs (the
job's own duration comes from the jobs table, whatever the polling)."""


def import_once(client: httpx.Client, dsn: str, number: int, *, sized: bool = True) -> JobTimes:
    """Import the fake's ``number``-th file (a file of its own each round) as a file."""
    started = time.perf_counter()
    drive_file = file_id(number, sized=sized)
    response = client.post(f"{DRIVE}/files/{drive_file}/import", json={"as": "file"})
    job_id = response.raise_for_status().json()["job_id"]
    deadline = started + IMPORT_DEADLINE_SECONDS
    while True:
        job = client.get(f"/api/v1/jobs/{job_id}").raise_for_status().json()
        if job["status"] in ("succeeded", "failed"):
            break
        if time.perf_counter() > deadline:
            raise RuntimeError(
                f"the import job is still {job['status']} after {IMPORT_DEADLINE_SECONDS:.0f} s"
                f" (a queued job needs a worker of its JOB_BACKEND): {job}"
            )
        time.sleep(POLL_SECONDS)
    elapsed = time.perf_counter() - started
    if job["status"] != "succeeded":
        raise RuntimeError(f"the import failed: {job}")
    created, begun, finished = asyncio.run(_job_times(dsn, UUID(job_id)))
    return JobTimes(elapsed, (begun - created).total_seconds(), (finished - begun).total_seconds())


async def _job_times(dsn: str, job_id: UUID) -> tuple[dt.datetime, dt.datetime, dt.datetime]:
    """The job's ``created_at``, ``started_at`` (of its last attempt) and ``finished_at``."""
    connection = await asyncpg.connect(dsn)
    try:
        row = await connection.fetchrow(
            "SELECT created_at, started_at, finished_at FROM jobs WHERE id = $1", job_id
        )
    finally:
        await connection.close()
    assert row is not None
    return row["created_at"], row["started_at"], row["finished_at"]


def upload_once(client: httpx.Client, content: bytes) -> float:
    started = time.perf_counter()
    files = {"file": ("Lecture notes.pdf", content, "application/pdf")}
    client.post("/api/v1/files", files=files).raise_for_status()
    return time.perf_counter() - started


def run_integrations(args: argparse.Namespace) -> None:
    database_url, dsn = prepare_database("tutor_bench_integrations")
    asyncio.run(seed_catalog(dsn, courses=COURSES))
    base = f"http://127.0.0.1:{PLATFORM_PORT}"
    content = MINIMAL_PDF + os.urandom(FILE_MB * MB - len(MINIMAL_PDF))
    with fake_google_process(content, files=args.rounds + 1) as google_url:
        env = {**platform_env(database_url), **google_env(google_url)}
        with platform_server(PLATFORM_PORT, env) as server:
            auth = {"Authorization": f"Bearer {sign_up(base)}"}
            search = search_runs(base, auth, args)
            with httpx.Client(base_url=base, headers=auth, timeout=120) as client:
                connect(client)
                drive = drive_rounds(client, server.pid, dsn, google_url, content, args.rounds)
    section = render_integrations(
        when=dt.datetime.now(dt.UTC),
        machine=machine_description(),
        args=args,
        search=search,
        drive=drive,
    )
    write_section(ROOT / "docs" / "benchmarks.md", "integrations", section)


def search_runs(
    base: str, auth: dict[str, str], args: argparse.Namespace
) -> dict[str, Measurement]:
    """REST search and the MCP ``search_courses`` call, interleaved, at concurrency 1."""
    term = SEARCH_TERMS[0]
    call = {
        "jsonrpc": "2.0",
        "id": 1,
        "method": "tools/call",
        "params": {"name": "search_courses", "arguments": {"q": term, "limit": 20}},
    }
    mcp_headers = {
        **auth,
        "Content-Type": "application/json",
        "Accept": "application/json, text/event-stream",
    }
    runs: dict[str, list[WrkResult]] = {"mcp": [], "rest": []}
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
                headers=mcp_headers,
            )
        )
    return {name: median_of(results) for name, results in runs.items()}


def drive_rounds(
    client: httpx.Client, pid: int, dsn: str, google_url: str, content: bytes, rounds: int
) -> DriveImport:
    """One warm-up import, then rounds of: an import, a plain upload, the stages."""
    import_once(client, dsn, 0)
    token = access_token(google_url)
    rss = PeakRss(pid)
    before = rss.current()
    jobs: list[JobTimes] = []
    unsized: list[JobTimes] = []
    uploads: list[tuple[float, float]] = []
    stages: dict[str, list[Pass]] = {name: [] for name in STAGES}
    with rss.watching():
        for number in range(1, rounds + 1):
            cpu = cpu_seconds(pid)
            job = import_once(client, dsn, number)
            jobs.append(replace(job, cpu=cpu_seconds(pid) - cpu))
            cpu = cpu_seconds(pid)
            job = import_once(client, dsn, number, sized=False)
            unsized.append(replace(job, cpu=cpu_seconds(pid) - cpu))
            cpu = cpu_seconds(pid)
            uploads.append((upload_once(client, content), cpu_seconds(pid) - cpu))
            passes = asyncio.run(measure_stages(google_url, token, file_id(0), 32 * MB))
            for name, one_pass in passes.items():
                stages[name].append(one_pass)
    seconds = statistics.median(job.elapsed for job in jobs)
    return DriveImport(
        mb_s=FILE_MB / seconds,
        seconds=seconds,
        job_mb_s=FILE_MB / statistics.median(job.job for job in jobs),
        rss_growth_mb=(rss.peak - before) / MB,
        rounds=rounds,
        cpu_mb_s=FILE_MB * rounds / sum(job.cpu for job in jobs),
        unsized_cpu_mb_s=FILE_MB * rounds / sum(job.cpu for job in unsized),
        upload_cpu_mb_s=FILE_MB * rounds / sum(cpu for _, cpu in uploads),
        upload_mb_s=FILE_MB / statistics.median(wall for wall, _ in uploads),
        queue_ms=1000 * statistics.median(job.queued for job in jobs),
        run_mb_s=FILE_MB / statistics.median(job.running for job in jobs),
        unsized_job_mb_s=FILE_MB / statistics.median(job.job for job in unsized),
        stages={
            name: (
                FILE_MB / statistics.median(p.seconds for p in passes),
                FILE_MB / statistics.median(p.cpu_seconds for p in passes),
            )
            for name, passes in stages.items()
        },
    )


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
            f"- Drive: a {FILE_MB} MB PDF served by the fake Google on loopback (a process of "
            "its own), imported as a file (another file each round) from `POST .../import` to "
            f"the job's success (in-process jobs, local storage); median of {drive.rounds} "
            "rounds after one warm-up, each followed by a plain upload of the same bytes and "
            "one pass of each stage below; peak RSS growth of the API process meanwhile.",
            "",
            "| scenario | req/s | p50 ms | p95 ms | p99 ms | errors |",
            "|---|---:|---:|---:|---:|---:|",
            _row("GET /api/v1/search, c=1", search["rest"]),
            _row("MCP tools/call search_courses, c=1", search["mcp"]),
            "",
            f"- MCP p95 = **{ratio:.2f}x** the REST p95 (target ≤ {P95_RATIO_TARGET}x: "
            f"{'met' if ratio <= P95_RATIO_TARGET else 'MISSED'}).",
            f"- Drive import: the job moves **{drive.job_mb_s:,.0f} MB/s** (its `finished_at` "
            f"minus `created_at`; target ≥ {THROUGHPUT_TARGET_MB_S:.0f} MB/s: {speed}): "
            f"{drive.queue_ms:.0f} ms in the queue, then **{drive.run_mb_s:,.0f} MB/s** from "
            f"its start. From the request to the client seeing success (polling every "
            f"{POLL_SECONDS * 1000:.0f} ms) **{drive.mb_s:,.0f} MB/s** ({drive.seconds:.2f} s "
            f"for {FILE_MB} MB); RSS growth **{drive.rss_growth_mb:.1f} MB** (target < "
            f"{RSS_TARGET_MB:.0f} MB: {memory}).",
            f"- In the same rounds, the same import of a copy whose Drive metadata has no size "
            f"(the reservation grows as bytes arrive, as every import did before the size was "
            f"passed to the job): **{drive.unsized_job_mb_s:,.0f} MB/s**, "
            f"{drive.unsized_cpu_mb_s:,.0f} MB per CPU-second.",
            f"- A plain `POST /files` upload of the same bytes from the bench process: "
            f"**{drive.upload_mb_s:,.0f} MB/s** (the import job reaches "
            f"{drive.job_mb_s / drive.upload_mb_s:.0%} of it).",
            f"- CPU of the API process per MB, whatever the machine's load (totals over the "
            f"rounds; the kernel counts in 10 ms ticks): an import (request, job and polling) "
            f"**{drive.cpu_mb_s:,.0f} MB per CPU-second**, the upload "
            f"**{drive.upload_cpu_mb_s:,.0f}** (`uptime` at the end: {_load()}).",
            "- The import's data path stage by stage, in the bench process against the same "
            "fake (each stage but the third adds a step to the one above it; medians):",
            "",
            "| stage | MB/s | MB per CPU-second |",
            "|---|---:|---:|",
            *(
                f"| {STAGES[name]} | {rate:,.0f} | {cpu_rate:,.0f} |"
                for name, (rate, cpu_rate) in drive.stages.items()
            ),
            "<!-- /bench:integrations -->",
        ]
    )
