"""Benchmark: the YAML playbook built through our plugin against the same pages as plain Markdown.

In one run, alternating round by round so that both see the same machine, it builds with
MkDocs and Material:

  a   the synthetic YAML playbook of N exercises and G glossary terms, through the plugin;
  b   the very pages the plugin generates, written out as Markdown files with the same
      navigation, theme and features, built without the plugin (bare MkDocs);
  a0  the YAML playbook with glossary linking off (the glossary's own cost is a / a0);
  a2  the YAML playbook of 2 N exercises (linearity is a2 / a), unless --no-scale.

It then times `load_playbook` (what `playbook check` does) on the N-exercise tree, records each
build's peak memory (maxrss of the child process) and, with --serve, the save-to-reload time
of `mkdocs serve --livereload` on a small playbook. Timings are printed, never asserted.

    python benchmarks/run.py                  # N=2000, G=1000, 3 rounds: tens of minutes
    python benchmarks/run.py --quick          # N=200, G=100, 2 rounds: a minute or two
"""

from __future__ import annotations

import argparse
import contextlib
import os
import platform
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import yaml

sys.path.insert(0, str(Path(__file__).resolve().parent))
from generate import generate

from playbook.catalog import load_playbook
from playbook.navigation import navigation
from playbook.render import Renderer
from playbook.site import Site

SITE_URL = "https://example.org/playbook/"
BARE_MKDOCS_YML = {
    "site_name": "Synthetic playbook",
    "site_url": SITE_URL,
    "theme": {"name": "material", "features": ["content.tooltips", "navigation.prune"]},
    "plugins": ["search"],
    # what the plugin adds in on_config, so that both builds render the same Markdown the same way
    "markdown_extensions": ["attr_list", "md_in_html", "tables"],
}
ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}


@dataclass
class Build:
    seconds: float  # wall time, what a user waits for
    cpu_seconds: float  # the child's user + system time: less swayed by other work on the machine
    max_rss_mb: float


@dataclass
class Series:
    """The builds of one kind, over the rounds."""

    name: str
    builds: list[Build] = field(default_factory=list)

    @property
    def times(self) -> list[float]:
        return [b.seconds for b in self.builds]

    @property
    def cpu_times(self) -> list[float]:
        return [b.cpu_seconds for b in self.builds]

    @property
    def peak_mb(self) -> float:
        return max(b.max_rss_mb for b in self.builds)


def bare_markdown_project(yaml_project: Path, dest: Path) -> Path:
    """The pages the plugin would generate, written as hand-written Markdown with the same nav."""
    if dest.exists():
        shutil.rmtree(dest)
    docs = dest / "docs"
    playbook = load_playbook(yaml_project / "docs")
    pages = list(Renderer(playbook, Site(SITE_URL)).pages())
    for page in pages:
        target = docs / page.path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(page.markdown, encoding="utf-8")
    handwritten = []
    for path in sorted((yaml_project / "docs").rglob("*.md")):
        relative = path.relative_to(yaml_project / "docs").as_posix()
        handwritten.append(relative)
        (docs / relative).parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(path, docs / relative)
    config = {**BARE_MKDOCS_YML, "nav": navigation(handwritten, pages, 50)}
    (dest / "mkdocs.yml").write_text(yaml.safe_dump(config, sort_keys=False, width=200), encoding="utf-8")
    return dest / "mkdocs.yml"


def without_glossary(config: Path) -> Path:
    """A second config beside `config`, same docs, glossary linking off."""
    other = config.with_name("mkdocs-no-glossary.yml")
    other.write_text(config.read_text(encoding="utf-8").replace("glossary: true", "glossary: false"), encoding="utf-8")
    return other


# The child reports its own peak resident memory (VmHWM): the maxrss that wait4() returns also
# counts the parent's memory copied at fork, which is this benchmark's, not the build's.
CHILD = """
import atexit, os, sys

def report_peak():
    with open("/proc/self/status") as status:
        peak = next((line.split()[1] for line in status if line.startswith("VmHWM:")), "0")
    with open(os.environ["PB_PEAK_FILE"], "w") as out:
        out.write(peak)

if os.path.exists("/proc/self/status"):
    atexit.register(report_peak)
from mkdocs.__main__ import cli
sys.argv[0] = "mkdocs"
cli()
"""


