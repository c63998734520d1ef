"""Learning analytics (SPEC 9) over HTTP: a course's learners, quizzes, mastery and tutoring
figures, the AI usage report, CSV, bad ranges and Accept values, who may read them, dismissing
a content gap, and a rebuild from the facts that equals the figures kept as events happened.

One world per module (the shared world of ``tests/integration/conftest.py``): activity made
through the API by a few learners on one course, with the app's clock moved by the test, so
that lesson minutes are known. The read-only rows come first; the test that dismisses a gap
and the rebuild come last. Runs on both databases: the figures are SQL upserts on each."""

import csv
import io
from dataclasses import dataclass
from typing import Any, cast
from uuid import UUID

import pytest
from dependency_injector import providers
from litestar import Litestar
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncEngine

from tests.integration.accounts import Account, Client, MakeAccount, assert_error, in_app_loop
from tests.integration.assessment.conftest import single_choice, true_false
from tests.integration.catalog.conftest import CourseIds, course_maker
from tests.support.clock import fixed_clock, utc_now
from tutor_platform.assessment.adapters.outbound.sqlalchemy.tables import (
    assessment_daily_figures,
)
from tutor_platform.bootstrap.analytics import rebuild_analytics
from tutor_platform.progress.adapters.outbound.sqlalchemy.figures_tables import (
    learning_daily_figures,
)
from tutor_platform.shared.clock import FixedClock
from tutor_platform.tutoring.adapters.outbound.sqlalchemy.tables import tutoring_daily_figures

pytestmark = pytest.mark.both_databases

API = "/api/v1"
Body = dict[str, Any]
BREAD = "How do I bake sourdough bread at home?"
BREAD_AGAIN = "how to bake sourdough bread"
CAPITAL = "What is the capital of Australia?"


@pytest.fixture
def client(shared_client: Client) -> Client:
    return shared_client


@dataclass
class World:
    teacher: Account
    rival: Account
    students: list[Account]
    admin: Account
    course: CourseIds
    quiz: Body
    tutor: Body
    attempt_id: str
    clock: FixedClock

    @property
    def today(self) -> str:
        return self.clock.now().date().isoformat()


async def _ok(client: Client, method: str, path: str, who: Account, **kwargs: Any) -> Body:
    response = await client.request(method, API + path, headers=who.headers, **kwargs)
    assert response.status_code in (200, 201), response.text
    return cast(Body, response.json())


@pytest.fixture(scope="module")
async def world(shared_client: Client, shared_make_account: MakeAccount) -> World:
    client = shared_client
    app = cast(Litestar, client.app)
    teacher = await shared_make_account("teacher", role="instructor")
    rival = await shared_make_account("rival", role="instructor")
    students = [await shared_make_account(f"learner{n}") for n in range(3)]
    admin = await shared_make_account("chief", role="admin")
    clock = fixed_clock(utc_now().replace(microsecond=0))
    app.state.container.clock.override(providers.Object(clock))
    course = await course_maker(client)(teacher, sections=1, lessons_per_section=3)
    first, second, third = course.lesson_ids
    quiz = await _ok(
        client,
        "POST",
        f"/courses/{course.id}/quizzes",
        teacher,
        json={
            "title": "Check",
            "questions": [single_choice(lesson_id=first), true_false(lesson_id=first)],
        },
    )
    tutor = await _ok(
        client, "POST", "/tutors", teacher, json={"name": "Pip", "course_id": course.id}
    )
    one, two, three = students
    # Learner one: opens lesson 1, completes it 12 minutes later; lesson 2 after 30 minutes;
    # lesson 3 without opening it: the course is completed.
    await _ok(client, "GET", f"/lessons/{first}", one)
    clock.advance(minutes=12)
    await _ok(client, "POST", f"/progress/lessons/{first}/complete", one)
    await _ok(client, "GET", f"/lessons/{second}", one)
    clock.advance(minutes=30)
    await _ok(client, "POST", f"/progress/lessons/{second}/complete", one)
    await _ok(client, "POST", f"/progress/lessons/{third}/complete", one)
    # Learner two: lesson 1 in 5 minutes. Learner three completes lesson 1 and takes it back.
    await _ok(client, "GET", f"/lessons/{first}", two)
    clock.advance(minutes=5)
    await _ok(client, "POST", f"/progress/lessons/{first}/complete", two)
    await _ok(client, "POST", f"/progress/lessons/{first}/complete", three)
    await _ok(client, "DELETE", f"/progress/lessons/{first}/complete", three)
    choice, truth = (q["id"] for q in quiz["questions"])
    attempts = f"/quizzes/{quiz['id']}/attempts"
    passed = await _ok(client, "POST", attempts, one, json={"answers": {choice: "b", truth: True}})
    await _ok(client, "POST", attempts, two, json={"answers": {choice: "four", truth: True}})
    for _ in range(3):
        await _ok(client, "POST", attempts, three, json={"answers": {choice: "four", truth: False}})
    session = await _ok(client, "POST", "/sessions", one, json={"tutor_id": tutor["id"]})
    for question in (BREAD, CAPITAL):
        sent = await _ok(
            client, "POST", f"/sessions/{session['id']}/messages", one, json={"content": question}
        )
    answer_id = sent["assistant_message"]["id"]
    await _ok(
        client,
        "POST",
        f"/messages/{answer_id}/feedback",
        one,
        json={"feedback_type": "detailed", "rating": 4},
    )
    other = await _ok(client, "POST", "/sessions", two, json={"tutor_id": tutor["id"]})
    await _ok(
        client, "POST", f"/sessions/{other['id']}/messages", two, json={"content": BREAD_AGAIN}
    )
    return World(teacher, rival, students, admin, course, quiz, tutor, passed["id"], clock)


