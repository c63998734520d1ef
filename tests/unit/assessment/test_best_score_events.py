"""The best score reaches learning's progress as a ``BestScoreChanged`` event that the
attempt's unit of work publishes with its commit, and only then."""

from decimal import Decimal
from functools import partial

import pytest
from dependency_injector import providers

from tests.support.events import Published
from tests.unit.assessment.world import World, choice, person
from tutor_platform.assessment.adapters.outbound.memory.unit_of_work import (
    InMemoryAssessmentUnitOfWork,
)
from tutor_platform.assessment.domain.errors import AttemptsExhausted
from tutor_platform.assessment.domain.events import BestScoreChanged


async def test_a_stored_attempt_publishes_the_best_score_a_refused_one_nothing() -> None:
    world = World()
    quiz = await world.quiz(choice(), max_attempts=1)
    published = Published()
    factory = partial(InMemoryAssessmentUnitOfWork, world.store, published)
    learner = person()
    with world.container.uow_factory.override(providers.Object(factory)):
        submit = world.container.submit_attempt()
        await submit.execute(learner, quiz.id, {str(quiz.questions[0].id): "b"})
        with pytest.raises(AttemptsExhausted):
            await submit.execute(learner, quiz.id, {})
    assert published.events == [
        BestScoreChanged(learner.user_id, quiz.course_id, quiz.id, Decimal(1))
    ]
    assert world.progress.recorded == []
