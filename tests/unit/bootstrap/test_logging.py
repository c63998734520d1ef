"""structlog output: JSON or console, request context merged, secrets redacted."""

import io
import json
import logging
from collections.abc import Iterator

import pytest
import structlog

from tutor_platform.bootstrap.logging import REDACTED, configure_logging, is_secret_key


@pytest.fixture
def stream() -> Iterator[io.StringIO]:
    buffer = io.StringIO()
    yield buffer
    structlog.contextvars.clear_contextvars()
    configure_logging("WARNING")


def test_json_lines_carry_level_logger_time_and_context(stream: io.StringIO) -> None:
    configure_logging("INFO", json_logs=True, stream=stream)
    structlog.contextvars.bind_contextvars(request_id="req-42")
    structlog.get_logger("tutor_platform.test").info("something_happened", count=3)
    line = json.loads(stream.getvalue().strip())
    assert line["event"] == "something_happened"
    assert line["count"] == 3
    assert line["request_id"] == "req-42"
    assert line["level"] == "info"
    assert line["logger"] == "tutor_platform.test"
    assert line["timestamp"].endswith("Z")


def test_standard_library_records_use_the_same_format(stream: io.StringIO) -> None:
    configure_logging("INFO", json_logs=True, stream=stream)
    logging.getLogger("some.library").warning("plain %s", "record")
    line = json.loads(stream.getvalue().strip())
    assert (line["event"], line["level"], line["logger"]) == (
        "plain record",
        "warning",
        "some.library",
    )


def test_level_filters(stream: io.StringIO) -> None:
    configure_logging("WARNING", json_logs=True, stream=stream)
    structlog.get_logger("t").info("hidden")
    structlog.get_logger("t").warning("shown")
    assert [json.loads(line)["event"] for line in stream.getvalue().splitlines()] == ["shown"]


def test_console_format_is_not_json(stream: io.StringIO) -> None:
    configure_logging("INFO", json_logs=False, stream=stream)
    structlog.get_logger("t").info("readable", user_id="u1")
    text = stream.getvalue()
    assert "readable" in text
    assert "user_id=u1" in text
    assert not text.lstrip().startswith("{")


@pytest.mark.parametrize("json_logs", [True, False])
def test_secrets_are_redacted_at_any_depth(stream: io.StringIO, json_logs: bool) -> None:
    configure_logging("INFO", json_logs=json_logs, stream=stream)
    structlog.get_logger("t").info(
        "login",
        password="pw-one",
        new_password="pw-two",
        refresh_token="rt-three",
        headers={"Authorization": "Bearer at-four", "Cookie": "refresh_token=rt-five"},
        payload={"user": {"current_password": "pw-six"}, "items": [{"api_key": "key-seven"}]},
        token_type="bearer",
        prompt_tokens=12,
    )
    text = stream.getvalue()
    for secret in ("pw-one", "pw-two", "rt-three", "at-four", "rt-five", "pw-six", "key-seven"):
        assert secret not in text
    assert REDACTED in text
    assert "prompt_tokens" in text


def test_tracebacks_show_no_local_variables(stream: io.StringIO) -> None:
    configure_logging("INFO", json_logs=False, stream=stream)

    def fail(password: str) -> None:
        raise RuntimeError("boom")

    value = "-".join(["local", "secret", "value"])  # built at run time: not in a source line
    try:
        fail(value)
    except RuntimeError:
        structlog.get_logger("t").exception("failed")
    text = stream.getvalue()
    assert "RuntimeError: boom" in text
    assert "local-secret-value" not in text


@pytest.mark.parametrize(
    ("key", "secret"),
    [
        ("password", True),
        ("Authorization", True),
        ("access_token", True),
        ("SECRET_KEY", True),
        ("set-cookie", True),
        ("token_type", False),
        ("prompt_tokens", False),
        ("email", False),
    ],
)
def test_secret_key_names(key: str, secret: bool) -> None:
    assert is_secret_key(key) is secret