def _csv(text: str) -> list[list[str]]:
    return list(csv.reader(io.StringIO(text)))


async def test_course_figures_count_starts_completions_minutes_and_drop_off(
    client: Client, world: World
) -> None:
    body = await _ok(client, "GET", f"/analytics/courses/{world.course.id}", world.teacher)

    assert body["to"] == world.today
    assert body["learners"] == {"started": 3, "active": 3, "completed": 1}
    lessons = [
        (lesson["position"], lesson["completed"], lesson["median_minutes"], lesson["drop_off"])
        for lesson in body["lessons"]
    ]
    assert lessons == [(1, 2, 8.5, None), (2, 1, 30.0, 0.5), (3, 1, None, 0.0)]


async def test_quiz_figures_show_pass_rate_and_the_most_chosen_wrong_option(
    client: Client, world: World
) -> None:
    body = await _ok(client, "GET", f"/analytics/courses/{world.course.id}/quizzes", world.teacher)

    (quiz,) = body["items"]
    assert (quiz["attempts"], quiz["pass_rate"], quiz["median_score"]) == (5, 0.2, 0.0)
    choice, truth = quiz["questions"]
    assert (choice["answered"], choice["share_correct"]) == (5, 0.2)
    assert choice["wrong_options"] == [{"option_id": "four", "text": "4", "count": 4}]
    assert truth["wrong_options"] == [{"option_id": "false", "text": None, "count": 3}]
    assert truth["share_correct"] == 0.4


async def test_the_mastery_matrix_pages_learners_and_names_the_stuck_one(
    client: Client, world: World
) -> None:
    path = f"/analytics/courses/{world.course.id}/mastery"

    body = await _ok(client, "GET", path, world.teacher, params={"limit": 2})
    rest = await _ok(client, "GET", path, world.teacher, params={"limit": 2, "offset": 2})
    past = await _ok(client, "GET", path, world.teacher, params={"limit": 2, "offset": 5})

    assert [lesson["lesson_id"] for lesson in body["lessons"]] == world.course.lesson_ids
    assert body["learners"]["total"] == rest["learners"]["total"] == 3
    assert (past["learners"]["items"], past["learners"]["total"]) == ([], 3)
    rows = body["learners"]["items"] + rest["learners"]["items"]
    assert sorted(row["user_id"] for row in rows) == sorted(str(s.id) for s in world.students)
    assert all(row["p_mastery"][1:] == [None, None] for row in rows)
    assert [s["user_id"] for s in body["stuck"]] == [str(world.students[2].id)]
    assert body["stuck"][0]["attempts"] == 3


