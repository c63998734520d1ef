"""``just eval``: how well the tutor teaches from the course, measured on question sets.

Builds the demo data on a fresh SQLite database in a temporary folder (and four held-out
courses that the tuning never saw), asks every question of ``questions.toml``, ``heldout.toml``,
``heldout-shell.toml``, ``heldout-http.toml`` and ``heldout-regex.toml`` through the HTTP API
as the course's instructor, and prints, per set:

- recall@3: the expected lessons among the lessons of the first three passages the tutor
  was given (both lessons for a two-lesson question count half each);
- cited: the expected lesson among the answer's citations;
- off-topic honesty: an off-topic question gets no citation and says the course does not
  cover it; "other courses" checks that it names exactly the other courses that do (`suggest`);
- follow-up retention: a follow-up answer cites the lesson of the question before it;
- well-formed Markdown: balanced code fences, emphasis and code spans, whole tables;
- latency of an answer (median and p95, in-process, SQLite).

It measures; it does not pass or fail. ``--provider`` picks the tutor's provider (default
``local``); ``--show`` prints every answer.
"""

import argparse
import re
import statistics
import tempfile
import time
import tomllib
from collections.abc import AsyncIterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from uuid import UUID

from dependency_injector import providers
from litestar import Litestar
from litestar.testing import TestClient

from scripts.eval.markdown_check import markdown_problems
from tutor_platform.ai.api import StreamItem, TutorModel, TutorPrompt, TutorReply
from tutor_platform.bootstrap.app import create_app
from tutor_platform.bootstrap.demo.catalog import load_demo_catalog
from tutor_platform.bootstrap.settings import load_settings

HERE = Path(__file__).parent
API = "/api/v1"
NOT_COVERED = "does not cover"


@dataclass
class Recorder:
    """The tutor model of a provider, remembering the prompt of each call."""

    model: TutorModel
    prompts: list[TutorPrompt] = field(default_factory=list)

    @property
    def provider(self) -> str:
        return self.model.provider

    async def reply(self, prompt: TutorPrompt) -> TutorReply:
        self.prompts.append(prompt)
        return await self.model.reply(prompt)

    async def stream(self, prompt: TutorPrompt) -> AsyncIterator[StreamItem]:
        self.prompts.append(prompt)
        async for item in self.model.stream(prompt):
            yield item

    async def grade(self, request: Any) -> Any:
        return await self.model.grade(request)

    async def health(self) -> bool:
        return await self.model.health()


@dataclass
class Models:
    recorder: Recorder
    default_provider: str = "local"

    def get(self, provider: str | None = None) -> Recorder:
        return self.recorder

    async def aclose(self) -> None:
        return None


@dataclass
class Outcome:
    kind: str
    question: str
    expect: Sequence[str]
    answer: str
    given: list[str]
    cited: list[str]
    seconds: float
    suggest: Sequence[str] = ()


@dataclass
class Scores:
    outcomes: list[Outcome] = field(default_factory=list)

    def report(self, name: str) -> str:
        grounded = [o for o in self.outcomes if o.kind not in ("off-topic", "follow-up")]
        off_topic = [o for o in self.outcomes if o.kind == "off-topic"]
        follow_ups = [o for o in self.outcomes if o.kind == "follow-up"]
        recall = _mean(
            sum(title in o.given[:3] for title in o.expect) / len(o.expect) for o in grounded
        )
        cited = _mean(any(title in o.cited for title in o.expect) for o in grounded)
        honest = _mean(not o.cited and NOT_COVERED in o.answer for o in off_topic)
        retained = _mean(o.expect[0] in o.cited for o in follow_ups)
        pointed = _mean(_named_courses(o.answer) == set(o.suggest) for o in off_topic)
        well_formed = _mean(not markdown_problems(o.answer) for o in self.outcomes)
        times = sorted(o.seconds * 1000 for o in self.outcomes)
        p95 = times[max(0, round(0.95 * len(times)) - 1)]
        by_kind = ", ".join(
            f"{kind} {_mean(_passed(o) for o in self.outcomes if o.kind == kind):.0%}"
            for kind in dict.fromkeys(o.kind for o in self.outcomes)
        )
        return "\n".join(
            [
                f"## {name}: {len(self.outcomes)} questions",
                f"- recall@3 of the expected lesson: {recall:.1%} ({len(grounded)} questions)",
                f"- expected lesson cited in the answer: {cited:.1%}",
                f"- off-topic answered honestly: {honest:.1%} ({len(off_topic)} questions)",
                f"- off-topic answers name the right other courses: {pointed:.1%}",
                f"- follow-ups stay on their lesson: {retained:.1%} ({len(follow_ups)} questions)",
                f"- well-formed Markdown: {well_formed:.1%}",
                f"- answer latency: median {statistics.median(times):.1f} ms, p95 {p95:.1f} ms",
                f"- passed by kind: {by_kind}",
            ]
        )

    def failures(self) -> list[Outcome]:
        return [o for o in self.outcomes if not _passed(o)]


