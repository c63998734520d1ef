"""The offline model asked for a lesson draft or a narration: it cannot write new material, so
a draft is a clean Markdown outline of the lesson that names the instructions it did not carry
out, and a narration is a few plain whole sentences of the lesson."""

import re
from uuid import UUID

import pytest

from tutor_platform.ai.adapters.outbound.local.tutor_model import LocalTutorModel
from tutor_platform.ai.ports.model import CoursePassage, Task, TutorPrompt

LESSON_ID = UUID("0193a1b2-0000-7000-8000-0000000000aa")
TITLE = "Lists in Python"
CODE = "```python\n# a comment, not a heading\nnumbers = [1, 2, 3]  # three items\n```"
TABLE = "| Method | What it does |\n|--------|--------------|\n| `append` | adds one item |"


def passage(text: str, heading_line: str | None = None) -> CoursePassage:
    """A passage as media cuts a lesson: titled "Lesson: Heading", with its heading line."""
    title = TITLE
    if heading_line is not None:
        title = f"{TITLE}: {heading_line.lstrip('#').strip()}"
    return CoursePassage(LESSON_ID, title, text, heading_line=heading_line)


LESSON = [
    passage(
        "A **list** holds values in order. You write it with square brackets, e.g. `[1, 2]`.",
        "# Lists in Python",
    ),
    passage(
        f"{CODE}\n\n{TABLE}\n\n- Lists are **mutable**, so you can change them.\n- indexes",
        "## Making a list",
    ),
    passage(
        "Use `numbers[1:]` to skip the first item. Slices make a copy, which is safe to change.",
        "### Slicing",
    ),
    passage("```\nonly code here\n```", "## Only code"),
    passage(TABLE, "## Only a table"),
]


@pytest.fixture
def model() -> LocalTutorModel:
    return LocalTutorModel()


async def written(
    model: LocalTutorModel,
    task: Task,
    *,
    message: str = "Write a new draft of the lesson.",
    instructions: str | None = None,
    max_output_tokens: int | None = None,
    passages: list[CoursePassage] = LESSON,
) -> str:
    reply = await model.reply(
        TutorPrompt(
            system_prompt="You help an instructor.",
            message=message,
            passages=passages,
            task=task,
            instructions=instructions,
            max_output_tokens=max_output_tokens,
        )
    )
    return reply.content


def assert_well_formed(markdown: str) -> None:
    """Fences and ``**`` balanced, inline code closed on each line."""
    assert markdown.count("```") % 2 == 0
    assert markdown.count("**") % 2 == 0
    for line in markdown.splitlines():
        assert line.count("`") % 2 == 0, line


async def test_a_draft_is_an_outline_of_the_lessons_headings_and_key_points(
    model: LocalTutorModel,
) -> None:
    draft = await written(model, "draft")

    headings = [line for line in draft.splitlines() if line.startswith("#")]
    assert headings == [
        "# Lists in Python",
        "## Making a list",
        "### Slicing",
        "## Only code",
        "## Only a table",
    ]
    section = draft.split("## Making a list\n\n")[1].split("\n\n")[0]
    assert section == "- Lists are **mutable**, so you can change them."
    assert "- A **list** holds values in order." in draft
    assert "- You write it with square brackets, e.g. `[1, 2]`." in draft
    assert "- Use `numbers[1:]` to skip the first item." in draft
    assert_well_formed(draft)


async def test_a_draft_never_quotes_code_or_tables_or_cuts_them(model: LocalTutorModel) -> None:
    draft = await written(model, "draft")

    assert "a comment, not a heading" not in draft
    assert "|" not in draft
    assert "```" not in draft
    assert "## Only code\n\n- A code example." in draft
    assert "## Only a table\n\n- `append`" in draft
    for line in draft.splitlines():
        if line.startswith("- "):
            assert re.search(r"[.!?]$", line) or re.fullmatch(r"- (`[^`]+`|\*\*[^*]+\*\*)", line)