async def test_tutoring_figures_group_uncited_questions_into_content_gaps(
    client: Client, world: World
) -> None:
    body = await _ok(client, "GET", f"/analytics/courses/{world.course.id}/tutoring", world.teacher)

    (tutor,) = body["tutors"]
    assert (tutor["sessions"], tutor["messages"], tutor["ratings"]) == (2, 6, 1)
    assert tutor["mean_rating"] == 4.0
    gaps = body["content_gaps"]
    assert gaps["total"] == 2
    assert [(g["sample_question"], g["questions"]) for g in gaps["items"]] == [
        (BREAD, 2),
        (CAPITAL, 1),
    ]
    assert gaps["items"][0]["tutor_ids"] == [world.tutor["id"]]


async def test_usage_counts_the_tutor_calls_and_prices_local_at_zero(
    client: Client, world: World
) -> None:
    body = await _ok(client, "GET", "/analytics/usage", world.admin)

    assert body["totals"]["calls"] == 3
    assert {(row["provider"], row["feature"], row["course_id"]) for row in body["items"]} == {
        ("local", "tutoring", world.course.id)
    }
    assert body["totals"]["cost_usd"] == 0


@pytest.mark.parametrize(
    ("path", "rows"),
    [("", 4), ("/quizzes", 3), ("/mastery", 4), ("/tutoring", 3)],
)
async def test_every_course_figure_comes_as_csv(
    client: Client, world: World, path: str, rows: int
) -> None:
    response = await client.get(
        f"{API}/analytics/courses/{world.course.id}{path}",
        headers={**world.teacher.headers, "Accept": "text/csv"},
    )

    assert response.status_code == 200, response.text
    assert response.headers["content-type"].startswith("text/csv")
    assert "attachment" in response.headers["content-disposition"]
    table = _csv(response.text)
    assert len(table) == rows
    assert len({len(row) for row in table}) == 1


async def test_the_mastery_csv_holds_the_matrix_of_the_json_pages(
    client: Client, world: World
) -> None:
    path = f"/analytics/courses/{world.course.id}/mastery"
    body = await _ok(client, "GET", path, world.teacher)

    response = await client.get(API + path, headers={**world.teacher.headers, "Accept": "text/csv"})

    header, *rows = _csv(response.text)
    titles = [f"{n}. {lesson['title']}" for n, lesson in enumerate(body["lessons"], 1)]
    assert header == ["user_id", *titles]
    matrix = [
        [row["user_id"], *("" if p is None else str(p) for p in row["p_mastery"])]
        for row in body["learners"]["items"]
    ]
    assert rows == matrix
    assert all(row[1] for row in rows)


async def test_csv_quotes_commas_and_quotes(client: Client, world: World) -> None:
    response = await client.get(
        f"{API}/analytics/courses/{world.course.id}/tutoring",
        headers={**world.teacher.headers, "Accept": "text/csv;q=0.9, application/json;q=0.1"},
    )

    table = _csv(response.text)
    assert table[0][:3] == ["gap_id", "sample_question", "questions"]
    assert [row[1] for row in table[1:]] == [BREAD, CAPITAL]


@pytest.mark.parametrize(
    ("params", "field"),
    [
        ({"from": "2026-02-30"}, "from"),
        ({"to": "yesterday"}, "to"),
        ({"from": "2026-03-02", "to": "2026-03-01"}, "from"),
        ({"from": "2025-01-01", "to": "2026-01-02"}, "to"),
    ],
)
@pytest.mark.parametrize("path", ["", "/quizzes", "/mastery", "/tutoring", "usage"])
async def test_bad_ranges_are_422_naming_the_parameter(
    client: Client, world: World, path: str, params: dict[str, str], field: str
) -> None:
    url = "/analytics/usage" if path == "usage" else f"/analytics/courses/{world.course.id}{path}"

    response = await client.get(API + url, params=params, headers=world.admin.headers)

    body = assert_error(response, 422, "VALIDATION_ERROR")
    assert [error["field"] for error in body["errors"]] == [field]


async def test_an_accept_it_cannot_serve_is_406(client: Client, world: World) -> None:
    response = await client.get(
        f"{API}/analytics/courses/{world.course.id}",
        headers={**world.teacher.headers, "Accept": "application/xml"},
    )

    assert_error(response, 406, "NOT_ACCEPTABLE")


