"""A frozen clock for tests of anything that happens at a time (scheduling, expiry).

``django.utils.timezone.now`` is replaced, process-wide: the workflow, the task
queue's ``run_after``, the worker's choice of due tasks and a live server's thread
all read it, so “an hour later” is a step of the clock, not a wait.
"""

from datetime import datetime, timedelta

from django.utils import timezone


class Clock:
    """A clock that stands still until the test moves it."""

    def __init__(self, now: datetime):
        self.now = now

    def __call__(self) -> datetime:
        return self.now

    def advance(self, **delta: float) -> None:
        self.now += timedelta(**delta)


def frozen_clock(monkeypatch, start: datetime) -> Clock:
    """Stop ``timezone.now`` at ``start`` for the rest of the test."""
    clock = Clock(start)
    monkeypatch.setattr(timezone, "now", clock)
    return clock
