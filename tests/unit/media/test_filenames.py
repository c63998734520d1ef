"""File names: cleaned on upload, checked on rename, folded for search."""

import pytest

from tutor_platform.media.domain.filenames import (
    clean_filename,
    filename_problem,
    normalize_filename,
    search_key,
)


@pytest.mark.parametrize(
    ("raw", "clean"),
    [
        ("report.pdf", "report.pdf"),
        ("../../etc/passwd", "passwd"),
        ("C:\\Users\\ann\\notes.md", "notes.md"),
        ("  spaced name.txt  ", "spaced name.txt"),
        ("tab\tand\nnewline.txt", "tabandnewline.txt"),
        ("", "file"),
        ("..", "file"),
        ("dir/", "file"),
        ("Cafe\u0301.md", "Café.md"),
    ],
)
def test_upload_names_are_cleaned(raw: str, clean: str) -> None:
    assert clean_filename(raw) == clean


def test_long_upload_names_keep_their_extension() -> None:
    name = clean_filename("x" * 300 + ".markdown")
    assert len(name) == 255
    assert name.endswith("x.markdown")


@pytest.mark.parametrize("name", ["", "a/b", "a\\b", "bell\x07", "..", "x" * 256])
def test_bad_new_names_are_refused(name: str) -> None:
    assert filename_problem(normalize_filename(name)) is not None


def test_good_new_names_pass_trimmed() -> None:
    name = normalize_filename("  Summary (final).pdf ")
    assert name == "Summary (final).pdf"
    assert filename_problem(name) is None


def test_search_key_ignores_case_and_composition() -> None:
    assert search_key("STRASSE Café") == search_key("strasse Cafe\u0301")
    assert search_key("Straße") == "strasse"
