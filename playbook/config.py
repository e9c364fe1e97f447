"""The plugin's options, typed and checked by MkDocs when it reads `mkdocs.yml`.

A wrong value is reported as a configuration error naming the option, never a traceback.
`playbook render` reads the same options, so that every engine builds the same site.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml
from mkdocs.config import config_options as c
from mkdocs.config.base import Config, ValidationError
from mkdocs.exceptions import ConfigurationError
from mkdocs.utils.yaml import yaml_load

from playbook.safety import CONTENT_SECURITY_POLICY
from playbook.site import Licence, Site, discussion_template_problem


class _PositiveInt(c.Type[int]):
    def __init__(self, default: int) -> None:
        super().__init__(int, default=default)

    def run_validation(self, value: object) -> int:
        number = super().run_validation(value)
        if isinstance(number, bool) or number < 1:
            raise ValidationError(f"expected a whole number of 1 or more, but received: {value!r}")
        return number


class _DiscussionTemplate(c.Type[str]):
    def __init__(self) -> None:
        super().__init__(str, default="")

    def run_validation(self, value: object) -> str:
        template = super().run_validation(value)
        problem = discussion_template_problem(template) if template else None
        if problem:
            raise ValidationError(f"{template!r} {problem}")
        return template


class _HttpUrl(c.Type[str]):
    def __init__(self) -> None:
        super().__init__(str, default="")

    def run_validation(self, value: object) -> str:
        url = super().run_validation(value)
        if url and not url.startswith(("https://", "http://")):
            raise ValidationError(f"expected an http(s) address, but received: {url!r}")
        return url


class LicenceConfig(Config):
    name = c.Type(str, default="")  # e.g. "CC BY-SA 4.0", printed on every sheet
    url = _HttpUrl()  # where its terms are, linked from sheets on screen


class _LicenceOption(c.SubConfig[LicenceConfig]):
    def __init__(self) -> None:
        super().__init__(LicenceConfig)

    def run_validation(self, value: object) -> LicenceConfig:
        licence = super().run_validation(value)
        if licence.url and not licence.name.strip():
            raise ValidationError("a licence with a url needs its name too, e.g. name: CC BY-SA 4.0")
        return licence


class PlaybookConfig(Config):
    # Content licence, printed on every sheet; none is printed until the site names one
    licence = _LicenceOption()

    # Pages: the field reference for authors, and a link per entry to where it is discussed
    reference_page = c.Type(bool, default=True)
    discussion = _DiscussionTemplate()  # e.g. https://github.com/o/r/discussions?discussions_q={title}

    # Tags: shown on each entry's page (by Material's tags plugin where the site enables it)
    tags = c.Type(bool, default=True)

    # Navigation: pages per section, so Material's navigation stays small on every page
    nav_section_size = _PositiveInt(default=50)

    # Glossary: link the first use of each term on every page to its entry
    glossary = c.Type(bool, default=True)

    # Safety: hand-written pages (paths under docs/) whose raw HTML is kept; elsewhere it is shown as text
    raw_html_pages = c.ListOfItems(c.Type(str), default=[])
    # The Content-Security-Policy of every page ("{hashes}" stands for the theme's inline scripts); "" for none
    content_security_policy = c.Type(str, default=CONTENT_SECURITY_POLICY)


def site_of(options: PlaybookConfig, site_url: str, *, tags_shown_by_plugin: bool) -> Site:
    """What the pages need to know of the site, from its address and the plugin's options."""
    licence = options.licence
    return Site(
        url=site_url,
        licence=Licence(licence.name.strip(), licence.url) if licence.name.strip() else None,
        discussion=options.discussion,
        reference_page=options.reference_page,
        tags=options.tags,
        tags_in_text=options.tags and not tags_shown_by_plugin,
        raw_html_pages=frozenset(options.raw_html_pages),
    )


class OptionsError(Exception):
    """A configuration file whose playbook options cannot be used; the message says why."""


def options_from_file(config_file: Path) -> tuple[PlaybookConfig, dict[str, Any]]:
    """The playbook plugin's options in a MkDocs configuration file, checked as MkDocs would, and
    the file's own settings (for `playbook render`, which runs no MkDocs build)."""
    try:
        with config_file.open(encoding="utf-8") as file:
            settings = yaml_load(file) or {}
    except (OSError, yaml.YAMLError, ConfigurationError) as error:
        raise OptionsError(f"{config_file.as_posix()}: {error}") from None
    plugins = settings.get("plugins") or []
    entries = plugins.items() if isinstance(plugins, dict) else (_plugin_entry(p) for p in plugins)
    given = next((opts for name, opts in entries if name == "playbook"), None)
    options = PlaybookConfig(config_file_path=str(config_file))
    options.load_dict(given if isinstance(given, dict) else {})
    errors, _ = options.validate()
    if errors:
        name, problem = errors[0]
        raise OptionsError(f"{config_file.as_posix()}: plugin 'playbook' option '{name}': {problem}")
    return options, settings


def _plugin_entry(entry: object) -> tuple[str, object]:
    if isinstance(entry, dict) and len(entry) == 1:
        return next(iter(entry.items()))
    return str(entry), None
