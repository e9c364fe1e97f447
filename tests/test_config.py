"""The plugin's options: what a site owner chooses, and a wrong value reported as a config error."""

from __future__ import annotations

import logging
import subprocess
import sys
from pathlib import Path

import pytest
from mkdocs.config import load_config
from mkdocs.exceptions import Abort
from mkdocs.utils.yaml import yaml_load

from playbook.catalog import load_playbook
from playbook.mkdocs.config import PlaybookConfig, site_of
from playbook.options import OPTIONS, OptionError, PlaybookOptions, options_from_file
from playbook.reference import REFERENCE_PAGE
from playbook.render import Renderer
from playbook.site import Licence, Site
from tests.conftest import MINIMAL


def configure(project: Path, options: str) -> Path:
    """The project's mkdocs.yml with the playbook plugin given `options` (YAML, one per line)."""
    config = project / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    head = text[: text.index("  - playbook")]
    indented = "".join(f"      {line}\n" for line in options.splitlines())
    config.write_text(head + "  - playbook:\n" + indented, encoding="utf-8")
    return config


def config_error(project: Path, options: str, caplog: pytest.LogCaptureFixture) -> str:
    with caplog.at_level(logging.ERROR, logger="mkdocs"), pytest.raises(Abort):
        load_config(str(configure(project, options)))
    return caplog.text


@pytest.mark.parametrize(
    ("options", "message"),
    [
        ("nav_section_size: 0", "option 'nav_section_size': expected a whole number of 1 or more, but received: 0"),
        ("nav_section_size: -5", "expected a whole number of 1 or more, but received: -5"),
        ("nav_section_size: true", "option 'nav_section_size': expected a whole number of 1 or more"),
        ("nav_section_size: ten", "option 'nav_section_size': Expected type: <class 'int'>"),
        ("licence:\n  url: https://example.org/terms", "option 'licence': a licence with a url needs its name too"),
        ("licence:\n  name: Ours\n  url: terms.html", "Sub-option 'url': expected an http(s) address"),
        ("licence: CC BY 4.0", "option 'licence'"),
        ("discussion: https://example.org/?q={name}", "has unknown field {name}; use {kind}, {id}, {title}, {url}"),
        ("discussion: 'https://example.org/?q={title'", "is not a valid template"),
        ("discussion: /discuss/{id}", "must be an http(s) address"),
        ('discussion: https://example.org/?q="{title}"', "may not hold spaces, quotes or angle brackets"),
        ("reference_page: sometimes", "option 'reference_page': Expected type: <class 'bool'>"),
        ("tags: 1", "option 'tags': Expected type: <class 'bool'>"),
    ],
)
def test_a_wrong_option_is_a_configuration_error_naming_the_option(
    options: str, message: str, minimal_copy: Path, caplog: pytest.LogCaptureFixture
) -> None:
    error = config_error(minimal_copy, options, caplog)
    assert "Plugin 'playbook'" in error
    assert message in error


def test_a_wrong_option_stops_the_build_without_a_traceback(minimal_copy: Path, tmp_path: Path) -> None:
    configure(minimal_copy, "nav_section_size: 0")
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-d", str(tmp_path / "site")],
        capture_output=True,
        text=True,
        cwd=minimal_copy,
        check=False,
    )
    assert result.returncode == 1
    assert "Plugin 'playbook' option 'nav_section_size': expected a whole number of 1 or more" in result.stderr
    assert "Traceback" not in result.stderr


def test_an_unknown_option_fails_the_strict_build(minimal_copy: Path, caplog: pytest.LogCaptureFixture) -> None:
    with caplog.at_level(logging.WARNING, logger="mkdocs"), pytest.raises(Abort):
        load_config(str(configure(minimal_copy, "license:\n  name: CC0")), strict=True)
    assert "Plugin 'playbook' option 'license': Unrecognised configuration name: license" in caplog.text


