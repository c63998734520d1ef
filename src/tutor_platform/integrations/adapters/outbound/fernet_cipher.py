"""Tokens encrypted at rest with ``cryptography``'s Fernet, with key rotation (MultiFernet):
the newest key encrypts, every configured key decrypts."""

import base64
import hashlib
from collections.abc import Sequence

from cryptography.fernet import Fernet, InvalidToken, MultiFernet


class InvalidEncryptionKey(ValueError):
    """A TOKEN_ENCRYPTION_KEYS entry is no Fernet key."""


def parse_keys(value: str) -> list[str]:
    """TOKEN_ENCRYPTION_KEYS: comma-separated Fernet keys, newest first (each checked)."""
    keys = [part.strip() for part in value.split(",") if part.strip()]
    for index, key in enumerate(keys, start=1):
        try:
            Fernet(key)
        except (ValueError, TypeError):
            raise InvalidEncryptionKey(
                f"key {index} is not a Fernet key (32 url-safe base64-encoded bytes; make one "
                "with `python -c 'from cryptography.fernet import Fernet; "
                "print(Fernet.generate_key().decode())'`)"
            ) from None
    return keys


def development_key(secret_key: str) -> str:
    """A key derived from SECRET_KEY, for development and tests without TOKEN_ENCRYPTION_KEYS
    (production refuses to start without them when Google Drive is configured)."""
    digest = hashlib.sha256(b"tutor-platform token encryption:" + secret_key.encode()).digest()
    return base64.urlsafe_b64encode(digest).decode()


class FernetTokenCipher:
    def __init__(self, keys: Sequence[str]) -> None:
        if not keys:
            raise InvalidEncryptionKey("at least one key is needed")
        self._newest = Fernet(keys[0])
        self._all = MultiFernet([Fernet(key) for key in keys])

    def encrypt(self, plain: str) -> str:
        return self._all.encrypt(plain.encode("utf-8")).decode("ascii")

    def decrypt(self, sealed: str) -> str:
        return self._all.decrypt(sealed.encode("ascii")).decode("utf-8")

    def needs_rotation(self, sealed: str) -> bool:
        try:
            self._newest.decrypt(sealed.encode("ascii"))
        except InvalidToken:
            return True
        return False


def token_cipher(configured_keys: str, secret_key: str) -> FernetTokenCipher:
    """The cipher of TOKEN_ENCRYPTION_KEYS, or of the development key without them."""
    return FernetTokenCipher(parse_keys(configured_keys) or [development_key(secret_key)])
