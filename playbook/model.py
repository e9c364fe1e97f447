"""The content schema: what an author may write, as pydantic models.

These models are the single source of the JSON Schema (``playbook schema``), of the field
reference page, and of validation. Every text field typed ``Markdown`` accepts Markdown;
raw HTML in it is escaped when pages are rendered, and link targets are limited to safe
schemes here, so that no pull request can inject script.
"""

from __future__ import annotations

import datetime
import functools
import hashlib
import html
import json
import re
from collections.abc import Iterable
from typing import Annotated, Literal

from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Discriminator,
    Field,
    HttpUrl,
    StringConstraints,
    Tag,
    ValidationInfo,
    field_validator,
    model_validator,
)
from pydantic_core import PydanticCustomError

from playbook.safety import (
    PLAIN_TEXT_PATTERN,
    SAFE_SCHEMES,
    PlainStr,
    describe_character,
    plain,
    unprintable,
    url_scheme,
)

ID_PATTERN = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"
ID_MAX_LENGTH = 80


def is_valid_id(text: str) -> bool:
    """Whether `text` may name an entry: lowercase letters, digits and single hyphens."""
    return len(text) <= ID_MAX_LENGTH and re.match(ID_PATTERN, text) is not None


# Where a link target starts: an inline link `](target` or a reference definition `[x]: target`
_LINK_TARGET = re.compile(r"\]\(\s*<?|^[ ]{0,3}\[[^\]]+\]:[ \t]*<?", re.MULTILINE)
# Braces that Python-Markdown's attribute lists read as attributes and take out of the text: at
# the end of a line or a table cell (`para { hidden }`, `# Title {: #id }`), or right after an
# inline element (`*x*{ hidden }`, `[a](b){: .class }`). One pass: each brace is scanned up to the
# next one.
_BRACES = re.compile(r"(?<!\\)\{[^{}\n]*\}")
_INLINE_ENDS = frozenset("*_`)]>")


def _attribute_list(text: str) -> str | None:
    """The first brace group in `text` (outside `code`) that would be read as an attribute list."""
    for index, part in enumerate(text.split("`")[::2]):  # in `code`, braces are text
        for braces in _BRACES.finditer(part) if "{" in part else ():
            before = part[braces.start() - 1] if braces.start() else ("`" if index else "\n")
            after = part[braces.end() : braces.end() + 200].lstrip(" \t")[:1]
            if before in _INLINE_ENDS or after in ("", "\n", "|"):
                return braces.group()
    return None


# Python-Markdown looks for the end of a link from each `[`, to the end of the text when there is
# none, and rebuilds the text after each link it finds: a field of unclosed, deeply nested or
# thousands of brackets takes it minutes. No honest text comes near these bounds.
MAX_LINK_BRACKETS = 200
MAX_OPEN_BRACKETS = 10


def _too_many_brackets(text: str) -> str | None:
    """Why the brackets of `text` (outside `code`, escaped ones aside) would stall Markdown, if they would."""
    depth = deepest = total = 0
    escaped = False
    for part in text.split("`")[::2]:
        for c in part:
            if escaped:
                escaped = False
            elif c == "\\":
                escaped = True
            elif c == "[":
                depth += 1
                total += 1
                deepest = max(deepest, depth)
            elif c == "]" and depth:
                depth -= 1
    hint = "write '\\[' for a bracket that is not a link"
    if total > MAX_LINK_BRACKETS:
        return f"{total} '[' in one text, more than the {MAX_LINK_BRACKETS} Markdown links in reasonable time: split it"
    if depth > MAX_OPEN_BRACKETS:
        return f"{depth} '[' are never closed with ']', more than {MAX_OPEN_BRACKETS}: {hint}"
    if deepest > MAX_OPEN_BRACKETS:
        return f"'[' nested {deepest} deep, more than {MAX_OPEN_BRACKETS}: {hint}"
    return None


# Python-Markdown parses the text of a list item or a quote as a nested document: some 490 lists
# opened at the start of one line (`- - - ... a`) exhaust Python's stack and stop a build with a
# RecursionError, and each level of quotes (`>>>>`) costs a walk down that stack, so that a field
# of deep quotes takes seconds. Nesting across lines needs more indentation on each line, and
# stays shallow and quick.
MAX_LINE_NESTING = 10
_BLOCK_OPENER = re.compile(r"[ \t]*(?:>|(?:[*+-]|[0-9]+[.)])[ \t]+)")


