"""Conditional GET on the public catalog reads (SPEC 0): ETag, Cache-Control, 304, and a
cached body that a write replaces at once.

Runs on both databases: on PostgreSQL the catalog cache is invalidated through Redis."""

from collections.abc import Iterator
from typing import Any

import pytest
from litestar import Litestar
from sqlalchemy import event

from tests.integration.accounts import Account, Client, MakeAccount, assert_error
from tests.integration.catalog.conftest import API, CourseIds, MakeCourse
from tests.integration.catalog.passage_support import IndexSettled, index_settled, index_worker
from tests.integration.tutoring.conftest import tutor_maker

pytestmark = pytest.mark.both_databases
__all__ = ["index_settled", "index_worker"]


class Statements:
    """Counts the SQL statements the app's engine runs."""

    def __init__(self, app: Litestar) -> None:
        self.engine = app.state.container.engine().sync_engine
        self.count = 0

    def _seen(self, *_: Any) -> None:
        self.count += 1

    def __enter__(self) -> "Statements":
        event.listen(self.engine, "before_cursor_execute", self._seen)
        return self

    def __exit__(self, *_: object) -> None:
        event.remove(self.engine, "before_cursor_execute", self._seen)


@pytest.fixture
def statements(app: Litestar) -> Iterator[Statements]:
    with Statements(app) as counted:
        yield counted


@pytest.fixture
async def teacher(make_account: MakeAccount) -> Account:
    return await make_account("teacher", role="instructor")


@pytest.fixture
async def course(
    make_course: MakeCourse, teacher: Account, index_settled: IndexSettled
) -> CourseIds:
    """A published course of two lessons (the second premium), its index jobs done (they
    would run queries of their own in the background)."""
    made = await make_course(teacher, sections=1, lessons_per_section=2, premium=[(0, 1)])
    await index_settled()
    return made


def headers_of(account: Account | None, etag: str | None = None) -> dict[str, str]:
    headers = dict(account.headers) if account else {}
    if etag is not None:
        headers["If-None-Match"] = etag
    return headers


ROUNDS = 5
CATALOG_READS = [
    "/courses",
    "/courses/{course}",
    "/courses/{course}/lessons",
    "/courses/{course}/sections",
    "/sections/{section}",
    "/sections/{section}/lessons",
    "/lessons/{first}",
    "/lessons/{first}/next",
    "/lessons/{second}/previous",
]


@pytest.mark.parametrize("path", CATALOG_READS)
async def test_a_repeated_anonymous_catalog_read_is_304_without_a_query(
    client: Client, course: CourseIds, statements: Statements, path: str
) -> None:
    url = API + path.format(
        course=course.id,
        section=course.section_ids[0],
        first=course.lesson_ids[0],
        second=course.lesson_ids[1],
    )
    first = await client.get(url)
    assert first.status_code == 200, first.text
    etag = first.headers["etag"]
    assert etag.startswith('"')
    assert etag.endswith('"')
    assert first.headers["cache-control"] == "public, no-cache"
    assert "Authorization" in first.headers["vary"]

    # On PostgreSQL the catalog cache hears every process's writes through Redis (the other
    # test workers' too), and a body built while any invalidation arrives is not stored: a
    # round whose body was not kept is tried again (a stale body is never served).
    for _ in range(ROUNDS):
        await client.get(url)
        statements.count = 0
        again = await client.get(url, headers={"If-None-Match": etag})
        weak = await client.get(url, headers={"If-None-Match": f'"other", W/{etag}'})
        other = await client.get(url, headers={"If-None-Match": '"other"'})
        if statements.count == 0:
            break

    assert (again.status_code, again.content, again.headers["etag"]) == (304, b"", etag)
    assert weak.status_code == 304
    assert (other.status_code, other.json(), other.headers["etag"]) == (200, first.json(), etag)
    assert statements.count == 0


async def test_each_encoding_has_its_own_body_and_tag_whoever_filled_the_cache(
    client: Client, make_course: MakeCourse, teacher: Account
) -> None:
    course = await make_course(teacher, sections=1, lessons_per_section=8)
    url = f"{API}/courses/{course.id}/lessons"
    gzipped = await client.get(url, headers={"Accept-Encoding": "gzip"})
    plain = await client.get(url, headers={"Accept-Encoding": "identity"})
    declined = await client.get(url, headers={"Accept-Encoding": "gzip;q=0, br"})

    assert len(plain.content) >= 1024, "big enough to be compressed"
    assert gzipped.headers["content-encoding"] == "gzip"
    assert "content-encoding" not in plain.headers
    assert "content-encoding" not in declined.headers
    assert gzipped.json() == plain.json() == declined.json()
    assert int(gzipped.headers["content-length"]) < len(plain.content)
    assert gzipped.headers["etag"] == plain.headers["etag"][:-1] + '-gzip"'
    assert declined.headers["etag"] == plain.headers["etag"]
    for response in (gzipped, plain):
        assert response.headers["vary"] == "Authorization, Accept-Encoding"

    again = await client.get(
        url, headers={"Accept-Encoding": "gzip", "If-None-Match": gzipped.headers["etag"]}
    )
    assert again.status_code == 304
    assert again.headers["etag"] == gzipped.headers["etag"]


