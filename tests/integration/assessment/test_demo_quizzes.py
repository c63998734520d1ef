"""The demo seed creates the demo quizzes with their course, once, and they can be taken.

Runs in the SQLite pass only: what it checks is the HTTP side (routing, validation,
authorization, error bodies, serialization) over repositories whose database-specific behaviour
the repository contracts and the `both_databases` tests cover on PostgreSQL too."""

from litestar import Litestar

from tests.integration.accounts import Client, MakeAccount, in_app_loop
from tests.integration.assessment.conftest import API, submit
from tutor_platform.bootstrap.demo.catalog import load_demo_catalog
from tutor_platform.bootstrap.demo.seed import seed_demo


async def test_the_demo_quizzes_are_seeded_with_their_course(
    app: Litestar, client: Client, make_account: MakeAccount
) -> None:
    catalog = load_demo_catalog()
    container = app.state.container
    in_app_loop(client, lambda: seed_demo(container, catalog))
    in_app_loop(client, lambda: seed_demo(container, catalog))
    learner = await make_account("learner")
    courses = (await client.get(f"{API}/courses", params={"limit": 100})).json()["items"]
    by_slug = {course["slug"]: course for course in courses}

    for slug in {quiz.course_slug for quiz in catalog.quizzes}:
        course = by_slug[slug]
        listed = await client.get(f"{API}/courses/{course['id']}/quizzes", headers=learner.headers)
        expected = [quiz for quiz in catalog.quizzes if quiz.course_slug == slug]
        items = listed.json()["items"]
        assert [q["title"] for q in items] == [q.title for q in expected]
        assert [q["question_count"] for q in items] == [len(q.questions) for q in expected]
        assert [q["max_attempts"] for q in items] == [q.max_attempts for q in expected]
        lessons = (
            await client.get(f"{API}/courses/{course['id']}/lessons", params={"limit": 100})
        ).json()
        lesson_ids = {lesson["title"]: lesson["id"] for lesson in lessons["items"]}
        assert all(q["lesson_id"] in lesson_ids.values() for q in items)

        attempt = await submit(client, learner, items[0]["id"], {})
        assert attempt.status_code == 201, attempt.text
