"""``seed-demo --activity`` on a few learners: their activity is what the analytics show.

Runs in the SQLite pass only (the seed goes through the contexts' use cases, whose
database-specific behaviour their own tests cover on PostgreSQL)."""

from datetime import timedelta
from typing import Any

from litestar import Litestar

from tests.integration.accounts import Account, Client, MakeAccount, in_app_loop
from tutor_platform.bootstrap.demo.activity import OFF_TOPIC, WEEKS, seed_activity
from tutor_platform.bootstrap.demo.catalog import load_demo_catalog
from tutor_platform.bootstrap.demo.seed import seed_demo

API = "/api/v1"
LEARNERS = 12


async def _get(client: Client, path: str, who: Account, params: dict[str, str]) -> Any:
    response = await client.get(API + path, params=params, headers=who.headers)
    assert response.status_code == 200, response.text
    return response.json()


async def test_seeded_activity_is_what_the_analytics_show(
    app: Litestar, client: Client, make_account: MakeAccount
) -> None:
    catalog = load_demo_catalog()
    container = app.state.container
    in_app_loop(client, lambda: seed_demo(container, catalog))
    report = in_app_loop(client, lambda: seed_activity(container, catalog, LEARNERS))
    again = in_app_loop(client, lambda: seed_activity(container, catalog, LEARNERS))
    admin = await make_account("chief", role="admin")
    today = container.clock().now().date()
    days = {"from": (today - timedelta(weeks=WEEKS + 1)).isoformat(), "to": today.isoformat()}
    listed = await _get(client, "/courses", admin, {"limit": "100"})
    slugs = {course.slug for course in catalog.courses}
    courses = [course["id"] for course in listed["items"] if course["slug"] in slugs]

    started = completed = attempts = messages = traced = 0
    gaps: list[str] = []
    for course in courses:
        figures = await _get(client, f"/analytics/courses/{course}", admin, days)
        started += figures["learners"]["started"]
        completed += sum(lesson["completed"] for lesson in figures["lessons"])
        quizzes = await _get(client, f"/analytics/courses/{course}/quizzes", admin, days)
        attempts += sum(quiz["attempts"] for quiz in quizzes["items"])
        mastery = await _get(client, f"/analytics/courses/{course}/mastery", admin, days)
        traced += mastery["learners"]["total"]
        tutoring = await _get(client, f"/analytics/courses/{course}/tutoring", admin, days)
        messages += sum(tutor["messages"] for tutor in tutoring["tutors"])
        gaps += [gap["sample_question"] for gap in tutoring["content_gaps"]["items"]]
    usage = await _get(client, "/analytics/usage", admin, days)

    assert report.learners == LEARNERS
    assert (again.skipped, again.learners) == (True, 0)
    assert LEARNERS <= started <= LEARNERS * len(courses)
    assert completed == report.completions > started
    assert attempts == report.attempts > 0
    assert 0 < traced <= started
    assert messages == 2 * report.questions > 0
    assert set(gaps) & set(OFF_TOPIC)
    assert usage["totals"]["calls"] == report.questions
