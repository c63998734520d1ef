"""Settings from the environment and a ``.env`` file, and the values they refuse."""

from pathlib import Path

import msgspec
import pytest

from tutor_platform.bootstrap.settings import (
    DEFAULT_SECRET_KEY,
    SettingsError,
    load_settings,
    read_env_file,
)

STRONG_SECRET = "s" * 48


def test_defaults_are_the_embedded_development_setup() -> None:
    settings = load_settings(environ={}, env_file=None)
    assert settings.environment == "development"
    assert (settings.host, settings.port) == ("127.0.0.1", 8000)
    assert settings.is_sqlite
    assert not settings.uses_saq
    assert settings.max_request_body_bytes == 1024 * 1024


def test_environment_variables_are_upper_case_field_names() -> None:
    settings = load_settings(
        environ={
            "PORT": "9001",
            "DATABASE_ECHO": "true",
            "RATE_LIMIT_ENABLED": "0",
            "CORS_ORIGINS": "https://a.example, https://b.example",
            "LOG_LEVEL": "debug",
            "UNRELATED_VARIABLE": "ignored",
        },
        env_file=None,
    )
    assert settings.port == 9001
    assert settings.database_echo is True
    assert settings.rate_limit_enabled is False
    assert settings.cors_origin_list == ["https://a.example", "https://b.example"]
    assert settings.log_level == "debug"


def test_env_file_is_read_and_the_environment_wins(tmp_path: Path) -> None:
    env_file = tmp_path / ".env"
    env_file.write_text(
        "# a comment\n"
        "\n"
        "PORT=7000\n"
        "export HOST=192.0.2.10\n"
        "SECRET_KEY='quoted-secret-value-with-#-and-=-0123456789'\n"
        'FIRST_ADMIN_EMAIL="admin@example.com"\n'
        "FIRST_ADMIN_PASSWORD=a-first-admin-password\n"
        "not a setting line\n",
        encoding="utf-8",
    )
    settings = load_settings(environ={"PORT": "7100"}, env_file=env_file)
    assert settings.port == 7100
    assert settings.host == "192.0.2.10"
    assert settings.secret_key == "quoted-secret-value-with-#-and-=-0123456789"
    assert settings.first_admin_email == "admin@example.com"


def test_missing_env_file_is_not_an_error(tmp_path: Path) -> None:
    assert read_env_file(tmp_path / "absent.env") == {}
    assert load_settings(environ={}, env_file=tmp_path / "absent.env").port == 8000


def test_overrides_win_over_everything() -> None:
    assert load_settings(environ={"PORT": "7100"}, env_file=None, port=7200).port == 7200


def test_production_refuses_the_default_secret_key() -> None:
    with pytest.raises(SettingsError, match="SECRET_KEY"):
        load_settings(environ={"ENVIRONMENT": "production"}, env_file=None)
    with pytest.raises(SettingsError, match="SECRET_KEY"):
        load_settings(
            environ={"ENVIRONMENT": "production", "SECRET_KEY": DEFAULT_SECRET_KEY}, env_file=None
        )


def test_production_accepts_a_real_secret_key() -> None:
    settings = load_settings(
        environ={"ENVIRONMENT": "production", "SECRET_KEY": STRONG_SECRET}, env_file=None
    )
    assert settings.is_production
    assert settings.json_logs


@pytest.mark.parametrize(
    ("variable", "value"),
    [
        ("PORT", "http"),
        ("PORT", "0"),
        ("PORT", "70000"),
        ("ENVIRONMENT", "staging"),
        ("DATABASE_ECHO", "maybe"),
        ("COMPRESSION", "zstd"),
        ("LOG_FORMAT", "xml"),
        ("LOG_LEVEL", "LOUD"),
        ("MAX_REQUEST_BODY_BYTES", "0"),
        ("ACCESS_TOKEN_TTL_SECONDS", "-5"),
        ("DATABASE_POOL_SIZE", "none"),
    ],
)
def test_bad_values_name_the_variable(variable: str, value: str) -> None:
    with pytest.raises(SettingsError, match=variable):
        load_settings(environ={variable: value}, env_file=None)


@pytest.mark.parametrize(
    "environ",
    [
        {"SECRET_KEY": "too-short"},
        {"JWT_ALGORITHM": "RS256"},
        {"JOB_BACKEND": "saq"},
        {"ARGON2_MEMORY_COST_KIB": "1024"},
        {"ARGON2_TIME_COST": "1"},
        {"FIRST_ADMIN_EMAIL": "root@example.com"},
        {"FIRST_ADMIN_PASSWORD": "a-first-admin-password"},
    ],
)
def test_unsafe_combinations_are_refused(environ: dict[str, str]) -> None:
    with pytest.raises(SettingsError):
        load_settings(environ=environ, env_file=None)


def test_log_format_auto_is_json_only_in_production() -> None:
    development = load_settings(environ={}, env_file=None)
    assert not development.json_logs
    assert load_settings(environ={"LOG_FORMAT": "json"}, env_file=None).json_logs
    production = msgspec.structs.replace(development, environment="production")
    assert production.json_logs
    assert not msgspec.structs.replace(production, log_format="console").json_logs


@pytest.mark.parametrize(
    ("environ", "loads"),
    [
        ({}, True),
        ({"DATABASE_URL": "postgresql+asyncpg://db/tutor"}, False),
        ({"ENVIRONMENT": "production", "SECRET_KEY": STRONG_SECRET}, False),
        ({"ENVIRONMENT": "production", "SECRET_KEY": STRONG_SECRET, "DEMO_DATA": "on"}, True),
        ({"DEMO_DATA": "off"}, False),
    ],
)
def test_demo_data_is_never_loaded_in_production_unless_asked(
    environ: dict[str, str], loads: bool
) -> None:
    assert load_settings(environ=environ, env_file=None).loads_demo_data is loads
