"""Lessons cut into passages at their headings (markdown-it-py splitter + domain packing)."""

from itertools import pairwise

from tutor_platform.catalog.adapters.outbound.markdown.splitter import MarkdownItLessonSplitter
from tutor_platform.catalog.domain.passages import (
    HEADING_SEPARATOR,
    MAX_WORDS,
    OVERLAP_WORDS,
    PassageDraft,
)

split = MarkdownItLessonSplitter().split


def path(*headings: str) -> str:
    """A heading path as passages give it."""
    return HEADING_SEPARATOR.join(headings)


def headings(drafts: list[PassageDraft]) -> list[str | None]:
    return [draft.heading for draft in drafts]


def test_an_empty_lesson_has_no_passage() -> None:
    assert split("") == []
    assert split("   \n\n") == []
    assert split("# Only a heading\n\n## And another\n") == []


def test_the_intro_before_the_first_heading_is_a_passage_without_heading() -> None:
    drafts = split("Welcome to the lesson.\n\n## Loops\n\nLoops repeat work.\n")

    assert headings(drafts) == [None, "Loops"]
    assert drafts[0].text == "Welcome to the lesson."
    assert [draft.position for draft in drafts] == [1, 2]


def test_nested_headings_give_a_heading_path() -> None:
    drafts = split(
        "# Loops\n\nAbout loops.\n\n## for and range\n\nCounting.\n\n### Steps\n\nA step.\n\n"
        "## while\n\nUntil false.\n\n# Functions\n\nReuse.\n"
    )

    assert headings(drafts) == [
        "Loops",
        path("Loops", "for and range"),
        path("Loops", "for and range", "Steps"),
        path("Loops", "while"),
        "Functions",
    ]


def test_a_code_block_with_hash_lines_is_code_not_a_heading_and_stays_intact() -> None:
    code = '```python\n# a comment, not a heading\nif __name__ == "__main__":\n    main()\n```'
    drafts = split(f"## Scripts\n\nRun it as a script:\n\n{code}\n\nThat is all.\n")

    assert headings(drafts) == ["Scripts"]
    assert code in drafts[0].markdown
    assert '# a comment, not a heading\nif __name__ == "__main__":' in drafts[0].text
    assert "```" not in drafts[0].text


def test_plain_text_has_no_markdown_syntax_and_keeps_code_as_text() -> None:
    lesson = (
        "## Operators\n\n"
        "Use **`==`** to *compare* and [read more](https://example.com).\n\n"
        "| Operator | Meaning |\n|---|---|\n| `//` | floor division |\n| `%` | remainder |\n\n"
        "- first item\n- second **item**\n\n> a quote\n"
    )

    (draft,) = split(lesson)

    assert draft.markdown == lesson.split("\n\n", 1)[1].rstrip("\n")
    assert draft.text == (
        "Use == to compare and read more.\n\n"
        "Operator Meaning\n// floor division\n% remainder\n\n"
        "first item\nsecond item\n\na quote"
    )
    for syntax in ("#", "**", "|", "](", "> "):
        assert syntax not in draft.text


def _paragraph(n: int, words: int = 40) -> str:
    return " ".join(f"p{n}w{i}" for i in range(words)) + "."


def test_a_long_section_is_cut_into_overlapping_pieces_of_whole_blocks() -> None:
    paragraphs = [_paragraph(n) for n in range(20)]  # 800 words
    drafts = split("## Long\n\n" + "\n\n".join(paragraphs) + "\n")

    assert len(drafts) >= 3
    assert set(headings(drafts)) == {"Long"}
    for draft in drafts:
        assert len(draft.text.split()) <= MAX_WORDS
        assert all(block in paragraphs for block in draft.markdown.split("\n\n"))
    for before, after in pairwise(drafts):
        shared = set(before.markdown.split("\n\n")) & set(after.markdown.split("\n\n"))
        assert shared, "consecutive pieces overlap"
        assert sum(len(p.split()) for p in shared) <= OVERLAP_WORDS
    covered = {block for draft in drafts for block in draft.markdown.split("\n\n")}
    assert covered == set(paragraphs)


def test_a_table_or_code_block_longer_than_a_piece_is_never_cut() -> None:
    rows = "\n".join(f"| name{i} | value {i} and more words here |" for i in range(80))
    table = f"| Name | Value |\n|---|---|\n{rows}"
    code = "```python\n" + "\n".join(f"x{i} = {i}  # step {i} of the long code" for i in range(80))
    code += "\n```"
    drafts = split(f"## Data\n\nBefore.\n\n{table}\n\n{code}\n\nAfter.\n")

    assert any(table in draft.markdown for draft in drafts)
    assert any(code in draft.markdown for draft in drafts)
    for draft in drafts:
        assert draft.markdown.count("```") in (0, 2)


def test_a_very_long_paragraph_is_cut_at_its_sentences() -> None:
    sentences = [f"Sentence {i} says something about loops and lists here." for i in range(80)]
    drafts = split("## Prose\n\n" + " ".join(sentences) + "\n")

    assert len(drafts) > 1
    assert all(len(d.text.split()) <= MAX_WORDS for d in drafts)
    assert drafts[0].text.startswith("Sentence 0 says")
    assert drafts[-1].text.endswith("Sentence 79 says something about loops and lists here.")