def _nesting_opened_on_a_line(text: str) -> int:
    """The most lists and quotes that the marks at the start of one line of `text` open at once."""
    most = 0
    for line in text.splitlines():
        count = end = 0
        while found := _BLOCK_OPENER.match(line, end):
            count, end = count + 1, found.end()
        most = max(most, count)
    return most


def _safe_markdown(text: str) -> str:
    nesting = _nesting_opened_on_a_line(text)
    if nesting > MAX_LINE_NESTING:
        raise ValueError(
            f"one line opens {nesting} lists or quotes, more than the {MAX_LINE_NESTING} Markdown nests in "
            "reasonable time: write '\\>' or '\\-' (or '\\*', '\\+', '1\\.') for a mark that opens neither"
        )
    problem = _too_many_brackets(text) if "[" in text else None
    if problem:
        raise ValueError(problem)
    found = _attribute_list(text) if "{" in text else None
    if found:
        raise ValueError(
            f"'{found[:40]}' would be read as an attribute list and taken out of the text; "
            "write '\\{' for a brace, or put it in `code`"
        )
    if "]" not in text and "&" not in text:  # most text: no link, written or entity-encoded
        return text
    decoded = html.unescape(text)  # a browser reads `javascript&#58;` as `javascript:`
    for target in _LINK_TARGET.finditer(decoded):
        scheme = url_scheme(decoded[target.end() : target.end() + 64])
        if scheme is not None and scheme not in SAFE_SCHEMES:
            raise ValueError(
                f"a link may not use '{scheme}:'; links may only point to http(s), mailto or pages of this site"
            )
    return text


MARKDOWN_MAX_LENGTH = 20_000
MARKDOWN_MEDIA_TYPE = "text/markdown"  # marks every Markdown field in the JSON Schema (RFC 7763)


def _plain_text(text: str) -> PlainStr:
    found = unprintable(text)
    if found is not None:
        raise ValueError(f"plain text may not contain {describe_character(found)}: it is one line of printable text")
    return plain(text)


Id = Annotated[
    str,
    StringConstraints(pattern=ID_PATTERN, max_length=ID_MAX_LENGTH),
    Field(description="An id: lowercase letters, digits and single hyphens, e.g. `map-the-value-stream`."),
]
PlainText = Annotated[
    str,
    StringConstraints(strip_whitespace=True, min_length=1, max_length=200),
    AfterValidator(_plain_text),
    Field(
        description="Plain text on one line: any printable character, shown exactly as written.",
        json_schema_extra={"pattern": PLAIN_TEXT_PATTERN},
    ),
]
Markdown = Annotated[
    str,
    StringConstraints(strip_whitespace=True, min_length=1, max_length=MARKDOWN_MAX_LENGTH),
    AfterValidator(_safe_markdown),
    Field(
        description="Text in Markdown. Raw HTML is shown as written, never run.",
        json_schema_extra={"contentMediaType": MARKDOWN_MEDIA_TYPE},  # JSON Schema's word for what the text is
    ),
]
Minutes = Annotated[int, Field(ge=1, le=600, description="A length of time in whole minutes.")]
CLOCK_PATTERN = r"^(?:[01]\d|2[0-3]):[0-5]\d$"
ClockTime = Annotated[
    str,
    StringConstraints(pattern=CLOCK_PATTERN),
    Field(description="A time of day on the 24-hour clock, `HH:MM`, e.g. `09:30`."),
]

Principle = Literal["value", "value-stream", "flow", "pull", "perfection"]
PRINCIPLES: tuple[Principle, ...] = ("value", "value-stream", "flow", "pull", "perfection")
PRINCIPLE_NAMES: dict[Principle, str] = {
    "value": "Value",
    "value-stream": "Value stream",
    "flow": "Flow",
    "pull": "Pull",
    "perfection": "Perfection",
}
Stage = Literal["need", "design", "build", "deliver", "transfer", "evaluate", "whole-stream"]
STAGES: tuple[Stage, ...] = ("need", "design", "build", "deliver", "transfer", "evaluate", "whole-stream")
STAGE_NAMES: dict[Stage, str] = {
    "need": "Need",
    "design": "Design",
    "build": "Build",
    "deliver": "Deliver",
    "transfer": "Transfer",
    "evaluate": "Evaluate",
    "whole-stream": "Whole stream",
}
Difficulty = Literal["introductory", "intermediate", "advanced"]


