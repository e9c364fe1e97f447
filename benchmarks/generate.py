"""A synthetic playbook of any size, for the benchmarks.

`generate(dest, exercises=N, terms=G)` writes a complete project into `dest`: `docs/` with N
exercises of about 800 words each, a waste taxonomy, PDSA templates, programmes and a glossary
of G terms, and a `mkdocs.yml` (Material, `navigation.prune`, plugins search and playbook).
The text is seeded pseudo-prose, varied enough that pages differ in length and wording, and it
uses glossary terms as real pages would, so that the term linker does real work.

    python benchmarks/generate.py /tmp/pb-2000 --exercises 2000 --terms 1000
"""

from __future__ import annotations

import argparse
import datetime
import random
import shutil
from pathlib import Path
from typing import Any

import yaml

PRINCIPLES = ("value", "value-stream", "flow", "pull", "perfection")
STAGES = ("need", "design", "build", "deliver", "transfer", "evaluate", "whole-stream")
DIFFICULTIES = ("introductory", "intermediate", "advanced")

SUBJECTS = (
    "the facilitator",
    "each group",
    "the sponsor",
    "a new manager",
    "the learning team",
    "every participant",
    "the course owner",
    "the subject expert",
    "a pair of learners",
    "the whole room",
    "the programme lead",
    "the team",
    "a volunteer",
    "the designer",
    "the instructional designer",
    "the line manager",
    "the coordinator",
    "the reviewer",
)
VERBS = (
    "maps",
    "sorts",
    "counts",
    "writes down",
    "compares",
    "questions",
    "measures",
    "draws",
    "names",
    "ranks",
    "times",
    "traces",
    "discusses",
    "removes",
    "checks",
    "tests",
    "records",
    "reviews",
    "groups",
    "explains",
    "challenges",
    "shortens",
    "prioritises",
    "observes",
)
OBJECTS = (
    "the requests of the last quarter",
    "every hand-off between teams",
    "the steps of the course",
    "the waiting time before each review",
    "the sign-offs that slow the launch",
    "the work in progress on the board",
    "the questions learners ask most",
    "the slides nobody reads",
    "what the customer would pay for",
    "the rework after each pilot",
    "the queue of design tasks",
    "the time from request to first session",
    "the feedback from the last cohort",
    "the approvals a module needs",
    "the tools the team uses",
    "the defects in the e-learning",
    "the meetings about the curriculum",
    "each handover to the vendor",
    "the backlog of content",
    "the needs analysis",
    "the evaluation forms",
    "the travel between sites",
)
ENDINGS = (
    "before anyone proposes a solution",
    "so that the pattern becomes visible",
    "and notes what surprised them",
    "without blaming a person",
    "on sticky notes on the wall",
    "in under ten minutes",
    "with the data they brought",
    "as a customer would see it",
    "and marks where work waits",
    "to find the first small change to test",
    "until the group agrees on one measure",
    "and compares it with last month",
    "while the others keep time",
    "in plain words",
    "for the next cycle",
)
MATERIALS = (
    "Sticky notes in three colours",
    "A roll of brown paper",
    "Marker pens",
    "A timer",
    "Printed worksheets, one per person",
    "Last quarter's request log",
    "A whiteboard",
    "Dot stickers for voting",
    "Index cards",
    "A laptop and projector",
)
CONNECTIVES = (
    "Then",
    "Next",
    "After that",
    "Meanwhile",
    "Finally",
    "First",
    "Once done",
    "If time allows",
    "In the meantime",
    "Afterwards",
)
ADVICE = (
    "Keep the pace brisk and the examples real.",
    "Ask for numbers, not impressions.",
    "Resist the urge to fix things during the mapping.",
    "Write big enough to read from the back.",
    "Let silence work; someone will fill it.",
    "Bring the data, not the slides.",
    "Name the customer before naming the value.",
    "Small tests beat big launches.",
    "Stop the discussion when it turns to blame.",
    "Thank people for the problems they surface.",
)

