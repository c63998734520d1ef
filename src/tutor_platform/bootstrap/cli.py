"""Command line: ``tutor-platform serve | worker | migrate | create-admin | seed-demo |
reindex``."""

import argparse
import asyncio
import getpass
import sys
from collections.abc import Sequence

import structlog

from tutor_platform.bootstrap.settings import Settings, SettingsError, load_settings


def _start_failed(settings: Settings, problem: str) -> int:
    from tutor_platform.bootstrap.logging import configure_logging

    if settings.json_logs:
        configure_logging(settings.log_level, json_logs=True)
        structlog.get_logger("tutor_platform.start").error("startup_failed", detail=problem)
    else:
        print(f"start-up error: {problem}", file=sys.stderr)
    return 3


def _serve(settings: Settings, _: argparse.Namespace) -> int:
    import uvicorn

    from tutor_platform.bootstrap.app import create_app
    from tutor_platform.bootstrap.logging import announce
    from tutor_platform.bootstrap.preflight import StartupError, preflight

    try:
        asyncio.run(preflight(settings, migrate=settings.is_sqlite))
    except StartupError as exc:
        return _start_failed(settings, str(exc))
    app = create_app(settings, freeze_heap=True)
    url = f"http://{settings.host}:{settings.port}"
    announce(
        f"Tutor Platform on {url} (API docs at /schema)",
        "serving",
        json_logs=settings.json_logs,
        url=url,
    )
    uvicorn.run(
        app,
        host=settings.host,
        port=settings.port,
        log_config=None,
        access_log=False,
        proxy_headers=True,
        forwarded_allow_ips=settings.forwarded_allow_ips,
        server_header=False,
    )
    return 0


def _worker(settings: Settings, _: argparse.Namespace) -> int:
    from tutor_platform.bootstrap.preflight import StartupError, worker_preflight
    from tutor_platform.bootstrap.worker import run_worker

    if not settings.uses_saq:
        print(
            "the worker needs SAQ on Redis: set REDIS_URL (and JOB_BACKEND=auto|saq)",
            file=sys.stderr,
        )
        return 2
    try:
        asyncio.run(worker_preflight(settings))
        run_worker(settings)
    except StartupError as exc:
        return _start_failed(settings, str(exc))
    return 0


def _migrate(settings: Settings, args: argparse.Namespace) -> int:
    from tutor_platform.bootstrap.migrations import upgrade_database
    from tutor_platform.shared.persistence.engine import create_engine

    async def run() -> None:
        engine = create_engine(settings.database_url)
        try:
            await upgrade_database(engine, args.revision)
        finally:
            await engine.dispose()

    asyncio.run(run())
    print(f"database migrated to {args.revision}")
    return 0


def _create_admin(settings: Settings, args: argparse.Namespace) -> int:
    from tutor_platform.bootstrap.container import build_container, close_container
    from tutor_platform.bootstrap.preflight import StartupError, check_database, rule_broken
    from tutor_platform.shared.errors import DomainError

    password = args.password or getpass.getpass("Password for the new admin: ")

    async def run() -> str:
        container = build_container(settings)
        try:
            await check_database(container, settings)
            facade = container.identity.facade()
            user = await facade.create_admin(
                email=args.email, password=password, username=args.username
            )
            return str(user.email)
        finally:
            await close_container(container)

    try:
        email = asyncio.run(run())
    except StartupError as exc:
        print(f"could not create the admin: {exc}", file=sys.stderr)
        return 3
    except DomainError as exc:
        print(
            f"could not create the admin: {rule_broken('--' + _field_of(exc), exc)}",
            file=sys.stderr,
        )
        return 1
    print(f"admin {email} created")
    return 0


def _field_of(exc: Exception) -> str:
    """The option a refused field came from (``password`` -> ``password``)."""
    errors = getattr(exc, "errors", None) or []
    return str(errors[0].field) if errors else "email"


def _seed_demo(settings: Settings, args: argparse.Namespace) -> int:
    from tutor_platform.bootstrap.container import build_container, close_container
    from tutor_platform.bootstrap.demo.activity import activity_line, seed_activity
    from tutor_platform.bootstrap.demo.catalog import load_demo_catalog
    from tutor_platform.bootstrap.demo.seed import credentials_banner, seed_demo
    from tutor_platform.bootstrap.migrations import upgrade_database

    async def run() -> str:
        container = build_container(settings)
        try:
            if settings.is_sqlite:
                await upgrade_database(container.engine())
            catalog = load_demo_catalog()
            report = await seed_demo(container, catalog)
            activity = None
            if args.activity:
                activity = await seed_activity(container, catalog, args.learners)
        finally:
            await close_container(container)
        created = ", ".join(report.created) or "none"
        kept = ", ".join(report.kept) or "none"
        lines = f"demo courses created: {created}; already there: {kept}\n"
        if activity is not None:
            lines += activity_line(activity) + "\n"
        return lines + credentials_banner(report)

    print(asyncio.run(run()))
    return 0


def _analytics(settings: Settings, _: argparse.Namespace) -> int:
    from tutor_platform.bootstrap.analytics import rebuild_analytics
    from tutor_platform.bootstrap.container import build_container, close_container

    async def run() -> str:
        container = build_container(settings)
        try:
            written = await rebuild_analytics(container)
        finally:
            await close_container(container)
        return "rebuilt the daily figures: " + ", ".join(
            f"{context} {count} changes" for context, count in written.items()
        )

    print(asyncio.run(run()))
    return 0


