"""An author's tree with five kinds of mistake in four files: one run reports all five.

`tests/fixtures/mixed` holds an exercise that fails to parse (and that a programme and another
exercise refer to), an exercise with a duplicate key and a misspelt waste id, an exercise with a
misspelt field, and a programme whose first session overruns. Before, the author met them over
three runs: the syntax error alone, then the structure, then the references and agendas.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from tests.conftest import FIXTURES

MIXED = FIXTURES / "mixed"
EVERY_MISTAKE = [
    "docs/exercises/five-whys.yml:1:17: error: the text 'Five whys: finding the cause' contains ': ', which makes"
    """ it read as a field and its value (put the whole text in quotes: title: "Five whys: finding the cause")""",
    "docs/exercises/limit-the-work.yml:9:1: error: duplicate key 'difficulty' (first given on line 7; keep one)",
    "docs/exercises/limit-the-work.yml:14:10: error: no waste has the id 'waitng' (did you mean 'waiting'?)",
    "docs/exercises/sort-the-requests.yml:19:1: error: unknown field 'debreif' (did you mean 'debrief'?)",
    "docs/programmes/two-weeks.yml:9:13: error: the session's agenda takes 35 minutes but its length is 30"
    " (cut 5 minutes or lengthen the session)",
]


def _run(*command: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, *command],
        cwd=MIXED,
        capture_output=True,
        text=True,
        timeout=300,
        env={**os.environ, "PYTHONPATH": str(Path(__file__).parents[1]), "NO_MKDOCS_2_WARNING": "1"},
    )


def test_playbook_check_reports_the_five_mistakes_in_one_run() -> None:
    result = _run("-c", "from playbook.cli import main; main()", "check", "--docs", "docs")
    assert result.returncode == 1
    assert result.stdout.splitlines() == EVERY_MISTAKE
    assert result.stderr == "5 errors found.\n"


def test_mkdocs_build_strict_reports_the_five_mistakes_in_one_run(tmp_path: Path) -> None:
    result = _run("-m", "mkdocs", "build", "--strict", "-d", str(tmp_path / "site"))
    assert result.returncode == 1
    logged = [line.removeprefix("ERROR   -  ") for line in result.stderr.splitlines() if line.startswith("ERROR")]
    assert logged == [*EVERY_MISTAKE, "the playbook has 5 content errors"]
    assert "Traceback" not in result.stderr
