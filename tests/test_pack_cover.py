"""A programme's pack opens with a cover: the programme, its audience, each session's agenda with
start times, and the worksheets that follow. Expectations are worked out from the content by the
rules in tests/pack_facts.py, which the printed pack's tests share."""

from __future__ import annotations

import html
import re
from pathlib import Path

import yaml

from playbook.catalog import load_playbook
from playbook.render import Renderer
from playbook.site import Licence, Site
from tests.conftest import MINIMAL
from tests.pack_facts import agenda

PACK = "programmes/two-weeks/pack.md"
AGENDA_ROW = re.compile(r"<tr><td>([^<]*)</td><td>([^<]*)</td><td>(\d+) min</td></tr>")


def render(docs: Path) -> dict[str, str]:
    playbook = load_playbook(docs)
    site = Site("https://example.org/pb/", licence=Licence("CC BY-SA 4.0"))
    return {page.path: page.markdown for page in Renderer(playbook, site).pages()}


def agenda_rows(pack: str) -> list[tuple[str, str, int]]:
    return [(time, html.unescape(title), int(minutes)) for time, title, minutes in AGENDA_ROW.findall(pack)]


def test_the_cover_shows_every_agenda_item_in_order_with_its_start_time_and_minutes() -> None:
    pack = render(MINIMAL / "docs")[PACK]
    assert agenda_rows(pack) == agenda(load_playbook(MINIMAL / "docs"), "two-weeks")
    assert agenda_rows(pack) == [
        ("14:00", "Welcome", 5),
        ("14:05", "Sort the requests", 30),
        ("+0:00", "Limit the work", 20),
    ]


def test_a_longer_programme_counts_on_across_sessions_overrides_and_midnight(minimal_copy: Path) -> None:
    docs = minimal_copy / "docs"
    (docs / "programmes" / "two-weeks.yml").write_text(
        """\
title: Two weeks of lean
summary: Three sessions.
audience: A new L&D team.
outcomes: [Sort requests by value.]
sessions:
  - slot: Day 1
    title: Late start
    starts_at: "23:30"
    length: 120
    question: Who are our customers?
    agenda:
      - activity: Welcome
        minutes: 15
      - exercise: sort-the-requests
        minutes: 40
      - exercise: limit-the-work
      - activity: Close
        minutes: 10
  - slot: Day 2
    title: No clock
    length: 90
    question: Where does work wait?
    agenda:
      - activity: Recap
        minutes: 25
      - exercise: sort-the-requests
  - slot: Day 3
    title: Morning
    starts_at: "09:05"
    length: 30
    question: What next?
    agenda:
      - exercise: limit-the-work
""",
        encoding="utf-8",
    )
    pack = render(docs)[PACK]

    rows = agenda_rows(pack)
    assert rows == agenda(load_playbook(docs), "two-weeks")
    assert [time for time, _, _ in rows] == ["23:30", "23:45", "00:25", "00:45", "+0:00", "+0:25", "09:05"]
    # Each session heads its own rows, in the YAML's order.
    sessions = [
        pack.index(f"{slot}: {title}")
        for slot, title in [("Day 1", "Late start"), ("Day 2", "No clock"), ("Day 3", "Morning")]
    ]
    assert sessions == sorted(sessions)
    assert pack.index("Day 2: No clock") < pack.index("<td>+0:25</td>") < pack.index("Day 3: Morning")
    assert "starts 23:30, 2 h" in pack and "· 1 h 30 min" in pack  # no start time: the length alone


def test_the_cover_comes_first_with_the_audience_and_lists_the_worksheets_that_follow() -> None:
    pack = render(MINIMAL / "docs")[PACK]
    cover = pack.index('class="pb-cover"')
    sheets = [
        pack.index('id="exercise-sort-the-requests" data-sheet'),
        pack.index('id="exercise-limit-the-work" data-sheet'),
    ]
    assert cover < sheets[0] < sheets[1]

    head = pack[cover : sheets[0]]
    assert "# Two weeks of lean" in head
    assert "**Audience:** A new L&D team." in head
    contents = head.index("## Worksheets in this pack")
    assert head.index("1. [Sort the requests](#exercise-sort-the-requests)", contents) < head.index(
        "2. [Limit the work](#exercise-limit-the-work)", contents
    )
    # One page title: the sheets of a pack sit under the cover's.
    assert re.findall(r"(?m)^# ", pack) == ["# "]
    assert "## Sort the requests" in pack and "## Limit the work" in pack


def test_a_programme_that_runs_no_exercise_says_its_pack_holds_no_worksheet(minimal_copy: Path) -> None:
    docs = minimal_copy / "docs"
    source = docs / "programmes" / "two-weeks.yml"
    programme = yaml.safe_load(source.read_text(encoding="utf-8"))
    for session in programme["sessions"]:
        session["agenda"] = [{"activity": "Discussion", "minutes": 20}]
    source.write_text(yaml.safe_dump(programme, sort_keys=False), encoding="utf-8")
    pack = render(docs)[PACK]

    assert agenda_rows(pack) == agenda(load_playbook(docs), "two-weeks")
    contents = pack[pack.index("## Worksheets in this pack") :]
    assert "This programme's sessions run no exercise with a worksheet." in contents
    assert "data-sheet" not in pack and "Each worksheet starts on a new page." not in pack


def test_the_cover_prints_on_a_named_page_with_the_footer_every_sheet_has() -> None:
    pack = render(MINIMAL / "docs")[PACK]
    rule = re.search(r"@page pb-programme-two-weeks \{(.*?)\n\}", pack, re.S)
    assert rule, "the cover's named page"
    assert '"Two weeks of lean · Worksheet pack"' in rule.group(1)
    assert '"https://example.org/pb/programmes/two-weeks/pack/"' in rule.group(1)
    assert '"Licence CC BY-SA 4.0"' in rule.group(1)
    assert "Last reviewed" not in rule.group(1), "the fixture's programme gives no review date"
    assert 'style="page: pb-programme-two-weeks"' in pack


def test_the_cover_footer_gives_the_programme_review_date_when_there_is_one(minimal_copy: Path) -> None:
    source = minimal_copy / "docs" / "programmes" / "two-weeks.yml"
    source.write_text(source.read_text(encoding="utf-8") + "last_reviewed: 2026-03-01\n", encoding="utf-8")
    pack = render(minimal_copy / "docs")[PACK]
    rule = re.search(r"@page pb-programme-two-weeks \{(.*?)\n\}", pack, re.S)
    assert rule and '"Last reviewed 2026-03-01"' in rule.group(1)


def test_an_exercise_worksheet_has_no_cover() -> None:
    sheet = render(MINIMAL / "docs")["exercises/sort-the-requests/worksheet.md"]
    assert "pb-cover" not in sheet and "# Sort the requests" in sheet
