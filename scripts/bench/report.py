"""Write benchmark results into their own section of docs/benchmarks.md."""

import datetime as dt
import re
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Measurement:
    """Medians over the rounds of one scenario."""

    rps: float
    p50_ms: float
    p99_ms: float
    errors: int
    rounds: int
    p95_ms: float = 0.0


def _row(name: str, m: Measurement) -> str:
    return f"| {name} | {m.rps:,.0f} | {m.p50_ms:.2f} | {m.p99_ms:.2f} | {m.errors} |"


def render_identity(
    *,
    when: dt.datetime,
    machine: str,
    connections: int,
    seconds: int,
    measurements: dict[str, Measurement],
    argon2_ms: float,
) -> str:
    me, base = measurements["me"], measurements["baseline"]
    login, login_c1 = measurements["login"], measurements["login_c1"]
    ratio = me.rps / base.rps if base.rps else 0.0
    login_gap = login_c1.p50_ms - argon2_ms
    verdict_me = "met" if ratio >= 0.5 else "MISSED"
    verdict_login = "met" if login_gap <= 20 else "MISSED"
    return "\n".join(
        [
            "<!-- bench:identity -->",
            "## Identity: `GET /users/me` and `POST /auth/login`",
            "",
            f"- Date: {when:%Y-%m-%d %H:%M} UTC; machine: {machine}.",
            f"- wrk, 2 threads, {connections} connections, {seconds} s per run, "
            f"{me.rounds} interleaved rounds; medians shown. The platform and the baseline "
            "each run as one uvicorn process on PostgreSQL 15 on this machine "
            "(production settings, "
            "LOG_LEVEL=WARNING, rate limits off, argon2id m=19 MiB t=2 p=1).",
            "- Baseline: a minimal Litestar endpoint doing one asyncpg query "
            "(`scripts/bench/baseline_app.py`).",
            "",
            "| scenario | req/s | p50 ms | p99 ms | errors |",
            "|---|---:|---:|---:|---:|",
            _row(f"GET /api/v1/users/me (bearer), c={connections}", me),
            _row(f"baseline one-query endpoint, c={connections}", base),
            _row(f"POST /api/v1/auth/login, c={connections}", login),
            _row("POST /api/v1/auth/login, c=1", login_c1),
            "",
            f"- `/users/me` throughput = **{ratio:.0%}** of the baseline's "
            f"(target ≥ 50%: {verdict_me}).",
            f"- One argon2 verify takes **{argon2_ms:.1f} ms** (median of 25, in-process). "
            f"Login p50 at concurrency 1 is {login_c1.p50_ms:.1f} ms, "
            f"**{login_gap:+.1f} ms** from one verify (target ≤ 20 ms: {verdict_login}).",
            f"- At concurrency {connections} login is CPU-bound by design: each login costs one "
            "argon2 verify, so the 2 cores serve about 2 / verify-time logins per second, and "
            "the p50 there is queueing time, not per-request work.",
            "<!-- /bench:identity -->",
        ]
    )


def write_report(path: Path, **values: object) -> None:
    """Replace (or add) the identity section of the benchmarks document."""
    write_section(path, "identity", render_identity(**values))  # type: ignore[arg-type]


def write_section(path: Path, name: str, section: str) -> None:
    """Replace (or add) the ``<!-- bench:name -->`` section of the benchmarks document."""
    text = (
        path.read_text()
        if path.exists()
        else ("# Benchmarks\n\nProduced by `just bench`; each section is rewritten by its run.\n")
    )
    pattern = re.compile(rf"<!-- bench:{name} -->.*?<!-- /bench:{name} -->", re.S)
    text = pattern.sub(lambda _: section, text) if pattern.search(text) else f"{text}\n{section}\n"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text)
