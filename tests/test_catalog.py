from pathlib import Path

import pytest

from playbook.catalog import Ref, load_playbook
from playbook.errors import ContentErrors
from tests.conftest import MINIMAL


def errors_in(docs: Path) -> list[str]:
    with pytest.raises(ContentErrors) as caught:
        load_playbook(docs, root=docs.parent)
    return [str(error) for error in caught.value.errors]


def test_the_fixture_loads_every_kind() -> None:
    playbook = load_playbook(MINIMAL / "docs")
    assert sorted(playbook.exercises) == ["limit-the-work", "sort-the-requests"]
    assert sorted(playbook.wastes) == ["waiting", "waiting-for-approval"]
    assert playbook.wastes["waiting-for-approval"].parent == "waiting"
    assert list(playbook.pdsa) == ["try-a-change"]
    assert list(playbook.programmes) == ["two-weeks"]
    assert "wip" in playbook.terms


def test_backlinks_show_who_refers_to_an_entry() -> None:
    playbook = load_playbook(MINIMAL / "docs")
    assert playbook.links_to("waste", "waiting") == [
        Ref("exercise", "limit-the-work"),
        Ref("exercise", "sort-the-requests"),
    ]
    assert playbook.links_to("exercise", "sort-the-requests") == [Ref("programme", "two-weeks")]
    assert playbook.links_to("exercise", "limit-the-work") == [
        Ref("exercise", "sort-the-requests"),
        Ref("pdsa", "try-a-change"),
        Ref("programme", "two-weeks"),
    ]


def test_misspelt_waste_reference_suggests_the_nearest_id(minimal_copy: Path) -> None:
    exercise = minimal_copy / "docs/exercises/limit-the-work.yml"
    exercise.write_text(exercise.read_text().replace("wastes: [waiting]", "wastes: [waitng]"))
    assert errors_in(minimal_copy / "docs") == [
        "docs/exercises/limit-the-work.yml:13:10: error: no waste has the id 'waitng' (did you mean 'waiting'?)"
    ]


def test_errors_of_every_file_are_reported_together(minimal_copy: Path) -> None:
    docs = minimal_copy / "docs"
    (docs / "exercises/broken.yml").write_text("title: [\n")
    programme = docs / "programmes/two-weeks.yml"
    programme.write_text(programme.read_text().replace("exercise: limit-the-work", "exercise: limit-work"))
    errors = errors_in(docs)
    assert len(errors) == 2
    assert errors[0].startswith("docs/exercises/broken.yml:1:8: error: the list that starts with '[' here is never")
    assert errors[1] == (
        "docs/programmes/two-weeks.yml:21:19: error: no exercise has the id "
        "'limit-work' (did you mean 'limit-the-work'?)"
    )


def test_a_broken_exercise_named_like_a_kind_hides_no_reference_errors(minimal_copy: Path) -> None:
    docs = minimal_copy / "docs"
    (docs / "exercises/waste.yml").write_text("title: [\n")  # the old catalog took its id for the kind
    exercise = docs / "exercises/limit-the-work.yml"
    exercise.write_text(exercise.read_text().replace("wastes: [waiting]", "wastes: [waitng]"))
    errors = errors_in(docs)
    assert errors[0] == (
        "docs/exercises/limit-the-work.yml:13:10: error: no waste has the id 'waitng' (did you mean 'waiting'?)"
    )
    assert errors[1].startswith("docs/exercises/waste.yml:1:8: error: the list that starts with '['")
    assert len(errors) == 2


def test_references_to_a_file_that_cannot_be_parsed_resolve_by_its_file_name(minimal_copy: Path) -> None:
    docs = minimal_copy / "docs"
    exercise = docs / "exercises/limit-the-work.yml"
    exercise.write_text(exercise.read_text().replace("title: Limit the work", "title: Limit: the work"))
    (error,) = errors_in(docs)  # sort-the-requests and the programme refer to it: no error of theirs
    assert error.startswith("docs/exercises/limit-the-work.yml:1:13: error: the text 'Limit: the work' contains")


def test_the_wastes_of_a_taxonomy_that_cannot_be_parsed_are_known_by_their_id_lines(minimal_copy: Path) -> None:
    docs = minimal_copy / "docs"
    taxonomy = docs / "wastes/basic.yml"
    taxonomy.write_text(taxonomy.read_text().replace("summary: A small", "summary: A: small"))
    exercise = docs / "exercises/limit-the-work.yml"
    exercise.write_text(exercise.read_text().replace("wastes: [waiting]", "wastes: [waiting, waitng]"))
    errors = errors_in(docs)
    assert errors[0].startswith("docs/exercises/limit-the-work.yml:13:19: error: no waste has the id 'waitng'")
    assert errors[1].startswith("docs/wastes/basic.yml:2:11: error: the text 'A: small")
    assert len(errors) == 2


def test_a_file_with_a_duplicate_key_still_has_its_references_and_agenda_checked(minimal_copy: Path) -> None:
    docs = minimal_copy / "docs"
    programme = docs / "programmes/two-weeks.yml"
    text = (
        programme.read_text()
        .replace("length: 45", "length: 30")
        .replace("exercise: limit-the-work", "exercise: limit-work")
    )
    programme.write_text(text.replace("audience: A new L&D team.", "audience: A new L&D team.\naudience: Anyone."))
    assert errors_in(docs) == [
        "docs/programmes/two-weeks.yml:4:1: error: duplicate key 'audience' (first given on line 3; keep one)",
        "docs/programmes/two-weeks.yml:10:13: error: the session's agenda takes 35 minutes but its length is 30"
        " (cut 5 minutes or lengthen the session)",
        "docs/programmes/two-weeks.yml:22:19: error: no exercise has the id 'limit-work'"
        " (did you mean 'limit-the-work'?)",
    ]


