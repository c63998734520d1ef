"""Tutoring's domain rules: tutor fields, new messages, history trimming, feedback."""

from datetime import timedelta

import pytest

from tests.unit.tutoring.world import DEFAULT_MODELS, T0, admin, instructor, person
from tutor_platform.shared.errors import ValidationFailed
from tutor_platform.shared.ids import new_id
from tutor_platform.tutoring.domain.feedback import FeedbackInput, validate_feedback
from tutor_platform.tutoring.domain.history import trim_history
from tutor_platform.tutoring.domain.message import (
    STALE_CLAIM,
    Message,
    NewMessage,
    ReplyState,
    validate_new_message,
)
from tutor_platform.tutoring.domain.tutor import (
    Tutor,
    TutorFields,
    apply_fields,
    can_edit_tutor,
    cleaned_fields,
)


def fields_of(error: pytest.ExceptionInfo[ValidationFailed]) -> list[str]:
    return [e.field for e in error.value.errors]


def a_tutor(**overrides: object) -> Tutor:
    values: dict[str, object] = {
        "id": new_id(),
        "name": "Pip",
        "provider": "local",
        "model_id": "local-1",
        "created_by": new_id(),
        "created_at": T0,
        "updated_at": T0,
    }
    values.update(overrides)
    return Tutor(**values)  # type: ignore[arg-type]


def test_tutor_fields_are_trimmed() -> None:
    given = TutorFields(name="  Pip  ", model_id=" m-1 ", knowledge_base_id=" kb ")
    cleaned = cleaned_fields(given)
    assert (cleaned.name, cleaned.model_id, cleaned.knowledge_base_id) == ("Pip", "m-1", "kb")


def test_every_bad_tutor_field_is_named() -> None:
    with pytest.raises(ValidationFailed) as error:
        cleaned_fields(
            TutorFields(
                name="   ",
                description="d" * 2001,
                provider="mistral",
                model_id="",
                system_prompt="s" * 20_001,
                temperature=2.5,
            )
        )
    assert fields_of(error) == [
        "name",
        "description",
        "provider",
        "model_id",
        "system_prompt",
        "temperature",
    ]


@pytest.mark.parametrize("temperature", [0.0, 0.7, 2.0])
def test_temperatures_from_0_to_2_are_accepted(temperature: float) -> None:
    assert cleaned_fields(TutorFields(temperature=temperature)).temperature == temperature


def test_a_new_provider_brings_its_default_model_unless_one_is_given() -> None:
    tutor = a_tutor()
    apply_fields(tutor, TutorFields(provider="gemini"), DEFAULT_MODELS)
    assert (tutor.provider, tutor.model_id) == ("gemini", "gemini-x")
    apply_fields(tutor, TutorFields(provider="ai_core", model_id="big-1"), DEFAULT_MODELS)
    assert (tutor.provider, tutor.model_id) == ("ai_core", "big-1")


def test_an_empty_knowledge_base_id_clears_it() -> None:
    tutor = a_tutor(knowledge_base_id="kb-1")
    apply_fields(tutor, TutorFields(knowledge_base_id=""), DEFAULT_MODELS)
    assert tutor.knowledge_base_id is None


def test_who_may_change_a_tutor() -> None:
    creator = instructor()
    tutor = a_tutor(created_by=creator.user_id)
    assert can_edit_tutor(creator, tutor, edits_course=False)
    assert can_edit_tutor(admin(), tutor, edits_course=False)
    assert can_edit_tutor(instructor(), tutor, edits_course=True)
    assert not can_edit_tutor(instructor(), tutor, edits_course=False)
    assert not can_edit_tutor(person(), tutor, edits_course=False)
    assert not can_edit_tutor(None, tutor, edits_course=False)


@pytest.mark.parametrize(
    ("message", "fields"),
    [
        (NewMessage(" \n "), ["content"]),
        (NewMessage("x" * 8001), ["content"]),
        (NewMessage("hi", tuple(new_id() for _ in range(11))), ["attachments"]),
        (NewMessage("hi", (file := new_id(), file)), ["attachments"]),
        (NewMessage("hi", client_message_id="k" * 65), ["client_message_id"]),
        (NewMessage("", client_message_id=""), ["content", "client_message_id"]),
    ],
)
def test_bad_new_messages_name_their_fields(message: NewMessage, fields: list[str]) -> None:
    with pytest.raises(ValidationFailed) as error:
        validate_new_message(message)
    assert fields_of(error) == fields


def test_a_good_new_message_passes() -> None:
    validate_new_message(NewMessage("x" * 8000, (new_id(),), "k" * 64))


def message(content: str, minutes: int = 0) -> Message:
    return Message(new_id(), new_id(), "user", content, T0 + timedelta(minutes=minutes))


def test_history_keeps_the_newest_messages_within_the_budget() -> None:
    history = [message("one two three", 1), message("four five", 2), message("six", 3)]
    assert [m.content for m in trim_history(history, 3)] == ["four five", "six"]
    assert [m.content for m in trim_history(history, 6)] == [m.content for m in history]
    assert trim_history(history, 0) == []


def test_history_never_skips_a_message_to_fit_an_older_one() -> None:
    history = [message("a", 1), message("b c d e f", 2), message("g", 3)]
    assert [m.content for m in trim_history(history, 3)] == ["g"]


def test_a_reply_may_be_claimed_when_unanswered_or_pending_too_long() -> None:
    question = message("q")
    question.reply_state = ReplyState.UNANSWERED
    assert question.may_claim_reply(T0)
    question.reply_state, question.reply_claimed_at = ReplyState.PENDING, T0
    assert not question.may_claim_reply(T0 + STALE_CLAIM - timedelta(seconds=1))
    assert question.may_claim_reply(T0 + STALE_CLAIM)


@pytest.mark.parametrize(
    ("given", "fields"),
    [
        (FeedbackInput("detailed"), ["rating"]),
        (FeedbackInput("detailed", rating=6), ["rating"]),
        (FeedbackInput("quick"), ["quick_reaction"]),
        (FeedbackInput("quick", rating=4, quick_reaction="clear"), ["rating"]),
        (FeedbackInput("quick", quick_reaction="meh"), ["quick_reaction"]),
        (FeedbackInput("loud", rating=3), ["feedback_type"]),
        (FeedbackInput("detailed", rating=3, positive_text="p" * 2001), ["positive_text"]),
        (FeedbackInput("detailed", rating=3, improvement_text="i" * 2001), ["improvement_text"]),
    ],
)
def test_bad_feedback_names_its_fields(given: FeedbackInput, fields: list[str]) -> None:
    with pytest.raises(ValidationFailed) as error:
        validate_feedback(given)
    assert fields_of(error) == fields


def test_good_feedback_passes() -> None:
    validate_feedback(FeedbackInput("detailed", rating=5, positive_text="p" * 2000))
    validate_feedback(FeedbackInput("quick", quick_reaction="need_examples"))