ACTORS = ("anonymous", "student", "other instructor", "course instructor", "admin")


def _caller(world: World, actor: str) -> dict[str, str]:
    return {
        "anonymous": {},
        "student": world.students[0].headers,
        "other instructor": world.rival.headers,
        "course instructor": world.teacher.headers,
        "admin": world.admin.headers,
    }[actor]


@pytest.mark.parametrize("actor", ACTORS)
@pytest.mark.parametrize("path", ["", "/quizzes", "/mastery", "/tutoring"])
async def test_only_the_course_instructor_and_admins_read_course_figures(
    client: Client, world: World, path: str, actor: str
) -> None:
    response = await client.get(
        f"{API}/analytics/courses/{world.course.id}{path}", headers=_caller(world, actor)
    )
    unknown = await client.get(
        f"{API}/analytics/courses/{world.tutor['id']}{path}", headers=_caller(world, actor)
    )

    expected = {"anonymous": 401, "student": 403, "other instructor": 403}.get(actor, 200)
    assert response.status_code == expected, response.text
    assert unknown.status_code == (401 if actor == "anonymous" else 404)


@pytest.mark.parametrize("actor", ACTORS)
async def test_only_admins_read_usage(client: Client, world: World, actor: str) -> None:
    response = await client.get(f"{API}/analytics/usage", headers=_caller(world, actor))

    expected = {"anonymous": 401, "admin": 200}.get(actor, 403)
    assert response.status_code == expected, response.text


async def _figures(db_engine: AsyncEngine) -> dict[str, set[tuple[Any, ...]]]:
    found = {}
    async with db_engine.connect() as connection:
        for table in (learning_daily_figures, assessment_daily_figures, tutoring_daily_figures):
            rows = await connection.execute(select(table).where(table.c.value != 0))
            found[table.name] = {tuple(row) for row in rows}
    return found


async def test_a_replayed_event_adds_nothing_and_a_rebuild_equals_the_kept_figures(
    client: Client, world: World, db_engine: AsyncEngine
) -> None:
    container = cast(Litestar, client.app).state.container
    kept = await _figures(db_engine)

    async def replay() -> None:
        async with container.assessment.uow_factory()() as uow:
            quiz = await uow.quizzes.get(UUID(world.quiz["id"]))
            attempt = await uow.attempts.get(UUID(world.attempt_id))
            assert quiz is not None
            assert attempt is not None
            await uow.figures.attempt_stored(quiz, attempt)
            await uow.commit()

    in_app_loop(client, replay)
    assert await _figures(db_engine) == kept
    in_app_loop(client, lambda: rebuild_analytics(container))
    assert await _figures(db_engine) == kept


async def test_a_dismissed_gap_leaves_the_list_until_a_new_question_joins_it(
    client: Client, world: World
) -> None:
    path = f"/analytics/courses/{world.course.id}/tutoring"
    gaps = (await _ok(client, "GET", path, world.teacher))["content_gaps"]["items"]
    bread = gaps[0]["id"]
    dismiss = f"{API}/analytics/courses/{world.course.id}/content-gaps/{bread}/dismiss"

    refused = await client.post(dismiss, headers=world.rival.headers)
    dismissed = await client.post(dismiss, headers=world.teacher.headers)
    after = (await _ok(client, "GET", path, world.teacher))["content_gaps"]["items"]
    world.clock.advance(minutes=1)
    session = await _ok(
        client, "POST", "/sessions", world.students[2], json={"tutor_id": world.tutor["id"]}
    )
    await _ok(
        client,
        "POST",
        f"/sessions/{session['id']}/messages",
        world.students[2],
        json={"content": "Baking sourdough bread at home?"},
    )
    again = (await _ok(client, "GET", path, world.teacher))["content_gaps"]["items"]

    assert_error(refused, 403, "FORBIDDEN")
    assert dismissed.status_code == 200, dismissed.text
    assert dismissed.json()["dismissed_at"] is not None
    assert dismissed.json()["questions"] == 2
    assert [g["sample_question"] for g in after] == [CAPITAL]
    assert (again[0]["id"], again[0]["questions"]) == (bread, 3)
