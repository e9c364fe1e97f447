"""The plugin's options, described once: what a site owner chooses, each with its default and check.

MkDocs reads them through `playbook/mkdocs/config.py`; `playbook render -f mkdocs.yml` reads them
here, without MkDocs, so that every engine builds the same site. A wrong value is an
`OptionError` whose message says why in the words MkDocs uses for its own options.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import Any

import yaml

from playbook.safety import CONTENT_SECURITY_POLICY
from playbook.site import Licence, Site, discussion_template_problem


class OptionError(ValueError):
    """A value an option cannot take; the message says why."""


# A check takes the value given (never None: a missing or empty option takes its default) and
# where to note warnings, and returns the value the site uses.
Check = Callable[[object, list[str]], Any]


def _of_type(kind: type) -> Check:
    def check(value: object, warnings: list[str]) -> Any:
        if not isinstance(value, kind):
            raise OptionError(f"Expected type: {kind} but received: {type(value)}")
        return value

    return check


def _positive_int(value: object, warnings: list[str]) -> int:
    number: int = _of_type(int)(value, warnings)
    if isinstance(number, bool) or number < 1:
        raise OptionError(f"expected a whole number of 1 or more, but received: {value!r}")
    return number


def _discussion_template(value: object, warnings: list[str]) -> str:
    template: str = _of_type(str)(value, warnings)
    problem = discussion_template_problem(template) if template else None
    if problem:
        raise OptionError(f"{template!r} {problem}")
    return template


def _http_url(value: object, warnings: list[str]) -> str:
    url: str = _of_type(str)(value, warnings)
    if url and not url.startswith(("https://", "http://")):
        raise OptionError(f"expected an http(s) address, but received: {url!r}")
    return url


def _list_of_text(value: object, warnings: list[str]) -> list[str]:
    if not isinstance(value, list):
        raise OptionError(f"Expected a list of items, but a {type(value)} was given.")
    return [_of_type(str)(item, warnings) for item in value]


def _licence(value: object, warnings: list[str]) -> Licence | None:
    if not isinstance(value, dict):
        raise OptionError(
            f"The configuration is invalid. Expected a key-value mapping (dict) but received: {type(value)}"
        )
    sub_options: dict[str, Check] = {"name": _of_type(str), "url": _http_url}
    checked: dict[str, str] = {}
    for key, check in sub_options.items():
        try:
            checked[key] = "" if value.get(key) is None else check(value[key], warnings)
        except OptionError as error:
            raise OptionError(f"Sub-option '{key}': {error}") from None
    warnings.extend(
        f"Sub-option '{key}': Unrecognised configuration name: {key}" for key in value if key not in sub_options
    )
    name, url = checked["name"].strip(), checked["url"]
    if url and not name:
        raise OptionError("a licence with a url needs its name too, e.g. name: CC BY-SA 4.0")
    return Licence(name, url) if name else None


@dataclass(frozen=True)
class PlaybookOptions:
    # Content licence (a name, e.g. "CC BY-SA 4.0", and the url of its terms), printed on every
    # sheet; none is printed until the site names one
    licence: Licence | None = field(default=None, metadata={"check": _licence})

    # Pages: the field reference for authors, and a link per entry to where it is discussed
    reference_page: bool = field(default=True, metadata={"check": _of_type(bool)})
    # e.g. https://github.com/o/r/discussions?discussions_q={title}
    discussion: str = field(default="", metadata={"check": _discussion_template})

    # Tags: shown on each entry's page (by Material's tags plugin where the site enables it)
    tags: bool = field(default=True, metadata={"check": _of_type(bool)})

    # Navigation: pages per section, so Material's navigation stays small on every page
    nav_section_size: int = field(default=50, metadata={"check": _positive_int})

    # Glossary: link the first use of each term on every page to its entry
    glossary: bool = field(default=True, metadata={"check": _of_type(bool)})

    # Safety: hand-written pages (paths under docs/) whose raw HTML is kept; elsewhere it is shown as text
    raw_html_pages: list[str] = field(default_factory=list, metadata={"check": _list_of_text})
    # The Content-Security-Policy of every page ("{hashes}" stands for the theme's inline scripts); "" for none
    content_security_policy: str = field(default=CONTENT_SECURITY_POLICY, metadata={"check": _of_type(str)})

    @classmethod
    def checked(cls, given: Mapping[str, object]) -> tuple[PlaybookOptions, list[tuple[str, str]]]:
        """The options given (by name), each checked, and warnings (option, message) such as unknown names;
        an OptionError names the first wrong option."""
        values: dict[str, Any] = {}
        warnings: list[tuple[str, str]] = []
        for option in fields(cls):
            noted: list[str] = []
            try:
                values[option.name] = check_option(option.name, given.get(option.name), noted)
            except OptionError as error:
                raise OptionError(f"option '{option.name}': {error}") from None
            warnings.extend((option.name, note) for note in noted)
        known = {option.name for option in fields(cls)}
        warnings.extend((name, f"Unrecognised configuration name: {name}") for name in given if name not in known)
        return cls(**values), warnings


OPTIONS = {option.name: option for option in fields(PlaybookOptions)}


def default_of(name: str) -> Any:
    """An option's default value (a fresh one where it is a list)."""
    option = OPTIONS[name]
    return option.default_factory() if callable(option.default_factory) else option.default


