"""The AI capability's facade as other contexts use it (the container's own adapters, the
run's database), and study time with a tutor through tutoring into learning: a tutor's course
counts in that course's progress; an unknown tutor is 404.

Runs in the SQLite pass only: what it checks is the HTTP side (routing, validation,
authorization, error bodies, serialization) over repositories whose database-specific behaviour
the repository contracts and the `both_databases` tests cover on PostgreSQL too."""

from uuid import UUID

from litestar import Litestar

from tests.integration.accounts import Client, assert_error, in_app_loop
from tests.integration.tutoring.conftest import API, Chat
from tutor_platform.ai.api import AiFacade, CoursePassage

UNKNOWN = "0190f5d2-7c1a-7b3e-9a51-3f6d2c8e4b10"


async def test_the_facade_writes_and_grades_with_the_default_provider(
    app: Litestar, client: Client
) -> None:
    tutoring: AiFacade = app.state.container.ai.facade()
    lesson = CoursePassage(UUID(UNKNOWN), "Loops", "A loop repeats a block. It stops at the end.")
    script = in_app_loop(
        client,
        lambda: tutoring.generate_text("Write a short summary of the lesson", material=[lesson]),
    )
    assert (script.provider, script.model_id) == ("local", "local-retrieval-1")
    assert "A loop repeats a block." in script.content
    grade = in_app_loop(
        client,
        lambda: tutoring.grade_free_text(
            "What does a loop do?", "It repeats a block of code.", keywords=["repeats"]
        ),
    )
    assert grade.score == 1.0


async def test_study_time_with_a_tutor_counts_in_its_course(client: Client, chat: Chat) -> None:
    learner = chat.student
    url = f"{API}/progress/tutors/{chat.tutor['id']}"
    response = await client.put(url, json={"total_minutes": 45}, headers=learner.headers)
    assert response.status_code == 200, response.text
    progress = await client.get(f"{API}/progress/courses/{chat.course.id}", headers=learner.headers)
    assert progress.json()["minutes"] == 45
    unknown = await client.put(
        f"{API}/progress/tutors/{UNKNOWN}", json={"total_minutes": 5}, headers=learner.headers
    )
    assert_error(unknown, 404, "NOT_FOUND")