def _passed(o: Outcome) -> bool:
    if markdown_problems(o.answer):
        return False
    if o.kind == "off-topic":
        return not o.cited and NOT_COVERED in o.answer
    if o.kind == "follow-up":
        return o.expect[0] in o.cited
    return all(title in o.given[:3] for title in o.expect)


def _named_courses(answer: str) -> set[str]:
    """The courses an honest answer points to ("The course **X** may cover it.")."""
    found = re.search(r"The courses? (.*?) may cover it", answer)
    return set(re.findall(r"\*\*(.+?)\*\*", found.group(1))) if found else set()


def _mean(values: Any) -> float:
    listed = [float(v) for v in values]
    return sum(listed) / len(listed) if listed else 0.0


class Eval:
    """A running app with the demo data, driven as the demo instructor."""

    def __init__(self, client: TestClient[Litestar], recorder: Recorder) -> None:
        self.client = client
        self.recorder = recorder
        catalog = load_demo_catalog()
        login = self.post(
            "/auth/login",
            {"login": catalog.instructor.username, "password": catalog.instructor.password},
        )
        self.headers = {"Authorization": f"Bearer {login['access_token']}"}
        self.tutors: dict[str, str] = {}

    def post(self, path: str, body: object, headers: dict[str, str] | None = None) -> Any:
        response = self.client.post(f"{API}{path}", json=body, headers=headers or {})
        if response.status_code >= 400:
            raise RuntimeError(f"{path}: {response.status_code} {response.text}")
        return response.json()

    def get(self, path: str) -> Any:
        response = self.client.get(f"{API}{path}", headers=self.headers)
        response.raise_for_status()
        return response.json()

    def tutor(self, slug: str, provider: str) -> str:
        if slug not in self.tutors:
            courses = self.get("/courses?limit=100")["items"]
            course = next(c for c in courses if c["slug"] == slug)
            tutor = self.post(
                "/tutors",
                {
                    "course_id": course["id"],
                    "name": f"Eval tutor of {course['title']}"[:100],
                    "system_prompt": "You are a patient tutor of this course.",
                    "provider": provider,
                },
                self.headers,
            )
            self.tutors[slug] = tutor["id"]
        return self.tutors[slug]

    def ask(self, case: dict[str, Any], provider: str) -> Outcome:
        tutor_id = self.tutor(case["course"], provider)
        session = self.post("/sessions", {"tutor_id": tutor_id}, self.headers)
        if "before" in case:
            self.post(
                f"/sessions/{session['id']}/messages", {"content": case["before"]}, self.headers
            )
        started = time.perf_counter()
        exchange = self.post(
            f"/sessions/{session['id']}/messages", {"content": case["question"]}, self.headers
        )
        seconds = time.perf_counter() - started
        answer = exchange["assistant_message"]
        prompt = self.recorder.prompts[-1]
        return Outcome(
            kind=case["kind"],
            question=case["question"],
            expect=case.get("expect", []),
            answer=answer["content"],
            given=list(dict.fromkeys(p.title for p in prompt.passages)),
            cited=[c["title"] for c in answer["citations"]],
            seconds=seconds,
            suggest=case.get("suggest", []),
        )