async def test_a_write_gives_the_next_read_a_new_body_and_tag(
    client: Client, course: CourseIds, teacher: Account
) -> None:
    url = f"{API}/courses/{course.id}"
    before = await client.get(url)
    renamed = await client.patch(url, json={"title": "Renamed"}, headers=teacher.headers)
    assert renamed.status_code == 200, renamed.text

    after = await client.get(url, headers={"If-None-Match": before.headers["etag"]})

    assert after.status_code == 200
    assert after.json()["title"] == "Renamed"
    assert after.headers["etag"] != before.headers["etag"]
    listed = await client.get(f"{API}/courses")
    assert [item["title"] for item in listed.json()["items"]] == ["Renamed"]


async def test_each_audience_gets_its_own_answer(
    client: Client, course: CourseIds, teacher: Account, make_account: MakeAccount
) -> None:
    free = await make_account("freddie")
    premium = await make_account("penny", plan="premium")
    rival = await make_account("rival", role="instructor")
    next_url = f"{API}/lessons/{course.lesson_ids[0]}/next"

    as_premium = await client.get(next_url, headers=premium.headers)
    as_free = await client.get(next_url, headers=free.headers)
    as_premium_again = await client.get(next_url, headers=premium.headers)

    assert as_premium.status_code == 200
    assert as_premium.json()["content"]
    assert as_premium.headers["cache-control"] == "private, no-cache"
    assert as_free.status_code == 200
    assert as_free.json()["content"] is None
    assert as_free.json()["locked"] is True
    assert as_premium_again.json() == as_premium.json()

    await client.post(f"{API}/courses/{course.id}/unpublish", headers=teacher.headers)
    outline = f"{API}/courses/{course.id}"
    assert (await client.get(outline, headers=teacher.headers)).status_code == 200
    assert_error(await client.get(outline, headers=rival.headers), 404, "NOT_FOUND")
    assert_error(await client.get(outline), 404, "NOT_FOUND")
    assert (await client.get(outline, headers=teacher.headers)).status_code == 200


async def test_a_signed_in_reader_still_records_access_to_a_lesson(
    client: Client, course: CourseIds, make_account: MakeAccount
) -> None:
    student = await make_account("student")
    url = f"{API}/lessons/{course.lesson_ids[0]}"
    anonymous = await client.get(url)

    read = await client.get(url, headers=headers_of(student, anonymous.headers["etag"]))

    assert read.status_code == 304
    progress = await client.get(f"{API}/progress/courses/{course.id}", headers=student.headers)
    assert progress.json()["last_accessed_at"] is not None


async def test_a_refused_token_is_never_served_from_the_cache(
    client: Client, course: CourseIds
) -> None:
    url = f"{API}/courses/{course.id}"
    await client.get(url)
    refused = await client.get(url, headers={"Authorization": "Bearer nonsense"})
    assert_error(refused, 401, "UNAUTHENTICATED")


async def test_projects_and_tutors_answer_304_to_their_tag(
    client: Client, course: CourseIds, teacher: Account
) -> None:
    project = await client.post(
        f"{API}/projects",
        json={"title": "Portfolio", "is_published": True},
        headers=teacher.headers,
    )
    tutor = await tutor_maker(client)(teacher, course.id)
    for path in (
        "/projects",
        f"/projects/{project.json()['id']}",
        "/tutors",
        f"/tutors/{tutor['id']}",
    ):
        first = await client.get(API + path)
        again = await client.get(API + path, headers={"If-None-Match": first.headers["etag"]})
        assert (first.status_code, again.status_code, again.content) == (200, 304, b""), path
    changed = await client.patch(
        f"{API}/tutors/{tutor['id']}", json={"name": "Pippa"}, headers=teacher.headers
    )
    assert changed.status_code == 200
    after = await client.get(f"{API}/tutors/{tutor['id']}", headers={"If-None-Match": '"x"'})
    assert after.json()["name"] == "Pippa"