class Strict(BaseModel):
    """Base of every model: unknown fields are errors, so a misspelt field is never lost."""

    model_config = ConfigDict(extra="forbid", frozen=True)


class Source(Strict):
    """A published work the entry draws facts from."""

    title: PlainText = Field(description="Title of the book, article or page.")
    author: PlainText | None = Field(None, description="Author or organisation.")
    year: int | None = Field(None, ge=1800, le=2100, description="Year of publication.")
    url: HttpUrl | None = Field(None, description="Where a reader can find it (http or https).")


class Entry(Strict):
    """Fields shared by every kind of page an author writes."""

    title: PlainText = Field(description="The page title.")
    summary: Markdown = Field(description="One or two sentences: what this is and why it matters.")
    tags: list[PlainText] = Field(default_factory=list, description="Topics, listed on the tags page.")
    authors: list[PlainText] = Field(default_factory=list, description="Who wrote or maintains it.")
    sources: list[Source] = Field(default_factory=list, description="Works this entry draws on.")


# --- Worksheet prompts: one question and the shape of its answer ---------------------------


class PromptBase(Strict):
    id: Id = Field(description="Unique within the worksheet; used to keep typed answers.")
    question: Markdown = Field(description="What the participant is asked.")
    help: Markdown | None = Field(None, description="A hint printed under the question.")

    def answer_problem(self, answer: object) -> str | None:
        """Why a worked example's `answer` does not fit this prompt's shape, or None when it does."""
        raise NotImplementedError(f"{type(self).__name__} says what answer fits it")

    @functools.cached_property  # a worksheet page and its sheets ask for it again and again
    def version(self) -> str:
        """A fingerprint of what the prompt asks and the shape of its answer, its hint left out.

        Answers are kept with the fingerprint of the prompt they were typed under: once a question
        is reworded or its table gains a column, they belong to another question, and the sheet
        offers them instead of showing them as answers to the new one.
        """
        asked = self.model_dump(mode="json", exclude={"help"})
        return hashlib.sha256(json.dumps(asked, sort_keys=True).encode()).hexdigest()[:12]


class LinesPrompt(PromptBase):
    """Free text on ruled lines."""

    shape: Literal["lines"] = Field(description="Free text on ruled lines.")
    lines: int = Field(4, ge=1, le=30, description="How many ruled lines to leave for writing.")

    def answer_problem(self, answer: object) -> str | None:
        return None if isinstance(answer, str) else "write the answer as text"


class ListPrompt(PromptBase):
    """A numbered list of short answers."""

    shape: Literal["list"] = Field(description="A numbered list of short answers.")
    items: int = Field(5, ge=1, le=20, description="How many numbered blanks to leave.")
    mark: PlainText | None = Field(
        None,
        description=(
            "The one item participants circle, as the question asks (e.g. `the riskiest`): on paper they "
            "circle it with a pen, on screen they pick it with a button beside each item."
        ),
    )

    def answer_problem(self, answer: object) -> str | None:
        if not (isinstance(answer, list) and all(isinstance(item, str) for item in answer)):
            return "give the answer as a list of items"
        return (
            None
            if len(answer) <= self.items
            else f"the list has {self.items} blanks but the answer gives {len(answer)}"
        )


class TablePrompt(PromptBase):
    """A table with named columns, filled in row by row."""

    shape: Literal["table"] = Field(description="A table with named columns.")
    columns: list[PlainText] = Field(min_length=1, max_length=6, description="Column headings.")
    rows: int | list[PlainText] = Field(
        5,
        description=(
            "How many blank rows, or a list of row labels printed in the first column; "
            "with labels, the first of `columns` is that column's heading."
        ),
    )
    row_height: int = Field(1, ge=1, le=6, description="Lines of writing space in each cell.")

    @model_validator(mode="after")
    def _rows_in_range(self) -> TablePrompt:
        count = self.rows if isinstance(self.rows, int) else len(self.rows)
        if not 1 <= count <= 20:
            raise ValueError("a table has between 1 and 20 rows")
        return self

    def answer_problem(self, answer: object) -> str | None:
        labelled = isinstance(self.rows, list)
        cells = len(self.columns) - 1 if labelled else len(self.columns)
        row_count = len(self.rows) if isinstance(self.rows, list) else self.rows
        if not (isinstance(answer, list) and all(isinstance(row, list) for row in answer)):
            return "give the answer as a list of rows, each a list of cells"
        if len(answer) > row_count:
            return f"the table has {row_count} rows but the answer gives {len(answer)}"
        for number, row in enumerate(answer, start=1):
            if len(row) != cells:
                return f"row {number} gives {len(row)} cells but the table has {cells} to fill in each row"
        return None