async def test_a_draft_names_the_instructions_it_could_not_carry_out(
    model: LocalTutorModel,
) -> None:
    draft = await written(
        model, "draft", instructions="Add a worked example.\n- Make it *much* shorter."
    )

    closing = draft.split("\n\n")[-1]
    assert closing == (
        "This draft is an outline of the current lesson. The offline model cannot write new "
        "material, so these instructions were not carried out: “Add a worked example” and "
        "“Make it much shorter”."
    )
    assert_well_formed(draft)


async def test_without_instructions_a_draft_says_it_is_an_outline(model: LocalTutorModel) -> None:
    draft = await written(model, "draft")

    assert draft.split("\n\n")[-1] == (
        "The offline model cannot write new material, so this draft is an outline of the "
        "current lesson: its sections and their key points."
    )
    assert "not carried out" not in draft


async def test_a_lesson_without_headings_is_outlined_under_its_title(
    model: LocalTutorModel,
) -> None:
    lesson = [CoursePassage(LESSON_ID, "Cell energy", "Cells need energy. Mitochondria make ATP.")]

    draft = await written(model, "draft", passages=lesson)

    assert draft.startswith(
        "# Cell energy\n\n- Cells need energy.\n- Mitochondria make ATP.\n\nThe offline model"
    )


MARKDOWN_CHARACTERS = re.compile(r"#|\*\*|`|\||^\s*[-*+] |^\s*\d+[.)] |^>", re.MULTILINE)


async def test_a_narration_is_plain_whole_sentences_of_the_lesson(model: LocalTutorModel) -> None:
    script = await written(model, "narration", message="A script in at most 150 words.")

    assert script == (
        "Here is a short summary of the lesson Lists in Python. A list holds values in order. "
        "You write it with square brackets, e.g. [1, 2]. Lists are mutable, so you can change "
        "them. Use numbers[1:] to skip the first item. Slices make a copy, which is safe to "
        "change."
    )
    assert not MARKDOWN_CHARACTERS.search(script)
    assert "\n" not in script
    assert script.endswith(".")


async def test_a_narration_takes_each_sections_first_sentence_before_any_second(
    model: LocalTutorModel,
) -> None:
    sections = [
        passage(" ".join(f"Part {part} sentence {n} is here." for n in range(1, 5)), heading)
        for part, heading in enumerate(["# Lists in Python", "## Two", "## Three", "## Four"])
    ]

    script = await written(model, "narration", passages=sections)

    assert script.split(". ")[1:] == [
        "Part 0 sentence 1 is here",
        "Part 0 sentence 2 is here",
        "Part 1 sentence 1 is here",
        "Part 1 sentence 2 is here",
        "Part 2 sentence 1 is here",
        "Part 3 sentence 1 is here.",
    ]


async def test_a_narration_keeps_within_the_length_asked_for(model: LocalTutorModel) -> None:
    long = " ".join(f"Sentence number {n} of this lesson is here." for n in range(60))
    lesson = [passage(long, "# Lists in Python"), passage(long, "## More")]

    asked = await written(model, "narration", message="At most 20 words.", passages=lesson)
    capped = await written(model, "narration", max_output_tokens=12, passages=lesson)
    default = await written(model, "narration", message="A script.", passages=lesson)

    assert len(asked.split()) <= 20
    assert len(capped.split()) <= 12
    assert 20 < len(default.split()) <= 150
    for script in (asked, capped, default):
        assert script.endswith(".")
        assert not MARKDOWN_CHARACTERS.search(script)


async def test_text_tasks_keep_their_own_answer(model: LocalTutorModel) -> None:
    text = await written(model, "text", message="Write a short summary of the lesson.")

    assert text.startswith("- **Lists in Python")
    assert all(item.startswith("- **") and item.endswith(".") for item in text.split("\n"))
