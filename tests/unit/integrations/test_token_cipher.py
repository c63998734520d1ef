"""Tokens at rest: Fernet with the newest key, older keys still read, rotation detected, and
the settings that configure it."""

import pytest
from cryptography.fernet import Fernet

from tutor_platform.bootstrap.settings import SettingsError, load_settings
from tutor_platform.integrations.adapters.outbound.fernet_cipher import (
    FernetTokenCipher,
    InvalidEncryptionKey,
    development_key,
    parse_keys,
    token_cipher,
)

OLD, NEW = Fernet.generate_key().decode(), Fernet.generate_key().decode()
SECRET = "s" * 40


def test_the_newest_key_encrypts_and_every_key_decrypts() -> None:
    before = FernetTokenCipher([OLD])
    sealed = before.encrypt("ya29.token")
    assert "ya29" not in sealed
    after = FernetTokenCipher([NEW, OLD])
    assert after.decrypt(sealed) == "ya29.token"
    assert after.needs_rotation(sealed)
    resealed = after.encrypt(after.decrypt(sealed))
    assert not after.needs_rotation(resealed)
    assert FernetTokenCipher([NEW]).decrypt(resealed) == "ya29.token"


def test_keys_are_checked() -> None:
    assert parse_keys(f" {NEW} , {OLD} ") == [NEW, OLD]
    assert parse_keys("") == []
    with pytest.raises(InvalidEncryptionKey, match="key 2"):
        parse_keys(f"{NEW},not-a-key")


def test_without_keys_a_development_key_comes_from_the_secret_key() -> None:
    cipher = token_cipher("", SECRET)
    assert FernetTokenCipher([development_key(SECRET)]).decrypt(cipher.encrypt("x")) == "x"
    assert development_key(SECRET) != development_key(SECRET + "!")


def _settings(**values: str) -> None:
    load_settings(environ={"SECRET_KEY": SECRET, **values}, env_file=None)


def test_production_with_google_drive_refuses_to_start_without_keys() -> None:
    with pytest.raises(SettingsError, match="TOKEN_ENCRYPTION_KEYS"):
        _settings(ENVIRONMENT="production", GOOGLE_CLIENT_ID="id")
    _settings(ENVIRONMENT="production", GOOGLE_CLIENT_ID="id", TOKEN_ENCRYPTION_KEYS=NEW)
    _settings(ENVIRONMENT="production")


def test_a_bad_key_names_the_setting() -> None:
    with pytest.raises(SettingsError, match="TOKEN_ENCRYPTION_KEYS: key 1"):
        _settings(TOKEN_ENCRYPTION_KEYS="short")
