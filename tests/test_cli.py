"""The `playbook` command as an author uses it: new, check, schema and render."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from playbook.assets import STYLESHEET
from playbook.cli import main
from playbook.schema import schema_names, schema_text
from tests.conftest import MINIMAL


def run(*arguments: str) -> Result:
    return CliRunner().invoke(main, list(arguments), catch_exceptions=False)


@pytest.fixture
def docs(tmp_path: Path) -> Path:
    target = tmp_path / "docs"
    shutil.copytree(MINIMAL / "docs", target)
    return target


@pytest.mark.parametrize(
    "kind,folder,schema",
    [
        ("exercise", "exercises", "exercise"),
        ("pdsa", "pdsa", "pdsa"),
        ("programme", "programmes", "programme"),
        ("taxonomy", "wastes", "waste-taxonomy"),
        ("glossary", "glossary", "glossary"),
    ],
)
def test_a_new_entry_passes_check_as_written(docs: Path, kind: str, folder: str, schema: str) -> None:
    result = run("new", kind, "my-first-entry", "--docs", str(docs))
    assert result.exit_code == 0, result.output
    written = docs / folder / "my-first-entry.yml"
    assert f"wrote {written.as_posix()}" in result.output
    text = written.read_text(encoding="utf-8")
    assert text.startswith(f"# yaml-language-server: $schema=../../schema/{schema}.schema.json\n")
    assert ('term: "my first entry"' if kind == "glossary" else 'title: "My first entry"') in text
    checked = run("check", "--docs", str(docs))
    assert checked.exit_code == 0, checked.output
    assert checked.output.startswith("ok: ")


def test_every_field_of_the_exercise_skeleton_carries_a_comment(docs: Path) -> None:
    run("new", "exercise", "commented", "--docs", str(docs))
    lines = (docs / "exercises" / "commented.yml").read_text(encoding="utf-8").splitlines()
    top_level_fields = [line for line in lines if line[:1].isalpha()]
    assert len(top_level_fields) >= 20
    assert [line for line in top_level_fields if "  # " not in line] == []


def test_a_new_programme_schedules_an_existing_exercise(docs: Path) -> None:
    run("new", "programme", "my-series", "--docs", str(docs))
    text = (docs / "programmes" / "my-series.yml").read_text(encoding="utf-8")
    assert "- exercise: limit-the-work" in text  # the shortest exercise of the fixture (20 min)
    assert "length: 35" in text  # 20 minutes plus welcome and close
    assert run("check", "--docs", str(docs)).exit_code == 0


def test_a_second_new_with_the_same_id_refuses_and_keeps_the_file(docs: Path) -> None:
    assert run("new", "exercise", "mine", "--docs", str(docs)).exit_code == 0
    written = docs / "exercises" / "mine.yml"
    written.write_text(written.read_text() + "# my own notes\n")
    before = written.read_bytes()
    again = run("new", "exercise", "mine", "--docs", str(docs))
    assert again.exit_code == 1
    assert f"{written.as_posix()}:1:1: error: the file already exists and was left unchanged" in again.output
    assert written.read_bytes() == before


def test_new_refuses_an_existing_yaml_file_of_the_same_id(docs: Path) -> None:
    (docs / "pdsa" / "cycle.yaml").write_text("title: kept\n")
    assert run("new", "pdsa", "cycle", "--docs", str(docs)).exit_code == 1
    assert not (docs / "pdsa" / "cycle.yml").exists()


@pytest.mark.parametrize("bad_id", ["Five-Whys", "five_whys", "five--whys", "five-", "five whys", "../escape"])
def test_new_refuses_an_id_that_is_not_lowercase_digits_and_hyphens(docs: Path, bad_id: str) -> None:
    before = sorted(docs.rglob("*"))
    result = run("new", "exercise", bad_id, "--docs", str(docs))
    assert result.exit_code == 1
    assert f"error: '{bad_id}' is not a valid id" in result.output
    assert sorted(docs.rglob("*")) == before


def test_check_of_a_missing_folder_says_so(tmp_path: Path) -> None:
    result = run("check", "--docs", str(tmp_path / "nowhere"))
    assert result.exit_code == 1
    assert "error: no content folder at" in result.output


def test_check_in_github_format_is_quiet_when_all_is_well() -> None:
    result = run("check", "--docs", str(MINIMAL / "docs"), "--format", "github")
    assert result.exit_code == 0
    assert not result.output.startswith("::")


def test_check_annotations_escape_newlines_and_percent_signs(docs: Path) -> None:
    (docs / "exercises" / "bad.yml").write_text("title: 100%\nsummary: x\n")
    result = run("check", "--docs", str(docs), "--format", "github")
    assert result.exit_code == 1
    annotations = [line for line in result.output.splitlines() if line.startswith("::error ")]
    assert annotations and all(line.count("title=playbook::") == 1 for line in annotations)
    assert any(f"file={(docs / 'exercises' / 'bad.yml').as_posix()},line=1,col=1" in line for line in annotations)


def test_schema_writes_one_file_per_kind_and_check_finds_a_stale_one(tmp_path: Path) -> None:
    result = run("schema", "--out", str(tmp_path))
    assert result.exit_code == 0
    for name in schema_names():
        assert (tmp_path / f"{name}.schema.json").read_text() == schema_text(name)
    assert run("schema", "--out", str(tmp_path), "--check").exit_code == 0
    (tmp_path / "programme.schema.json").write_text("{}\n")
    stale = run("schema", "--out", str(tmp_path), "--check")
    assert stale.exit_code == 1
    assert "programme.schema.json" in stale.output


def test_render_writes_generated_and_hand_written_pages_as_markdown(docs: Path, tmp_path: Path) -> None:
    out = tmp_path / "markdown"
    result = run("render", "--out", str(out), "--docs", str(docs))
    assert result.exit_code == 0, result.output
    written = sorted(path.relative_to(out).as_posix() for path in out.rglob("*") if path.is_file())
    assert "exercises/limit-the-work.md" in written
    assert "exercises/limit-the-work/worksheet.md" in written
    assert "programmes/two-weeks/pack.md" in written
    assert "guides/note.md" in written and "index.md" in written  # hand-written copies
    assert not [path for path in written if path.endswith((".yml", ".yaml"))]
    assert (out / "guides" / "note.md").read_bytes() == (docs / "guides" / "note.md").read_bytes()
    glossary = (out / "glossary" / "index.md").read_text()
    assert "playbook:term-uses" not in glossary
    assert "*Used in:* [A note on value streams](../guides/note.md)" in glossary


def test_rendered_markdown_builds_with_plain_mkdocs_and_no_playbook_plugin(docs: Path, tmp_path: Path) -> None:
    out = tmp_path / "markdown"
    assert run("render", "--out", str(out), "--docs", str(docs)).exit_code == 0
    config = tmp_path / "mkdocs.yml"
    config.write_text(
        "site_name: Portable\ndocs_dir: markdown\ntheme: {name: mkdocs}\n"
        "markdown_extensions: [attr_list, md_in_html, tables, toc]\n"
    )
    build = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "-f", str(config), "-d", str(tmp_path / "site")],
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
    )
    assert build.returncode == 0, build.stderr
    assert (tmp_path / "site" / "exercises" / "limit-the-work" / "worksheet" / "index.html").is_file()


def test_render_refuses_to_write_inside_the_docs_folder(docs: Path) -> None:
    result = run("render", "--out", str(docs / "build"), "--docs", str(docs))
    assert result.exit_code == 1
    assert "inside" in result.output and "which is published" in result.output
    assert not (docs / "build").exists()


def test_render_never_writes_over_what_it_did_not_write(docs: Path, tmp_path: Path) -> None:
    (docs.parent / "LICENSE").write_text("the project's licence")
    notes = tmp_path / "notes"
    notes.mkdir()
    (notes / "index.md").write_text("mine")
    (tmp_path / "link").symlink_to(tmp_path / "elsewhere", target_is_directory=True)
    for out, message in ((docs.parent, "holds the project"), (notes, "did not write"), (tmp_path / "link", "link")):
        result = run("render", "--out", str(out), "--docs", str(docs))
        assert result.exit_code == 1 and message in result.output, result.output
    assert (docs.parent / "LICENSE").read_text() == "the project's licence"
    assert (notes / "index.md").read_text() == "mine" and not (tmp_path / "elsewhere").exists()


def test_render_writes_again_into_its_own_folder_but_not_through_a_link_in_it(docs: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    assert run("render", "--out", str(out), "--docs", str(docs)).exit_code == 0
    assert run("render", "--out", str(out), "--docs", str(docs)).exit_code == 0
    (out / "index.md").unlink()
    (out / "index.md").symlink_to(tmp_path / "outside.md")
    result = run("render", "--out", str(out), "--docs", str(docs))
    assert result.exit_code == 1 and "symbolic link" in result.output
    assert not (tmp_path / "outside.md").exists()


def test_new_never_writes_through_a_link(docs: Path, tmp_path: Path) -> None:
    (docs / "pdsa").rename(tmp_path / "pdsa-elsewhere")
    (docs / "pdsa").symlink_to(tmp_path / "pdsa-elsewhere", target_is_directory=True)
    (docs / "exercises/dangling.yml").symlink_to(tmp_path / "nowhere.yml")
    for kind, entry_id in (("pdsa", "x"), ("exercise", "dangling")):
        result = run("new", kind, entry_id, "--docs", str(docs))
        assert result.exit_code == 1 and "symbolic link" in result.output, result.output
    assert not (tmp_path / "pdsa-elsewhere/x.yml").exists() and not (tmp_path / "nowhere.yml").exists()


def test_new_exercise_then_check_passes_on_the_real_playbook(tmp_path: Path) -> None:
    real = Path(__file__).parents[1] / "docs"
    docs = tmp_path / "docs"
    shutil.copytree(real, docs)
    assert run("new", "exercise", "x", "--docs", str(docs)).exit_code == 0
    checked = run("check", "--docs", str(docs))
    assert checked.exit_code == 0, checked.output
    assert run("new", "exercise", "x", "--docs", str(docs)).exit_code == 1


def test_an_annotation_survives_commas_and_colons_in_a_file_name() -> None:
    from playbook.errors import ContentError

    error = ContentError("docs/exercises/a, b: c.yml", 3, 7, "50% done\nthen", "hint")
    assert error.as_github_annotation() == (
        "::error file=docs/exercises/a%2C b%3A c.yml,line=3,col=7,title=playbook::50%25 done%0Athen (hint)"
    )


def test_the_core_and_its_commands_need_no_mkdocs(tmp_path: Path) -> None:
    # Every module outside the adapter package, and the commands that build nothing with MkDocs
    script = (
        "import importlib, pkgutil, sys\n"
        "import playbook\n"
        "for module in pkgutil.walk_packages(playbook.__path__, 'playbook.'):\n"
        "    if not module.name.startswith('playbook.mkdocs.'):\n"
        "        importlib.import_module(module.name)\n"
        "from click.testing import CliRunner\n"
        "from playbook.cli import main\n"
        f"docs = {str(MINIMAL / 'docs')!r}\n"
        f"out = {str(tmp_path)!r}\n"
        "for args in (['check', '--docs', docs], ['schema', '--out', out + '/schema'],\n"
        "             ['render', '--docs', docs, '--out', out + '/md'],\n"
        f"             ['render', '-f', {str(MINIMAL / 'mkdocs.yml')!r}, '--out', out + '/md-f']):\n"
        "    assert CliRunner().invoke(main, args).exit_code == 0, args\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] in ('mkdocs', 'material')))\n"
    )
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "[]"


def test_schema_writes_where_the_modelines_of_the_docs_folder_point(tmp_path: Path) -> None:
    docs = tmp_path / "content" / "docs"
    (docs / "exercises").mkdir(parents=True)
    assert run("new", "exercise", "one", "--docs", str(docs)).exit_code == 0
    result = run("schema", "--docs", str(docs))
    assert result.exit_code == 0, result.output
    modeline = (docs / "exercises" / "one.yml").read_text(encoding="utf-8").splitlines()[0]
    target = (docs / "exercises" / modeline.split("$schema=", 1)[1]).resolve()
    assert target == (tmp_path / "content" / "schema" / "exercise.schema.json").resolve()
    assert target.read_text(encoding="utf-8") == schema_text("exercise")
    assert run("schema", "--docs", str(docs), "--check").exit_code == 0


def test_pdf_refuses_worksheets_built_without_their_stylesheet_and_script(tmp_path: Path) -> None:
    sheet = tmp_path / "site/exercises/one/worksheet/index.html"
    sheet.parent.mkdir(parents=True)
    sheet.write_text('<link rel="stylesheet" href="../../../assets/playbook/playbook.css">\n', encoding="utf-8")
    result = CliRunner().invoke(main, ["pdf", "--site", str(tmp_path / "site"), "--out", str(tmp_path / "pdf")])
    assert result.exit_code == 1
    assert "1 of 1 worksheet pages lack the stylesheet or script they print with" in result.output
    assert "exercises/one/worksheet/" in result.output
    assert not (tmp_path / "pdf").exists()


def test_render_takes_the_options_site_url_and_docs_of_a_mkdocs_yml(tmp_path: Path) -> None:
    project = tmp_path / "project"
    shutil.copytree(MINIMAL, project)
    out = tmp_path / "md"
    result = run("render", "-f", str(project / "mkdocs.yml"), "--out", str(out))
    assert result.exit_code == 0, result.output
    sheet = (out / "exercises/sort-the-requests/worksheet.md").read_text(encoding="utf-8")
    assert '"Licence CC BY-SA 4.0"' in sheet  # the fixture's licence option
    assert "https://example.org/playbook/exercises/sort-the-requests/worksheet/" in sheet  # its site_url
    assert (out / "assets/playbook/playbook.css").read_bytes() == STYLESHEET.source.read_bytes()
    guide = (out / "exercises/sort-the-requests.md").read_text(encoding="utf-8")
    assert '<span class="pb-tag">' in guide  # no plugin shows tags where the rendered pages go


def test_render_reports_a_wrong_option_of_the_mkdocs_yml(tmp_path: Path) -> None:
    config = tmp_path / "mkdocs.yml"
    config.write_text("site_name: x\nplugins:\n  - playbook:\n      nav_section_size: 0\n", encoding="utf-8")
    result = run("render", "-f", str(config), "--out", str(tmp_path / "md"))
    assert result.exit_code == 1
    assert f"{config.as_posix()}: plugin 'playbook' option 'nav_section_size': expected a whole number" in result.output


def test_render_warns_of_a_misspelt_option_and_takes_docs_for_an_empty_docs_dir(tmp_path: Path) -> None:
    project = tmp_path / "project"
    shutil.copytree(MINIMAL, project)
    config = project / "mkdocs.yml"
    text = config.read_text(encoding="utf-8").replace("  - playbook:\n", "  - playbook:\n      license: {name: CC0}\n")
    config.write_text(f"{text}docs_dir:\n", encoding="utf-8")
    result = run("render", "-f", str(config), "--out", str(tmp_path / "md"))
    assert result.exit_code == 0, result.output
    assert f"warning: {config.as_posix()}: plugin 'playbook' option 'license': Unrecognised configuration name" in (
        result.output
    )
    assert (tmp_path / "md/exercises/sort-the-requests.md").is_file()
