"""The Jinja2 environment of the page templates, and the escaping policy of what they print.

Templates hold markup and Python holds decisions: the templates get the filters of
`playbook.text`, and the principles' names. Every `{{ ... }}` goes through `markdown_safe`.
"""

from __future__ import annotations

from functools import cache

from jinja2 import Environment, PackageLoader, StrictUndefined
from markupsafe import Markup

from playbook.catalog import Ref
from playbook.model import PRINCIPLE_NAMES, PRINCIPLES, STAGE_NAMES, STAGES
from playbook.safety import PlainStr, as_markup, css_string, markdown_text, markdown_url, yaml_string
from playbook.text import after_question, format_minutes, link_text, one_line, plain_text, table_cell
from playbook.views import linked_from


@cache
def environment() -> Environment:
    env = Environment(
        loader=PackageLoader("playbook", "templates"),
        autoescape=True,  # a value no filter marked safe is escaped for HTML...
        finalize=markdown_safe,  # ...unless it is author text, escaped here for Markdown
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        auto_reload=False,  # the templates ship with the package: no stat() of each on every page
    )
    env.filters.update(
        minutes=format_minutes,
        plain=plain_text,
        oneline=one_line,
        cell=table_cell,
        link_text=link_text,
        after_question=after_question,
        as_ref=lambda entry_id, kind_name: Ref(kind_name, entry_id),
        md=markdown_text,  # plain text for Markdown, where a filter (join, lower) made it a str
        url=markdown_url,
        yaml=yaml_string,
        css=css_string,
    )
    env.globals.update(
        PRINCIPLES=PRINCIPLES,
        PRINCIPLE_NAMES=PRINCIPLE_NAMES,
        STAGES=STAGES,
        STAGE_NAMES=STAGE_NAMES,
        linked_from=linked_from,
        SEARCH_BOOST=SEARCH_BOOST,
    )
    return env


# How much a match on a page counts in the site's search (Material's `search: boost:`), 1 being
# an ordinary page. A kind's index lists all its entries: it answers a query that names the kind
# ("pdsa") first. The glossary and the field reference have a heading for every term and field:
# they answer after the pages about the subject, not ahead of them.
SEARCH_BOOST = {"index": 2, "glossary": 0.1, "reference": 0.1}


def markdown_safe(value: object) -> object:
    """What every `{{ ... }}` prints: author text that can hold no HTML tag and end no attribute.

    Plain text is escaped for Markdown, so that it shows exactly as written (`markdown_text`).
    In Markdown, only `<` and `"` are escaped, so that Markdown (emphasis, lists, quotes,
    apostrophes) and glossary terms such as "Little's law" reach Python-Markdown as the author
    wrote them. Values already marked safe (`Markup`, e.g. from `| e` in HTML blocks) are
    printed as they are.
    """
    if isinstance(value, Markup) or not isinstance(value, str):
        return value
    if isinstance(value, PlainStr):
        return markdown_text(value)
    return as_markup(value.replace("<", "&lt;").replace('"', "&quot;"))
