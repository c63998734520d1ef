"""``just bench``: the platform on PostgreSQL next to a one-query Litestar endpoint, under wrk.

Writes medians over several rounds to docs/benchmarks.md, one section per suite. Needs
PostgreSQL (BENCH_POSTGRES_URL, default the local server) and wrk (installed with apt-get when
missing). ``--suite identity|learning|search|media|grounding|integrations|assessment|
conversation|analytics|operations|learner|memory`` runs one suite; the default runs all.
"""

import argparse
import signal
import sys

from scripts.bench.analytics_suite import run_analytics
from scripts.bench.assessment_suite import run_assessment
from scripts.bench.common import ensure_wrk
from scripts.bench.conversation_suite import run_conversation
from scripts.bench.grounding_suite import run_grounding
from scripts.bench.identity_suite import run_identity
from scripts.bench.integrations_suite import run_integrations
from scripts.bench.learner_suite import run_learner
from scripts.bench.learning_suite import run_learning
from scripts.bench.media_suite import run_media
from scripts.bench.memory_suite import run_memory
from scripts.bench.operations_suite import run_operations
from scripts.bench.search_suite import run_search
from scripts.bench.servers import ROOT

SUITES = {
    "identity": run_identity,
    "learning": run_learning,
    "search": run_search,
    "media": run_media,
    "grounding": run_grounding,
    "integrations": run_integrations,
    "assessment": run_assessment,
    "conversation": run_conversation,
    "analytics": run_analytics,
    "operations": run_operations,
    "learner": run_learner,
    "memory": run_memory,
}


def _exit_on_sigterm() -> None:
    """``timeout`` and CI stop a run with SIGTERM: exit through the ``finally`` blocks that stop
    the servers, which were left running otherwise."""
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(128 + signal.SIGTERM))


def main() -> None:
    _exit_on_sigterm()
    parser = argparse.ArgumentParser()
    parser.add_argument("--suite", choices=[*SUITES, "all"], default="all")
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--seconds", type=int, default=8)
    parser.add_argument("--connections", type=int, default=32)
    parser.add_argument(
        "--before", help="assessment: also measure this git revision, in the same rounds"
    )
    parser.add_argument(
        "--memory-minutes", type=float, default=20, help="length of the memory suite's load"
    )
    args = parser.parse_args()
    ensure_wrk()
    for name, suite in SUITES.items():
        if args.suite in (name, "all"):
            suite(args)
    print((ROOT / "docs" / "benchmarks.md").read_text())


if __name__ == "__main__":
    main()