def build(config: Path, site_dir: Path) -> Build:
    """One `mkdocs build` in a child process: wall and CPU time, and the child's peak memory."""
    if site_dir.exists():
        shutil.rmtree(site_dir)
    peak_file = site_dir.with_name(site_dir.name + ".peak")
    peak_file.unlink(missing_ok=True)
    command = [sys.executable, "-c", CHILD, "build", "--quiet", "-f", str(config), "-d", str(site_dir)]
    start = time.perf_counter()
    process = subprocess.Popen(
        command, env={**ENV, "PB_PEAK_FILE": str(peak_file)}, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE
    )
    assert process.stderr is not None
    errors = process.stderr.read()
    _, status, usage = os.wait4(process.pid, 0)
    seconds = time.perf_counter() - start
    process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode:
        raise SystemExit(f"build of {config} failed:\n{errors.decode(errors='replace')[-3000:]}")
    peak_kb = int(peak_file.read_text()) if peak_file.exists() else usage.ru_maxrss
    return Build(seconds, usage.ru_utime + usage.ru_stime, peak_kb / 1024)


def sites_folder(workdir: Path, stack: contextlib.ExitStack, exercises: int) -> Path:
    """A temporary folder in memory for the built sites, where the machine has one with room.

    On ext4, a build that creates thousands of files right after the last build's thousands were
    deleted spends seconds of system time in the inode allocator (`recently_deleted`), and more
    or fewer from one build to the next: measured at N = 2,000, bare MkDocs took 0.35 s of
    system time writing to tmpfs and 2.9 to 3.5 s writing to ext4. Both kinds of build write the
    same site, so that cost says nothing of the generator, and its noise hides what does.
    """
    memory = Path("/dev/shm")
    needed = exercises * 1_000_000  # over twice what the four sites take, 2N included (0.4 MB)
    if memory.is_dir() and os.access(memory, os.W_OK) and shutil.disk_usage(memory).free > needed:
        return Path(stack.enter_context(tempfile.TemporaryDirectory(prefix="pb-bench-sites-", dir=memory)))
    return workdir


def time_load(docs: Path, repeat: int = 3) -> tuple[int, list[float]]:
    """`load_playbook` of a tree (what `playbook check` does), warm, in this process."""
    times = []
    entries = 0
    for _ in range(repeat):
        start = time.perf_counter()
        playbook = load_playbook(docs)
        times.append(time.perf_counter() - start)
        entries = len(playbook.sources)
    return entries, times


def time_check_command(docs: Path, repeat: int = 3) -> list[float]:
    """The `playbook check` command end to end, interpreter start-up and imports included."""
    command = [sys.executable, "-c", "from playbook.cli import main; main()", "check", "--docs", str(docs)]
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        subprocess.run(command, env=ENV, check=True, stdout=subprocess.DEVNULL)
        times.append(time.perf_counter() - start)
    return times


# --- live preview ------------------------------------------------------------------------------


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _get(url: str) -> str | None:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.read().decode("utf-8", errors="replace")  # loopback only
    except (urllib.error.URLError, ConnectionError, TimeoutError):
        return None


def _poll(url: str, wanted: str, timeout: float, interval: float = 0.05) -> float | None:
    """Seconds until the page at `url` contains `wanted`, or None after `timeout`."""
    start = time.perf_counter()
    for _ in range(int(timeout / interval) + 1):
        page = _get(url)
        if page is not None and wanted in page:
            return time.perf_counter() - start
        if time.perf_counter() - start > timeout:
            break
        time.sleep(interval)
    return None


@contextlib.contextmanager
def serving(config: Path, port: int) -> Iterator[subprocess.Popen[bytes]]:
    log = config.with_name("serve.log").open("wb")
    command = [sys.executable, "-m", "mkdocs", "serve", "--livereload", "-f", str(config), "-a", f"127.0.0.1:{port}"]
    process = subprocess.Popen(command, env=ENV, stdout=log, stderr=subprocess.STDOUT)
    try:
        yield process
    finally:
        process.terminate()
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        log.close()


