"""`mkdocs build --dirty` and `mkdocs serve`: the glossary stays whole, content errors show in the
browser with their positions, and the site comes back once the file is fixed."""

from __future__ import annotations

import re
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

from mkdocs.config import load_config

import playbook
from playbook.environment import environment
from playbook.mkdocs.plugin import PlaybookPlugin

USES = re.compile(r'<p class="pb-term-uses"[^>]*>(.*?)</p>', re.S)


def build(project: Path, site: Path, *extra: str) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "-q", *extra, "-d", str(site)],
        capture_output=True,
        text=True,
        cwd=project,
        check=False,
    )
    assert result.returncode == 0, result.stderr


def used_in(site: Path) -> list[str]:
    return USES.findall((site / "glossary/index.html").read_text(encoding="utf-8"))


def test_a_dirty_build_keeps_every_page_in_the_glossary_lists(minimal_copy: Path, tmp_path: Path) -> None:
    site = tmp_path / "site"
    build(minimal_copy, site)
    full = used_in(site)
    assert any('href="../guides/note/"' in uses for uses in full), "a hand-written page uses a term"
    assert any(">Home</a>" in uses for uses in full)
    exercise = minimal_copy / "docs/exercises/limit-the-work.yml"
    exercise.write_text(exercise.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    build(minimal_copy, site, "--dirty")
    assert used_in(site) == full


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def fetch(url: str) -> tuple[int, str]:
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return response.status, response.read().decode("utf-8")
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode("utf-8")
    except (urllib.error.URLError, ConnectionError):
        return 0, ""


def wait_for(url: str, ready, seconds: float = 90) -> tuple[int, str]:
    deadline = time.monotonic() + seconds
    status, body = fetch(url)
    while not ready(status, body):
        assert time.monotonic() < deadline, f"{url}: still {status} after {seconds} s:\n{body[:2000]}"
        time.sleep(0.5)
        status, body = fetch(url)
    return status, body


def test_serve_lists_every_content_error_on_the_pages_then_comes_back_when_fixed(minimal_copy: Path) -> None:
    exercise = minimal_copy / "docs/exercises/limit-the-work.yml"
    good = exercise.read_text(encoding="utf-8")
    exercise.write_text(
        good.replace("duration: 20", "duration: twenty") + '"<img src=x onerror=alert(1)>": 1\n', encoding="utf-8"
    )
    port = free_port()
    base = f"http://127.0.0.1:{port}/playbook/"  # the fixture's site_url path
    server = subprocess.Popen(
        [sys.executable, "-m", "mkdocs", "serve", "--livereload", "-a", f"127.0.0.1:{port}"],
        cwd=minimal_copy,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        status, home = wait_for(base, lambda status, body: status == 200)
        assert 'class="pb-build-errors"' in home
        assert "The playbook has 2 content errors" in home
        assert (
            "docs/exercises/limit-the-work.yml:4:11</strong>: error: duration: input should be a valid integer" in home
        )
        assert "<img src=x" not in home and "&lt;img src=x onerror=alert(1)&gt;" in home

        status, missing = fetch(base + "exercises/limit-the-work/")
        assert status == 404 and "docs/exercises/limit-the-work.yml:4:11" in missing

        exercise.write_text(good, encoding="utf-8")
        status, guide = wait_for(base + "exercises/limit-the-work/", lambda status, body: status == 200)
        assert "pb-build-errors" not in guide and "Limit the work" in guide
        assert "pb-build-errors" not in fetch(base)[1]
    finally:
        server.terminate()
        _, stderr = server.communicate(timeout=30)
    assert "Traceback" not in stderr


class Watches:
    def __init__(self) -> None:
        self.paths: list[str] = []

    def watch(self, path: str) -> None:
        self.paths.append(path)


def test_serve_watches_the_package_templates_and_assets() -> None:
    watches = Watches()
    PlaybookPlugin().on_serve(watches, config=None, builder=lambda: None)  # type: ignore[arg-type]
    package = Path(playbook.__file__).parent
    assert {Path(path) for path in watches.paths} == {package / "templates", package / "assets"}
    assert all(Path(path).is_dir() for path in watches.paths)


def test_each_build_under_serve_reads_the_package_templates_again(minimal_copy: Path) -> None:
    config = load_config(str(minimal_copy / "mkdocs.yml"))
    plugin = config.plugins["playbook"]
    plugin.on_startup(command="serve", dirty=False)
    try:
        before = environment()
        plugin.on_config(config)
        assert environment() is not before, "a template edited under serve would not be seen"
    finally:  # MkDocs keeps this instance for the process's next builds (it has on_startup)
        plugin.on_startup(command="build", dirty=False)
