"""The offline tutor: answers from the matching course passage, honestly, deterministically."""

from dataclasses import replace
from typing import Any
from uuid import UUID

import pytest

from tutor_platform.ai.adapters.outbound.local.tutor_model import MODEL_ID, LocalTutorModel
from tutor_platform.ai.ports.model import (
    ChatTurn,
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


async def test_the_same_prompt_gets_the_same_answer(model: LocalTutorModel) -> None:
    first = await model.reply(prompt("Where in the cell is energy released from glucose?"))
    second = await LocalTutorModel().reply(
        prompt("Where in the cell is energy released from glucose?")
    )

    assert first == second


async def test_it_quotes_the_passage_that_answers_and_names_its_lesson(
    model: LocalTutorModel,
) -> None:
    reply = await model.reply(prompt("Which organelle do cells use to release energy?"))

    assert "Cells break down glucose to release energy." in reply.content
    assert '"Cellular respiration"' in reply.content
    assert "Mitosis" not in reply.content


async def test_plural_and_verb_forms_still_match(model: LocalTutorModel) -> None:
    reply = await model.reply(prompt("What absorbed light in a leaf?"))

    assert "Chlorophyll in the leaves absorbs the light." in reply.content
    assert '"Photosynthesis"' in reply.content


async def test_a_lone_match_comes_with_the_sentence_after_it(model: LocalTutorModel) -> None:
    reply = await model.reply(prompt("Tell me about the mitochondria"))

    assert "This happens in the mitochondria. Respiration uses oxygen" in reply.content


async def test_every_answer_ends_with_a_guiding_question(model: LocalTutorModel) -> None:
    messages = [
        "What does chlorophyll do?",
        "What is the capital of France?",
        "Write a 30-second script summarising this lesson",
        "why?",
    ]
    for message in messages:
        reply = await model.reply(prompt(message))
        assert reply.content.rstrip().endswith("?"), message


async def test_the_guiding_question_is_about_the_topic_asked(model: LocalTutorModel) -> None:
    reply = await model.reply(prompt("What does chlorophyll do?"))

    last_line = reply.content.splitlines()[-1]
    assert "chlorophyll" in last_line


async def test_it_says_so_when_the_material_does_not_cover_the_question(
    model: LocalTutorModel,
) -> None:
    reply = await model.reply(prompt("Who painted the Mona Lisa?"))

    assert "could not find this in the course material" in reply.content
    assert '"Photosynthesis", "Cellular respiration", "Mitosis"' in reply.content
    assert "glucose" not in reply.content


async def test_without_material_it_does_not_guess(model: LocalTutorModel) -> None:
    reply = await model.reply(prompt("What does chlorophyll do?", passages=[]))

    assert "do not have any course material" in reply.content
    assert reply.content.endswith("?")


async def test_a_short_follow_up_uses_the_previous_question(model: LocalTutorModel) -> None:
    history = [
        ChatTurn("user", "What does chlorophyll do?"),
        ChatTurn("assistant", "It absorbs light."),
    ]

    reply = await model.reply(prompt("Why?", history=history))

    assert "Chlorophyll in the leaves absorbs the light." in reply.content


async def test_a_request_for_a_script_summarises_the_lessons(model: LocalTutorModel) -> None:
    reply = await model.reply(
        prompt("Write a 30-second script summarising this lesson", passages=[PHOTOSYNTHESIS])
    )

    assert reply.content.startswith("Here is a short summary of the lesson material.")
    assert "Photosynthesis is how plants make their food." in reply.content
    assert "could not find" not in reply.content


async def test_a_summary_of_a_named_lesson_keeps_to_that_lesson(model: LocalTutorModel) -> None:
    reply = await model.reply(prompt("Summarise the lesson on mitosis"))

    assert '"Mitosis" in short: Mitosis is cell division' in reply.content
    assert "Photosynthesis" not in reply.content


async def test_images_are_acknowledged(model: LocalTutorModel) -> None:
    images = [ImagePart("image/png", b"a"), ImagePart("image/jpeg", b"b")]

    reply = await model.reply(prompt("What does chlorophyll do?", images=images))

    assert reply.content.startswith("I received 2 images (image/png, image/jpeg)")
    assert "Chlorophyll in the leaves absorbs the light." in reply.content


async def test_the_reply_metadata(model: LocalTutorModel) -> None:
    question = prompt("What does chlorophyll do?")

    reply = await model.reply(question)

    assert (reply.provider, reply.model_id, reply.finish_reason) == ("local", MODEL_ID, "stop")
    assert reply.tokens_out == len(reply.content.split())
    words_sent = [question.system_prompt, question.message] + [p.text for p in PASSAGES]
    assert reply.tokens_in == sum(len(text.split()) for text in words_sent)


async def test_it_streams_one_word_at_a_time(model: LocalTutorModel) -> None:
    items = [item async for item in model.stream(prompt("What does chlorophyll do?"))]

    *deltas, final = items
    assert isinstance(final, TutorReply)
    texts = [d.text for d in deltas if isinstance(d, TextDelta)]
    assert len(texts) == len(deltas) == len(final.content.split())
    assert all(len(text.split()) == 1 for text in texts)
    assert texts[0] == "Here "
    assert "".join(texts) == final.content


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
