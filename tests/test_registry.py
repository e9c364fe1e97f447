"""A new kind of content is one registry entry, a model and its templates: nothing else changes."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from jinja2 import ChoiceLoader, DictLoader
from mkdocs.commands.build import build
from mkdocs.config import load_config
from pydantic import Field

from playbook import registry
from playbook.catalog import load_playbook
from playbook.environment import environment
from playbook.errors import ContentErrors
from playbook.model import Entry, Markdown
from playbook.pdf import printable_pages
from playbook.reference import field_reference
from playbook.registry import GUIDE, Kind, PageSpec
from playbook.schema import write_schemas


class Recipe(Entry):
    """A dish, and how to make it."""

    serves: int = Field(ge=1, le=50, description="How many people it feeds.")
    method: list[Markdown] = Field(min_length=1, description="The steps, in order.")


RECIPE = Kind(
    "recipe",
    "recipe",
    "Recipes",
    "recipes",
    Recipe,
    "recipe",
    (
        PageSpec(GUIDE, "recipes/{id}.md", "recipe.md.j2"),
        PageSpec("card", "recipes/{id}/card.md", "recipe_card.md.j2", "Recipe card: {title}", printable=True),
    ),
    index="recipes_index.md.j2",
)

TEMPLATES = {
    "recipes_index.md.j2": """# Recipes

{% for e in entries %}
- [{{ e.model.title }}]({{ link("recipe", e.id) }})
{% endfor %}
""",
    "recipe.md.j2": """# {{ recipe.title }}

{{ recipe.summary }}

Serves {{ recipe.serves }}. [Print the card]({{ link(ref.kind, ref.id, "card") }})
""",
    "recipe_card.md.j2": """# {{ title }}

{% for step in recipe.method %}
1. {{ step }}
{% endfor %}

[All recipes]({{ link("recipe") }})
""",
}

PANCAKES = """\
title: Pancakes
summary: Thin ones, for a queue of hungry people.
serves: 4
method:
  - Whisk flour, eggs and milk.
  - Fry each one for a minute a side.
"""


@pytest.fixture
def recipes(monkeypatch: pytest.MonkeyPatch) -> Kind:
    """The registry with one more kind, and its templates where the renderer looks for them."""
    monkeypatch.setattr(registry, "KINDS", (*registry.KINDS, RECIPE))
    monkeypatch.setattr(registry, "_BY_NAME", {**registry._BY_NAME, RECIPE.name: RECIPE})
    env = environment()
    monkeypatch.setattr(env, "loader", ChoiceLoader([DictLoader(TEMPLATES), env.loader]))
    return RECIPE


def test_a_new_kind_is_loaded_built_and_put_in_the_navigation(
    recipes: Kind, minimal_copy: Path, tmp_path: Path
) -> None:
    (minimal_copy / "docs/recipes").mkdir()
    (minimal_copy / "docs/recipes/pancakes.yml").write_text(PANCAKES, encoding="utf-8")
    site = tmp_path / "site"
    config = load_config(str(minimal_copy / "mkdocs.yml"), site_dir=str(site), strict=True)
    build(config)
    guide = (site / "recipes/pancakes/index.html").read_text(encoding="utf-8")
    assert "Serves 4." in guide and 'href="card/"' in guide
    card = (site / "recipes/pancakes/card/index.html").read_text(encoding="utf-8")
    assert "Fry each one for a minute a side." in card and 'href="../../"' in card
    assert 'href="pancakes/"' in (site / "recipes/index.html").read_text(encoding="utf-8")
    assert not (site / "recipes/pancakes.yml").exists()
    nav = json.dumps(config.nav)
    assert '{"Recipes": ["recipes/index.md", {"Pancakes": "recipes/pancakes.md"}]}' in nav
    assert "recipes/pancakes/card.md" not in nav  # printable pages stay out of the navigation
    assert printable_pages(site)[-1] == "recipes/pancakes/card/"


def test_a_new_kind_has_a_schema_a_field_reference_and_positioned_errors(
    recipes: Kind, minimal_copy: Path, tmp_path: Path
) -> None:
    assert (tmp_path / "schema/recipe.schema.json") in write_schemas(tmp_path / "schema")
    reference = {kind.name: kind for kind in field_reference()}["recipe"]
    assert reference.title == "Recipe" and reference.folder == "recipes"
    assert [row.name for row in reference.top.fields] == list(Recipe.model_fields)
    (minimal_copy / "docs/recipes").mkdir()
    (minimal_copy / "docs/recipes/pancakes.yml").write_text(PANCAKES.replace("serves: 4", "serves: lots"))
    with pytest.raises(ContentErrors) as raised:
        load_playbook(minimal_copy / "docs", root=minimal_copy)
    [error] = raised.value.errors
    assert str(error).startswith("docs/recipes/pancakes.yml:3:9: error: serves: input should be a valid integer")