def test_an_invalid_programme_still_has_the_agendas_of_its_valid_sessions_checked(minimal_copy: Path) -> None:
    docs = minimal_copy / "docs"
    programme = docs / "programmes/two-weeks.yml"
    programme.write_text(programme.read_text().replace("length: 45", "length: 30").replace("outcomes:", "outcome:"))
    errors = errors_in(docs)
    assert errors[0].startswith("docs/programmes/two-weeks.yml:4:1: error: unknown field 'outcome'")
    assert errors[1].startswith("docs/programmes/two-weeks.yml:9:13: error: the session's agenda takes 35 minutes")
    assert len(errors) == 2


def test_a_session_whose_agenda_overruns_its_length_is_an_error(minimal_copy: Path) -> None:
    programme = minimal_copy / "docs/programmes/two-weeks.yml"
    programme.write_text(programme.read_text().replace("length: 45", "length: 30"))
    assert errors_in(minimal_copy / "docs") == [
        "docs/programmes/two-weeks.yml:9:13: error: the session's agenda takes 35 minutes but its "
        "length is 30 (cut 5 minutes or lengthen the session)"
    ]


def test_a_file_name_that_is_not_an_id_is_refused(minimal_copy: Path) -> None:
    docs = minimal_copy / "docs"
    (docs / "exercises/limit-the-work.yml").rename(docs / "exercises/Limit_The_Work.yml")
    errors = errors_in(docs)
    assert errors[0].startswith(
        "docs/exercises/Limit_The_Work.yml:1:1: error: the file name 'Limit_The_Work.yml' is not a valid id"
    )


def test_two_terms_may_not_claim_the_same_spelling(minimal_copy: Path) -> None:
    (minimal_copy / "docs/glossary/workshop.yml").write_text(
        "terms:\n  - id: wip-limit\n    term: WIP\n    definition: A cap on work in progress.\n"
    )
    assert errors_in(minimal_copy / "docs") == [
        "docs/glossary/workshop.yml:3:11: error: 'WIP' already names the term 'wip' (a form may link to one term only)"
    ]


def test_duplicate_waste_ids_across_taxonomies_are_errors(minimal_copy: Path) -> None:
    (minimal_copy / "docs/wastes/other.yml").write_text(
        "title: Other\nsummary: S\nwastes:\n  - id: waiting\n    name: Waiting again\n"
        "    definition: D\n    in_learning: L\n"
    )
    (error,) = errors_in(minimal_copy / "docs")
    assert error.startswith("docs/wastes/other.yml:4:9: error: the waste id 'waiting' is already used")


def test_two_files_with_one_stem_are_one_id_too_many(minimal_copy: Path) -> None:
    docs = minimal_copy / "docs"
    (docs / "exercises/limit-the-work.yaml").write_text((docs / "exercises/limit-the-work.yml").read_text())
    assert errors_in(docs) == [
        "docs/exercises/limit-the-work.yml:1:1: error: the id 'limit-the-work' is already given by "
        "exercises/limit-the-work.yaml (keep one of the two files)"
    ]


def test_a_folder_named_like_a_file_is_not_content(minimal_copy: Path) -> None:
    docs = minimal_copy / "docs"
    (docs / "exercises/odd.yml").mkdir()
    assert sorted(load_playbook(docs).exercises) == ["limit-the-work", "sort-the-requests"]


def test_symbolic_links_in_docs_are_refused_where_they_are_loops_and_dangling_ones_included(
    minimal_copy: Path, tmp_path: Path
) -> None:
    docs = minimal_copy / "docs"
    outside = tmp_path / "secret.txt"
    outside.write_text("not for publishing")
    (docs / "exercises/gone.yml").symlink_to(docs / "exercises/missing.yml")
    (docs / "guides").mkdir(exist_ok=True)
    (docs / "guides/leak.txt").symlink_to(outside)
    (docs / "guides/loop").symlink_to(docs / "guides")
    (docs / "guides/self").symlink_to(docs / "guides/self")
    shown = [error.split(": error: ")[0] for error in errors_in(docs)]
    assert shown == [
        "docs/exercises/gone.yml:1:1",
        "docs/guides/leak.txt:1:1",
        "docs/guides/loop:1:1",
        "docs/guides/self:1:1",
    ]
    assert "symbolic link" in errors_in(docs)[0]


def test_a_file_name_that_could_carry_markup_is_refused(minimal_copy: Path) -> None:
    docs = minimal_copy / "docs"
    (docs / "guides/<img src=x onerror=alert(1)>").mkdir(parents=True)
    (docs / "guides/<img src=x onerror=alert(1)>/page.md").write_text("# Hi\n")
    (docs / "guides/a page.md").write_text("# Hi\n")
    assert [error.split(": error: ")[0] for error in errors_in(docs)] == [
        "docs/guides/<img src=x onerror=alert(1)>:1:1",
        "docs/guides/a page.md:1:1",
    ]


def test_an_entry_that_lists_itself_as_related_is_told_so(minimal_copy: Path) -> None:
    exercise = minimal_copy / "docs/exercises/limit-the-work.yml"
    text = exercise.read_text().replace("pdsa: [try-a-change]", "pdsa: [try-a-change]\nrelated: [limit-the-work]")
    exercise.write_text(text)
    assert errors_in(minimal_copy / "docs") == [
        "docs/exercises/limit-the-work.yml:15:11: error: 'limit-the-work' refers to itself (remove it from the list)"
    ]
