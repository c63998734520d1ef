"""A real SAQ worker process whose speech synthesizer takes ``SLOW_SPEECH_SECONDS`` (from the
environment) before speaking, so a test can kill it in the middle of a summary job.

Run as ``python -m tests.integration.media.summary_worker_main``: the same ``serve_worker`` as
``tutor-platform worker``, with one adapter overridden as tests do.
"""

import asyncio
import os

from dependency_injector import providers

from tutor_platform.bootstrap.container import build_container
from tutor_platform.bootstrap.settings import load_settings
from tutor_platform.bootstrap.worker import serve_worker
from tutor_platform.media.ports.authoring import SpeechAudio, SpeechSynthesizer


class SlowSpeech:
    def __init__(self, inner: SpeechSynthesizer, seconds: float) -> None:
        self._inner = inner
        self._seconds = seconds

    async def synthesize(self, text: str) -> SpeechAudio:
        await asyncio.sleep(self._seconds)
        return await self._inner.synthesize(text)

    async def aclose(self) -> None:
        return None


def main() -> None:
    settings = load_settings(env_file=None)
    container = build_container(settings)
    slow = SlowSpeech(
        container.media.speech_synthesizer(), float(os.environ["SLOW_SPEECH_SECONDS"])
    )
    container.media.speech_synthesizer.override(providers.Object(slow))
    asyncio.run(serve_worker(settings, container))


if __name__ == "__main__":
    main()
