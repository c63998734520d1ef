"""The prose of Markdown: paragraphs and list items without code, headings or tables, cut
into whole sentences, made plain."""

from tutor_platform.shared.prose import ProseUnit, is_whole, plain, prose_units, split_sentences


def test_prose_is_paragraphs_quotes_and_list_items_never_code_headings_or_tables() -> None:
    markdown = (
        "## Title\n\nFirst line\nsecond line.\n\n> Quoted words.\n\n"
        "- An item\n  that goes on.\n- Short\n1. Numbered item.\n\n"
        "| Part | Job |\n|---|---|\n| cell | live |\n\n"
        "```python\n# not a heading\nprint('x')\n```\n~~~\n```\nstill code\n~~~\nAfter."
    )

    assert prose_units(markdown) == [
        ProseUnit("First line second line.", False),
        ProseUnit("Quoted words.", False),
        ProseUnit("An item that goes on.", True),
        ProseUnit("Short", True),
        ProseUnit("Numbered item.", True),
        ProseUnit("After.", False),
    ]


def test_sentences_end_at_a_stop_and_a_capital_but_not_after_an_abbreviation() -> None:
    text = "Cells need energy, e.g. sugar. They make ATP! Is it Dr. Who? Yes.  ![x](a.png)"

    assert split_sentences(text) == [
        "Cells need energy, e.g. sugar.",
        "They make ATP!",
        "Is it Dr. Who?",
        "Yes.",
    ]
    assert is_whole("They make ATP.")
    assert is_whole("“Quoted.”")
    assert not is_whole("And then the model was cut off in the")


def test_plain_text_has_no_markup_but_keeps_words_and_snake_case() -> None:
    text = "**Bold** with `code_name`, [a link](https://x.test), ![img](a.png) <b>tag</b> | a"

    assert plain(text) == "Bold with code_name, a link, tag a"
