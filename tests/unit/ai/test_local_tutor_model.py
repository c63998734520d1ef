"""The offline tutor: answers from the matching course passage, honestly, deterministically."""

from dataclasses import replace
from typing import Any
from uuid import UUID

import pytest

from tutor_platform.ai.adapters.outbound.local.composing import NOTHING_TO_WRITE_FROM
from tutor_platform.ai.adapters.outbound.local.tutor_model import MODEL_ID, LocalTutorModel
from tutor_platform.ai.ports.model import (
    CoursePassage,
    GradingRequest,
    ImagePart,
    TextDelta,
    TutorPrompt,
    TutorReply,
)

PHOTOSYNTHESIS = CoursePassage(
    lesson_id=UUID("0193a1b2-0000-7000-8000-00000000000a"),
    title="Photosynthesis",
    text=(
        "Photosynthesis is how plants make their food. Plants use light energy to turn water and "
        "carbon dioxide into glucose. Chlorophyll in the leaves absorbs the light. "
        "Oxygen is released as a by-product."
    ),
)
RESPIRATION = CoursePassage(
    lesson_id=UUID("0193a1b2-0000-7000-8000-00000000000b"),
    title="Cellular respiration",
    text=(
        "Cells break down glucose to release energy. This happens in the mitochondria.\n"
        "Respiration uses oxygen and produces carbon dioxide and water."
    ),
)
MITOSIS = CoursePassage(
    lesson_id=UUID("0193a1b2-0000-7000-8000-00000000000c"),
    title="Mitosis",
    text="Mitosis is cell division that produces two identical daughter cells.",
)
PASSAGES = [PHOTOSYNTHESIS, RESPIRATION, MITOSIS]


def prompt(message: str, **changes: Any) -> TutorPrompt:
    base = TutorPrompt(system_prompt="You are a biology tutor.", message=message, passages=PASSAGES)
    return replace(base, **changes)


@pytest.fixture
def model() -> LocalTutorModel:
    return LocalTutorModel()


LOOPS = CoursePassage(
    lesson_id=UUID("0193a1b2-0000-7000-8000-00000000001a"),
    title="Loops",
    heading="enumerate and zip",
    text=(
        "## enumerate and zip\n\n"
        "When you need the position as well as the item, use `enumerate` rather than managing "
        "a counter yourself.\n\n"
        "```python\n# a comment, not a heading\nfor number, step in enumerate(steps, start=1):\n"
        "    print(number, step)\n```\n\n"
        "| function | gives |\n|---|---|\n| `enumerate` | position and item |\n"
        "| `zip` | pairs |\n\n"
        "`zip` stops at the end of the shortest sequence."
    ),
)
DICTS = CoursePassage(
    lesson_id=UUID("0193a1b2-0000-7000-8000-00000000001b"),
    title="Dictionaries and sets",
    heading=None,
    text="A **dictionary** maps keys to values. A **set** keeps each item once.",
)


def teaching(message: str, **changes: Any) -> TutorPrompt:
    base = TutorPrompt(system_prompt="You teach Python.", message=message, passages=[LOOPS])
    return replace(base, **changes)


def fences_balanced(markdown: str) -> bool:
    return sum(line.startswith("```") for line in markdown.splitlines()) % 2 == 0


async def test_the_same_prompt_gets_the_same_answer(model: LocalTutorModel) -> None:
    question = teaching("How do I get the position in a loop?")

    assert await model.reply(question) == await LocalTutorModel().reply(question)


async def test_it_answers_with_whole_blocks_of_the_passage_and_names_and_cites_its_lesson(
    model: LocalTutorModel,
) -> None:
    reply = await model.reply(teaching("How do I get the position and the item in a loop?"))

    assert reply.content.startswith("From the lesson **Loops**, section *enumerate and zip* [1]:")
    assert "use `enumerate` rather than managing a counter yourself." in reply.content
    assert "# a comment, not a heading\nfor number, step in enumerate" in reply.content
    assert fences_balanced(reply.content)
    assert "| `enumerate` | position and item |" in reply.content
    assert "## enumerate and zip" not in reply.content


async def test_a_second_lesson_is_quoted_when_it_covers_what_the_first_does_not(
    model: LocalTutorModel,
) -> None:
    reply = await model.reply(
        teaching("Compare enumerate in loops with a dictionary", passages=[LOOPS, DICTS])
    )

    assert "And from the lesson **Dictionaries and sets** [2]:" in reply.content
    assert "A **dictionary** maps keys to values." in reply.content