class ScalePrompt(PromptBase):
    """A rating on a numbered scale."""

    shape: Literal["scale"] = Field(description="A rating on a numbered scale.")
    low: int = Field(1, ge=0, le=10, description="The lowest number.")
    high: int = Field(5, ge=1, le=10, description="The highest number.")
    low_label: PlainText = Field(description="What the lowest number means.")
    high_label: PlainText = Field(description="What the highest number means.")
    comment_lines: int = Field(0, ge=0, le=10, description="Ruled lines for a comment under the scale.")

    @model_validator(mode="after")
    def _low_below_high(self) -> ScalePrompt:
        if self.low >= self.high:
            raise ValueError(f"low ({self.low}) must be less than high ({self.high})")
        return self

    def answer_problem(self, answer: object) -> str | None:
        if not isinstance(answer, ScaleAnswer):
            return "give the answer as `value` (and an optional `comment`)"
        if self.low <= answer.value <= self.high:
            return None
        return f"the value {answer.value} is not between {self.low} and {self.high}"


class ChecklistPrompt(PromptBase):
    """Boxes to tick."""

    shape: Literal["checklist"] = Field(description="Boxes to tick.")
    options: list[Markdown] = Field(min_length=1, max_length=20, description="One box for each.")
    mark: PlainText | None = Field(
        None,
        description=(
            "The one item participants circle, as the question asks (e.g. `the riskiest`): on paper they "
            "circle it with a pen, on screen they pick it with a button beside each item."
        ),
    )

    def answer_problem(self, answer: object) -> str | None:
        if not (isinstance(answer, list) and all(isinstance(item, str) for item in answer)):
            return "give the options ticked as a list, each as the option is written"
        unknown = [item for item in answer if item not in self.options]
        return f"'{unknown[0]}' is not one of the options" if unknown else None


Prompt = Annotated[
    LinesPrompt | ListPrompt | TablePrompt | ScalePrompt | ChecklistPrompt,
    Field(discriminator="shape"),
]


def _unique_prompt_ids(prompts: Iterable[PromptBase]) -> None:
    """Refuse a prompt id given twice; the error's `id` lets validation point at the second one."""
    seen: set[str] = set()
    for prompt in prompts:
        if prompt.id in seen:
            raise PydanticCustomError("duplicate_id", "two prompts have the id '{id}'", {"id": prompt.id})
        seen.add(prompt.id)


def _prompts_with_unique_ids(prompts: list[Prompt]) -> list[Prompt]:
    _unique_prompt_ids(prompts)
    return prompts


# --- Worked examples: a sheet filled in for a named, fictional case -------------------------


class ScaleAnswer(Strict):
    value: int = Field(description="The number chosen on the scale.")
    comment: Markdown | None = Field(None, description="What was written under the scale.")


def _answer_kind(answer: object) -> str:
    """Which form an answer is written in, read from the YAML, so that a mistake gives one error."""
    if isinstance(answer, dict):
        return "scale"
    if isinstance(answer, list):
        return "rows" if any(isinstance(item, list) for item in answer) else "items"
    return "text"


Answer = Annotated[
    Annotated[Markdown, Tag("text")]
    | Annotated[list[Markdown], Tag("items")]
    | Annotated[list[list[PlainText]], Tag("rows")]
    | Annotated[ScaleAnswer, Tag("scale")],
    Discriminator(_answer_kind),
    Field(
        description=(
            "The answer in its prompt's shape: text for `lines`; a list of answers for `list`; for `table`, "
            "a list of rows, each a list of cells (without the row label where the rows are labelled); for "
            "`scale`, `value` and an optional `comment`; for `checklist`, the options ticked, as written."
        )
    ),
]