def live_preview(workdir: Path, exercises: int, edits: int) -> tuple[float, list[float]]:
    """Start-up time, and seconds from saving a YAML file to the served page showing the change."""
    project = workdir / f"serve-{exercises}"
    config = generate(project, exercises, min(100, exercises))
    port = _free_port()
    source = project / "docs" / "exercises" / "exercise-00001.yml"
    url = f"http://127.0.0.1:{port}/playbook/exercises/exercise-00001/"  # mkdocs serves under site_url's path
    reloads: list[float] = []
    with serving(config, port):
        started = _poll(url, "exercise-00001", timeout=600, interval=0.25)
        if started is None:
            raise SystemExit(f"mkdocs serve did not come up; see {config.with_name('serve.log')}")
        original = source.read_text(encoding="utf-8")
        for number in range(edits):
            marker = f"benchmark-edit-{number}-{time.time_ns()}"
            text = original.replace("summary: ", f"summary: {marker} ", 1)
            start = time.perf_counter()
            source.write_text(text, encoding="utf-8")
            seen = _poll(url, marker, timeout=120)
            if seen is None:
                raise SystemExit("the edit never reached the served page")
            reloads.append(time.perf_counter() - start)
            time.sleep(1.0)  # let the watcher settle before the next edit
    return started, reloads


# --- report ------------------------------------------------------------------------------------


def spread(values: Sequence[float], unit: str = "s", digits: int = 2) -> str:
    return (
        f"min {min(values):.{digits}f}{unit}, median {statistics.median(values):.{digits}f}{unit}, "
        f"max {max(values):.{digits}f}{unit}"
    )


def ratios(top: Series, bottom: Series, *, cpu: bool = False) -> list[float]:
    if cpu:
        return [a / b for a, b in zip(top.cpu_times, bottom.cpu_times, strict=True)]
    return [a / b for a, b in zip(top.times, bottom.times, strict=True)]


def verdict(value: float, limit: float, *, below: bool = False) -> str:
    ok = value < limit if below else value <= limit
    return f"{'meets' if ok else 'MISSES'} target {'<' if below else '≤'} {limit:g}"


