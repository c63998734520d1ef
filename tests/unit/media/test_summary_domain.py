"""The rules behind summaries: what gets spoken, how a lesson is cut into passages, when each
video card is on screen, who may do what, and how job payloads are read back."""

from uuid import uuid4

import pytest

from tutor_platform.media.application.support.lesson_jobs import DraftJob, SummaryJob
from tutor_platform.media.domain.lesson_access import (
    LessonAccess,
    ensure_can_author,
    ensure_can_read_summaries,
    ensure_can_request_summary,
)
from tutor_platform.media.domain.lesson_errors import LessonNotFound, NotCourseEditor
from tutor_platform.media.domain.lesson_material import LessonMaterial, lesson_passages
from tutor_platform.media.domain.narration import narration_script, speech_seconds
from tutor_platform.media.domain.video_plan import VideoPlan, card_timeline
from tutor_platform.shared.auth import Principal
from tutor_platform.shared.errors import PremiumRequired
from tutor_platform.shared.prose import split_sentences

FREE = Principal(uuid4(), "student", "free")
PREMIUM = Principal(uuid4(), "student", "premium")


def test_a_script_keeps_whole_sentences_up_to_the_word_limit() -> None:
    text = "One two three. Four five six. Seven eight nine ten."

    assert narration_script(text, max_words=6) == "One two three. Four five six."
    assert narration_script(text, max_words=2) == ""
    assert narration_script("Far too long a sentence. Fits.", max_words=3) == "Fits."
    assert narration_script("   ", max_words=5) == ""


def test_a_script_says_only_whole_plain_sentences_of_the_prose() -> None:
    answer = (
        "# Cell energy\n\nCells need energy, e.g. sugar, to live. They make ATP.\n\n"
        "| Part | Job |\n|---|---|\n| Mitochondria | make ATP |\n\n"
        "- Mitochondria have their own DNA\n- ATP\n1. **Muscles** use a lot of it.\n\n"
        "```python\n# not spoken\nprint('x')\n```\nAnd then the model was cut off in the"
    )

    script = narration_script(answer)

    assert split_sentences(script) == [
        "Cells need energy, e.g. sugar, to live.",
        "They make ATP.",
        "Mitochondria have their own DNA.",
        "Muscles use a lot of it.",
    ]
    assert narration_script("A script without a full stop") == "A script without a full stop."


def test_speech_takes_about_150_words_a_minute() -> None:
    assert speech_seconds("word " * 150) == pytest.approx(60.0)


def test_a_lesson_is_cut_into_passages_at_its_headings_but_not_inside_code() -> None:
    content = "Intro text.\n\n# Part one\nFirst.\n\n```\n# not a heading\n```\n## Part two\nSecond."
    material = LessonMaterial(uuid4(), uuid4(), "Course", "Lesson", content, ())

    passages = lesson_passages(material)

    assert [(p.title, p.text, p.heading_line) for p in passages] == [
        ("Lesson", "Intro text.", None),
        ("Lesson: Part one", "First.\n\n```\n# not a heading\n```", "# Part one"),
        ("Lesson: Part two", "Second.", "## Part two"),
    ]
    assert {p.lesson_id for p in passages} == {material.lesson_id}


def test_an_empty_lesson_is_one_passage_of_its_title() -> None:
    material = LessonMaterial(uuid4(), uuid4(), "Course", "Lesson", "  ", ())

    assert [(p.title, p.text) for p in lesson_passages(material)] == [("Lesson", "Lesson")]


def test_the_cards_cover_the_narration_end_to_end_in_proportion_to_their_text() -> None:
    plan = VideoPlan("Course", "Lesson", ("Short.", "A caption three times longer."))

    title, first, second = card_timeline(plan, 30.0)

    assert (title.kind, title.heading, title.text) == ("title", "Course", "Lesson")
    assert (title.start, title.end) == (0.0, 3.0)
    assert (first.start, second.end) == (3.0, 30.0)
    assert first.end == second.start
    assert second.duration / first.duration == pytest.approx(29 / 6)
    assert {first.heading, second.heading} == {"Lesson"}


def test_a_short_narration_gives_the_title_a_quarter_and_no_captions_all_of_it() -> None:
    short = card_timeline(VideoPlan("C", "L", ("Caption.",)), 4.0)
    untitled = card_timeline(VideoPlan("C", "L", ()), 4.0)

    assert [(c.start, c.end) for c in short] == [(0.0, 1.0), (1.0, 4.0)]
    assert [(c.kind, c.start, c.end) for c in untitled] == [("title", 0.0, 4.0)]
    with pytest.raises(ValueError, match="positive"):
        card_timeline(VideoPlan("C", "L", ()), 0.0)


def access(*, premium: bool = False, visible: bool = True, editable: bool = False) -> LessonAccess:
    return LessonAccess(uuid4(), uuid4(), premium, visible, editable)


def test_summary_rules() -> None:
    ensure_can_read_summaries(None, access())
    ensure_can_read_summaries(PREMIUM, access(premium=True))
    ensure_can_read_summaries(FREE, access(premium=True, editable=True))
    ensure_can_request_summary(PREMIUM, access(premium=True))
    ensure_can_request_summary(FREE, access(editable=True))
    with pytest.raises(PremiumRequired):
        ensure_can_read_summaries(FREE, access(premium=True))
    with pytest.raises(PremiumRequired):
        ensure_can_request_summary(FREE, access())
    with pytest.raises(LessonNotFound):
        ensure_can_read_summaries(PREMIUM, access(visible=False))
    with pytest.raises(LessonNotFound):
        ensure_can_request_summary(PREMIUM, access(visible=False))


def test_drafts_belong_to_the_course_editors_whether_or_not_the_course_is_visible() -> None:
    ensure_can_author(access(editable=True, visible=False))
    for denied in (access(), access(visible=False)):
        with pytest.raises(NotCourseEditor):
            ensure_can_author(denied)


def test_job_payloads_read_back_to_the_same_job() -> None:
    job_id, lesson_id, user_id = uuid4(), uuid4(), uuid4()

    summary = SummaryJob.parse(job_id, SummaryJob.payload(lesson_id, "video", user_id))
    draft = DraftJob.parse(job_id, DraftJob.payload(lesson_id, None, user_id))

    assert summary == SummaryJob(job_id, lesson_id, "video", user_id)
    assert draft == DraftJob(job_id, lesson_id, None, user_id)


@pytest.mark.parametrize(
    "payload",
    [
        {},
        {"lesson_id": "not-a-uuid", "kind": "audio", "requested_by": str(uuid4())},
        {"lesson_id": str(uuid4()), "kind": "podcast", "requested_by": str(uuid4())},
        {"lesson_id": str(uuid4()), "kind": "audio", "requested_by": 7},
    ],
)
def test_a_malformed_summary_payload_is_refused(payload: dict[str, object]) -> None:
    with pytest.raises(ValueError):  # noqa: PT011 - each payload is malformed differently
        SummaryJob.parse(uuid4(), payload)


def test_a_malformed_draft_payload_is_refused() -> None:
    payload = {"lesson_id": str(uuid4()), "instructions": 3, "requested_by": str(uuid4())}

    with pytest.raises(ValueError, match="instructions"):
        DraftJob.parse(uuid4(), payload)
