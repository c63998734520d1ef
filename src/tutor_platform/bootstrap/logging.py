"""structlog configuration: JSON in production, readable console output in development.

Standard-library records (uvicorn, SQLAlchemy, ...) go through the same processors. Values of
secret-looking keys are redacted at any depth, and tracebacks never show local variables.
"""

import logging
import sys
from typing import Any, TextIO

import structlog

REDACTED = "[redacted]"
_SECRET_NAMES = frozenset({"authorization", "cookie", "set-cookie", "set_cookie", "jwt"})
_SECRET_SUFFIXES = ("password", "token", "secret", "secret_key", "api_key", "apikey")


def is_secret_key(key: str) -> bool:
    """Whether a log field of this name may hold a credential."""
    name = key.lower()
    return name in _SECRET_NAMES or name.endswith(_SECRET_SUFFIXES)


def _redacted(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: REDACTED if is_secret_key(str(k)) else _redacted(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_redacted(item) for item in value]
    return value


def redact_secrets(_: Any, __: str, event_dict: dict[str, Any]) -> dict[str, Any]:
    """structlog processor: replace the values of secret-looking keys."""
    result: dict[str, Any] = _redacted(event_dict)
    return result


def configure_logging(
    level: str = "INFO", json_logs: bool = False, stream: TextIO | None = None
) -> None:
    """Configure structlog and route the standard library's logging through it."""
    output = stream or sys.stderr
    shared: list[Any] = [
        structlog.contextvars.merge_contextvars,
        structlog.stdlib.add_log_level,
        structlog.stdlib.add_logger_name,
        structlog.processors.TimeStamper(fmt="iso", utc=True),
        redact_secrets,
    ]
    renderer: Any = (
        structlog.processors.JSONRenderer()
        if json_logs
        else structlog.dev.ConsoleRenderer(
            colors=output.isatty(),
            exception_formatter=structlog.dev.plain_traceback,
        )
    )
    structlog.configure(
        processors=[*shared, structlog.stdlib.ProcessorFormatter.wrap_for_formatter],
        wrapper_class=structlog.make_filtering_bound_logger(logging.getLevelName(level.upper())),
        logger_factory=structlog.stdlib.LoggerFactory(),
        cache_logger_on_first_use=False,
    )
    final: list[Any] = [structlog.stdlib.ProcessorFormatter.remove_processors_meta]
    if json_logs:
        final.append(structlog.processors.format_exc_info)
    handler = logging.StreamHandler(output)
    handler.setFormatter(
        structlog.stdlib.ProcessorFormatter(
            processors=[*final, renderer],
            foreign_pre_chain=shared,
        )
    )
    root = logging.getLogger()
    root.handlers[:] = [handler]
    root.setLevel(level.upper())
    for noisy in ("uvicorn.access", "httpx"):
        logging.getLogger(noisy).disabled = True


_start_logger = structlog.get_logger("tutor_platform.start")


def announce(
    text: str, event: str, *, json_logs: bool, warning: bool = False, **fields: Any
) -> None:
    """Tell the operator something at start: ``text`` on standard output for people, or one
    JSON log line (``event`` with ``fields``) when the logs are JSON, so every line parses."""
    if json_logs:
        log = _start_logger.warning if warning else _start_logger.info
        log(event, **fields)
    else:
        print(text, flush=True)
