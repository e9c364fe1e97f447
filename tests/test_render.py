import weakref

import pytest
import yaml

from playbook.addresses import relative
from playbook.catalog import load_playbook
from playbook.render import Renderer
from playbook.site import Licence, Site
from playbook.text import format_minutes
from tests.conftest import MINIMAL, REPO


def pages() -> dict[str, str]:
    playbook = load_playbook(MINIMAL / "docs")
    site = Site("https://example.org/pb/", licence=Licence("CC BY-SA 4.0"))
    return {page.path: page.markdown for page in Renderer(playbook, site).pages()}


def test_every_entry_gets_its_pages() -> None:
    assert sorted(pages()) == [
        "cards/index.md",
        "cards/request-types.md",
        "cards/request-types/print.md",
        "contributing/fields.md",
        "exercises/coverage.md",
        "exercises/index.md",
        "exercises/limit-the-work.md",
        "exercises/limit-the-work/worksheet.md",
        "exercises/sort-the-requests.md",
        "exercises/sort-the-requests/example.md",
        "exercises/sort-the-requests/worksheet.md",
        "glossary/index.md",
        "pdsa/index.md",
        "pdsa/try-a-change.md",
        "pdsa/try-a-change/worksheet.md",
        "programmes/index.md",
        "programmes/two-weeks.md",
        "programmes/two-weeks/pack.md",
        "wastes/basic.md",
        "wastes/index.md",
        "wastes/waiting-for-approval.md",
        "wastes/waiting.md",
    ]


def test_the_guide_shows_what_the_yaml_says() -> None:
    guide = pages()["exercises/sort-the-requests.md"]
    assert guide.startswith('---\ntitle: "Sort the requests"\n')
    assert "| **Duration** | 30 min |" in guide
    assert "| **Group size** | 2 to 12 people |" in guide
    assert "### 2. Sort them" in guide
    assert "10 min to 30 min · 20 min" in guide
    assert "- [Waiting](../wastes/waiting.md)" in guide
    assert "- [Two weeks of lean](../programmes/two-weeks.md)" in guide  # a backlink
    assert "*Lean Thinking*, James P. Womack and Daniel T. Jones (1996)." in guide


def test_the_worksheet_gives_each_answer_shape_its_space() -> None:
    sheet = pages()["exercises/sort-the-requests/worksheet.md"]
    assert sheet.count('<input type="text" name="exercise-sort-the-requests.customers.') == 3
    assert '<th scope="row">Managers</th>' in sheet
    assert sheet.count('type="radio" name="exercise-sort-the-requests.confidence"') == 5
    assert 'rows="3" style="--pb-lines: 3"' in sheet
    assert "<span>Photograph the piles</span></label>" in sheet
    assert "https://example.org/pb/exercises/sort-the-requests/worksheet/" in sheet
    assert "Last reviewed 2026-01-15" in sheet and "Licence CC BY-SA 4.0" in sheet


def test_the_programme_agenda_has_start_times_and_totals() -> None:
    programme = pages()["programmes/two-weeks.md"]
    assert "| 14:00 | Welcome | 5 min |" in programme
    assert "| 14:05 | [Sort the requests](../exercises/sort-the-requests.md) | 30 min |" in programme
    assert "Starts 14:00 · 45 min · agenda 35 min, 10 min spare" in programme
    assert "| +0:00 | [Limit the work](../exercises/limit-the-work.md) | 20 min |" in programme


def test_the_pack_holds_every_worksheet_of_the_series_in_order() -> None:
    pack = pages()["programmes/two-weeks/pack.md"]
    assert pack.index('id="exercise-sort-the-requests"') < pack.index('id="exercise-limit-the-work"')


def test_author_html_is_escaped_not_passed_through(minimal_copy) -> None:
    exercise = minimal_copy / "docs/exercises/limit-the-work.yml"
    exercise.write_text(
        exercise.read_text().replace("summary: Put a limit", 'summary: <script>alert("x")</script> Put a limit')
    )
    playbook = load_playbook(minimal_copy / "docs")
    guide = next(p for p in Renderer(playbook).pages() if p.path == "exercises/limit-the-work.md")
    front_matter, body = guide.markdown.split("\n---\n", 1)
    assert "<script>" not in body
    assert "&lt;script>alert(&quot;x&quot;)&lt;/script> Put a limit" in body
    # the front matter keeps the text as written: the plugin escapes it where the theme prints it
    assert yaml.safe_load(front_matter.removeprefix("---\n"))["description"].startswith('<script>alert("x")</script>')