HELD_OUT_COURSES = ("heldout", "heldout-shell", "heldout-http", "heldout-regex")
QUESTION_SETS = (
    ("Tuning set", "questions.toml"),
    ("Held-out set (Git)", "heldout.toml"),
    ("Held-out set 2 (terminal)", "heldout-shell.toml"),
    ("Held-out set 3 (HTTP)", "heldout-http.toml"),
    ("Held-out set 4 (regular expressions)", "heldout-regex.toml"),
)


def add_heldout_course(run: Eval, folder: str) -> None:
    """A held-out course, created and published through the API like any course."""
    course_file = tomllib.loads((HERE / folder / "course.toml").read_text())
    course = run.post(
        "/courses",
        {k: course_file[k] for k in ("title", "slug", "description", "subject", "difficulty")},
        run.headers,
    )
    section = run.post(f"/courses/{course['id']}/sections", {"title": "Lessons"}, run.headers)
    for lesson in course_file["lessons"]:
        content = (HERE / folder / f"{lesson['slug']}.md").read_text()
        run.post(
            f"/sections/{section['id']}/lessons",
            {"title": lesson["title"], "content": content},
            run.headers,
        )
    run.post(f"/courses/{course['id']}/publish", {}, run.headers)


def wait_for_index(run: Eval, seconds: float = 120) -> None:
    """Until every lesson's passages are indexed (indexing runs as background jobs)."""
    facade = run.client.app.state.container.catalog.facade()
    lessons = [
        lesson["id"]
        for course in run.get("/courses?limit=100")["items"]
        for lesson in run.get(f"/courses/{course['id']}/lessons?limit=100")["items"]
    ]

    async def pending() -> int:
        return sum([not await facade.lesson_passages(UUID(lesson)) for lesson in lessons])

    deadline = time.monotonic() + seconds
    while run.client.blocking_portal.call(pending):
        if time.monotonic() > deadline:
            raise RuntimeError("the passage index did not catch up")
        time.sleep(0.2)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--provider", default="local")
    parser.add_argument("--show", action="store_true", help="print every answer")
    parser.add_argument(
        "--sets", nargs="*", help="only the question files with these names (questions heldout …)"
    )
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        settings = load_settings(
            environ={},
            env_file=None,
            environment="test",
            database_url=f"sqlite+aiosqlite:///{folder}/eval.db",
            storage_dir=f"{folder}/files",
            demo_data="on",
            rate_limit_enabled=False,
            log_level="WARNING",
            argon2_time_cost=1,
            argon2_memory_cost_kib=8,
        )
        app = create_app(settings)
        container = app.state.container
        recorder = Recorder(container.tutor_models().get(args.provider))
        container.tutor_models.override(providers.Object(Models(recorder)))
        with TestClient(app) as client:
            run = Eval(client, recorder)
            for folder in HELD_OUT_COURSES:
                add_heldout_course(run, folder)
            wait_for_index(run)
            for name, file in QUESTION_SETS:
                if args.sets and file.removesuffix(".toml") not in args.sets:
                    continue
                cases = tomllib.loads((HERE / file).read_text())["case"]
                scores = Scores([run.ask(case, args.provider) for case in cases])
                print(scores.report(f"{name} ({args.provider})"), "\n")
                for outcome in scores.failures() if not args.show else scores.outcomes:
                    print(
                        f"[{outcome.kind}] {outcome.question}\n  expected {outcome.expect}"
                        f"\n  given {outcome.given[:3]}\n  cited {outcome.cited}"
                    )
                    if args.show:
                        print("  " + outcome.answer.replace("\n", "\n  "))
                print()


if __name__ == "__main__":
    main()
