"""Every setting is documented in the README's table and in .env.example."""

from pathlib import Path

import msgspec
import pytest

from tutor_platform.bootstrap.settings import Settings

ROOT = Path(__file__).resolve().parents[3]
NAMES = [field.name.upper() for field in msgspec.structs.fields(Settings)]


@pytest.mark.parametrize("name", NAMES)
def test_setting_is_in_the_readme_table(name: str) -> None:
    assert f"| `{name}` |" in (ROOT / "README.md").read_text()


@pytest.mark.parametrize("name", NAMES)
def test_setting_is_in_env_example(name: str) -> None:
    lines = (ROOT / ".env.example").read_text().splitlines()
    assert any(line.startswith(f"{name}=") for line in lines)
