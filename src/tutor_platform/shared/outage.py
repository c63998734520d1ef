"""Whether an exception means a dependency is down (the database, Redis): 503, never 500.

Recognised without importing the drivers (inner layers may use this): the standard
library's connection errors and timeouts, a name that does not resolve, an exception a
database driver marks as a lost connection (SQLAlchemy's ``connection_invalidated``), and a
few driver exceptions by name, anywhere in the exception's chain of causes.
"""

import socket
from typing import Final

import structlog

_logger = structlog.get_logger("tutor_platform.outage")

OUTAGE_RETRY_AFTER_SECONDS: Final = 5
"""What ``Retry-After`` tells a client when a dependency is down."""
UNAVAILABLE_DETAIL: Final = "A service this request needs is not available right now."

_DRIVER_OUTAGES: Final = frozenset(
    {
        ("sqlalchemy.exc", "TimeoutError"),
        ("redis.exceptions", "ConnectionError"),
        ("redis.exceptions", "TimeoutError"),
        ("redis.exceptions", "BusyLoadingError"),
        ("asyncpg.exceptions", "CannotConnectNowError"),
        ("asyncpg.exceptions", "ConnectionDoesNotExistError"),
        ("asyncpg.exceptions", "ConnectionFailureError"),
        ("asyncpg.exceptions", "TooManyConnectionsError"),
    }
)


def _is_outage_itself(exc: BaseException) -> bool:
    if isinstance(exc, ConnectionError | TimeoutError | socket.gaierror):
        return True
    if getattr(exc, "connection_invalidated", False) is True:
        return True
    return any((kind.__module__, kind.__name__) in _DRIVER_OUTAGES for kind in type(exc).__mro__)


def is_outage(exc: BaseException) -> bool:
    """Whether ``exc`` or one of its causes says that a dependency cannot be reached."""
    seen: set[int] = set()
    current: BaseException | None = exc
    while current is not None and id(current) not in seen:
        if _is_outage_itself(current):
            return True
        seen.add(id(current))
        current = current.__cause__ or current.__context__
    return False


def failure_of(exc: Exception) -> tuple[str, str]:
    """The error code and detail of an unexpected failure: ``UNAVAILABLE`` for an outage."""
    if is_outage(exc):
        return "UNAVAILABLE", UNAVAILABLE_DETAIL
    return "INTERNAL_ERROR", "An unexpected error occurred."


class OutageLog:
    """Logs that a dependency went down once (a warning) and that it is back once (info),
    however often the code that uses it fails or retries in between."""

    def __init__(self, dependency: str) -> None:
        self.dependency = dependency
        self.down = False

    def failed(self, exc: BaseException) -> None:
        if not self.down:
            self.down = True
            _logger.warning(
                "dependency_down", dependency=self.dependency, error=f"{type(exc).__name__}: {exc}"
            )

    def succeeded(self) -> None:
        if self.down:
            self.down = False
            _logger.info("dependency_restored", dependency=self.dependency)
