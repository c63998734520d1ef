"""Which failures are outages (503), and an outage logged once each way."""

import socket

import pytest

from tests.fakes.log_capture import captured_events
from tutor_platform.shared.outage import OutageLog, failure_of, is_outage


class OperationalError(Exception):
    """Stands for a driver error that marks its connection as lost."""

    connection_invalidated = True


def _chained(outer: Exception, cause: BaseException) -> Exception:
    outer.__cause__ = cause
    return outer


@pytest.mark.parametrize(
    "exc",
    [
        ConnectionRefusedError(111, "refused"),
        TimeoutError(),
        socket.gaierror(-2, "Name or service not known"),
        OperationalError("server closed the connection"),
        _chained(RuntimeError("wrapped"), ConnectionResetError()),
    ],
    ids=["refused", "timeout", "no such host", "connection invalidated", "in the cause"],
)
def test_connection_failures_are_outages(exc: Exception) -> None:
    assert is_outage(exc)
    assert failure_of(exc)[0] == "UNAVAILABLE"


@pytest.mark.parametrize(
    "exc", [ValueError("bad"), KeyError("x"), FileNotFoundError("lesson.md")], ids=str
)
def test_other_failures_are_not(exc: Exception) -> None:
    assert not is_outage(exc)
    assert failure_of(exc)[0] == "INTERNAL_ERROR"


def test_an_outage_is_logged_once_when_it_starts_and_once_when_it_ends() -> None:
    outage = OutageLog("redis")
    with captured_events() as events:
        for _ in range(5):
            outage.failed(ConnectionRefusedError(111, "refused"))
        for _ in range(3):
            outage.succeeded()
        outage.failed(TimeoutError())
    assert [(e["event"], e["log_level"]) for e in events] == [
        ("dependency_down", "warning"),
        ("dependency_restored", "info"),
        ("dependency_down", "warning"),
    ]
