"""Project rules: which fields are valid, who may see, change and attach projects."""

import pytest

from tests.unit.identity.builders import T0
from tutor_platform.catalog.domain.project import (
    CourseRef,
    NotProjectEditor,
    Project,
    ProjectFields,
    ProjectNotFound,
    can_edit_project,
    can_view_project,
    cleaned_fields,
    ensure_can_attach,
    ensure_can_edit_project,
    ensure_can_view_project,
)
from tutor_platform.shared.auth import Principal
from tutor_platform.shared.errors import FieldError, ValidationFailed
from tutor_platform.shared.ids import new_id

CREATOR = Principal(new_id(), "instructor", "free")
TEACHER = Principal(new_id(), "instructor", "free")
OTHER = Principal(new_id(), "instructor", "free")
ADMIN = Principal(new_id(), "admin", "free")
STUDENT = Principal(new_id(), "student", "premium")
ACTORS = {
    "anonymous": None,
    "student": STUDENT,
    "other instructor": OTHER,
    "creator": CREATOR,
    "course instructor": TEACHER,
    "admin": ADMIN,
}
EDITORS = {"creator", "course instructor", "admin"}
COURSE = CourseRef(new_id(), TEACHER.user_id, is_published=True)


def project(is_published: bool = False) -> Project:
    return Project(
        id=new_id(),
        title="Work",
        created_by=CREATOR.user_id,
        created_at=T0,
        updated_at=T0,
        course_id=COURSE.id,
        is_published=is_published,
    )


@pytest.mark.parametrize("actor", ACTORS)
def test_who_may_change_and_see_a_project(actor: str) -> None:
    caller = ACTORS[actor]
    draft, published = project(), project(is_published=True)

    assert can_edit_project(caller, draft, COURSE) is (actor in EDITORS)
    assert can_view_project(caller, draft, COURSE) is (actor in EDITORS)
    assert can_view_project(caller, published, COURSE) is True


def test_without_its_course_the_course_instructor_has_no_say() -> None:
    draft = project()

    assert not can_edit_project(TEACHER, draft, None)
    assert can_edit_project(CREATOR, draft, None)
    assert can_edit_project(ADMIN, draft, None)


def test_hidden_projects_are_not_found_and_others_forbidden() -> None:
    with pytest.raises(ProjectNotFound):
        ensure_can_view_project(STUDENT, project(), COURSE)
    with pytest.raises(NotProjectEditor):
        ensure_can_edit_project(OTHER, project(is_published=True), COURSE)


def test_only_a_course_the_caller_can_see_may_be_attached() -> None:
    hidden = CourseRef(new_id(), TEACHER.user_id, is_published=False)
    for caller, course in [(OTHER, hidden), (OTHER, None), (TEACHER, None)]:
        with pytest.raises(ValidationFailed) as raised:
            ensure_can_attach(caller, course)
        assert raised.value.errors == [
            FieldError("course_id", "must be an existing course you can see")
        ]
    ensure_can_attach(OTHER, COURSE)
    ensure_can_attach(TEACHER, hidden)
    ensure_can_attach(ADMIN, hidden)


def test_fields_are_trimmed_and_unset_ones_left_alone() -> None:
    fields = cleaned_fields(ProjectFields(title="  Bot  ", tech_stack=[" Go ", "Rust"]))

    assert fields == ProjectFields(title="Bot", tech_stack=["Go", "Rust"])
    assert cleaned_fields(ProjectFields()) == ProjectFields()


@pytest.mark.parametrize(
    ("fields", "field", "message"),
    [
        (ProjectFields(title=" "), "title", "must be 1 to 200 characters"),
        (ProjectFields(title="x" * 201), "title", "must be 1 to 200 characters"),
        (ProjectFields(title="a\nb"), "title", "must not contain control characters"),
        (ProjectFields(summary="s" * 2001), "summary", "must be at most 2000 characters"),
        (ProjectFields(tech_stack=["x"] * 31), "tech_stack", "must have at most 30 items"),
        (ProjectFields(tech_stack=["y" * 51]), "tech_stack", "items must be 1 to 50 printable"),
        (ProjectFields(tech_stack=["  "]), "tech_stack", "items must be 1 to 50 printable"),
        (ProjectFields(tech_stack=["a\x00"]), "tech_stack", "items must be 1 to 50 printable"),
        (ProjectFields(content="c" * 200_001), "content", "must be at most 200000 characters"),
    ],
)
def test_invalid_fields_are_named(fields: ProjectFields, field: str, message: str) -> None:
    with pytest.raises(ValidationFailed) as raised:
        cleaned_fields(fields)

    [error] = raised.value.errors
    assert error.field == field
    assert error.message.startswith(message)


def test_limits_themselves_are_allowed() -> None:
    fields = ProjectFields(
        title="x" * 200,
        summary="s" * 2000,
        tech_stack=["y" * 50] * 30,
        content="c" * 200_000,
    )

    assert cleaned_fields(fields) == fields


def test_every_invalid_field_is_reported_at_once() -> None:
    with pytest.raises(ValidationFailed) as raised:
        cleaned_fields(ProjectFields(title="", summary="s" * 2001, tech_stack=[""]))

    assert [error.field for error in raised.value.errors] == ["title", "summary", "tech_stack"]
