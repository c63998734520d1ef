"""What may be imported from Drive and how, and when a connection's token is refreshed."""

from datetime import timedelta
from uuid import UUID

import pytest

from tests.support.clock import T0
from tutor_platform.integrations.domain.connection import (
    STATE_TTL,
    AuthorizationState,
    DriveConnection,
    TokenSet,
)
from tutor_platform.integrations.domain.drive import (
    FOLDER,
    GOOGLE_DOC,
    GOOGLE_SHEET,
    GOOGLE_SLIDES,
    DriveFile,
    file_id_problem,
    plan_file_import,
    plan_lesson_import,
)
from tutor_platform.integrations.domain.errors import DriveFileNotImportable

USER = UUID(int=1)
ALLOWED = frozenset({"application/pdf", "text/plain"})


def a_file(mime_type: str, name: str = "Notes", size: int | None = None) -> DriveFile:
    return DriveFile("abc", name, mime_type, T0, size=size, version="7")


@pytest.mark.parametrize("file_id", ["1BxiMVs0XRA5nFMdKvBdBZjgmUUqptlbs74OgvE2upms", "a", "x-y_z"])
def test_drive_file_ids_are_accepted(file_id: str) -> None:
    assert file_id_problem(file_id) is None


@pytest.mark.parametrize("file_id", ["", "x" * 129, "../etc", "a b", "a.b", "é"])
def test_anything_else_is_no_drive_file_id(file_id: str) -> None:
    assert file_id_problem(file_id) is not None


def test_google_types_are_exported_and_named_for_what_they_become() -> None:
    assert plan_file_import(a_file(GOOGLE_DOC)).export_type == "application/pdf"
    assert plan_file_import(a_file(GOOGLE_DOC)).filename == "Notes.pdf"
    assert plan_file_import(a_file(GOOGLE_SLIDES, "Deck.pdf")).filename == "Deck.pdf"
    sheet = plan_file_import(a_file(GOOGLE_SHEET, "Grades"))
    assert (sheet.export_type, sheet.filename) == ("text/csv", "Grades.csv.txt")
    plain = plan_file_import(a_file("application/pdf", "Syllabus.pdf", 10))
    assert (plain.export_type, plain.filename) == (None, "Syllabus.pdf")


@pytest.mark.parametrize(
    "mime_type", [FOLDER, "application/vnd.google-apps.form", "application/vnd.google-apps.map"]
)
def test_other_google_types_cannot_be_imported(mime_type: str) -> None:
    with pytest.raises(DriveFileNotImportable):
        plan_file_import(a_file(mime_type))
    assert not a_file(mime_type).importable(ALLOWED, 100)


def test_only_a_google_doc_becomes_a_lesson() -> None:
    assert plan_lesson_import(a_file(GOOGLE_DOC)).export_type == "text/markdown"
    for mime_type in (GOOGLE_SHEET, "application/pdf", "text/plain"):
        with pytest.raises(DriveFileNotImportable):
            plan_lesson_import(a_file(mime_type))


def test_importable_follows_the_upload_rules() -> None:
    assert a_file("application/pdf", size=100).importable(ALLOWED, 100)
    assert not a_file("application/pdf", size=101).importable(ALLOWED, 100)
    assert not a_file("application/zip", size=1).importable(ALLOWED, 100)
    assert a_file(GOOGLE_SHEET).importable(ALLOWED, 100)


def test_the_version_key_falls_back_to_the_modified_time() -> None:
    assert a_file(GOOGLE_DOC).version_key == "7"
    assert DriveFile("abc", "n", GOOGLE_DOC, T0).version_key == T0.isoformat()


def connection(expires_in: timedelta, refresh: str | None = "r1") -> DriveConnection:
    return DriveConnection(USER, "a1", refresh, T0 + expires_in, "scope", T0)


def test_a_token_is_refreshed_a_minute_before_it_expires() -> None:
    assert not connection(timedelta(minutes=2)).needs_refresh(T0)
    assert connection(timedelta(seconds=60)).needs_refresh(T0)
    assert connection(timedelta(seconds=-1)).needs_refresh(T0)
    assert not connection(timedelta(seconds=-1), refresh=None).needs_refresh(T0)


def test_a_refresh_without_a_new_refresh_token_keeps_the_old_one() -> None:
    old = connection(timedelta(0))
    renewed = old.refreshed(TokenSet("a2", T0 + timedelta(hours=1)))
    assert (renewed.access_token, renewed.refresh_token) == ("a2", "r1")
    assert renewed.scope == "scope"
    rotated = old.refreshed(TokenSet("a3", T0, refresh_token="r2", scope="other"))
    assert (rotated.refresh_token, rotated.scope) == ("r2", "other")


def test_a_state_lasts_ten_minutes() -> None:
    state = AuthorizationState.start("hash", USER, "verifier", T0)
    assert not state.is_expired(T0 + STATE_TTL - timedelta(seconds=1))
    assert state.is_expired(T0 + STATE_TTL)
