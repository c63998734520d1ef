"""/tutors over HTTP: create, read, list, change, delete, and the error paths that need a world
of their own (with nothing changed); bad input is in ``test_tutors_bad_input.py``.

Runs in the SQLite pass only: what it checks is the HTTP side (routing, validation,
authorization, error bodies, serialization) over repositories whose database-specific behaviour
the repository contracts and the `both_databases` tests cover on PostgreSQL too."""

from litestar import Litestar
from litestar.testing import AsyncTestClient

from tests.conftest import make_settings
from tests.integration.accounts import Account, Client, MakeAccount, account_maker, assert_error
from tests.integration.tutoring.conftest import (
    API,
    Chat,
    MakeCourse,
    MakeSession,
    MakeTutor,
    Snapshot,
)
from tutor_platform.bootstrap.app import create_app


async def test_a_new_tutor_has_the_spec_fields_and_defaults(
    client: Client, make_account: MakeAccount
) -> None:
    teacher = await make_account("teacher", role="instructor")
    response = await client.post(f"{API}/tutors", json={"name": "  Pip  "}, headers=teacher.headers)
    assert response.status_code == 201, response.text
    tutor = response.json()
    assert tutor["name"] == "Pip"
    assert {k: tutor[k] for k in ("course_id", "provider", "model_id", "temperature")} == {
        "course_id": None,
        "provider": "local",
        "model_id": "local-retrieval-1",
        "temperature": 0.7,
    }
    assert (tutor["rating"], tutor["total_feedbacks"], tutor["is_active"]) == (None, 0, True)
    assert (tutor["created_by"], tutor["system_prompt"], tutor["description"]) == (
        teacher.id,
        "",
        "",
    )
    assert tutor["knowledge_base_id"] is None
    assert tutor["created_at"].endswith("Z")
    fetched = await client.get(f"{API}/tutors/{tutor['id']}", headers=teacher.headers)
    assert fetched.json() == tutor


async def test_each_provider_brings_its_default_model(
    client: Client, make_account: MakeAccount
) -> None:
    teacher = await make_account("teacher", role="instructor")
    models = {}
    for provider in ("local", "gemini", "ai_core", "openai"):
        body = {"name": provider, "provider": provider}
        response = await client.post(f"{API}/tutors", json=body, headers=teacher.headers)
        models[provider] = response.json()["model_id"]
    assert models == {
        "local": "local-retrieval-1",
        "gemini": "gemini-2.5-flash",
        "ai_core": "ai-core-default",
        "openai": "gpt-4o-mini",
    }
    chosen = await client.post(
        f"{API}/tutors",
        json={"name": "Own", "provider": "gemini", "model_id": "gemini-pro-x"},
        headers=teacher.headers,
    )
    assert chosen.json()["model_id"] == "gemini-pro-x"


async def test_a_tutor_is_attached_only_to_a_course_the_caller_may_change(
    client: Client, make_account: MakeAccount, make_course: MakeCourse, snapshot: Snapshot
) -> None:
    teacher = await make_account("teacher", role="instructor")
    rival = await make_account("rival", role="instructor")
    published = await make_course(teacher, sections=0)
    draft = await make_course(teacher, sections=0, published=False)
    before = await snapshot()

    other = await client.post(
        f"{API}/tutors", json={"name": "Mine", "course_id": published.id}, headers=rival.headers
    )
    assert_error(other, 403, "FORBIDDEN")
    hidden = await client.post(
        f"{API}/tutors", json={"name": "Mine", "course_id": draft.id}, headers=rival.headers
    )
    assert_error(hidden, 422, "VALIDATION_ERROR")
    assert hidden.json()["errors"][0]["field"] == "course_id"
    assert await snapshot() == before
    own = await client.post(
        f"{API}/tutors", json={"name": "Pip", "course_id": draft.id}, headers=teacher.headers
    )
    assert own.status_code == 201
    assert own.json()["course_id"] == draft.id


async def test_the_list_shows_active_tutors_of_visible_courses(
    client: Client,
    make_account: MakeAccount,
    make_course: MakeCourse,
    make_tutor: MakeTutor,
) -> None:
    teacher = await make_account("teacher", role="instructor")
    student = await make_account("student")
    published = await make_course(teacher, sections=0)
    draft = await make_course(teacher, sections=0, published=False)
    free = await make_tutor(teacher, name="Free")
    course_tutor = await make_tutor(teacher, published.id, name="Course")
    draft_tutor = await make_tutor(teacher, draft.id, name="Draft")
    await make_tutor(teacher, name="Off", is_active=False)

    anonymous = (await client.get(f"{API}/tutors")).json()
    assert [t["name"] for t in anonymous["items"]] == ["Free", "Course"]
    assert (anonymous["total"], anonymous["limit"], anonymous["offset"]) == (2, 20, 0)
    assert {t["system_prompt"] for t in anonymous["items"]} == {None}
    as_student = (await client.get(f"{API}/tutors", headers=student.headers)).json()
    assert as_student == anonymous
    mine = (await client.get(f"{API}/tutors", headers=teacher.headers)).json()
    assert [t["id"] for t in mine["items"]] == [free["id"], course_tutor["id"], draft_tutor["id"]]
    assert {t["system_prompt"] for t in mine["items"]} == {"Be kind."}
    of_course = await client.get(f"{API}/tutors", params={"course_id": published.id})
    assert [t["id"] for t in of_course.json()["items"]] == [course_tutor["id"]]
    of_draft = await client.get(f"{API}/tutors", params={"course_id": draft.id})
    assert of_draft.json()["items"] == []
    page = await client.get(f"{API}/tutors", params={"limit": 1, "offset": 1})
    assert ([t["name"] for t in page.json()["items"]], page.json()["total"]) == (["Course"], 2)


