"""Typed settings from environment variables and an optional ``.env`` file.

Nothing is read at import time: call :func:`load_settings`.
"""

import os
from collections.abc import Mapping
from pathlib import Path
from typing import Annotated, Literal

import msgspec

from tutor_platform.ai.api import DEFAULT_AI_PRICES, ProviderName, parse_prices
from tutor_platform.integrations.adapters.outbound.fernet_cipher import (
    InvalidEncryptionKey,
    parse_keys,
)
from tutor_platform.media.api import DEFAULT_ALLOWED_TYPES, allowed_types_problem

DEFAULT_SECRET_KEY = "dev-insecure-secret-key-change-me-0123456789"  # noqa: S105 - refused in production
LOG_LEVEL_PATTERN = "^(?i:DEBUG|INFO|WARNING|ERROR|CRITICAL)$"
Positive = Annotated[int, msgspec.Meta(ge=1)]


class SettingsError(ValueError):
    """The settings are invalid or unsafe for the chosen environment."""


class Settings(msgspec.Struct, frozen=True, kw_only=True):
    """Every setting of the platform; the environment variable is the upper-case field name."""

    environment: Literal["development", "test", "production"] = "development"
    host: str = "127.0.0.1"
    port: Annotated[int, msgspec.Meta(ge=1, le=65535)] = 8000
    database_url: str = "sqlite+aiosqlite:///./var/tutor.db"
    database_pool_size: Positive = 10
    database_echo: bool = False
    redis_url: str = ""
    job_backend: Literal["auto", "inprocess", "saq"] = "auto"
    job_queue_name: Annotated[str, msgspec.Meta(min_length=1)] = "tutor-platform"
    job_concurrency: Positive = 10
    worker_metrics_host: str = "127.0.0.1"
    worker_metrics_port: Annotated[int, msgspec.Meta(ge=0, le=65535)] = 0
    secret_key: str = DEFAULT_SECRET_KEY
    jwt_algorithm: Literal["HS256", "HS384", "HS512", "RS256", "ES256", "EdDSA"] = "HS256"
    jwt_private_key: str = ""
    jwt_public_key: str = ""
    jwt_issuer: str = "tutor-platform"
    jwt_audience: str = "tutor-platform-api"
    access_token_ttl_seconds: Positive = 900
    refresh_token_ttl_seconds: Positive = 30 * 24 * 3600
    refresh_token_reuse_grace_seconds: Annotated[int, msgspec.Meta(ge=0, le=60)] = 5
    auth_cache_ttl_seconds: Annotated[int, msgspec.Meta(ge=0, le=300)] = 10
    catalog_cache_ttl_seconds: Annotated[int, msgspec.Meta(ge=0, le=3600)] = 60
    catalog_cache_max_entries: Positive = 10_000
    catalog_cache_max_mb: Positive = 64
    search_cache_ttl_seconds: Annotated[int, msgspec.Meta(ge=0, le=3600)] = 300
    search_cache_max_entries: Positive = 500
    search_cache_max_mb: Positive = 16
    argon2_time_cost: Positive = 2
    argon2_memory_cost_kib: Positive = 19 * 1024
    argon2_parallelism: Positive = 1
    cors_origins: str = ""
    allowed_hosts: str = "*"
    forwarded_allow_ips: str = "127.0.0.1"
    compression: Literal["gzip", "brotli", "none"] = "gzip"
    max_request_body_bytes: Positive = 1024 * 1024
    demo_data: Literal["auto", "on", "off"] = "auto"
    first_admin_email: str = ""
    first_admin_password: str = ""
    log_level: Annotated[str, msgspec.Meta(pattern=LOG_LEVEL_PATTERN)] = "INFO"
    log_format: Literal["auto", "console", "json"] = "auto"
    sentry_dsn: str = ""
    sentry_traces_sample_rate: Annotated[float, msgspec.Meta(ge=0, le=1)] = 0.0
    otel_exporter_otlp_endpoint: str = ""
    otel_exporter_otlp_traces_endpoint: str = ""
    otel_traces_exporter: Literal["", "otlp", "console", "none"] = ""
    otel_service_name: str = "tutor-platform"
    otel_sdk_disabled: bool = False
    rate_limit_enabled: bool = True
    rate_limit_public: str = "100/minute"
    rate_limit_auth: str = "10/minute"
    rate_limit_quiz_submit: str = "10/hour"
    rate_limit_ai_messages: str = "30/minute"
    quota_adaptive_learning: Annotated[int, msgspec.Meta(ge=0)] = 5
    quota_llm_assessment: Annotated[int, msgspec.Meta(ge=0)] = 10
    quota_synthesis: Annotated[int, msgspec.Meta(ge=0)] = 3
    quota_mentor_session: Annotated[int, msgspec.Meta(ge=0)] = 2
    refresh_token_purge_interval_seconds: int = 3600
    storage_backend: Literal["local", "s3"] = "local"
    storage_dir: str = "./var/files"
    s3_bucket: str = ""
    s3_endpoint_url: str = ""
    s3_region: str = ""
    s3_access_key_id: str = ""
    s3_secret_access_key: str = ""
    upload_max_bytes: Positive = 25 * 1024 * 1024
    upload_allowed_types: str = ",".join(DEFAULT_ALLOWED_TYPES)
    storage_quota_bytes_per_user: Positive = 1024 * 1024 * 1024
    ai_provider_default: ProviderName = "local"
    gemini_api_key: str = ""
    gemini_model: str = "gemini-2.5-flash"
    gemini_base_url: str = "https://generativelanguage.googleapis.com"
    ai_core_url: str = ""
    ai_core_api_key: str = ""
    openai_base_url: str = "https://api.openai.com/v1"
    openai_api_key: str = ""
    openai_model: str = "gpt-4o-mini"
    ai_prices: str = DEFAULT_AI_PRICES
    ai_timeout_seconds: Annotated[float, msgspec.Meta(gt=0)] = 30.0
    ai_max_retries: Annotated[int, msgspec.Meta(ge=0, le=10)] = 2
    ai_backoff_seconds: Annotated[float, msgspec.Meta(ge=0)] = 0.5
    ai_retry_after_max_seconds: Annotated[float, msgspec.Meta(ge=0)] = 20.0
    ai_total_timeout_seconds: Annotated[float, msgspec.Meta(gt=0)] = 90.0
    ai_breaker_failure_threshold: Positive = 5
    ai_breaker_reset_seconds: Annotated[float, msgspec.Meta(gt=0)] = 30.0
    ai_max_output_characters: Positive = 200_000
    embedding_provider: Literal["local", "gemini", "openai"] = "local"
    gemini_embedding_model: str = "gemini-embedding-001"
    openai_embedding_model: str = "text-embedding-3-small"
    embedding_dimensions: Annotated[int, msgspec.Meta(ge=1, le=4096)] = 768
    tutor_history_token_budget: Annotated[int, msgspec.Meta(ge=0)] = 3000
    speech_provider: Literal["local", "elevenlabs"] = "local"
    espeak_ng_path: str = "espeak-ng"
    elevenlabs_api_key: str = ""
    elevenlabs_base_url: str = "https://api.elevenlabs.io"
    elevenlabs_voice_id: str = "JBFqnCBsd6RMkjVDRZzb"
    elevenlabs_model_id: str = "eleven_multilingual_v2"
    summary_job_timeout_seconds: Annotated[float, msgspec.Meta(gt=0)] = 600.0
    google_client_id: str = ""
    google_client_secret: str = ""
    google_oauth_redirect_uri: str = (
        "http://127.0.0.1:8000/api/v1/integrations/google-drive/callback"
    )
    google_oauth_authorize_url: str = "https://accounts.google.com/o/oauth2/v2/auth"
    google_oauth_token_url: str = "https://oauth2.googleapis.com/token"  # noqa: S105 - a URL
    google_oauth_revoke_url: str = "https://oauth2.googleapis.com/revoke"
    google_drive_api_url: str = "https://www.googleapis.com"
    google_drive_scope: str = "https://www.googleapis.com/auth/drive.readonly"
    google_drive_done_url: str = ""
    token_encryption_keys: str = ""

    @property
    def is_production(self) -> bool:
        return self.environment == "production"

    @property
    def tracing_enabled(self) -> bool:
        """OpenTelemetry traces are exported: an OTLP endpoint or a traces exporter is set
        (the standard ``OTEL_*`` variables), and ``OTEL_SDK_DISABLED`` is not true."""
        if self.otel_sdk_disabled or self.otel_traces_exporter == "none":
            return False
        return bool(
            self.otel_exporter_otlp_endpoint
            or self.otel_exporter_otlp_traces_endpoint
            or self.otel_traces_exporter
        )

    @property
    def is_sqlite(self) -> bool:
        return self.database_url.startswith("sqlite")

    @property
    def loads_demo_data(self) -> bool:
        """``auto`` loads the demo data on the embedded SQLite default outside production only;
        production loads it (whose passwords are public) only with ``DEMO_DATA=on``."""
        if self.demo_data == "auto":
            return self.is_sqlite and not self.is_production
        return self.demo_data == "on"

    @property
    def uses_saq(self) -> bool:
        if self.job_backend == "auto":
            return bool(self.redis_url)
        return self.job_backend == "saq"

    @property
    def upload_allowed_type_list(self) -> frozenset[str]:
        return frozenset(type_.lower() for type_ in _split(self.upload_allowed_types))

    @property
    def cors_origin_list(self) -> list[str]:
        return _split(self.cors_origins)

    @property
    def allowed_host_list(self) -> list[str]:
        return _split(self.allowed_hosts) or ["*"]

    @property
    def json_logs(self) -> bool:
        if self.log_format == "auto":
            return self.is_production
        return self.log_format == "json"


