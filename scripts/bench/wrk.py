"""Run wrk and read its numbers."""

import re
import subprocess
import tempfile
from dataclasses import dataclass

_UNITS = {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60000.0}


@dataclass(frozen=True)
class WrkResult:
    """Throughput and latency percentiles of one wrk run."""

    requests_per_second: float
    p50_ms: float
    p99_ms: float
    errors: int
    p95_ms: float = 0.0


def _ms(text: str) -> float:
    match = re.fullmatch(r"([\d.]+)(us|ms|s|m)", text.strip())
    if not match:
        raise ValueError(f"unexpected wrk latency {text!r}")
    return float(match.group(1)) * _UNITS[match.group(2)]


def _find(pattern: str, output: str) -> str:
    match = re.search(pattern, output, re.M)
    if match is None:
        raise ValueError(f"wrk output has no match for {pattern!r}:\n{output}")
    return match.group(1)


def parse(output: str) -> WrkResult:
    rps = float(_find(r"Requests/sec:\s+([\d.]+)", output))
    p50 = _ms(_find(r"^\s+50%\s+(\S+)", output))
    p99 = _ms(_find(r"^\s+99%\s+(\S+)", output))
    errors = 0
    for match in re.finditer(r"(connect|read|write|timeout) (\d+)", output):
        errors += int(match.group(2))
    non2xx = re.search(r"Non-2xx or 3xx responses:\s+(\d+)", output)
    if non2xx:
        errors += int(non2xx.group(1))
    p95 = float(_find(r"^P95_US:\s+([\d.]+)", output)) / 1000
    return WrkResult(rps, p50, p99, errors, p95)


def run_wrk(
    url: str,
    *,
    connections: int,
    seconds: int,
    headers: dict[str, str] | None = None,
    method: str = "GET",
    body: str | None = None,
    paths: list[str] | None = None,
    bodies: list[str] | None = None,
) -> WrkResult:
    """Load ``url`` with wrk (2 threads) and return its measurements.

    With ``paths``, each request takes the next path of the list (round robin) on ``url``'s
    host instead of ``url``'s own path; with ``bodies`` too (as many), the body paired with it.
    """
    script_lines = [f'wrk.method = "{method}"']
    for key, value in (headers or {}).items():
        script_lines.append(f"wrk.headers[ [[{key}]] ] = [[{value}]]")
    if body is not None:
        script_lines.append(f"wrk.body = [[{body}]]")
    if paths:
        quoted = ", ".join(f'"{path}"' for path in paths)
        script_lines += [f"local paths = {{{quoted}}}", "local counter = 0"]
        body_of = "nil"
        if bodies is not None:
            script_lines.append(f"local bodies = {{{', '.join(f'[[{b}]]' for b in bodies)}}}")
            body_of = "bodies[counter]"
        script_lines += [
            "request = function()",
            "  counter = counter % #paths + 1",
            f"  return wrk.format(nil, paths[counter], nil, {body_of})",
            "end",
        ]
    script_lines += [
        "done = function(summary, latency, requests)",
        '  io.write(string.format("P95_US: %d\\n", latency:percentile(95)))',
        "end",
    ]
    with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as script:
        script.write("\n".join(script_lines) + "\n")
    threads = min(2, connections)
    completed = subprocess.run(
        [
            "wrk",
            f"-t{threads}",
            f"-c{connections}",
            f"-d{seconds}s",
            "--latency",
            "-s",
            script.name,
            url,
        ],
        capture_output=True,
        text=True,
        check=True,
        timeout=seconds + 60,
    )
    return parse(completed.stdout)
