"""Shared fixtures of the progress HTTP tests: courses made through the catalog's API."""

import pytest

from tests.integration.accounts import Client
from tests.integration.catalog.conftest import MakeCourse, course_maker


@pytest.fixture
def make_course(client: Client) -> MakeCourse:
    """``await make_course(owner, sections=2, lessons_per_section=3, published=True)``."""
    return course_maker(client)
