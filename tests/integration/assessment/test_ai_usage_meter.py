"""The AI meter end to end: a free-text answer graded by a remote model (the openai SDK
against the fake server), a review answer graded by it and a lesson draft written by it show
up in ``GET /analytics/usage`` (feature, provider, model, course, the provider's tokens) and
move the Prometheus token counters."""

import pytest

from tests.conftest import make_settings
from tests.fakes.fixtures import fake_openai, fake_openai_server
from tests.fakes.openai_server import DEFAULT_GRADE, FakeOpenAI
from tests.fakes.tutor_models import OPENAI_TEST_KEY
from tests.integration.accounts import Client, MakeAccount
from tests.integration.assessment.conftest import API, Classroom, submit
from tests.integration.media.lesson_media_support import job_worker, queue_name, wait_for_job
from tests.integration.tutoring.test_operator_metrics import sample, scrape
from tutor_platform.bootstrap.settings import Settings

pytestmark = pytest.mark.both_databases

__all__ = ["fake_openai", "fake_openai_server", "job_worker", "queue_name"]


@pytest.fixture
def settings(database_url: str, fake_openai: FakeOpenAI, queue_name: str) -> Settings:
    return make_settings(
        database_url,
        ai_provider_default="openai",
        openai_api_key=OPENAI_TEST_KEY,
        openai_base_url=f"{fake_openai.url}/v1",
        ai_max_retries=0,
        ai_backoff_seconds=0.01,
        job_queue_name=queue_name,
    )


async def test_grading_and_draft_calls_are_in_the_usage_and_the_token_counters(
    client: Client,
    classroom: Classroom,
    make_account: MakeAccount,
    settings: Settings,
    job_worker: object,
) -> None:
    admin = await make_account("chief", role="admin")
    before = await scrape(client)
    answer = {classroom.question("free_text"): "A specific except keeps bugs visible."}
    graded = await submit(client, classroom.student, classroom.quiz["id"], answer)
    assert graded.status_code == 201, graded.text
    started = await client.post(
        f"{API}/lessons/{classroom.course.lesson_ids[0]}/generate-content",
        headers=classroom.teacher.headers,
    )
    assert started.status_code == 202, started.text
    job = await wait_for_job(client, classroom.teacher, started.json()["job_id"])
    assert job["status"] == "succeeded", job

    usage = await client.get(f"{API}/analytics/usage", headers=admin.headers)

    assert usage.status_code == 200, usage.text
    rows = {row["feature"]: row for row in usage.json()["items"]}
    assert set(rows) == {"grading", "lesson_draft"}
    grading, draft = rows["grading"], rows["lesson_draft"]
    assert (grading["provider"], grading["model_id"]) == ("openai", settings.openai_model)
    assert grading["calls"] == 1
    # The provider's reported usage (the fake's: 14 in, a token per word of its JSON out).
    assert (grading["tokens_in"], grading["tokens_out"]) == (14, len(DEFAULT_GRADE.split()))
    assert (draft["provider"], draft["calls"], draft["tokens_in"]) == ("openai", 1, 14)
    assert grading["course_id"] == draft["course_id"] == classroom.course.id
    assert usage.json()["totals"]["calls"] == 2
    after = await scrape(client)

    def grew(feature: str, kind: str) -> float:
        labels = {"provider": "openai", "feature": feature, "kind": kind}
        return sample(after, "ai_tokens_total", **labels) - sample(
            before, "ai_tokens_total", **labels
        )

    assert grew("lesson_draft", "input") == 14
    assert grew("lesson_draft", "output") == draft["tokens_out"]
    assert grew("grading", "input") == grading["tokens_in"]


async def test_a_review_answer_graded_by_the_model_counts_for_its_course(
    client: Client, classroom: Classroom, make_account: MakeAccount
) -> None:
    admin = await make_account("chief", role="admin")
    question = classroom.question("free_text")
    answer = {question: "A specific except keeps bugs visible."}
    assert (
        await submit(client, classroom.student, classroom.quiz["id"], answer)
    ).status_code == 201
    due = await client.get(f"{API}/review/due", headers=classroom.student.headers)
    card = next(item for item in due.json()["items"] if item["question"]["id"] == question)

    reviewed = await client.post(
        f"{API}/review/cards/{card['card_id']}/answers",
        json={"answer": "A bare except hides the bugs."},
        headers=classroom.student.headers,
    )
    usage = await client.get(f"{API}/analytics/usage", headers=admin.headers)

    assert reviewed.status_code == 200, reviewed.text
    grading = [row for row in usage.json()["items"] if row["feature"] == "grading"]
    assert [(row["calls"], row["course_id"]) for row in grading] == [(2, classroom.course.id)]
