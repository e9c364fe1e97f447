"""A smoke run of the benchmark at a tiny size: it works end to end. Timings are never asserted."""

from __future__ import annotations

import importlib
import sys
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType

import pytest
import yaml

from playbook.catalog import load_playbook

BENCHMARKS = Path(__file__).resolve().parent.parent / "benchmarks"


@pytest.fixture(scope="module")
def benchmarks() -> Iterator[tuple[ModuleType, ModuleType]]:
    sys.path.insert(0, str(BENCHMARKS))
    try:
        yield importlib.import_module("generate"), importlib.import_module("run")
    finally:
        sys.path.remove(str(BENCHMARKS))
        for name in ("generate", "run"):  # generic names: leave none behind for other tests
            sys.modules.pop(name, None)


def _words(value: object) -> int:
    if isinstance(value, str):
        return len(value.split())
    if isinstance(value, dict):
        return sum(_words(v) for v in value.values())
    if isinstance(value, list):
        return sum(_words(v) for v in value)
    return 0


def test_the_synthetic_playbook_is_valid_content_of_realistic_size(benchmarks, tmp_path: Path) -> None:
    generate, _ = benchmarks
    config = generate.generate(tmp_path / "pb", 5, 12)
    playbook = load_playbook(config.parent / "docs")
    assert len(playbook.exercises) == 5
    assert len(playbook.terms) == 12
    assert playbook.wastes and playbook.pdsa and playbook.programmes
    words = [
        _words(yaml.safe_load(path.read_text(encoding="utf-8")))
        for path in (config.parent / "docs" / "exercises").glob("*.yml")
    ]
    assert all(600 <= count <= 1200 for count in words), words


def test_the_benchmark_runs_end_to_end_and_reports_every_figure(
    benchmarks, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _, run = benchmarks
    sites = tmp_path / "sites"
    run.main(["-n", "5", "-g", "5", "--runs", "1", "--no-scale", "--workdir", str(tmp_path), "--sites", str(sites)])
    report = capsys.readouterr().out
    for figure in ("a/b:", "a/b in CPU time", "glossary of 5 terms adds", "`playbook check` command", "peak memory"):
        assert figure in report
    bare = yaml.safe_load((tmp_path / "markdown" / "mkdocs.yml").read_text(encoding="utf-8"))
    assert "playbook" not in str(bare["plugins"])
    assert bare["nav"]
    assert (sites / "site-a" / "glossary" / "index.html").is_file()
    assert (sites / "site-b" / "exercises" / "exercise-00001" / "worksheet" / "index.html").is_file()