TERM_HEADS = (
    "flow",
    "pull",
    "value",
    "batch",
    "queue",
    "cycle",
    "lead",
    "takt",
    "kaizen",
    "gemba",
    "andon",
    "kanban",
    "muda",
    "mura",
    "muri",
    "poka-yoke",
    "hoshin",
    "heijunka",
    "jidoka",
    "learning",
    "design",
    "review",
    "transfer",
    "feedback",
    "evaluation",
    "curriculum",
    "module",
    "cohort",
    "mentor",
    "coaching",
    "practice",
    "performance",
    "capability",
    "competence",
    "onboarding",
    "microlearning",
    "assessment",
    "rubric",
    "workflow",
    "standard",
)
TERM_TAILS = (
    "time",
    "board",
    "limit",
    "map",
    "loop",
    "rate",
    "size",
    "point",
    "signal",
    "wall",
    "review",
    "audit",
    "chart",
    "matrix",
    "canvas",
    "ladder",
    "plan",
    "metric",
    "gap",
    "analysis",
    "walk",
    "check",
    "sprint",
    "backlog",
    "pilot",
    "cadence",
    "charter",
)


def term_names(count: int) -> list[str]:
    """Distinct two-word (then three-word) terms, in a stable order."""
    names = [f"{head} {tail}" for tail in TERM_TAILS for head in TERM_HEADS]
    names += [
        f"{head} {tail} {extra}"
        for extra in ("model", "practice", "method", "cycle", "review")
        for tail in TERM_TAILS
        for head in TERM_HEADS
    ]
    if count > len(names):
        raise ValueError(f"at most {len(names)} terms can be generated")
    return names[:count]


class Prose:
    """Seeded pseudo-prose that mentions glossary terms now and then."""

    def __init__(self, rng: random.Random, terms: list[str]) -> None:
        self.rng = rng
        self.terms = terms

    def sentence(self) -> str:
        r = self.rng
        words = f"{r.choice(SUBJECTS)} {r.choice(VERBS)} {r.choice(OBJECTS)} {r.choice(ENDINGS)}"
        if self.terms and r.random() < 0.35:
            words += f", using the {r.choice(self.terms)}"
        if r.random() < 0.3:
            words = f"{r.choice(CONNECTIVES)}, {words}"
        if r.random() < 0.15:
            return words[0].upper() + words[1:] + ". " + r.choice(ADVICE)
        if r.random() < 0.1:
            return f"**{words[0].upper() + words[1:]}.**"
        return words[0].upper() + words[1:] + "."

    def text(self, words: int) -> str:
        """About `words` words, in paragraphs of three to five sentences."""
        sentences: list[str] = []
        count = 0
        while count < words:
            sentence = self.sentence()
            sentences.append(sentence)
            count += len(sentence.split())
        paragraphs: list[str] = []
        while sentences:
            size = self.rng.randint(3, 5)
            paragraphs.append(" ".join(sentences[:size]))
            sentences = sentences[size:]
        return "\n\n".join(paragraphs)

    def line(self, words: int) -> str:
        """One sentence or two, of about `words` words, on one line."""
        return " ".join(self.text(words).split())

    def title(self) -> str:
        r = self.rng
        return f"{r.choice(VERBS).capitalize()} {r.choice(OBJECTS)}"


