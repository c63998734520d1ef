"""Correct answers, accepted answers, rubrics and explanations never reach a learner before
they submit: not in any quiz response (walked key by key, at any depth), and not in the
OpenAPI schema of those responses.

Runs in the SQLite pass only: what it checks is the HTTP side (routing, validation,
authorization, error bodies, serialization) over repositories whose database-specific behaviour
the repository contracts and the `both_databases` tests cover on PostgreSQL too."""

from collections.abc import Iterator
from typing import Any

from tests.integration.accounts import Account, Client
from tests.integration.assessment.conftest import API, SECRET_KEYS, Classroom, MakeQuiz

STUDENT_FACING = (
    ("get", "/api/v1/quizzes/{quiz_id}"),
    ("get", "/api/v1/courses/{course_id}/quizzes"),
)


def keys(value: Any) -> Iterator[str]:
    """Every object key anywhere in a JSON value."""
    if isinstance(value, dict):
        for key, item in value.items():
            yield key
            yield from keys(item)
    elif isinstance(value, list):
        for item in value:
            yield from keys(item)


async def test_no_learner_response_holds_an_answer_field(
    client: Client, classroom: Classroom, make_quiz: MakeQuiz, admin: Account
) -> None:
    premium = await make_quiz(classroom.teacher, classroom.course.id, is_premium=True)
    urls = [
        f"{API}/quizzes/{classroom.quiz['id']}",
        f"{API}/quizzes/{premium['id']}",
        f"{API}/courses/{classroom.course.id}/quizzes",
    ]
    bodies = []
    for who in (classroom.student, classroom.member, classroom.teacher, admin):
        for url in urls:
            response = await client.get(url, headers=who.headers)
            assert response.status_code in (200, 403), response.text
            bodies.append(response.json())

    found = {key for body in bodies for key in keys(body)}

    assert "questions" in found
    assert "options" in found
    assert found.isdisjoint(SECRET_KEYS), found & SECRET_KEYS
    assert "rubric" in set(keys(classroom.quiz))


def _properties(schema: Any, components: dict[str, Any], seen: set[str]) -> Iterator[str]:
    """Every property name a schema can produce, following ``$ref``s."""
    if isinstance(schema, dict):
        reference = schema.get("$ref")
        if isinstance(reference, str):
            name = reference.rsplit("/", 1)[-1]
            if name not in seen:
                seen.add(name)
                yield from _properties(components[name], components, seen)
        for key, value in schema.items():
            if key == "properties" and isinstance(value, dict):
                yield from value
            yield from _properties(value, components, seen)
    elif isinstance(schema, list):
        for item in schema:
            yield from _properties(item, components, seen)


async def test_the_schema_of_learner_responses_has_no_answer_field(client: Client) -> None:
    document = (await client.get("/schema/openapi.json")).json()
    components = document["components"]["schemas"]

    for method, path in STUDENT_FACING:
        ok = document["paths"][path][method]["responses"]["200"]
        names = set(_properties(ok, components, set()))
        assert "questions" in names or "items" in names, path
        assert names.isdisjoint(SECRET_KEYS), (path, names & SECRET_KEYS)

    authoring = document["paths"]["/api/v1/quizzes/{quiz_id}/authoring"]["get"]["responses"]
    assert set(_properties(authoring["200"], components, set())) >= SECRET_KEYS
