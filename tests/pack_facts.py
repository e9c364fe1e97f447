"""What a programme's pack must hold, worked out from its content by the rules a trainer reads it
by: each agenda item's start time and minutes, and the exercises whose worksheets follow."""

from __future__ import annotations

from playbook.catalog import Playbook
from playbook.model import ExerciseItem

AgendaRow = tuple[str, str, int]  # an agenda item as the cover lists it: start time, title, minutes


def agenda(playbook: Playbook, programme_id: str) -> list[AgendaRow]:
    """Every agenda item of a programme, in order, with its start time and minutes.

    A session with a start time counts on the clock from it, past midnight too; one without
    shows the time elapsed since it began ("+0:20"). An exercise takes its own duration unless
    the agenda gives minutes.
    """
    rows = []
    for session in playbook.programmes[programme_id].model.sessions:
        offset = 0
        for item in session.agenda:
            if isinstance(item, ExerciseItem):
                exercise = playbook.exercises[item.exercise].model
                title, minutes = exercise.title, exercise.duration if item.minutes is None else item.minutes
            else:
                title, minutes = item.activity, item.minutes
            if session.starts_at:
                hours, mins = map(int, session.starts_at.split(":"))
                clock = hours * 60 + mins + offset
                start = f"{clock // 60 % 24:02d}:{clock % 60:02d}"
            else:
                start = f"+{offset // 60}:{offset % 60:02d}"
            rows.append((start, title, minutes))
            offset += minutes
    return rows


def pack_exercises(playbook: Playbook, programme_id: str) -> list[str]:
    """The exercises whose worksheets a programme's pack holds: each one its agendas run, once,
    in the order of first use."""
    sessions = playbook.programmes[programme_id].model.sessions
    return list(dict.fromkeys(item.exercise for s in sessions for item in s.agenda if isinstance(item, ExerciseItem)))