class WorkedExample(Strict):
    """A sheet filled in by a fictional but realistic team, to show what a good answer looks like."""

    organisation: PlainText = Field(description="The fictional organisation, e.g. `Harbour City Council`.")
    situation: Markdown = Field(description="Who filled the sheet in, and the case they worked on.")
    answers: dict[Id, Answer] = Field(description="Every prompt's answer, by prompt id.")
    commentary: Markdown | None = Field(None, description="What makes these answers good, for a facilitator.")


def _check_example(example: WorkedExample | None, prompts: Iterable[PromptBase]) -> None:
    """Every prompt answered, each in its prompt's shape, and no answer to a prompt that is not there."""
    if example is None:
        return
    by_id = {prompt.id: prompt for prompt in prompts}
    unknown = sorted(set(example.answers) - set(by_id))
    if unknown:
        raise ValueError(f"example: the answer '{unknown[0]}' is to no prompt of this sheet ({', '.join(by_id)})")
    missing = [prompt_id for prompt_id in by_id if prompt_id not in example.answers]
    if missing:
        raise ValueError(f"example: every prompt needs an answer; none for {', '.join(repr(m) for m in missing)}")
    for prompt_id, answer in example.answers.items():
        problem = by_id[prompt_id].answer_problem(answer)
        if problem:
            raise ValueError(f"example: the answer to '{prompt_id}' does not fit its prompt: {problem}")


class Worksheet(Strict):
    """The participant handout: an introduction and the prompts to answer."""

    intro: Markdown | None = Field(None, description="What the participant does with this sheet.")
    prompts: Annotated[list[Prompt], AfterValidator(_prompts_with_unique_ids)] = Field(
        min_length=1, description="The questions, in order, each with its answer shape."
    )
    example: WorkedExample | None = Field(
        None, description="The sheet filled in for a fictional case, shown on a page of its own."
    )

    @model_validator(mode="after")
    def _example_answers_every_prompt(self) -> Worksheet:
        _check_example(self.example, self.prompts)
        return self


# --- Exercises -------------------------------------------------------------------------------


class GroupSize(Strict):
    min: int = Field(ge=1, le=500, description="Fewest participants the exercise works with.")
    max: int = Field(ge=1, le=500, description="Most participants one facilitator can run it for.")

    @model_validator(mode="after")
    def _min_not_above_max(self) -> GroupSize:
        if self.min > self.max:
            raise ValueError(f"min ({self.min}) is more than max ({self.max})")
        return self


class Step(Strict):
    title: PlainText = Field(description="What happens in this step, in a few words.")
    minutes: Minutes = Field(description="How long the step takes.")
    instructions: Markdown = Field(description="What the facilitator does and says.")


class Perspective(Strict):
    view: PlainText = Field(description="The position, in a few words.")
    argument: Markdown = Field(description="The case for it, and what it asks of L&D.")


class Variation(Strict):
    context: PlainText = Field(description="When to use it, e.g. `Remote`, `Large group`.")
    guidance: Markdown = Field(description="What changes.")


class Exercise(Entry):
    """A facilitated exercise: a guide for the facilitator and a worksheet for participants."""

    principle: Principle = Field(description="The lean principle the exercise works on.")
    stage: Stage = Field(
        description=(
            "The stage of the L&D value stream it works on: need, design, build, deliver, transfer, "
            "evaluate, or `whole-stream` for the chain from request to result."
        )
    )
    duration: Minutes = Field(description="Total minutes; the steps' minutes must add up to it.")
    group_size: GroupSize = Field(description="How many participants it suits.")
    audience: Markdown = Field(description="Who should take part.")
    difficulty: Difficulty = Field(description="How much lean experience it asks of the group.")
    last_reviewed: datetime.date = Field(description="When the content was last checked, YYYY-MM-DD.")
    objectives: list[Markdown] = Field(min_length=1, description="What participants leave with.")
    materials: list[Markdown] = Field(default_factory=list, description="What to bring.")
    preparation: list[Markdown] = Field(default_factory=list, description="What to do beforehand.")
    steps: list[Step] = Field(min_length=1, description="The timed steps, in order.")
    debrief: list[Markdown] = Field(min_length=1, description="Questions for the closing discussion.")
    perspectives: list[Perspective] = Field(
        default_factory=list, description="Contrasting views practitioners hold, to discuss."
    )
    variations: list[Variation] = Field(default_factory=list, description="Remote, large group, ...")
    pitfalls: list[Markdown] = Field(default_factory=list, description="What tends to go wrong.")
    worksheet: Worksheet = Field(description="The participant handout.")
    wastes: list[Id] = Field(default_factory=list, description="Ids of wastes the exercise exposes.")
    pdsa: list[Id] = Field(default_factory=list, description="Ids of PDSA templates to follow up with.")
    related: list[Id] = Field(default_factory=list, description="Ids of related exercises.")
    decks: list[Id] = Field(default_factory=list, description="Ids of the card decks the exercise uses.")

    @property
    def worked_example(self) -> WorkedExample | None:
        return self.worksheet.example

    @field_validator("steps")
    @classmethod
    def _steps_fill_duration(cls, steps: list[Step], info: ValidationInfo) -> list[Step]:
        total, duration = sum(step.minutes for step in steps), info.data.get("duration")
        if duration is not None and total != duration:
            raise ValueError(f"the steps add up to {total} minutes but duration is {duration}; make them agree")
        return steps