def test_markdown_and_apostrophes_reach_markdown_as_written(minimal_copy) -> None:
    exercise = minimal_copy / "docs/exercises/limit-the-work.yml"
    exercise.write_text(
        exercise.read_text().replace(
            "summary: Put a limit on work in progress and watch the queue move.",
            'summary: "> Little\'s law: *WIP* | lead time & more and watch the queue move."',
        )
    )
    playbook = load_playbook(minimal_copy / "docs")
    pages = {p.path: p.markdown for p in Renderer(playbook).pages()}
    assert "\n> Little's law: *WIP* | lead time & more and watch" in pages["exercises/limit-the-work.md"]
    index_row = next(line for line in pages["exercises/index.md"].splitlines() if "Limit the work" in line)
    assert index_row.endswith("| > Little's law: *WIP* \\| lead time & more and watch the queue move. |")


def test_relative_links_between_pages() -> None:
    assert relative("exercises/a.md", "exercises/a/worksheet.md") == "a/worksheet.md"
    assert relative("exercises/a/worksheet.md", "glossary/index.md#wip") == "../../glossary/index.md#wip"
    assert relative("index.md", "wastes/index.md") == "wastes/index.md"


def test_minutes_read_as_people_say_them() -> None:
    assert [format_minutes(m) for m in (45, 60, 90)] == ["45 min", "1 h", "1 h 30 min"]


def test_the_field_reference_names_plain_text_and_markdown_fields_as_the_model_types_them() -> None:
    reference = pages()["contributing/fields.md"]
    assert "| `title` | plain text (up to 200 characters) | yes |" in reference
    assert "| `summary` | Markdown | yes |" in reference


def test_a_term_used_on_many_pages_lists_the_first_by_title_and_counts_the_rest() -> None:
    from playbook.glossary import TERM_USES_SHOWN, fill_term_uses, term_uses_marker

    listed = {f"exercises/e{n:02d}.md": (f"Exercise {n:02d}", f"../exercises/e{n:02d}.md") for n in range(23)}
    filled = fill_term_uses(f"## WIP\n\n{term_uses_marker('wip')}\n", {"wip": set(listed)}, listed)
    assert "[Exercise 00](../exercises/e00.md)" in filled
    assert f"[Exercise {TERM_USES_SHOWN - 1:02d}]" in filled and f"[Exercise {TERM_USES_SHOWN:02d}]" not in filled
    assert filled.rstrip().endswith(
        f" and {23 - TERM_USES_SHOWN} more pages.\n{{: .pb-term-uses data-search-exclude }}"
    )


def test_term_uses_as_html_for_a_page_already_converted() -> None:
    from playbook.glossary import fill_term_uses, term_uses_marker

    listed = {"a.md": ("Tom & Jerry's <guide>", "../a/")}
    filled = fill_term_uses(f"<div>{term_uses_marker('wip')}</div>", {"wip": {"a.md"}}, listed, html=True)
    assert filled == (
        '<div><p class="pb-term-uses" data-search-exclude><em>Used in:</em> '
        '<a href="../a/">Tom &amp; Jerry&#39;s &lt;guide&gt;</a>.</p></div>'
    )


def test_pages_without_a_title_to_list_are_left_out_of_term_uses() -> None:
    from playbook.glossary import fill_term_uses, term_uses_marker

    filled = fill_term_uses(term_uses_marker("wip"), {"wip": {"exercises/a/worksheet.md"}}, {})
    assert filled == ""


def test_pages_of_the_same_title_in_term_uses_are_told_apart() -> None:
    from playbook.glossary import fill_term_uses, term_uses_marker

    listed = {
        "wastes/lean-eight-wastes.md": ("Overview", "../wastes/lean-eight-wastes/"),
        "wastes/three-ms.md": ("Overview", "../wastes/three-ms/"),
        "exercises/five-whys.md": ("Five whys", "../exercises/five-whys/"),
    }
    filled = fill_term_uses(term_uses_marker("wip"), {"wip": set(listed)}, listed, html=True)
    names = [part.split(">")[-1] for part in filled.split("</a>")[:-1]]
    assert names == ["Five whys", "Overview (lean eight wastes)", "Overview (three ms)"]


