"""Media's settings: storage backend, upload cap, accepted types, quota."""

import pytest

from tutor_platform.bootstrap.container import build_container
from tutor_platform.bootstrap.settings import SettingsError, load_settings
from tutor_platform.media.adapters.outbound.local.storage import LocalDirectoryStorage
from tutor_platform.media.adapters.outbound.s3.storage import S3Storage
from tutor_platform.media.domain.content_types import DEFAULT_ALLOWED_TYPES


def test_defaults() -> None:
    settings = load_settings(environ={}, env_file=None)
    assert (settings.storage_backend, settings.storage_dir) == ("local", "./var/files")
    assert settings.upload_max_bytes == 25 * 1024 * 1024
    assert settings.storage_quota_bytes_per_user == 1024**3
    assert settings.upload_allowed_type_list == frozenset(DEFAULT_ALLOWED_TYPES)


def test_allowed_types_from_the_environment() -> None:
    settings = load_settings(
        environ={"UPLOAD_ALLOWED_TYPES": " image/PNG , text/plain,"}, env_file=None
    )
    assert settings.upload_allowed_type_list == {"image/png", "text/plain"}


def test_unsupported_types_are_refused_at_start() -> None:
    with pytest.raises(SettingsError, match="image/svg\\+xml"):
        load_settings(environ={"UPLOAD_ALLOWED_TYPES": "image/png,image/svg+xml"}, env_file=None)


def test_s3_needs_a_bucket() -> None:
    with pytest.raises(SettingsError, match="S3_BUCKET"):
        load_settings(environ={"STORAGE_BACKEND": "s3"}, env_file=None)


@pytest.mark.parametrize("name", ["UPLOAD_MAX_BYTES", "STORAGE_QUOTA_BYTES_PER_USER"])
def test_sizes_must_be_positive(name: str) -> None:
    with pytest.raises(SettingsError, match=name):
        load_settings(environ={name: "0"}, env_file=None)


def test_the_backend_setting_picks_the_storage() -> None:
    local = build_container(load_settings(environ={}, env_file=None))
    assert isinstance(local.media.storage(), LocalDirectoryStorage)
    s3 = build_container(
        load_settings(environ={"STORAGE_BACKEND": "s3", "S3_BUCKET": "media"}, env_file=None)
    )
    assert isinstance(s3.media.storage(), S3Storage)