# --- Waste taxonomies --------------------------------------------------------------------------


class Waste(Strict):
    """One kind of waste, possibly with narrower kinds below it."""

    id: Id = Field(description="Unique across all taxonomies; exercises refer to it.")
    name: PlainText = Field(description="Its usual name.")
    aliases: list[PlainText] = Field(default_factory=list, description="Other names for it.")
    definition: Markdown = Field(description="What it is, in general lean terms.")
    in_learning: Markdown = Field(description="How it shows up in Learning & Development.")
    examples: list[Markdown] = Field(default_factory=list, description="Concrete L&D examples.")
    signals: list[Markdown] = Field(default_factory=list, description="What to look for.")
    countermeasures: list[Markdown] = Field(default_factory=list, description="What to try.")
    children: list[Waste] = Field(default_factory=list, description="Narrower kinds of this waste.")


class WasteTaxonomy(Entry):
    """A classification of waste, such as lean's eight wastes."""

    last_reviewed: datetime.date | None = Field(None, description="When last checked, YYYY-MM-DD.")
    wastes: list[Waste] = Field(min_length=1, description="The top-level wastes, in order.")


# --- PDSA templates ----------------------------------------------------------------------------


class ImprovementQuestions(Strict):
    """Guidance on the Model for Improvement's three questions for this kind of change."""

    aim: Markdown = Field(description="What are we trying to accomplish?")
    measures: Markdown = Field(description="How will we know that a change is an improvement?")
    changes: Markdown = Field(description="What change can we make that will result in improvement?")


class Phase(Strict):
    guidance: Markdown = Field(description="What to do in this phase.")
    prompts: Annotated[list[Prompt], AfterValidator(_prompts_with_unique_ids)] = Field(
        min_length=1, description="Worksheet prompts for this phase."
    )


class PdsaTemplate(Entry):
    """A Plan-Do-Study-Act cycle prepared for a common L&D change."""

    last_reviewed: datetime.date = Field(description="When the content was last checked, YYYY-MM-DD.")
    aim: Markdown = Field(description="The kind of improvement this template is for.")
    questions: ImprovementQuestions = Field(description="The Model for Improvement's questions.")
    plan: Phase = Field(description="Plan: the change, predictions, who/what/when/where, measures.")
    do: Phase = Field(description="Do: run the test on a small scale and record what happens.")
    study: Phase = Field(description="Study: compare results with predictions.")
    act: Phase = Field(description="Act: adopt, adapt or abandon, and plan the next cycle.")
    wastes: list[Id] = Field(default_factory=list, description="Ids of wastes it addresses.")
    related: list[Id] = Field(default_factory=list, description="Ids of related exercises.")

    example: WorkedExample | None = Field(
        None, description="The four phases' prompts filled in for a fictional case, shown on a page of its own."
    )

    @property
    def worked_example(self) -> WorkedExample | None:
        return self.example

    @property
    def prompts(self) -> list[Prompt]:
        """Every phase's prompts, in the order of the cycle."""
        return [prompt for phase in (self.plan, self.do, self.study, self.act) for prompt in phase.prompts]

    @model_validator(mode="after")
    def _prompt_ids_unique_across_phases(self) -> PdsaTemplate:
        _unique_prompt_ids(self.prompts)
        _check_example(self.example, self.prompts)
        return self


# --- Programmes --------------------------------------------------------------------------------


class ExerciseItem(Strict):
    exercise: Id = Field(description="Id of the exercise run in this slot.")
    minutes: Minutes | None = Field(None, description="Override of the exercise's own duration.")