def _env_name(message: str) -> str:
    """The environment variable a msgspec error path (``... - at `$.port```) points at."""
    _, _, path = message.rpartition("`$.")
    return path.rstrip("`").split(".")[0].split("[")[0].upper() or "?"


def _split(value: str) -> list[str]:
    return [part.strip() for part in value.split(",") if part.strip()]


def read_env_file(path: Path) -> dict[str, str]:
    """Parse ``KEY=VALUE`` lines of a dotenv file; comments and blank lines are ignored."""
    if not path.is_file():
        return {}
    values: dict[str, str] = {}
    for raw in path.read_text(encoding="utf-8").splitlines():
        line = raw.strip()
        if not line or line.startswith("#") or "=" not in line:
            continue
        key, _, value = line.removeprefix("export ").partition("=")
        value = value.strip()
        if len(value) >= 2 and value[0] == value[-1] and value[0] in "'\"":
            value = value[1:-1]
        values[key.strip()] = value
    return values


def load_settings(
    environ: Mapping[str, str] | None = None,
    env_file: str | Path | None = ".env",
    **overrides: object,
) -> Settings:
    """Build settings from a dotenv file, then the environment, then explicit overrides."""
    known = {field.name.upper(): field.name for field in msgspec.structs.fields(Settings)}
    source: dict[str, str] = {}
    if env_file is not None:
        source.update(read_env_file(Path(env_file)))
    source.update(os.environ if environ is None else environ)
    raw: dict[str, object] = {known[k]: v for k, v in source.items() if k in known}
    raw.update(overrides)
    try:
        settings = msgspec.convert(raw, Settings, strict=False)
    except msgspec.ValidationError as exc:
        raise SettingsError(f"invalid setting {_env_name(str(exc))}: {exc}") from exc
    validate(settings)
    return settings


