"""The demo seed creates the demo tutor with its course, once.

Runs in the SQLite pass only: what it checks is the HTTP side (routing, validation,
authorization, error bodies, serialization) over repositories whose database-specific behaviour
the repository contracts and the `both_databases` tests cover on PostgreSQL too."""

from litestar import Litestar

from tests.integration.accounts import Client, in_app_loop
from tests.integration.tutoring.conftest import API
from tutor_platform.bootstrap.demo.catalog import load_demo_catalog
from tutor_platform.bootstrap.demo.seed import seed_demo


async def test_the_demo_tutor_is_seeded_with_its_course(app: Litestar, client: Client) -> None:
    catalog = load_demo_catalog()
    container = app.state.container
    in_app_loop(client, lambda: seed_demo(container, catalog))
    in_app_loop(client, lambda: seed_demo(container, catalog))

    tutors = (await client.get(f"{API}/tutors")).json()["items"]
    assert [t["name"] for t in tutors] == [catalog.tutor.name]
    courses = (await client.get(f"{API}/courses", params={"limit": 100})).json()["items"]
    [course] = [c for c in courses if c["slug"] == catalog.tutor.course_slug]
    tutor = tutors[0]
    assert (tutor["course_id"], tutor["provider"], tutor["temperature"]) == (
        course["id"],
        catalog.tutor.provider,
        catalog.tutor.temperature,
    )
    assert tutor["created_by"] == course["instructor_id"]
