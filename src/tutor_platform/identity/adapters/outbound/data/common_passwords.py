"""The 10,000 most common passwords, read from the file shipped next to this module.

``common_passwords.txt`` holds the first 10,000 entries (lower-case, one per line) of the
"passwords" frequency list of zxcvbn 4.5.0 (MIT licence, Dropbox).
"""

from pathlib import Path

COMMON_PASSWORDS_FILE = Path(__file__).with_name("common_passwords.txt")


class FileCommonPasswords:
    """A lower-case password set, loaded on first use."""

    def __init__(self, path: Path = COMMON_PASSWORDS_FILE) -> None:
        self._path = path
        self._passwords: frozenset[str] | None = None

    def __contains__(self, password: object) -> bool:
        return password in self._load()

    def __len__(self) -> int:
        return len(self._load())

    def _load(self) -> frozenset[str]:
        if self._passwords is None:
            lines = self._path.read_text(encoding="utf-8").splitlines()
            self._passwords = frozenset(line for line in lines if line)
        return self._passwords
