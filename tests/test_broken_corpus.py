"""The broken corpus: every broken file gives its exact positioned error, all in one run.

`tests/fixtures/broken/expected.txt` holds the exact output of `playbook check` over the
corpus; each file's lines are checked on their own so that a failure names the case.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from collections import defaultdict
from pathlib import Path

import pytest

from playbook.catalog import load_playbook
from playbook.errors import ContentErrors

BROKEN = Path(__file__).parent / "fixtures" / "broken"
DOCS = BROKEN / "docs"
EXPECTED = (BROKEN / "expected.txt").read_text(encoding="utf-8").splitlines()
CASES = sorted(
    path.relative_to(BROKEN).as_posix()
    for path in DOCS.rglob("*")
    if path.is_file() and not path.name.startswith("base-")
)
_LINE = re.compile(r"^(?P<path>docs/[^:]+):(?P<line>\d+):(?P<column>\d+): error: (?P<message>.+)$")


def _by_file(lines: list[str]) -> dict[str, list[str]]:
    grouped: dict[str, list[str]] = defaultdict(list)
    for line in lines:
        match = _LINE.match(line)
        assert match, f"not a positioned error: {line!r}"
        grouped[match["path"]].append(line)
    return grouped


@pytest.fixture(scope="module")
def reported() -> list[str]:
    """Every error of the corpus, from one load of the whole tree."""
    with pytest.raises(ContentErrors) as caught:
        load_playbook(DOCS, root=BROKEN)
    return [str(error) for error in caught.value.errors]


def test_the_corpus_holds_at_least_fifty_broken_files() -> None:
    assert len(CASES) >= 50


def test_at_least_25_syntax_mistakes_are_each_explained_in_an_authors_words() -> None:
    syntax_cases = [case for case in CASES if Path(case).name.startswith("syntax-")]
    assert len(syntax_cases) >= 25
    for case in syntax_cases:
        for line in _by_file(EXPECTED)[case]:
            assert "YAML syntax:" not in line, f"{case} falls back to the parser's own words"
            assert "<block end>" not in line and "expected" not in _LINE.match(line)["message"]


def test_one_run_reports_exactly_the_expected_errors(reported: list[str]) -> None:
    assert reported == EXPECTED


@pytest.mark.parametrize("case", CASES)
def test_each_broken_file_gives_its_expected_error(case: str, reported: list[str]) -> None:
    expected = _by_file(EXPECTED).get(case, [])
    assert expected, f"{case} has no expected error in expected.txt"
    assert _by_file(reported).get(case, []) == expected


def test_the_valid_base_alone_loads_cleanly(tmp_path: Path) -> None:
    for base in DOCS.rglob("base-*"):
        target = tmp_path / base.relative_to(DOCS)
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(base, target)
    playbook = load_playbook(tmp_path)
    assert list(playbook.exercises) == ["base-exercise"]


def _check(*arguments: str) -> subprocess.CompletedProcess[str]:
    command = [sys.executable, "-c", "from playbook.cli import main; main()", "check", "--docs", "docs", *arguments]
    return subprocess.run(
        command,
        cwd=BROKEN,
        capture_output=True,
        text=True,
        timeout=60,
        env={**os.environ, "PYTHONPATH": str(Path(__file__).parents[1])},
    )


def test_playbook_check_prints_every_error_and_exits_1_without_a_traceback() -> None:
    result = _check()
    assert result.returncode == 1
    assert result.stdout.splitlines() == EXPECTED
    assert result.stderr == f"{len(EXPECTED)} errors found.\n"
    assert "Traceback" not in result.stdout + result.stderr


def test_github_format_puts_each_error_on_its_line_of_the_pull_request() -> None:
    result = _check("--format", "github")
    assert result.returncode == 1
    annotations = result.stdout.splitlines()
    assert len(annotations) == len(EXPECTED)
    for annotation, plain in zip(annotations, EXPECTED, strict=True):
        match = _LINE.match(plain)
        assert match
        assert annotation.startswith(
            f"::error file={match['path']},line={match['line']},col={match['column']},title=playbook::"
        )
        assert annotation.endswith(match["message"].replace("%", "%25"))
