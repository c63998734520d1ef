"""The tutor list takes a fixed number of SQL statements, whatever the number of courses on
the page: the catalog is asked once which courses the caller may see and once which they
may edit. Counted with the read cache off, so that every read reaches the database."""

import pytest
from litestar import Litestar

from tests.conftest import make_settings
from tests.integration.accounts import Account, Client, MakeAccount
from tests.integration.catalog.conftest import MakeCourse
from tests.integration.tutoring.conftest import API, MakeTutor
from tests.support.statements import counted_statements
from tutor_platform.bootstrap.settings import Settings

pytestmark = pytest.mark.both_databases


@pytest.fixture
def settings(database_url: str) -> Settings:
    return make_settings(database_url, catalog_cache_ttl_seconds=0)


async def _listed(client: Client, app: Litestar, reader: Account) -> tuple[int, list[str]]:
    with counted_statements(app) as statements:
        response = await client.get(f"{API}/tutors?limit=100", headers=reader.headers)
    assert response.status_code == 200, response.text
    prompts = [tutor["system_prompt"] for tutor in response.json()["items"]]
    return len(statements), prompts


async def test_the_tutor_list_does_not_grow_with_the_courses_on_the_page(
    client: Client,
    app: Litestar,
    make_account: MakeAccount,
    make_course: MakeCourse,
    make_tutor: MakeTutor,
) -> None:
    teacher = await make_account("teacher", role="instructor")
    other = await make_account("other", role="instructor")
    admin = await make_account("admin", role="admin")
    for _ in range(2):
        await make_tutor(admin, (await make_course(teacher, sections=0)).id)
    two, prompts = await _listed(client, app, teacher)
    assert prompts == ["Be kind."] * 2
    for _ in range(4):
        await make_tutor(admin, (await make_course(teacher, sections=0)).id)
    await make_tutor(admin, (await make_course(other, sections=0)).id)
    seven, prompts = await _listed(client, app, teacher)
    assert prompts == ["Be kind."] * 6 + [None]
    assert two == seven
