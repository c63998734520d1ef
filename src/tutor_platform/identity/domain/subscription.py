"""Plans and subscriptions: which plan a user really has at a given moment."""

from dataclasses import dataclass
from datetime import datetime

from tutor_platform.shared.auth import Plan


@dataclass(frozen=True, slots=True)
class Subscription:
    """The plan a user subscribed to, from ``started_at`` until ``ends_at`` (``None``: no end)."""

    plan: Plan
    started_at: datetime
    ends_at: datetime | None = None

    def is_active(self, now: datetime) -> bool:
        """Whether the subscription still runs at ``now``."""
        return self.ends_at is None or now < self.ends_at

    def effective_plan(self, now: datetime) -> Plan:
        """The plan in force at ``now``: an ended subscription falls back to free."""
        return self.plan if self.is_active(now) else Plan.FREE


def change_plan(
    current: Subscription, plan: Plan, ends_at: datetime | None, now: datetime
) -> Subscription:
    """Switch to ``plan`` until ``ends_at``; a running subscription of that plan keeps its start."""
    same_running = plan == current.plan and current.is_active(now)
    return Subscription(
        plan=plan, started_at=current.started_at if same_running else now, ends_at=ends_at
    )