def test_the_coverage_page_places_each_exercise_at_its_principle_and_stage() -> None:
    coverage = pages()["exercises/coverage.md"]
    row = next(line for line in coverage.splitlines() if line.startswith("| **Deliver** |"))
    cells = [cell.strip() for cell in row.strip("|").split("|")]
    assert cells[1].startswith("[Sort the requests](sort-the-requests.md)")  # value, the first principle
    assert cells[2] == "none yet"  # value stream
    assert cells[3].startswith("[Limit the work](limit-the-work.md)")  # flow
    assert cells[4:] == ["none yet"] * 2


def test_the_shipped_playbook_has_an_exercise_in_every_cell_of_the_coverage_page() -> None:
    playbook = load_playbook(MINIMAL.parents[2] / "docs")
    coverage = {page.path: page.markdown for page in Renderer(playbook, Site()).pages()}["exercises/coverage.md"]
    assert "none yet" not in coverage
    for entry in playbook.exercises.values():
        assert f"]({entry.id}.md)" in coverage


def test_the_exercise_index_lists_each_exercise_with_its_stage_time_and_group_for_the_filters() -> None:
    index = pages()["exercises/index.md"]
    assert '<form class="pb-filter" hidden>' in index
    assert "| [Sort the requests](sort-the-requests.md) | Deliver | 30 min | 2\u201312 |" in index  # an en dash


def test_a_pdsa_guide_asks_each_question_of_the_model_for_improvement_once() -> None:
    from playbook.text import after_question

    question = "What are we trying to accomplish?"
    assert after_question(f"{question} Write it with\na number.", question) == "Write it with\na number."
    assert after_question("what are  we trying\nto accomplish? Halve the wait.", question) == "Halve the wait."
    assert after_question("Halve the wait.", question) == "Halve the wait."
    assert after_question(question, question) == question, "an answer that is only the question stays"


def test_linked_from_leaves_out_the_pages_a_page_already_lists_as_related() -> None:
    from playbook.catalog import Ref
    from playbook.views import linked_from

    backlinks = [Ref("exercise", "five-whys"), Ref("programme", "taster"), Ref("exercise", "waste-walk")]
    groups = [("Wastes", "waste", ["waiting"]), ("Related exercises", "exercise", ["five-whys"])]
    assert linked_from(backlinks, groups) == [Ref("programme", "taster"), Ref("exercise", "waste-walk")]


def test_the_glossary_files_each_term_under_its_initial_accents_and_digits_included() -> None:
    from playbook.views import glossary_order, initial

    assert [initial(term) for term in ("Éclair", "5S", "kanban", "“Quoted”", " muda")] == ["E", "#", "K", "#", "M"]
    terms = ["value", "5S", "Éclair", "andon", "70-20-10", "Zeal", "Ease"]
    assert sorted(terms, key=glossary_order) == ["5S", "70-20-10", "andon", "Ease", "Éclair", "value", "Zeal"]


def test_the_a_to_z_bar_shows_every_letter_and_links_those_with_terms() -> None:
    from playbook.views import Letter, alphabet

    letters = alphabet([("five-s", "5S"), ("andon", "andon"), ("ease", "Ease"), ("eclair", "Éclair")])
    assert letters[0] == Letter("#", "five-s", "Numbers and symbols")
    assert [letter.label for letter in letters[1:]] == list("ABCDEFGHIJKLMNOPQRSTUVWXYZ")
    assert {letter.label: letter.anchor for letter in letters if letter.anchor} == {
        "#": "five-s",
        "A": "andon",
        "E": "ease",
    }
    assert alphabet([("andon", "andon")])[0].label == "A"  # no place for digits when no term needs one


def test_the_glossary_page_carries_the_bar_out_of_search() -> None:
    glossary = pages()["glossary/index.md"]
    bar = glossary[glossary.index('<nav class="pb-az"') : glossary.index("</nav>")]
    assert "data-search-exclude" in bar
    assert bar.count("<li") == 26


@pytest.mark.usefixtures("cyclic_collector_off")
def test_the_playbook_is_freed_without_the_cyclic_collector_once_its_pages_are_rendered() -> None:
    """The plugin loads and renders with the cyclic collector paused, and drops the playbook before
    the collector resumes. A reference cycle holding the playbook (a closure or a template macro
    that calls itself) would keep it alive until the collector's next full pass, and every pass
    until then would walk it: hundreds of thousands of objects in a large playbook."""
    for docs in (MINIMAL / "docs", REPO / "docs"):
        playbook = load_playbook(docs, root=docs.parent)
        rendered = list(Renderer(playbook, Site("https://example.org/pb/")).pages())
        alive = weakref.ref(playbook)
        del playbook

        assert rendered and alive() is None, f"{docs}: the playbook is still alive"