async def test_an_unrelated_second_passage_is_left_out(model: LocalTutorModel) -> None:
    reply = await model.reply(teaching("What does enumerate give?", passages=[LOOPS, DICTS]))

    assert "[2]" not in reply.content
    assert "dictionary" not in reply.content


async def test_the_guiding_question_is_made_from_a_key_term_of_the_lesson_not_of_the_question(
    model: LocalTutorModel,
) -> None:
    reply = await model.reply(teaching("What does enumerate give?"))

    last = reply.content.splitlines()[-1]
    assert last.startswith("**Your turn:**")
    assert last.endswith("?")
    assert "`zip`" in last


async def test_a_lesson_without_key_terms_asks_about_its_section(model: LocalTutorModel) -> None:
    plain = CoursePassage(LOOPS.lesson_id, "Loops", "Loops repeat work.", "Why loops")

    reply = await model.reply(teaching("Why do loops matter?", passages=[plain]))

    assert reply.content.splitlines()[-1].startswith('**Your turn:** Which idea in "Why loops"')


async def test_a_question_the_course_does_not_cover_is_answered_honestly(
    model: LocalTutorModel,
) -> None:
    reply = await model.reply(
        teaching(
            "What is the **capital** of Australia?",
            passages=[],
            uncovered=True,
            other_courses=["World geography", "SQL fundamentals"],
        )
    )

    assert reply.content.startswith("This course does not cover “What is the capital of Australia”")
    assert "The courses **World geography**, **SQL fundamentals** may cover it." in reply.content
    assert "[1]" not in reply.content
    assert reply.content.count("**") % 2 == 0


async def test_without_material_it_does_not_guess_but_greets_back(
    model: LocalTutorModel,
) -> None:
    answer = await model.reply(teaching("What does a generator do?", passages=[]))
    greeting = await model.reply(teaching("Hello!", passages=[]))

    assert "would rather not guess" in answer.content
    assert greeting.content.startswith("Hello!")


async def test_an_example_request_quotes_the_code(model: LocalTutorModel) -> None:
    long_intro = CoursePassage(
        LOOPS.lesson_id, "Loops", "Words about loops. " * 80 + "\n\n" + LOOPS.text, "Loops"
    )

    reply = await model.reply(teaching("give me an example", passages=[long_intro]))

    assert "for number, step in enumerate(steps, start=1):" in reply.content
    assert fences_balanced(reply.content)


async def test_images_are_acknowledged(model: LocalTutorModel) -> None:
    images = [ImagePart("image/png", b"a"), ImagePart("image/jpeg", b"b")]

    reply = await model.reply(teaching("What does enumerate give?", images=images))

    assert reply.content.startswith("I received 2 images")
    assert "`enumerate`" in reply.content


async def test_the_reply_metadata(model: LocalTutorModel) -> None:
    question = teaching("What does enumerate give?")

    reply = await model.reply(question)

    assert (reply.provider, reply.model_id, reply.finish_reason) == ("local", MODEL_ID, "stop")
    assert reply.tokens_out == len(reply.content.split())
    words_sent = [question.system_prompt, question.message, LOOPS.text]
    assert reply.tokens_in == sum(len(text.split()) for text in words_sent)


async def test_it_streams_one_word_at_a_time(model: LocalTutorModel) -> None:
    items = [item async for item in model.stream(teaching("What does enumerate give?"))]

    *deltas, final = items
    assert isinstance(final, TutorReply)
    texts = [d.text for d in deltas if isinstance(d, TextDelta)]
    assert len(texts) == len(deltas) == len(final.content.split())
    assert all(len(text.split()) == 1 for text in texts)
    assert texts[0] == "From "
    assert "".join(texts) == final.content


def writing(message: str, **changes: Any) -> TutorPrompt:
    return prompt(message, task="text", **changes)


async def test_text_from_one_lesson_is_its_opening_sentences_cited_when_asked(
    model: LocalTutorModel,
) -> None:
    reply = await model.reply(
        writing(
            "Write an overview of this lesson. Cite each passage you draw on as [n].",
            passages=[PHOTOSYNTHESIS],
        )
    )

    assert reply.content == (
        "- **Photosynthesis**: Photosynthesis is how plants make their food. Plants use light "
        "energy to turn water and carbon dioxide into glucose. [1]"
    )