def _exercise(prose: Prose, index: int, ids: list[str], wastes: list[str], pdsa: list[str]) -> dict[str, Any]:
    r = prose.rng
    steps = [
        {
            "title": f"Step about {r.choice(OBJECTS)}"[:120],
            "minutes": r.choice((5, 10, 15, 20)),
            "instructions": prose.text(r.randint(35, 60)),
        }
        for _ in range(r.randint(3, 5))
    ]
    prompts: list[dict[str, Any]] = [
        {"id": "notes", "question": prose.line(12), "shape": "lines", "lines": r.randint(2, 6)},
        {"id": "list", "question": prose.line(10), "shape": "list", "items": r.randint(3, 6)},
        {
            "id": "table",
            "question": prose.line(12),
            "shape": "table",
            "columns": ["Step", "Minutes", "Waiting"],
            "rows": r.randint(3, 6),
        },
        {
            "id": "scale",
            "question": prose.line(10),
            "shape": "scale",
            "low_label": "Not at all",
            "high_label": "Completely",
        },
        {"id": "checks", "question": prose.line(8), "shape": "checklist", "options": [prose.line(6) for _ in range(3)]},
    ]
    exercise_id = ids[index]
    return {
        "title": f"{prose.title()} {index + 1}"[:150],
        "summary": prose.line(30),
        "principle": PRINCIPLES[index % len(PRINCIPLES)],
        "stage": STAGES[index % len(STAGES)],
        "duration": sum(step["minutes"] for step in steps),
        "group_size": {"min": r.randint(2, 4), "max": r.randint(8, 30)},
        "audience": prose.line(15),
        "difficulty": r.choice(DIFFICULTIES),
        "tags": r.sample(("mapping", "flow", "waste", "coaching", "design", "evaluation", "remote"), 2),
        "authors": ["Benchmark Author"],
        "last_reviewed": datetime.date(2026, 1 + index % 12, 1 + index % 28),
        "objectives": [prose.line(15) for _ in range(3)],
        "materials": r.sample(MATERIALS, 3),
        "preparation": [prose.line(20) for _ in range(2)],
        "steps": steps,
        "debrief": [prose.line(12) for _ in range(3)],
        "perspectives": [{"view": prose.title()[:150], "argument": prose.text(40)} for _ in range(2)],
        "variations": [{"context": context, "guidance": prose.text(25)} for context in ("Remote", "Large group")],
        "pitfalls": [prose.line(15) for _ in range(3)],
        "worksheet": {"intro": prose.line(20), "prompts": prompts[: r.randint(3, 5)]},
        "wastes": sorted(set(r.sample(wastes, min(2, len(wastes))))),
        "pdsa": [r.choice(pdsa)] if pdsa else [],
        "related": sorted({ids[(index + step) % len(ids)] for step in (1, 7)} - {exercise_id}),
        "sources": [{"title": "Lean Thinking", "author": "James P. Womack and Daniel T. Jones", "year": 1996}],
    }


def _taxonomy(prose: Prose, count: int) -> dict[str, Any]:
    def waste(number: int, children: int) -> dict[str, Any]:
        return {
            "id": f"waste-{number}",
            "name": f"Waste {number}: {prose.rng.choice(OBJECTS)}"[:150],
            "definition": prose.line(25),
            "in_learning": prose.text(80),
            "examples": [prose.line(15) for _ in range(3)],
            "signals": [prose.line(10) for _ in range(2)],
            "countermeasures": [prose.line(12) for _ in range(2)],
            "children": [waste(number * 100 + child, 0) for child in range(1, children + 1)],
        }

    return {
        "title": "Synthetic wastes",
        "summary": prose.line(30),
        "wastes": [waste(number, 2 if number % 3 == 0 else 0) for number in range(1, count + 1)],
    }


def _pdsa(prose: Prose, related: list[str]) -> dict[str, Any]:
    def phase(name: str) -> dict[str, Any]:
        return {
            "guidance": prose.text(50),
            "prompts": [{"id": f"{name}-notes", "question": prose.line(12), "shape": "lines"}],
        }

    return {
        "title": prose.title()[:150],
        "summary": prose.line(30),
        "last_reviewed": datetime.date(2026, 3, 1),
        "aim": prose.line(20),
        "questions": {"aim": prose.line(20), "measures": prose.line(20), "changes": prose.line(20)},
        "plan": phase("plan"),
        "do": phase("do"),
        "study": phase("study"),
        "act": phase("act"),
        "related": related,
    }


