"""Opening a lesson starts the course for a signed-in reader and moves its last access.

Runs in the SQLite pass only: what it checks is the HTTP side (routing, validation,
authorization, error bodies, serialization) over repositories whose database-specific behaviour
the repository contracts and the `both_databases` tests cover on PostgreSQL too."""

from tests.integration.accounts import Client, MakeAccount
from tests.integration.catalog.conftest import API, MakeCourse


async def test_opening_a_lesson_records_the_access_for_the_reader_only(
    client: Client, make_account: MakeAccount, make_course: MakeCourse
) -> None:
    teacher = await make_account("teacher", role="instructor")
    reader = await make_account("reader")
    bystander = await make_account("bystander")
    course = await make_course(teacher, sections=1, lessons_per_section=2)
    assert (await client.get(f"{API}/progress/courses", headers=reader.headers)).json() == {
        "items": []
    }
    opened = await client.get(f"{API}/lessons/{course.lesson_ids[1]}", headers=reader.headers)
    assert opened.status_code == 200
    started = (await client.get(f"{API}/progress/courses", headers=reader.headers)).json()
    assert [item["course_id"] for item in started["items"]] == [course.id]
    assert started["items"][0]["last_accessed_at"] is not None
    assert started["items"][0]["completed"] == 0
    others = (await client.get(f"{API}/progress/courses", headers=bystander.headers)).json()
    assert others == {"items": []}


async def test_anonymous_reading_records_nothing(
    client: Client, make_account: MakeAccount, make_course: MakeCourse
) -> None:
    teacher = await make_account("teacher", role="instructor")
    course = await make_course(teacher, sections=1, lessons_per_section=1)
    assert (await client.get(f"{API}/lessons/{course.lesson_ids[0]}")).status_code == 200
    mine = (await client.get(f"{API}/progress/courses", headers=teacher.headers)).json()
    assert mine == {"items": []}