def _reindex(settings: Settings, _: argparse.Namespace) -> int:
    from tutor_platform.bootstrap.container import build_container, close_container

    async def run() -> str:
        container = build_container(settings)
        try:
            report = await container.catalog.reindex_passages().execute()
            embedder = container.embedder().name
        finally:
            await close_container(container)
        return f"re-indexed {report.lessons} lessons into {report.passages} passages ({embedder})"

    print(asyncio.run(run()))
    return 0


_SETTINGS_NOTE = (
    "Settings come from the environment or a .env file in the working directory; the README's "
    "Configuration table lists them all."
)
_COMMANDS: dict[str, tuple[str, str]] = {
    "serve": (
        "serve the HTTP API",
        "Serve the HTTP API with uvicorn on HOST:PORT (default 127.0.0.1:8000). On SQLite "
        "(the default DATABASE_URL) pending migrations are applied first and the demo data is "
        "loaded (DEMO_DATA=auto; never in production unless DEMO_DATA=on). Reads every "
        "setting; the main ones: DATABASE_URL, REDIS_URL, SECRET_KEY, ENVIRONMENT, "
        "AI_PROVIDER_DEFAULT, STORAGE_BACKEND, CORS_ORIGINS, ALLOWED_HOSTS, FORWARDED_ALLOW_IPS.",
    ),
    "worker": (
        "run the SAQ job worker (needs REDIS_URL)",
        "Run the background job worker (SAQ on Redis): lesson summaries and drafts, passage "
        "indexing, token purges. Needs REDIS_URL (JOB_BACKEND auto or saq) and the same "
        "DATABASE_URL and provider settings as the API. WORKER_METRICS_PORT (0, off, by "
        "default) serves its Prometheus metrics on WORKER_METRICS_HOST.",
    ),
    "migrate": (
        "apply database migrations",
        "Apply the Alembic migrations in migrations/ to DATABASE_URL, up to --revision "
        "(default: head). Run it before deploying on PostgreSQL.",
    ),
    "create-admin": (
        "create an administrator account",
        "Create an administrator in DATABASE_URL. The password must pass the password policy "
        "(10 to 128 characters, not a common password); it is prompted for when --password "
        "is omitted.",
    ),
    "seed-demo": (
        "load the demo accounts and courses (idempotent)",
        "Create what is missing of the demo data in DATABASE_URL: an instructor, a student and "
        "a premium student (their logins are printed), two courses with a tutor, quizzes and "
        "projects. A course whose slug exists is left as it is. With --activity, also a few "
        "hundred learners (learner001...) with eight weeks of activity on the demo courses "
        "(lesson completions, quiz attempts with plausible wrong answers, tutor questions, some "
        "off-topic, and ratings) so that the /analytics endpoints show something; seeded once. "
        "The demo passwords are public: never run it on a production database.",
    ),
    "analytics": (
        "maintain the analytics figures (rebuild)",
        "rebuild: recompute every context's daily analytics figures from the stored facts "
        "(lesson completions and visits, quiz attempts and premium calls, tutor sessions, "
        "messages, feedback and content gaps), replacing the figures kept as events happened. "
        "Reads DATABASE_URL.",
    ),
    "reindex": (
        "rebuild the passages of every lesson (split, embed, store)",
        "Rebuild the retrieval index: every lesson is split into passages again and embedded "
        "with the configured embedder (EMBEDDING_PROVIDER), replacing passages embedded by "
        "another one. Reads DATABASE_URL and EMBEDDING_PROVIDER.",
    ),
}


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="tutor-platform", description=__doc__, epilog=_SETTINGS_NOTE
    )
    commands = parser.add_subparsers(dest="command", required=True)
    made = {
        name: commands.add_parser(name, help=short, description=long, epilog=_SETTINGS_NOTE)
        for name, (short, long) in _COMMANDS.items()
    }
    made["migrate"].add_argument(
        "--revision", default="head", help="the Alembic revision to reach (default: head)"
    )
    admin = made["create-admin"]
    admin.add_argument("--email", required=True, help="the admin's email address (required)")
    admin.add_argument(
        "--username", default=None, help="3 to 32 letters, digits, '.', '_' or '-' (optional)"
    )
    admin.add_argument("--password", default=None, help="prompted for when omitted")
    seed = made["seed-demo"]
    seed.add_argument(
        "--activity",
        action="store_true",
        help="also seed learners' activity on the demo courses (for the analytics)",
    )
    seed.add_argument(
        "--learners",
        type=int,
        default=300,
        help="how many learners --activity makes (default: 300)",
    )
    made["analytics"].add_argument(
        "action", choices=["rebuild"], help="rebuild: recompute the figures from the facts"
    )
    return parser


HANDLERS = {
    "serve": _serve,
    "worker": _worker,
    "migrate": _migrate,
    "create-admin": _create_admin,
    "seed-demo": _seed_demo,
    "reindex": _reindex,
    "analytics": _analytics,
}


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        settings = load_settings()
    except SettingsError as exc:
        print(f"configuration error: {exc}", file=sys.stderr)
        return 2
    return HANDLERS[args.command](settings, args)


if __name__ == "__main__":
    sys.exit(main())