def _programme(prose: Prose, exercises: list[tuple[str, int]]) -> dict[str, Any]:
    sessions = [
        {
            "slot": f"Week {number}",
            "title": prose.title()[:150],
            "length": minutes + 10,
            "question": prose.line(12),
            "agenda": [{"activity": "Welcome", "minutes": 10}, {"exercise": exercise_id}],
        }
        for number, (exercise_id, minutes) in enumerate(exercises, start=1)
    ]
    return {
        "title": prose.title()[:150],
        "summary": prose.line(30),
        "audience": prose.line(12),
        "outcomes": [prose.line(12) for _ in range(3)],
        "sessions": sessions,
    }


def _glossary(prose: Prose, names: list[str]) -> dict[str, Any]:
    terms = []
    for index, name in enumerate(names):
        term: dict[str, Any] = {
            "id": name.replace(" ", "-"),
            "term": name,
            "aliases": [f"{name}s"],
            "definition": prose.line(25),
        }
        if index:
            term["see_also"] = [names[index - 1].replace(" ", "-")]
        terms.append(term)
    return {"terms": terms}


MKDOCS_YML = """\
site_name: Synthetic playbook
site_url: https://example.org/playbook/
theme:
  name: material
  features:
    - content.tooltips
    - navigation.prune
plugins:
  - search
  - playbook:
      glossary: {glossary}
"""

HOME = """\
# Synthetic playbook

A generated playbook for the benchmarks: {exercises} exercises and {terms} glossary terms.
Start with the [exercises](exercises/index.md) or the [glossary](glossary/index.md).
"""


def _write(path: Path, data: dict[str, Any]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    dumper = getattr(yaml, "CSafeDumper", yaml.SafeDumper)
    path.write_text(yaml.dump(data, Dumper=dumper, sort_keys=False, allow_unicode=True, width=100), encoding="utf-8")


def generate(dest: Path, exercises: int, terms: int, *, seed: int = 1, glossary: bool = True) -> Path:
    """Write a synthetic playbook project into `dest` (replaced); return its mkdocs.yml."""
    if dest.exists():
        shutil.rmtree(dest)
    docs = dest / "docs"
    rng = random.Random(seed)
    names = term_names(terms)
    prose = Prose(rng, names)
    ids = [f"exercise-{index + 1:05d}" for index in range(exercises)]

    taxonomy = _taxonomy(prose, max(8, exercises // 100))
    waste_ids = [w["id"] for w in taxonomy["wastes"]] + [c["id"] for w in taxonomy["wastes"] for c in w["children"]]
    _write(docs / "wastes" / "synthetic.yml", taxonomy)

    pdsa_ids = [f"pdsa-{index + 1:04d}" for index in range(max(2, exercises // 20))]
    for pdsa_id in pdsa_ids:
        _write(docs / "pdsa" / f"{pdsa_id}.yml", _pdsa(prose, [rng.choice(ids)]))

    durations: list[tuple[str, int]] = []
    for index in range(exercises):
        data = _exercise(prose, index, ids, waste_ids, pdsa_ids)
        durations.append((ids[index], data["duration"]))
        _write(docs / "exercises" / f"{ids[index]}.yml", data)

    for index in range(max(1, exercises // 50)):
        series = [durations[(index * 4 + k) % exercises] for k in range(4)]
        _write(docs / "programmes" / f"programme-{index + 1:04d}.yml", _programme(prose, series))

    if names:
        size = 250
        for start in range(0, len(names), size):
            chunk = _glossary(prose, names[start : start + size])
            _write(docs / "glossary" / f"terms-{start // size + 1:02d}.yml", chunk)
    (docs / "index.md").write_text(HOME.format(exercises=exercises, terms=terms), encoding="utf-8")
    config = dest / "mkdocs.yml"
    config.write_text(MKDOCS_YML.format(glossary=str(glossary).lower()), encoding="utf-8")
    return config


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("dest", type=Path, help="the folder to write (replaced if it exists)")
    parser.add_argument("--exercises", "-n", type=int, default=200, help="number of exercises")
    parser.add_argument("--terms", "-g", type=int, default=100, help="number of glossary terms")
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    print(generate(args.dest, args.exercises, args.terms, seed=args.seed))


if __name__ == "__main__":
    main()