async def test_text_about_a_named_lesson_keeps_to_that_lesson(model: LocalTutorModel) -> None:
    reply = await model.reply(writing("Summarise the lesson on mitosis"))

    assert reply.content == (
        "- **Mitosis**: Mitosis is cell division that produces two identical daughter cells."
    )


async def test_text_quotes_the_whole_sentences_the_instruction_asks_about(
    model: LocalTutorModel,
) -> None:
    reply = await model.reply(writing("Which organelle do cells use to release energy?"))

    assert "- **Cellular respiration**: Cells break down glucose to release energy." in (
        reply.content
    )
    assert "Mitosis" not in reply.content
    assert "[" not in reply.content


async def test_asked_how_lessons_connect_it_names_the_ideas_they_share(
    model: LocalTutorModel,
) -> None:
    reply = await model.reply(
        writing("Write the ideas these lessons share; cite the passages as [n].")
    )

    ideas = reply.content.split("\n")
    assert ideas[0] == (
        "- **energy**, in \u201cPhotosynthesis\u201d: Plants use light energy to turn water and "
        "carbon dioxide into glucose. [1] And in \u201cCellular respiration\u201d: Cells break "
        "down glucose to release energy. [2]"
    )
    assert all(idea.startswith("- **") and idea.endswith(("[1]", "[2]", "[3]")) for idea in ideas)


async def test_notes_come_first_as_they_are_and_no_material_is_said_plainly(
    model: LocalTutorModel,
) -> None:
    notes = CoursePassage(lesson_id=None, title="Your plan", text="1. Read. 2. Practise.")

    planned = await model.reply(writing("Write an overview of this plan.", passages=[notes]))
    nothing = await model.reply(writing("Write an overview.", passages=[]))

    assert planned.content == "Your plan: 1. Read. 2. Practise."
    assert nothing.content == NOTHING_TO_WRITE_FROM


def grading(answer: str, keywords: list[str] | None = None, guidance: str = "") -> GradingRequest:
    return GradingRequest(
        question="Explain photosynthesis.",
        answer=answer,
        rubric_keywords=keywords or [],
        rubric_guidance=guidance,
    )


async def test_grading_counts_the_rubric_keywords_present(model: LocalTutorModel) -> None:
    grade = await model.grade(
        grading(
            "Plants use LIGHT and chlorophyll to make glucose.",
            ["light", "glucose", "carbon dioxide", "chlorophyll"],
        )
    )

    assert grade.score == 0.75
    assert "covers 3 of 4 key points" in grade.feedback
    assert "It does not mention carbon dioxide." in grade.feedback
    assert grade.strengths == ["Mentions light.", "Mentions glucose.", "Mentions chlorophyll."]
    assert grade.improvements == ["Explain carbon dioxide and how it relates to the question."]


async def test_keywords_match_plurals_and_verb_forms(model: LocalTutorModel) -> None:
    grade = await model.grade(
        grading("The leaves absorbed photons and stored energies.", ["leaf", "absorbs", "energy"])
    )

    assert grade.score == 1.0
    assert grade.improvements == []


async def test_every_keyword_present_scores_full_marks_and_none_scores_zero(
    model: LocalTutorModel,
) -> None:
    keywords = ["light", "glucose"]

    full = await model.grade(grading("Light becomes glucose.", keywords))
    none = await model.grade(grading("I am not sure.", keywords))

    assert (full.score, none.score) == (1.0, 0.0)


async def test_without_keywords_the_guidance_is_the_rubric(model: LocalTutorModel) -> None:
    guidance = "Explain that light energy is converted into chemical energy stored in glucose."

    good = await model.grade(
        grading(
            "Light energy is converted to chemical energy and stored in glucose.", guidance=guidance
        )
    )
    weak = await model.grade(grading("Plants are green.", guidance=guidance))

    assert good.score == 1.0
    assert 0 <= weak.score < good.score
    assert "Consider also addressing" in weak.feedback
    assert weak.improvements


async def test_an_empty_answer_scores_zero(model: LocalTutorModel) -> None:
    grade = await model.grade(grading("   ", ["light"]))

    assert grade.score == 0.0
    assert grade.feedback == "No answer was given."


async def test_it_is_always_healthy(model: LocalTutorModel) -> None:
    assert await model.health() is True