def test_the_options_reach_the_pages(minimal_copy: Path) -> None:
    config = load_config(
        str(
            configure(
                minimal_copy,
                "licence:\n  name: CC BY 4.0\n  url: https://creativecommons.org/licenses/by/4.0/\n"
                "discussion: https://forum.example.org/search?q={kind}%20{title}\n"
                "reference_page: false",
            )
        )
    )
    site = site_of(config.plugins["playbook"].config, "https://example.org/pb/", tags_shown_by_plugin=False)
    assert site.licence == Licence("CC BY 4.0", "https://creativecommons.org/licenses/by/4.0/")
    assert not site.reference_page and site.tags_in_text


def render(site: Site) -> dict[str, str]:
    return {page.path: page.markdown for page in Renderer(load_playbook(MINIMAL / "docs"), site).pages()}


def test_sheets_print_the_licence_the_site_names_and_none_by_default() -> None:
    named = render(Site(licence=Licence("Acme internal use", "https://acme.example/terms")))
    sheet = named["exercises/sort-the-requests/worksheet.md"]
    assert '"Licence Acme internal use"' in sheet  # in the printed page's footer
    assert '<a href="https://acme.example/terms">Acme internal use</a>' in sheet  # at the sheet's end on screen
    assert '"Licence Acme internal use"' in named["programmes/two-weeks/pack.md"]  # and on the pack's cover
    unnamed = render(Site())
    assert not any("Licence" in page for page in unnamed.values())


def test_each_entry_links_to_its_discussion_with_its_fields_quoted() -> None:
    pages = render(Site("https://example.org/pb/", discussion="https://forum.example.org/search?q={kind}%20{title}"))
    guide = pages["exercises/sort-the-requests.md"]
    assert "[Discuss this exercise](https://forum.example.org/search?q=exercise%20Sort%20the%20requests)" in guide
    assert "[Discuss this template](https://forum.example.org/search?q=pdsa%20" in pages["pdsa/try-a-change.md"]
    assert "[Discuss this programme](" in pages["programmes/two-weeks.md"]
    assert "[Discuss this waste](" in pages["wastes/waiting.md"]
    assert "Discuss this" not in pages["exercises/sort-the-requests/worksheet.md"]
    assert not any("Discuss this" in page for page in render(Site()).values())


def test_the_discussion_link_can_name_the_page_and_id() -> None:
    site = Site("https://example.org/pb/", discussion="https://example.org/talk/{id}?from={url}")
    guide = render(site)["wastes/waiting.md"]
    assert "(https://example.org/talk/waiting?from=https%3A%2F%2Fexample.org%2Fpb%2Fwastes%2Fwaiting%2F)" in guide


def test_the_field_reference_page_is_left_out_when_the_site_does_not_want_it() -> None:
    assert REFERENCE_PAGE in render(Site())
    assert REFERENCE_PAGE not in render(Site(reference_page=False))


def test_tags_are_written_on_the_page_only_where_no_plugin_shows_them() -> None:
    guide = render(Site(tags_in_text=True))["exercises/sort-the-requests.md"]
    assert '<span class="pb-tag">' in guide and "tags: [" in guide
    with_plugin = render(Site())["exercises/sort-the-requests.md"]
    assert "pb-tag" not in with_plugin and "tags: [" in with_plugin
    untagged = render(Site(tags=False))["exercises/sort-the-requests.md"]
    assert "pb-tag" not in untagged and "tags:" not in untagged


def test_options_default_to_a_site_that_names_no_licence_and_has_a_reference() -> None:
    config = PlaybookConfig()
    errors, warnings = config.validate()
    assert not errors and not warnings
    site = site_of(config, "", tags_shown_by_plugin=True)
    assert site == Site(reference_page=True, tags=True, tags_in_text=False)
    assert PlaybookOptions.checked({}) == (PlaybookOptions(), [])


def test_mkdocs_reads_every_option_of_the_core_and_no_other() -> None:
    assert [name for name, _ in PlaybookConfig._schema] == list(OPTIONS)


