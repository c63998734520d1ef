"""Capturing logs whatever level an earlier test configured.

``captured_events()`` yields structlog's event dicts (every level); ``rendered_logs()`` yields
the text the app's real logging pipeline (``configure_logging``, JSON, DEBUG, standard-library
loggers of the SDKs included) writes, to check what would reach a log file.
"""

import io
import logging
from collections.abc import Iterator, MutableMapping
from contextlib import contextmanager
from typing import Any

import structlog
from structlog.testing import capture_logs

from tutor_platform.bootstrap.logging import configure_logging


@contextmanager
def captured_events() -> Iterator[list[MutableMapping[str, Any]]]:
    saved = structlog.get_config()
    structlog.configure(
        wrapper_class=structlog.make_filtering_bound_logger(logging.DEBUG),
        cache_logger_on_first_use=False,
    )
    try:
        with capture_logs() as events:
            yield events
    finally:
        structlog.configure(**saved)


@contextmanager
def rendered_logs() -> Iterator[io.StringIO]:
    saved = structlog.get_config()
    root = logging.getLogger()
    handlers, level = root.handlers[:], root.level
    stream = io.StringIO()
    configure_logging("DEBUG", json_logs=True, stream=stream)
    try:
        yield stream
    finally:
        root.handlers[:] = handlers
        root.setLevel(level)
        structlog.configure(**saved)
