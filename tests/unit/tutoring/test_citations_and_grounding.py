"""Citation checking, the streamed marker filter, follow-up queries and the relevance rule."""

import pytest

from tutor_platform.shared.citations import SNIPPET_LENGTH, relevance, snippet
from tutor_platform.shared.ids import new_id
from tutor_platform.tutoring.domain.citations import MarkerFilter, SourcePassage, cite
from tutor_platform.tutoring.domain.grounding import (
    Topic,
    choose_passages,
    fresh_first,
    is_follow_up,
    is_small_talk,
    retrieval_query,
    unheld_words,
    unknown_names,
)

SOURCES = [
    SourcePassage(new_id(), new_id(), f"Lesson {n}", None, f"Text {n}.", f"Text {n}.")
    for n in (1, 2, 3)
]


def test_unknown_and_out_of_range_markers_are_removed_and_known_ones_kept() -> None:
    text, citations = cite("A [1]. B [4]. C [0][2]. D [99] end.", SOURCES)

    assert text == "A [1]. B. C [2]. D end."
    assert [c.index for c in citations] == [1, 2]


def test_a_repeated_marker_is_cited_once_in_order_of_first_use() -> None:
    text, citations = cite("B [3] then A [1] and B again [3].", SOURCES)

    assert text == "B [3] then A [1] and B again [3]."
    assert [(c.index, c.title) for c in citations] == [(3, "Lesson 3"), (1, "Lesson 1")]


def test_an_answer_without_sources_cites_nothing_and_loses_its_markers() -> None:
    assert cite("Made up [1].", []) == ("Made up.", [])


def test_brackets_that_are_not_markers_stay() -> None:
    text, citations = cite("items[0] and [a] and [1,2] and [ 1 ]", SOURCES)

    assert text == "items[0] and [a] and [1,2] and [ 1 ]"
    assert citations == []


def test_a_snippet_is_plain_and_at_most_300_characters_cut_at_a_word() -> None:
    short = snippet("Two\n\nlines   here")
    long = snippet("word " * 200)

    assert short == "Two lines here"
    assert len(long) <= SNIPPET_LENGTH
    assert long.endswith("word…")


@pytest.mark.parametrize(
    "pieces",
    [
        ["One [1] two [5] three."],
        ["One [", "1] two [", "5] three."],
        ["One ", "[1", "] two", " [5", "] three."],
        ["One [1] two [5]", " three."],
    ],
    ids=["whole", "split-after-bracket", "split-after-digit", "marker-at-end-of-piece"],
)
def test_the_marker_filter_gives_the_same_text_however_the_stream_is_cut(
    pieces: list[str],
) -> None:
    markers = MarkerFilter(3)

    out = "".join(markers.feed(piece) for piece in pieces) + markers.flush()

    assert out == "One [1] two three."


def test_the_marker_filter_holds_back_only_a_possible_marker() -> None:
    markers = MarkerFilter(2)

    assert markers.feed("A list[") == "A list"
    assert markers.feed("x] and [") == "[x] and"
    assert markers.flush() == " ["


@pytest.mark.parametrize(
    "message",
    [
        "why?",
        "Why?",
        "I don't get it",
        "give me an example",
        "can you explain that again?",
        "?",
        "can you show a simpler one?",
        "what happens if I leave it out?",
    ],
)
def test_short_or_back_referring_messages_are_follow_ups(message: str) -> None:
    assert is_follow_up(message)


@pytest.mark.parametrize(
    "message",
    [
        "What is a cell?",
        "How do I open a file?",
        "difference between = and ==",
        "enumerate",
        "How do I go through two lists in step, one item from each at a time?",
    ],
)
def test_questions_that_name_their_topic_are_not_follow_ups(message: str) -> None:
    assert not is_follow_up(message)


def test_a_follow_up_query_carries_the_topic_and_a_new_question_does_not() -> None:
    topic = Topic("How do loops work?", ("Loops", "Lists"))

    assert retrieval_query("why?", topic) == "why? How do loops work? Loops Lists"
    assert retrieval_query("What is a set?", topic) == "What is a set?"
    assert retrieval_query("why?", None) == "why?"


@pytest.mark.parametrize("message", ["Hello!", "thanks", "Thank you very much", "ok"])
def test_greetings_and_thanks_are_small_talk(message: str) -> None:
    assert is_small_talk(message)


@pytest.mark.parametrize("message", ["Hello, what is a list?", "ok so why", "", "42"])
def test_questions_are_not_small_talk(message: str) -> None:
    assert not is_small_talk(message)


def test_relevance_is_similarity_plus_a_share_of_the_word_overlap() -> None:
    assert relevance(0.3, 1.0) == pytest.approx(0.65)
    assert relevance(0.1, 0.0) == pytest.approx(0.1)


def test_no_passage_is_chosen_unless_the_best_one_is_relevant_enough() -> None:
    assert choose_passages([(0.31, "a"), (0.3, "b")], 4) == []
    assert choose_passages([], 4) == []


def test_passages_are_chosen_in_order_at_most_two_of_a_lesson() -> None:
    scored = [(0.7, "a"), (0.6, "a"), (0.55, "a"), (0.5, "b"), (0.2, "c"), (0.45, "c")]

    assert choose_passages(scored, 4) == [0, 1, 3, 5]
    assert choose_passages(scored, 2) == [0, 1]


def test_names_the_passages_never_mention_are_unknown() -> None:
    texts = ["Dictionaries map keys to values; JSON files and sqlite3", "Loops"]

    assert unknown_names("What is the capital of Australia?", texts) == ["Australia"]
    assert unknown_names("How do I write a JOIN in SQL?", texts) == ["JOIN", "SQL"]
    assert unknown_names("How do I save data as JSON?", texts) == []
    assert unknown_names("I want to loop", texts) == []


def test_a_follow_up_gets_the_passages_its_topic_did_not_cite_first() -> None:
    passages = [("Lists", None), ("Loops", "Key points"), ("Loops", "enumerate")]
    topic = Topic("How do I number items?", ("Loops",), (("Loops", "Key points"),))

    assert fresh_first(passages, "I don't get it", topic) == [2, 1, 0]
    assert fresh_first(passages, "What is a list?", topic) == [0, 1, 2]
    assert fresh_first(passages, "why?", None) == [0, 1, 2]


def test_unheld_words_are_the_question_words_no_text_holds_in_any_form() -> None:
    texts = ["Tables hold rows.", "SELECT makes a result from a table."]

    question = "How do I make a pivot table in a spreadsheet?"

    assert unheld_words(question, texts) == ["pivot", "spreadsheet"]
    assert unheld_words("How do tables make results?", texts) == []
    assert unheld_words("What does == do?", ["`a == b` compares"]) == []
    assert unheld_words("What does == do?", ["`a = b` assigns"]) == ["=="]
