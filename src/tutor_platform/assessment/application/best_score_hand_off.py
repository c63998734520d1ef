"""The handler of ``BestScoreChanged``: the learner's best score goes to their progress."""

from tutor_platform.assessment.domain.events import BestScoreChanged
from tutor_platform.assessment.ports.courses import LearnerProgress


class BestScoreHandOff:
    """Runs after the attempt's commit: a failed hand-off is repaired by the next attempt."""

    def __init__(self, progress: LearnerProgress) -> None:
        self._progress = progress

    async def __call__(self, event: BestScoreChanged) -> None:
        await self._progress.record_best_score(
            event.user_id, event.course_id, event.quiz_id, event.score, replace=event.replace
        )
