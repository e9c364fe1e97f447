"""The generated navigation: home, each kind's section, grouped and chunked, then hand-written folders."""

from playbook.navigation import navigation
from playbook.views import Page


def page(path: str, title: str, group: str | None = None, in_nav: bool = True) -> Page:
    return Page(path, "", None, title, group, in_nav)


def test_home_leads_into_the_playbook_then_guides_the_contributors_section_and_tags_follow() -> None:
    handwritten = ["tags.md", "about.md", "index.md", "guides/start.md", "guides/authoring.md"]
    generated = [page("exercises/index.md", "Exercises"), page("contributing/fields.md", "Field reference")]
    nav = navigation(handwritten, generated, 50)
    assert nav == [
        {"Home": "index.md"},
        "about.md",
        {"Exercises": ["exercises/index.md"]},
        {"Guides": ["guides/authoring.md", "guides/start.md"]},
        {"Contributing": [{"Field reference": "contributing/fields.md"}]},
        {"Tags": "tags.md"},
    ]


def test_the_field_reference_sits_under_the_contributors_guide_after_the_readers_guides() -> None:
    handwritten = ["index.md", "guides/tips.md", "contributing/index.md", "contributing/style.md"]
    generated = [page("pdsa/index.md", "PDSA templates"), page("contributing/fields.md", "Field reference")]
    nav = navigation(handwritten, generated, 50)
    assert nav == [
        {"Home": "index.md"},
        {"PDSA templates": ["pdsa/index.md"]},
        {"Guides": ["guides/tips.md"]},
        {
            "Contributing": [
                "contributing/index.md",
                "contributing/style.md",
                {"Field reference": "contributing/fields.md"},
            ]
        },
    ]


def test_a_section_lists_its_index_then_its_groups_and_leaves_printable_pages_out() -> None:
    pages = [
        page("exercises/index.md", "Exercises"),
        page("exercises/a.md", "A", "Value"),
        page("exercises/a/worksheet.md", "Worksheet: A", in_nav=False),
        page("exercises/b.md", "B", "Flow"),
        page("pdsa/c.md", "C"),
    ]
    nav = navigation(["exercises/notes.md"], pages, 50)
    assert nav == [
        {
            "Exercises": [
                "exercises/index.md",
                {"Value": [{"A": "exercises/a.md"}]},
                {"Flow": [{"B": "exercises/b.md"}]},
                "exercises/notes.md",
            ]
        },
        {"PDSA templates": [{"C": "pdsa/c.md"}]},
    ]


def test_a_long_section_is_cut_into_chunks_of_the_section_size() -> None:
    pages = [page(f"pdsa/p{n}.md", f"P{n}") for n in range(1, 6)]
    nav = navigation([], pages, 2)
    assert nav == [
        {
            "PDSA templates": [
                {"Pages 1 to 2": [{"P1": "pdsa/p1.md"}, {"P2": "pdsa/p2.md"}]},
                {"Pages 3 to 4": [{"P3": "pdsa/p3.md"}, {"P4": "pdsa/p4.md"}]},
                {"Pages 5 to 5": [{"P5": "pdsa/p5.md"}]},
            ]
        }
    ]


def test_generated_pages_outside_the_kinds_folders_get_a_section_of_their_own() -> None:
    nav = navigation([], [page("contributing/fields.md", "Field reference")], 50)
    assert nav == [{"Contributing": [{"Field reference": "contributing/fields.md"}]}]
