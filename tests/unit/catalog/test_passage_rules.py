"""Code-aware search text, question terms, the lexical share and reciprocal rank fusion."""

import pytest

from tutor_platform.catalog.domain.passages import (
    code_search_text,
    lexical_share,
    query_terms,
    reciprocal_rank_fusion,
    stem,
    words_of,
)


@pytest.mark.parametrize(
    ("code", "word"),
    [
        ("a == b", "opeqeq"),
        ("x = 1", "opassign"),
        ("7 // 2", "opfloordiv"),
        ("if __name__", "dundername"),
        ("total += price", "opplusassign"),
        ("a != b", "opnoteq"),
        ("2 ** 8", "oppow"),
        ("def f() -> int:", "oparrow"),
        ("(n := len(a))", "opwalrus"),
        ("7 % 2", "opmod"),
        ("x //= 2", "opfloordivassign"),
        (r"re.findall(r'\d+', text)", "escd"),
        (r"\D matches a non-digit", "escupperd"),
        ("a <= b", "oplesseq"),
    ],
)
def test_operators_and_dunder_names_become_words(code: str, word: str) -> None:
    assert word in words_of(code_search_text(code))


def test_the_same_words_come_from_a_passage_and_a_question() -> None:
    passage = words_of(code_search_text('if __name__ == "__main__":\n    total //= 2'))
    assert {"dundername", "opeqeq", "dundermain", "opfloordivassign", "total"} <= set(passage)
    assert query_terms("= and ==") == ["opassign", "opeqeq"]
    assert query_terms("What does // do?") == ["opfloordiv"]
    assert query_terms(r"What does \d mean?") == ["escd"]
    assert query_terms("__name__") == ["dundername"]


def test_prose_punctuation_and_hyphenated_words_stay_words() -> None:
    words = words_of(code_search_text("A well-known loop: it ends. Really!"))
    assert words == ["a", "well", "known", "loop", "it", "ends", "really"]


def test_question_terms_drop_stop_words_repeats_and_lone_letters() -> None:
    assert query_terms("How do I get the position and the item?") == ["position", "item"]
    assert query_terms("Loops, loops and LOOPS") == ["loops"]
    assert query_terms("the and of is") == []
    assert query_terms("!!! ??? 🙂🙂") == []
    assert query_terms("Что такое цикл?") == ["что", "такое", "цикл"]


def test_a_huge_question_gives_a_bounded_number_of_terms() -> None:
    terms = query_terms(" ".join(f"word{i}" for i in range(10_000)))
    assert 0 < len(terms) <= 32


def test_the_stemmer_brings_inflections_together() -> None:
    assert stem("loops") == stem("loop") == "loop"
    assert stem("running") == stem("runs") == "run"
    assert stem("iterating") == stem("iterated")
    assert stem("class") == "class"
    assert stem("tables") == stem("table") != stem("tab")
    assert stem("stored") == stem("storing") == stem("stores") == stem("store")
    assert stem("boxes") == stem("box") == "box"
    assert stem("classes") == "class"
    assert stem("opeqeq") == "opeqeq"


def test_the_lexical_share_counts_question_terms_found_in_the_texts() -> None:
    terms = query_terms("position and item with enumerate")
    assert terms == ["position", "item", "enumerate"]
    text = "When you need the position as well as the item, use enumerate."
    assert lexical_share(terms, text) == 1.0
    assert lexical_share(terms, "Items have positions.") == pytest.approx(2 / 3)
    assert lexical_share(terms, "Nothing here.", "Loops", "while") == 0.0
    assert lexical_share(["opeqeq"], "a == b") == 1.0
    assert lexical_share([], "anything") == 0.0


def test_reciprocal_rank_fusion_rewards_items_ranked_well_in_both_lists() -> None:
    fused = reciprocal_rank_fusion([["a", "b", "c"], ["b", "c", "d"]], k=60)

    assert fused["b"] == pytest.approx(1 / 62 + 1 / 61)
    assert fused["a"] == pytest.approx(1 / 61)
    assert sorted(fused, key=lambda item: -fused[item]) == ["b", "c", "a", "d"]
    assert reciprocal_rank_fusion([[], []]) == {}
