"""Fixtures of the integrations tests: courses made through the public API, a fake Google
served for the module (emptied for each test that asks for ``google``)."""

from collections.abc import Iterator

import pytest

from tests.fakes.asgi import serve_asgi
from tests.fakes.google_server import FakeGoogle, sample_files
from tests.integration.accounts import Client
from tests.integration.catalog.conftest import MakeCourse, course_maker


@pytest.fixture
def make_course(client: Client) -> MakeCourse:
    """``await make_course(owner, sections=2, lessons_per_section=3, published=True)``."""
    return course_maker(client)


@pytest.fixture(scope="module")
def served_google() -> Iterator[FakeGoogle]:
    google = FakeGoogle()
    with serve_asgi(google) as url:
        google.url = url
        yield google


@pytest.fixture
def google(served_google: FakeGoogle) -> FakeGoogle:
    """The module's fake Google, emptied and given the sample files for this test."""
    fresh = FakeGoogle()
    served_google.__dict__.update({k: v for k, v in fresh.__dict__.items() if k != "url"})
    sample_files(served_google)
    return served_google
