"""``AssessmentFacade`` (for other contexts): the same rules as the HTTP API.

Runs in the SQLite pass only: what it checks is the HTTP side (routing, validation,
authorization, error bodies, serialization) over repositories whose database-specific behaviour
the repository contracts and the `both_databases` tests cover on PostgreSQL too."""

from uuid import UUID

import msgspec
import pytest
from litestar import Litestar

from tests.integration.accounts import Client, in_app_loop
from tests.integration.assessment.conftest import Classroom
from tutor_platform.assessment.api import AssessmentFacade, LessonMasteryInfo
from tutor_platform.shared.auth import Principal
from tutor_platform.shared.errors import NotFound, PremiumRequired
from tutor_platform.shared.ids import new_id


async def test_the_facade_lists_and_submits_quizzes_with_the_callers_rights(
    app: Litestar, client: Client, classroom: Classroom
) -> None:
    facade: AssessmentFacade = app.state.container.assessment.facade()
    student = Principal(user_id=new_id(), role="student", plan="free")
    quiz_id = UUID(classroom.quiz["id"])
    tf = classroom.question("true_false")

    quizzes = in_app_loop(client, lambda: facade.list_quizzes(student, UUID(classroom.course.id)))
    score = in_app_loop(client, lambda: facade.submit_quiz(student, quiz_id, {tf: True}))

    assert [(q.title, q.question_count) for q in quizzes] == [("Checkpoint", 5)]
    assert (quizzes[0].attempts_used, quizzes[0].best_score) == (0, None)
    assert (score.score, score.passed, score.number) == (0.1428, False, 1)
    assert (score.points, score.max_points, score.status) == (1.0, 7, "graded")
    after = in_app_loop(client, lambda: facade.list_quizzes(student, UUID(classroom.course.id)))
    assert (after[0].attempts_used, after[0].best_score) == (1, 0.1428)
    mastery = in_app_loop(client, lambda: facade.get_mastery(student, UUID(classroom.course.id)))
    first = mastery[0]
    assert (first.lesson_id, first.evidence) == (UUID(classroom.course.lesson_ids[0]), 1)
    assert msgspec.json.decode(msgspec.json.encode(first), type=LessonMasteryInfo) == first
    with pytest.raises(NotFound):
        in_app_loop(
            client,
            lambda: facade.get_mastery(student, UUID(classroom.course.id), new_id()),
        )
    with pytest.raises(NotFound):
        in_app_loop(client, lambda: facade.list_quizzes(student, new_id()))


async def test_the_facade_refuses_a_premium_quiz_to_a_free_learner(
    app: Litestar, client: Client, classroom: Classroom
) -> None:
    facade: AssessmentFacade = app.state.container.assessment.facade()
    teacher = Principal(user_id=new_id(), role="admin", plan="free")
    student = Principal(user_id=new_id(), role="student", plan="free")
    course_id = UUID(classroom.course.id)
    quizzes = in_app_loop(client, lambda: facade.list_quizzes(teacher, course_id))
    patched = await client.patch(
        f"/api/v1/quizzes/{quizzes[0].id}",
        json={"is_premium": True},
        headers=classroom.teacher.headers,
    )
    assert patched.status_code == 200

    with pytest.raises(PremiumRequired):
        in_app_loop(client, lambda: facade.submit_quiz(student, quizzes[0].id, {}))