def validate(settings: Settings) -> None:
    """Refuse settings that are unsafe for the environment."""
    if settings.is_production and settings.secret_key == DEFAULT_SECRET_KEY:
        raise SettingsError("SECRET_KEY must be set to a secret value in production")
    if settings.jwt_algorithm.startswith("HS") and len(settings.secret_key) < 32:
        raise SettingsError("SECRET_KEY must be at least 32 characters long")
    if not settings.jwt_algorithm.startswith("HS") and not (
        settings.jwt_private_key and settings.jwt_public_key
    ):
        raise SettingsError("an asymmetric JWT_ALGORITHM needs JWT_PRIVATE_KEY and JWT_PUBLIC_KEY")
    if settings.uses_saq and not settings.redis_url:
        raise SettingsError("JOB_BACKEND=saq needs REDIS_URL")
    weak_argon2 = settings.argon2_memory_cost_kib < 19 * 1024 or settings.argon2_time_cost < 2
    if weak_argon2 and settings.environment != "test":
        raise SettingsError("argon2 parameters are below OWASP's minimum (m=19 MiB, t=2, p=1)")
    if bool(settings.first_admin_email.strip()) != bool(settings.first_admin_password):
        raise SettingsError(
            "FIRST_ADMIN_EMAIL and FIRST_ADMIN_PASSWORD go together: set both to create the "
            "first admin at start, or neither"
        )
    if settings.storage_backend == "s3" and not settings.s3_bucket:
        raise SettingsError("STORAGE_BACKEND=s3 needs S3_BUCKET")
    if (problem := allowed_types_problem(settings.upload_allowed_type_list)) is not None:
        raise SettingsError(f"UPLOAD_ALLOWED_TYPES: {problem}")
    try:
        parse_prices(settings.ai_prices)
    except ValueError as exc:
        raise SettingsError(f"AI_PRICES: {exc}") from None
    try:
        keys = parse_keys(settings.token_encryption_keys)
    except InvalidEncryptionKey as exc:
        raise SettingsError(f"TOKEN_ENCRYPTION_KEYS: {exc}") from None
    if settings.is_production and settings.google_client_id and not keys:
        raise SettingsError(
            "TOKEN_ENCRYPTION_KEYS must be set in production when GOOGLE_CLIENT_ID is: "
            "Google tokens are stored encrypted with it"
        )
