"""The default start-up (offline AI, local files, no Sentry) does not load the SDKs of the
providers it does not use: each costs a share of every API and worker start."""

import subprocess
import sys
from pathlib import Path

UNUSED_BY_DEFAULT = (
    "google.genai",
    "openai",
    "elevenlabs",
    "aiobotocore",
    "authlib",
    "moviepy",
    "sentry_sdk",
)

_BUILD_DEFAULT_APP = """
import sys
from tutor_platform.bootstrap.app import create_app
from tutor_platform.bootstrap.settings import Settings
create_app(Settings(database_url="sqlite+aiosqlite:///{db}", storage_dir="{files}"))
print(",".join(m for m in {modules!r} if m in sys.modules))
"""


def test_the_default_app_is_built_without_loading_unused_provider_sdks(tmp_path: Path) -> None:
    script = _BUILD_DEFAULT_APP.format(
        db=tmp_path / "app.db", files=tmp_path / "files", modules=UNUSED_BY_DEFAULT
    )
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, timeout=120, check=True
    )
    assert done.stdout.strip() == ""