@pytest.mark.parametrize(
    ("options", "message"),
    [
        (
            "nav_section_size: ten",
            "option 'nav_section_size': Expected type: <class 'int'> but received: <class 'str'>",
        ),
        (
            "licence:\n  name: Ours\n  url: terms.html",
            "option 'licence': Sub-option 'url': expected an http(s) address, but received: 'terms.html'",
        ),
        (
            "raw_html_pages: about.md",
            "option 'raw_html_pages': Expected a list of items, but a <class 'str'> was given.",
        ),
        (
            "raw_html_pages: [about.md, 3]",
            "option 'raw_html_pages': Expected type: <class 'str'> but received: <class 'int'>",
        ),
    ],
)
def test_the_core_reports_a_wrong_option_in_the_words_mkdocs_does(
    options: str, message: str, minimal_copy: Path, caplog: pytest.LogCaptureFixture
) -> None:
    with pytest.raises(OptionError) as raised:
        options_from_file(configure(minimal_copy, options))
    assert str(raised.value).endswith(f"plugin 'playbook' {message}")
    assert message in config_error(minimal_copy, options, caplog)


def test_the_core_notes_unknown_options_as_mkdocs_warns_of_them() -> None:
    options, warnings = PlaybookOptions.checked({"license": {}, "licence": {"name": "CC0", "link": "x"}})
    assert options.licence == Licence("CC0")
    assert warnings == [
        ("licence", "Sub-option 'link': Unrecognised configuration name: link"),
        ("license", "Unrecognised configuration name: license"),
    ]


def test_the_core_reads_python_names_env_variables_and_inherit_in_a_mkdocs_yml(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "base.yml").write_text("plugins:\n  - playbook:\n      nav_section_size: 7\n", encoding="utf-8")
    config = tmp_path / "mkdocs.yml"
    config.write_text(
        "INHERIT: base.yml\nsite_url: !ENV [PB_SITE_URL, https://fallback.example/]\nmarkdown_extensions:\n"
        "  - pymdownx.emoji:\n      emoji_index: !!python/name:material.extensions.emoji.twemoji\n",
        encoding="utf-8",
    )
    monkeypatch.setenv("PB_SITE_URL", "https://env.example/")
    read = options_from_file(config)
    assert read.options.nav_section_size == 7 and read.settings["site_url"] == "https://env.example/"
    monkeypatch.delenv("PB_SITE_URL")
    assert options_from_file(config).settings["site_url"] == "https://fallback.example/"
    config.write_text("plugins: [\n", encoding="utf-8")
    with pytest.raises(OptionError, match=f"^{config.as_posix()}: while parsing"):
        options_from_file(config)


@pytest.mark.parametrize("value", ["- draft", "[a, b]", "a: b", "@x", "*x", "true", "5", "~", "", "https://x.example/"])
def test_an_env_variable_is_one_value_typed_as_mkdocs_types_it(
    value: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    config = tmp_path / "mkdocs.yml"
    config.write_text("site_name: !ENV PB_VALUE\n", encoding="utf-8")
    monkeypatch.setenv("PB_VALUE", value)
    with config.open(encoding="utf-8") as file:
        as_mkdocs_reads_it = yaml_load(file)["site_name"]
    assert options_from_file(config).settings["site_name"] == as_mkdocs_reads_it


def test_an_inherit_loop_is_an_error_naming_the_files(tmp_path: Path) -> None:
    (tmp_path / "a.yml").write_text("INHERIT: b.yml\n", encoding="utf-8")
    (tmp_path / "b.yml").write_text("INHERIT: a.yml\n", encoding="utf-8")
    with pytest.raises(OptionError, match=r"INHERIT goes round in a loop: .*a\.yml -> .*b\.yml -> .*a\.yml"):
        options_from_file(tmp_path / "a.yml")


def test_a_misspelt_option_is_a_warning_naming_the_file_and_mkdocs_own_enabled_is_none(tmp_path: Path) -> None:
    config = tmp_path / "mkdocs.yml"
    config.write_text("plugins:\n  - playbook:\n      enabled: true\n      license: {name: CC0}\n", encoding="utf-8")
    assert options_from_file(config).warnings == [
        f"{config.as_posix()}: plugin 'playbook' option 'license': Unrecognised configuration name: license"
    ]


def test_a_licence_left_empty_is_no_licence_for_mkdocs_and_the_core_alike(minimal_copy: Path) -> None:
    config = configure(minimal_copy, "licence:")
    assert options_from_file(config).options.licence is None
    assert load_config(str(config)).plugins["playbook"].config.licence is None