class ActivityItem(Strict):
    activity: PlainText = Field(description="A non-exercise item: welcome, break, lunch, close.")
    minutes: Minutes = Field(description="How long it takes.")


def _agenda_kind(item: object) -> str:
    if isinstance(item, dict):
        return "ExerciseItem" if "exercise" in item else "ActivityItem"
    return type(item).__name__


AgendaItem = Annotated[
    Annotated[ExerciseItem, Tag("ExerciseItem")] | Annotated[ActivityItem, Tag("ActivityItem")],
    Discriminator(_agenda_kind),
]


class Session(Strict):
    slot: PlainText = Field(description="When it happens, e.g. `Week 1` or `Morning`.")
    title: PlainText = Field(description="The session's name.")
    starts_at: ClockTime | None = Field(None, description="Start time; the agenda's times follow.")
    length: Minutes = Field(description="Minutes available; the agenda must fit in them.")
    question: Markdown = Field(description="The question the session poses.")
    pre_work: list[Markdown] = Field(default_factory=list, description="What to do beforehand.")
    agenda: list[AgendaItem] = Field(min_length=1, description="Exercises and activities, in order.")


class Programme(Entry):
    """An ordered series of sessions, each running one or more exercises."""

    audience: Markdown = Field(description="Who the programme is for.")
    outcomes: list[Markdown] = Field(min_length=1, description="What participants can do after it.")
    last_reviewed: datetime.date | None = Field(None, description="When last checked, YYYY-MM-DD.")
    sessions: list[Session] = Field(min_length=1, description="The sessions, in order.")


# --- Glossary ----------------------------------------------------------------------------------


class Term(Strict):
    id: Id = Field(description="The anchor of the term on the glossary page.")
    term: PlainText = Field(description="The term as it is usually written.")
    aliases: list[PlainText] = Field(
        default_factory=list, description="Other forms to link: plurals, abbreviations, spellings."
    )
    match_case: bool = Field(
        False, description="Link only forms written in exactly this case, e.g. `SAM` but not the name Sam."
    )
    definition: Markdown = Field(description="What it means, in a sentence or two.")
    see_also: list[Id] = Field(default_factory=list, description="Ids of related terms.")
    sources: list[Source] = Field(default_factory=list, description="Where the definition comes from.")


class Glossary(Strict):
    """A file of glossary terms; all files under `docs/glossary/` make one glossary."""

    terms: list[Term] = Field(min_length=1, description="The terms, in any order.")


# --- Card decks --------------------------------------------------------------------------------


class CardFace(Strict):
    title: PlainText = Field(description="The card's heading, printed large.")
    text: Markdown | None = Field(None, description="What else the face says: a few lines at most.")


class Card(Strict):
    """One card: a front, an optional back, and a QR code to its place on the deck's page."""

    id: Id = Field(description="Unique in the deck; the card's anchor on the deck's page.")
    front: CardFace = Field(description="What the card says face up.")
    back: CardFace | None = Field(None, description="What its back says, printed mirrored to line up.")
    qr: bool | None = Field(None, description="Whether it carries a QR code; the deck's `qr` where not given.")


CARD_TEXT_MAX_LENGTH = 400  # what fits on a card in type a room can read


class Deck(Entry):
    """Cards to print, cut out and use in a workshop."""

    last_reviewed: datetime.date = Field(description="When the content was last checked, YYYY-MM-DD.")
    use: Markdown = Field(description="How a facilitator uses the deck.")
    qr: bool = Field(True, description="Whether cards carry a QR code to their place on the site.")
    cards: list[Card] = Field(min_length=1, max_length=90, description="The cards, in the order they print.")

    @field_validator("cards")
    @classmethod
    def _cards_fit_and_unique(cls, cards: list[Card]) -> list[Card]:
        seen: set[str] = set()
        for card in cards:
            if card.id in seen:
                raise ValueError(f"two cards have the id '{card.id}'")
            seen.add(card.id)
            for side, face in (("front", card.front), ("back", card.back)):
                if face is not None and face.text is not None and len(face.text) > CARD_TEXT_MAX_LENGTH:
                    raise ValueError(
                        f"the {side} of card '{card.id}' has {len(face.text)} characters of text; "
                        f"a card holds at most {CARD_TEXT_MAX_LENGTH}"
                    )
        return cards