async def test_the_system_prompt_is_hidden_from_students(client: Client, chat: Chat) -> None:
    url = f"{API}/tutors/{chat.tutor['id']}"
    assert (await client.get(url)).json()["system_prompt"] is None
    assert (await client.get(url, headers=chat.student.headers)).json()["system_prompt"] is None
    assert (await client.get(url, headers=chat.teacher.headers)).json()["system_prompt"] == (
        "Be kind."
    )


async def test_hidden_and_unknown_tutors_are_not_found(
    client: Client, make_account: MakeAccount, make_course: MakeCourse, make_tutor: MakeTutor
) -> None:
    teacher = await make_account("teacher", role="instructor")
    student = await make_account("student")
    draft = await make_course(teacher, sections=0, published=False)
    hidden = await make_tutor(teacher, draft.id)
    inactive = await make_tutor(teacher, is_active=False)
    for tutor in (hidden, inactive):
        url = f"{API}/tutors/{tutor['id']}"
        assert_error(await client.get(url, headers=student.headers), 404, "NOT_FOUND")
        assert (await client.get(url, headers=teacher.headers)).status_code == 200
    unknown = f"{API}/tutors/0190f5d2-7c1a-7b3e-9a51-3f6d2c8e4b10"
    assert_error(await client.get(unknown), 404, "NOT_FOUND")
    assert_error(await client.get(f"{API}/tutors/not-a-uuid"), 404, "NOT_FOUND")


async def test_changing_a_tutor(client: Client, chat: Chat) -> None:
    url = f"{API}/tutors/{chat.tutor['id']}"
    response = await client.patch(
        url,
        json={
            "name": " Pippa ",
            "provider": "gemini",
            "temperature": 1.5,
            "knowledge_base_id": "kb-7",
            "course_id": None,
            "is_active": False,
        },
        headers=chat.teacher.headers,
    )
    assert response.status_code == 200, response.text
    changed = response.json()
    assert (changed["name"], changed["provider"], changed["model_id"]) == (
        "Pippa",
        "gemini",
        "gemini-2.5-flash",
    )
    assert (changed["temperature"], changed["knowledge_base_id"], changed["course_id"]) == (
        1.5,
        "kb-7",
        None,
    )
    assert changed["is_active"] is False
    assert changed["updated_at"] >= chat.tutor["updated_at"]
    cleared = await client.patch(
        url, json={"knowledge_base_id": None, "model_id": "m-2"}, headers=chat.teacher.headers
    )
    assert (cleared.json()["knowledge_base_id"], cleared.json()["model_id"]) == (None, "m-2")


async def test_moving_a_tutor_to_someone_elses_course_is_forbidden(
    client: Client,
    chat: Chat,
    make_account: MakeAccount,
    make_course: MakeCourse,
    snapshot: Snapshot,
) -> None:
    other_teacher = await make_account("other", role="instructor")
    theirs = await make_course(other_teacher, sections=0)
    before = await snapshot()
    response = await client.patch(
        f"{API}/tutors/{chat.tutor['id']}",
        json={"course_id": theirs.id},
        headers=chat.teacher.headers,
    )
    assert_error(response, 403, "FORBIDDEN")
    assert await snapshot() == before


async def test_deleting_a_tutor_deletes_its_sessions(
    client: Client, chat: Chat, make_session: MakeSession, snapshot: Snapshot
) -> None:
    url = f"{API}/tutors/{chat.tutor['id']}"
    response = await client.delete(url, headers=chat.teacher.headers)
    assert response.status_code == 204
    assert_error(await client.get(url, headers=chat.teacher.headers), 404, "NOT_FOUND")
    session = f"{API}/sessions/{chat.session['id']}"
    assert_error(await client.get(session, headers=chat.student.headers), 404, "NOT_FOUND")
    before = await snapshot()
    assert_error(await client.delete(url, headers=chat.teacher.headers), 404, "NOT_FOUND")
    assert await snapshot() == before


async def test_public_tutor_reads_are_rate_limited(database_url: str, clean_db: None) -> None:
    settings = make_settings(database_url, rate_limit_enabled=True, rate_limit_public="2/minute")
    app: Litestar = create_app(settings, migrate_on_start=False)
    async with AsyncTestClient(app=app) as client:
        teacher: Account = await account_maker(client, app)("teacher", role="instructor")
        tutor = await client.post(f"{API}/tutors", json={"name": "P"}, headers=teacher.headers)
        url = f"{API}/tutors/{tutor.json()['id']}"
        statuses = [(await client.get(path)).status_code for path in (f"{API}/tutors", url, url)]
        assert statuses == [200, 200, 429]
        assert (await client.get(url, headers=teacher.headers)).status_code == 200
