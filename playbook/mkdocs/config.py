"""The plugin's options as MkDocs reads them from `mkdocs.yml`: one MkDocs option per field of the
core's `PlaybookOptions`, with its default and check, so that a wrong value is reported as a
configuration error naming the option, never a traceback.
"""

from __future__ import annotations

from typing import Any, Generic, TypeVar

from mkdocs.config.base import BaseConfigOption, Config, ValidationError

from playbook import options
from playbook.options import OptionError, PlaybookOptions, check_option, default_of
from playbook.site import Licence, Site

T = TypeVar("T")


class _Option(Generic[T], BaseConfigOption[T]):
    """One of the core's options: its default, and its check with MkDocs' error and warnings."""

    def __set_name__(self, owner: type, name: str) -> None:
        super().__set_name__(owner, name)
        self.default = default_of(name)  # a KeyError here: the core has no option of that name

    def run_validation(self, value: object) -> T:
        try:
            checked: T = check_option(self._name, value, self.warnings)
        except OptionError as error:
            raise ValidationError(str(error)) from None
        return checked


class PlaybookConfig(Config):
    """The fields of `PlaybookOptions` (a test checks that none is missing), in its order."""

    licence = _Option[Licence | None]()
    reference_page = _Option[bool]()
    discussion = _Option[str]()
    tags = _Option[bool]()
    nav_section_size = _Option[int]()
    glossary = _Option[bool]()
    raw_html_pages = _Option[list[str]]()
    content_security_policy = _Option[str]()


def options_of(config: PlaybookConfig) -> PlaybookOptions:
    """The core's options, from those MkDocs checked."""
    given: dict[str, Any] = {name: config[name] for name in options.OPTIONS}
    return PlaybookOptions(**given)


def site_of(config: PlaybookConfig, site_url: str, *, tags_shown_by_plugin: bool) -> Site:
    """What the pages need to know of the site, from its address and the plugin's options."""
    return options.site_of(options_of(config), site_url, tags_shown_by_plugin=tags_shown_by_plugin)