def check_option(name: str, value: object, warnings: list[str]) -> Any:
    """The value the site uses for option `name` given `value` (its default for None)."""
    return default_of(name) if value is None else OPTIONS[name].metadata["check"](value, warnings)


def site_of(options: PlaybookOptions, site_url: str, *, tags_shown_by_plugin: bool) -> Site:
    """What the pages need to know of the site, from its address and the plugin's options."""
    return Site(
        url=site_url,
        licence=options.licence,
        discussion=options.discussion,
        reference_page=options.reference_page,
        tags=options.tags,
        tags_in_text=options.tags and not tags_shown_by_plugin,
        raw_html_pages=frozenset(options.raw_html_pages),
    )


@dataclass(frozen=True)
class ConfigFile:
    """What `playbook render -f` needs of a MkDocs configuration file."""

    options: PlaybookOptions
    settings: dict[str, Any]  # the file's own settings, those it inherits under them
    warnings: list[str]  # e.g. an option name misspelt, which `mkdocs build --strict` refuses


def options_from_file(config_file: Path) -> ConfigFile:
    """The playbook plugin's options in a MkDocs configuration file, checked as MkDocs would, and
    the file's own settings (for `playbook render`, which runs no MkDocs build)."""
    settings = _settings(config_file)
    plugins = settings.get("plugins") or []
    entries = plugins.items() if isinstance(plugins, dict) else (_plugin_entry(p) for p in plugins)
    given = next((opts for name, opts in entries if name == "playbook"), None)
    given = {k: v for k, v in given.items() if k != "enabled"} if isinstance(given, dict) else {}  # MkDocs' own key
    try:
        options, warnings = PlaybookOptions.checked(given)
    except OptionError as error:
        raise OptionError(f"{config_file.as_posix()}: plugin 'playbook' {error}") from None
    shown = [f"{config_file.as_posix()}: plugin 'playbook' option '{name}': {message}" for name, message in warnings]
    return ConfigFile(options, settings, shown)


def _plugin_entry(entry: object) -> tuple[str, object]:
    if isinstance(entry, dict) and len(entry) == 1:
        return next(iter(entry.items()))
    return str(entry), None


def _settings(config_file: Path, inheriting: tuple[Path, ...] = ()) -> dict[str, Any]:
    """A MkDocs configuration file's settings, with those of the file it names as INHERIT under them."""
    if config_file.resolve() in inheriting:
        chain = " -> ".join(path.as_posix() for path in (*inheriting, config_file.resolve()))
        raise OptionError(f"{config_file.as_posix()}: INHERIT goes round in a loop: {chain}")
    try:
        with config_file.open(encoding="utf-8") as file:
            settings = yaml.load(file, Loader=_ConfigLoader) or {}
    except (OSError, yaml.YAMLError) as error:
        raise OptionError(f"{config_file.as_posix()}: {error}") from None
    if not isinstance(settings, dict):
        raise OptionError(f"{config_file.as_posix()}: expected a mapping of settings, not {type(settings).__name__}")
    inherited = settings.pop("INHERIT", None)
    if not inherited:
        return settings
    return _merged(_settings(config_file.parent / str(inherited), (*inheriting, config_file.resolve())), settings)


def _merged(base: dict[str, Any], over: dict[str, Any]) -> dict[str, Any]:
    """`over` on `base`, mappings merged key by key as MkDocs merges an inherited file."""
    merged = dict(base)
    for key, value in over.items():
        below = merged.get(key)
        merged[key] = _merged(below, value) if isinstance(below, dict) and isinstance(value, dict) else value
    return merged


class _ConfigLoader(yaml.SafeLoader):
    """Reads mkdocs.yml safely: `!ENV` as MkDocs does; Python names (`!!python/name:...`) and
    other tags, which name nothing the playbook's options need, as nothing."""


def _environment_value(loader: yaml.SafeLoader, node: yaml.Node) -> object:
    # !ENV NAME, or !ENV [NAME, OTHER_NAME, default]: the first variable set, else the default. As
    # MkDocs reads it: the variable's text is one value, typed as a plain YAML scalar ("true", "5")
    if isinstance(node, yaml.SequenceNode):
        items = loader.construct_sequence(node)
        names, default = (items[:-1], items[-1]) if len(items) > 1 else (items, None)
    else:
        names, default = [loader.construct_scalar(node)], None  # type: ignore[arg-type]
    for name in names:
        if str(name) in os.environ:
            text = os.environ[str(name)]
            tag = loader.resolve(yaml.ScalarNode, text, (True, False))  # type: ignore[no-untyped-call]  # untyped in types-PyYAML
            return loader.construct_object(yaml.ScalarNode(tag, text))
    return default


_ConfigLoader.add_constructor("!ENV", _environment_value)
_ConfigLoader.add_multi_constructor("", lambda loader, suffix, node: None)
