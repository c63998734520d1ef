"""The learning context's visibility, edit and premium policy."""

from dataclasses import dataclass
from uuid import UUID, uuid4

import pytest

from tutor_platform.catalog.domain.access import (
    can_read_lesson_content,
    can_view_course,
    ensure_can_edit_course,
    ensure_can_read_lesson_content,
    ensure_can_view_course,
)
from tutor_platform.catalog.domain.errors import CourseNotFound, NotCourseEditor
from tutor_platform.shared.auth import Principal
from tutor_platform.shared.errors import PremiumRequired

OWNER = uuid4()


@dataclass(frozen=True)
class CourseStub:
    instructor_id: UUID
    is_published: bool


@dataclass(frozen=True)
class LessonStub:
    is_premium: bool


def person(role: str = "student", plan: str = "free", user_id: UUID | None = None) -> Principal:
    return Principal(user_id=user_id or uuid4(), role=role, plan=plan)


CALLERS = {
    "anonymous": None,
    "student": person(),
    "premium student": person(plan="premium"),
    "other instructor": person("instructor"),
    "owner": person("instructor", user_id=OWNER),
    "admin": person("admin"),
}


@pytest.mark.parametrize(
    ("caller", "sees_unpublished"),
    [
        ("anonymous", False),
        ("student", False),
        ("premium student", False),
        ("other instructor", False),
        ("owner", True),
        ("admin", True),
    ],
)
def test_unpublished_courses_are_for_their_instructor_and_admins(
    caller: str, sees_unpublished: bool
) -> None:
    principal = CALLERS[caller]
    assert can_view_course(principal, CourseStub(OWNER, is_published=True))
    hidden = CourseStub(OWNER, is_published=False)
    assert can_view_course(principal, hidden) is sees_unpublished
    if not sees_unpublished:
        with pytest.raises(CourseNotFound):
            ensure_can_view_course(principal, hidden)


@pytest.mark.parametrize("caller", ["student", "premium student", "other instructor"])
def test_only_the_instructor_and_admins_may_edit(caller: str) -> None:
    principal = CALLERS[caller]
    assert principal is not None
    for published in (True, False):
        with pytest.raises(NotCourseEditor):
            ensure_can_edit_course(principal, CourseStub(OWNER, published))
    for editor in ("owner", "admin"):
        editor_principal = CALLERS[editor]
        assert editor_principal is not None
        ensure_can_edit_course(editor_principal, CourseStub(OWNER, False))


@pytest.mark.parametrize(
    ("caller", "reads_premium"),
    [
        ("anonymous", False),
        ("student", False),
        ("other instructor", False),
        ("premium student", True),
        ("owner", True),
        ("admin", True),
    ],
)
def test_premium_content_is_for_premium_users_and_editors(caller: str, reads_premium: bool) -> None:
    principal, course = CALLERS[caller], CourseStub(OWNER, is_published=True)
    assert can_read_lesson_content(principal, course, LessonStub(is_premium=False))
    assert can_read_lesson_content(principal, course, LessonStub(is_premium=True)) is reads_premium
    if not reads_premium:
        with pytest.raises(PremiumRequired):
            ensure_can_read_lesson_content(principal, course, LessonStub(is_premium=True))


def test_a_hidden_course_is_not_found_before_premium_is_considered() -> None:
    with pytest.raises(CourseNotFound):
        ensure_can_read_lesson_content(
            person(plan="premium"), CourseStub(OWNER, False), LessonStub(True)
        )
