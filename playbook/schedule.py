"""Programme agendas: start times and totals computed from the exercises' durations."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from playbook.model import ExerciseItem, Session


@dataclass(frozen=True)
class Slot:
    """One line of a session's agenda."""

    offset: int  # minutes from the start of the session
    minutes: int
    title: str
    exercise: str | None  # the exercise id, or None for an activity such as a break
    starts_at: str  # "09:40" when the session has a start time, else "+0:40"


@dataclass(frozen=True)
class Agenda:
    slots: tuple[Slot, ...]
    total: int
    length: int

    @property
    def overrun(self) -> int:
        return max(0, self.total - self.length)

    @property
    def spare(self) -> int:
        return max(0, self.length - self.total)


def clock(minutes_since_midnight: int) -> str:
    hours, minutes = divmod(minutes_since_midnight % (24 * 60), 60)
    return f"{hours:02d}:{minutes:02d}"


def elapsed(minutes: int) -> str:
    hours, rest = divmod(minutes, 60)
    return f"{hours}:{rest:02d}"


def session_agenda(session: Session, exercises: Mapping[str, tuple[str, int]]) -> Agenda:
    """The agenda of one session; `exercises` maps an id to its title and duration.

    Unknown exercise ids are skipped here: the catalog reports them as errors.
    """
    start = None
    if session.starts_at:
        hours, minutes_past = session.starts_at.split(":")
        start = int(hours) * 60 + int(minutes_past)
    slots: list[Slot] = []
    offset = 0
    for item in session.agenda:
        if isinstance(item, ExerciseItem):
            if item.exercise not in exercises:
                continue
            title, duration = exercises[item.exercise]
            minutes, exercise = item.minutes or duration, item.exercise
        else:
            title, minutes, exercise = item.activity, item.minutes, None
        label = clock(start + offset) if start is not None else f"+{elapsed(offset)}"
        slots.append(Slot(offset, minutes, title, exercise, label))
        offset += minutes
    return Agenda(tuple(slots), offset, session.length)