def page_sizes(site: Path) -> tuple[float, float]:
    """Mean and largest HTML page size, in KB."""
    sizes = [p.stat().st_size for p in site.rglob("*.html")]
    return statistics.mean(sizes) / 1024, max(sizes) / 1024


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--exercises", "-n", type=int, help="N, exercises (default 2000; 200 with --quick)")
    parser.add_argument("--terms", "-g", type=int, help="G, glossary terms (default 1000; 100 with --quick)")
    parser.add_argument("--runs", "-r", type=int, help="rounds of builds (default 3; 2 with --quick)")
    parser.add_argument("--quick", action="store_true", help="a small run that takes a minute or two")
    parser.add_argument("--no-scale", action="store_true", help="skip the 2 N build")
    parser.add_argument(
        "--serve",
        type=int,
        metavar="N",
        default=0,
        help="also measure save-to-reload under mkdocs serve --livereload at N exercises",
    )
    parser.add_argument("--edits", type=int, default=5, help="edits timed under --serve")
    parser.add_argument("--workdir", type=Path, help="where to generate (default: a temporary folder)")
    parser.add_argument(
        "--sites",
        type=Path,
        help="where the builds write their sites (default: a temporary folder in /dev/shm where it has room)",
    )
    args = parser.parse_args(argv)
    n = args.exercises or (200 if args.quick else 2000)
    g = args.terms if args.terms is not None else (100 if args.quick else 1000)
    runs = args.runs or (2 if args.quick else 3)

    with contextlib.ExitStack() as stack:
        workdir = args.workdir or Path(stack.enter_context(tempfile.TemporaryDirectory(prefix="pb-bench-")))
        workdir.mkdir(parents=True, exist_ok=True)
        sites = args.sites or sites_folder(workdir, stack, n)
        sites.mkdir(parents=True, exist_ok=True)
        print(
            f"# playbook benchmark: N={n} exercises, G={g} terms, {runs} rounds "
            f"({platform.python_version()}, {os.cpu_count()} CPUs)",
            flush=True,
        )
        a_config = generate(workdir / "yaml", n, g)
        a0_config = without_glossary(a_config)
        b_config = bare_markdown_project(workdir / "yaml", workdir / "markdown")
        a2_config = None if args.no_scale else generate(workdir / "yaml-2n", 2 * n, g)

        entries, load_times = time_load(a_config.parent / "docs")
        check_times = time_check_command(a_config.parent / "docs")

        series = {key: Series(key) for key in ("a", "b", "a0", "a2")}
        # `a` between `a0` and `b`, so that the two tight ratios come from builds run one after the
        # other; every other round in reverse, so that over an even number of rounds a machine
        # slowing down or speeding up weighs the same on both sides of each ratio.
        plan = [("a0", a0_config), ("a", a_config), ("b", b_config)]
        if a2_config is not None:
            plan.append(("a2", a2_config))
        for round_number in range(1, runs + 1):
            for key, config in plan if round_number % 2 else plan[::-1]:
                result = build(config, sites / f"site-{key}")
                series[key].builds.append(result)
                print(
                    f"round {round_number} {key:>2}: {result.seconds:7.2f}s  (CPU {result.cpu_seconds:6.2f}s)  "
                    f"{result.max_rss_mb:6.0f} MB",
                    flush=True,
                )

        pages = sum(1 for _ in (sites / "site-b").rglob("index.html"))
        mean_kb, max_kb = page_sizes(sites / "site-a")
        a, b, a0, a2 = (series[k] for k in ("a", "b", "a0", "a2"))
        print()
        print(f"sites written under {sites}")
        print(f"pages built: {pages} (HTML pages: mean {mean_kb:.0f} KB, largest {max_kb:.0f} KB)")
        print(f"a  YAML through the plugin:      {spread(a.times)}")
        print(f"b  same pages as plain Markdown: {spread(b.times)}")
        print(
            f"a/b:                             {spread(ratios(a, b), '')}  "
            f"({verdict(statistics.median(ratios(a, b)), 1.15)})"
        )
        print(f"a/b in CPU time:                 {spread(ratios(a, b, cpu=True), '')}")
        print(f"a/b of the fastest builds:       {min(a.times) / min(b.times):.2f}  (noise only ever adds time)")
        print(f"a0 plugin, glossary off:         {spread(a0.times)}")
        glossary = [r - 1 for r in ratios(a, a0)]
        print(
            f"glossary of {g} terms adds:      {spread([100 * x for x in glossary], '%', 1)}  "
            f"({verdict(100 * statistics.median(glossary), 5)} %)"
        )
        glossary_cpu = [100 * (r - 1) for r in ratios(a, a0, cpu=True)]
        print(f"glossary in CPU time:            {spread(glossary_cpu, '%', 1)}")
        print(f"glossary, fastest builds:        {100 * (min(a.times) / min(a0.times) - 1):.1f}%")
        if a2.builds:
            print(f"a2 plugin at 2N={2 * n}:          {spread(a2.times)}")
            print(
                f"a2/a (2N against N):             {spread(ratios(a2, a), '')}  "
                f"({verdict(statistics.median(ratios(a2, a)), 2.2)})"
            )
        print(
            f"`playbook check` command:        {spread(check_times)}  "
            f"({verdict(statistics.median(check_times), 1, below=True)} s; start-up and imports included)"
        )
        print(f"of which load_playbook, {entries} files: {spread(load_times)}")
        print(
            f"peak memory (VmHWM of the build): a {a.peak_mb:.0f} MB, b {b.peak_mb:.0f} MB, "
            f"a0 {a0.peak_mb:.0f} MB" + (f", a2 {a2.peak_mb:.0f} MB" if a2.builds else "")
        )

        if args.serve:
            started, reloads = live_preview(workdir, args.serve, args.edits)
            print(f"live preview at N={args.serve}: served after {started:.1f}s; save-to-reload {spread(reloads)}")


if __name__ == "__main__":
    main()
