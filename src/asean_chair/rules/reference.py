"""``docs/rules-reference.md``, generated from the models and the tutorial pack.

The field tables come from the models (the same ones that load packs), and
each section's example is the first item of that section in the tutorial
pack, so the reference can never describe a format the loader rejects. A
test fails when the committed file differs from what this produces;
regenerate it with ``asean-chair schema --reference -o docs/rules-reference.md``.
"""

from __future__ import annotations

import typing
from pathlib import Path
from typing import Any

from pydantic import BaseModel
from pydantic_core import PydanticUndefined

from ..expr import FUNCTIONS, MAX_NUMBER
from .models import EFFECT_KINDS, SECTIONS, Effect, Model, Outcome, Overlay, PackMeta
from .ruleset import BUILTIN_NAMES
from .schema import MODELINE


def _type_name(annotation: Any) -> str:
    origin = typing.get_origin(annotation)
    args = typing.get_args(annotation)
    if origin is typing.Annotated:
        return _type_name(args[0])
    if origin in (typing.Union, getattr(__import__("types"), "UnionType", None)):
        names = [_type_name(a) for a in args if a is not type(None)]
        if set(names) == {"integer", "text"}:
            return "turn (number or name)"
        if set(names) >= {"number", "text"}:
            return "number or expression"
        if set(names) == {"text", "true/false"}:
            return "condition"
        return " or ".join(dict.fromkeys(names))
    if origin is list:
        return f"list of {_type_name(args[0])}"
    if origin is dict:
        return f"mapping of {_type_name(args[0])} to {_type_name(args[1])}"
    if origin is tuple:
        return "[first, last]"
    if origin is typing.Literal:
        return " or ".join(f"`{a}`" for a in args)
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return f"[{annotation.__name__}](#{annotation.__name__.lower()})"
    return {int: "integer", float: "number", str: "text", bool: "true/false"}.get(
        annotation, getattr(annotation, "__name__", str(annotation)))


def _default(field: Any) -> str:
    if field.is_required():
        return "**required**"
    if field.default_factory is not None:
        return "empty"
    value = field.default
    if value is None or value is PydanticUndefined:
        return "—"
    if isinstance(value, bool):
        return f"`{str(value).lower()}`"
    if value == "":
        return '`""`'
    return f"`{value}`"


def _table(model: type[BaseModel]) -> list[str]:
    lines = ["| field | type | default | description |", "|---|---|---|---|"]
    for name, field in model.model_fields.items():
        shown = field.alias or name
        desc = (field.description or "").replace("|", "\\|").replace("\n", " ")
        lines.append(f"| `{shown}` | {_type_name(field.annotation)} | {_default(field)} | "
                     f"{desc} |")
    return lines


def _doc(model: type[BaseModel]) -> str:
    return " ".join((model.__doc__ or "").split())


def _example(section: str, tutorial: Path) -> str | None:
    """The first item of ``section`` in the tutorial pack, as written there."""
    for path in sorted(tutorial.glob("*.yaml")):
        lines = path.read_text(encoding="utf-8").splitlines()
        for i, line in enumerate(lines):
            if line.rstrip() == f"{section}:":
                start = next((j for j in range(i + 1, len(lines))
                              if lines[j].lstrip().startswith("- ")), None)
                if start is None:
                    continue
                indent = len(lines[start]) - len(lines[start].lstrip())
                end = start + 1
                while end < len(lines) and (
                    not lines[end].strip()
                    or len(lines[end]) - len(lines[end].lstrip()) > indent
                ):
                    end += 1
                body = [ln for ln in lines[start:end]]
                while body and not body[-1].strip():
                    body.pop()
                return "\n".join([f"{section}:", *body]) + f"\n# from rules/tutorial/{path.name}"
    return None


def models_in(model: type[BaseModel]) -> list[type[BaseModel]]:
    """``model`` and every model its fields use, each once."""
    seen: list[type[BaseModel]] = []
    _models_in(model, seen)
    return seen


def _models_in(model: type[BaseModel], seen: list[type[BaseModel]]) -> None:
    if model in seen:
        return
    seen.append(model)
    for field in model.model_fields.values():
        stack = [field.annotation]
        while stack:
            a = stack.pop()
            if isinstance(a, type) and issubclass(a, BaseModel):
                _models_in(a, seen)
            stack.extend(typing.get_args(a))


# ------------------------------------------------------------------ topics


def _limits() -> list[str]:
    """Every field with bounds of its own, read from the models."""
    rows: list[str] = []
    seen: set[tuple[str, str]] = set()
    for model in SECTIONS.values():
        for sub in models_in(model):
            for name, f in sub.model_fields.items():
                lows: list[Any] = []
                highs: list[Any] = []
                for m in f.metadata:
                    if getattr(m, "ge", None) is not None:
                        lows.append(m.ge)
                    if getattr(m, "gt", None) is not None:
                        lows.append(m.gt + 1e-9)  # shown as "more than"
                    if getattr(m, "le", None) is not None:
                        highs.append(m.le)
                    if getattr(m, "min_length", None) is not None:
                        lows.append(f"{m.min_length} item" + "s" * (m.min_length != 1))
                    if getattr(m, "max_length", None) is not None and name != "id":
                        highs.append(f"{m.max_length} items")
                numbers_low = [x for x in lows if isinstance(x, (int, float))]
                numbers_high = [x for x in highs if isinstance(x, (int, float))]
                low = max(numbers_low) if numbers_low else next(iter(lows), None)
                high = min(numbers_high) if numbers_high else next(iter(highs), None)
                if low == -MAX_NUMBER:
                    low = None
                if high == MAX_NUMBER:
                    high = None
                shown = f.alias or name
                if (low is None and high is None) or (sub.__name__, shown) in seen:
                    continue
                seen.add((sub.__name__, shown))
                rows.append(f"| {sub.__name__} | `{shown}` | {_bound(low)} | {_bound(high)} |")
    return ["| item | field | at least | at most |", "|---|---|---|---|", *rows]


def _bound(value: object) -> str:
    if value is None:
        return "—"
    if isinstance(value, float) and not value.is_integer() and abs(value % 1 - 1e-9) < 1e-6:
        return f"more than {round(value)}"
    if isinstance(value, int) and abs(value) >= 10_000:
        return f"{value:,}"
    return str(value)


def _topics() -> list[str]:
    """The parts of the format that a field table cannot explain alone."""
    from ..expr import MAX_DEPTH as EXPR_DEPTH
    from ..expr import MAX_LENGTH as EXPR_LENGTH
    from ..expr import MAX_RESULT
    from . import packfiles, yamlread

    mb = 1024 * 1024
    return [
        "## The calendar and the words",
        "",
        "A scenario says how many `turns` it has, what a turn is called and how each turn is",
        "named (`calendar`), and the frame words every screen and printout shows (`words`).",
        "Nothing of the frame is fixed in the game: the same screens serve a year of months",
        "in 2022, sixteen weeks in a harbour or eight seasons on a farm.",
        "",
        "```yaml",
        "scenarios:",
        "  - id: storm_season",
        "    name: Storm season",
        "    turns: 16",
        "    calendar:",
        "      unit: week                # \"week 3 of 16\", \"End the week\"",
        "      units: weeks              # the plural (default: unit + s)",
        "      names: numbers            # \"Week 3\", short \"W3\"",
        "    words:",
        "      currency: favour          # \"costs 1 favour\"",
        "      currencies: favours       # \"costs 2 favours\"",
        "      side: Your harbour        # heads the player's own panel",
        "      relations: Stakeholders   # heads the relations panel",
        "      actions: Harbour work     # heads the actions taken each turn",
        "    capital: {name: Favours, start: 2, income: 1, max: 6}",
        "    endings: [{id: passed, title: The storms pass, text: The season is over.}]",
        "    score: safety + trade",
        "    tiers: [{id: fine, name: A steady hand, min_score: 0}]",
        "```",
        "",
        "`names` is `numbers` (\"Week 3\" / \"W3\"), `months` with a `start`",
        "(`{month: 11, year: 2022}`: \"November 2022\" / \"Nov\"; the year rolls over after",
        "December), or a list with one name per turn, each a text or `{name, short}`:",
        "",
        "```yaml",
        "    calendar:",
        "      unit: season",
        ("      names: [{name: Early spring, short: Spr}, {name: Summer, short: Sum}, "
         "Autumn, Winter]"),
        "```",
        "",
        "Without `calendar`, turns are months from `start_month` of `year`, and players call a",
        "turn `turn_word` (the packs written before calendars keep working). The words default",
        "to neutral ones (`point`, `points`, `You`, `Relations`, `Actions`); a translation may",
        "translate them like any other text.",
        "",
        "## Turn references",
        "",
        "Wherever a pack names a turn, it may give its number in the calendar (1 is the first)",
        "or its name or short name, as the calendar names it:",
        "",
        "| where | example |",
        "|---|---|",
        "| a fixed card | `when: {turn: 3}`, `when: {turn: W3}`, `when: {turn: [3, 7]}` |",
        "| a drawn card | `when: {window: [1, 6]}`, `when: {window: [Jun, Dec]}` |",
        "| an action or a standing rule | `window: [2, 5]` |",
        "| a milestone | `turn: Apr` |",
        "| a preset | `first_turn: Feb`, with `turns: 3` |",
        "",
        "In a calendar of months, `month: 11` (or `month: [2, 5]`) on a card, a milestone or a",
        "preset (`start_month`) names a calendar month instead; in any other calendar it is an",
        "error. In expressions, `turn` is the turn's number in the calendar, `turns_left` the",
        "turns until the game's end and `month` the calendar month (months calendars only).",
        "A name the calendar does not have is an error that lists the names it has.",
        "",
        "## The turn",
        "",
        "A turn runs its steps in order. Without `turn_steps` a scenario uses the usual turn:",
        "",
        "| step | what happens |",
        "|---|---|",
        "| `income` | the currency's income (and every modifier's) |",
        "| `start_rules` | standing rules with `phase: start` |",
        "| `scheduled` | follow-up cards and delayed effects that fall due |",
        "| `fixed_cards` | the cards whose `when` names this turn join the queue |",
        "| `draws` | the scenario's random draws (`draws` cards) |",
        "| `endings` | the game ends if an ending's `if` holds |",
        "| `events` | the player decides every card in the queue |",
        "| `diplomacy` | the player takes actions, then ends the turn |",
        "| `modifiers` | each modifier acts (`each_turn`), then counts down |",
        "| `upkeep` | standing rules with `phase: upkeep` |",
        "",
        "The usual order is `income, start_rules, scheduled, fixed_cards, draws, endings,",
        "events, diplomacy, modifiers, upkeep, endings`. A scenario may leave steps out, repeat",
        "them or move them: `events` must come exactly once and `diplomacy` at most once. Cards",
        "always come first: a card dealt during diplomacy is decided before anything else.",
        "Endings with `if` are also checked after every decision.",
        "",
        "```yaml",
        ("    turn_steps: [income, scheduled, fixed_cards, events, upkeep, endings]   "
         "# no draws, no actions"),
        "```",
        "",
        "## Cards: fixed, drawn and follow-ups",
        "",
        "- A **fixed** card (`when: {turn: ...}` or `{month: ...}`) joins the queue in its",
        "  turns, if its `if` holds then.",
        "- A **drawn** card (`when: {window: [A, B]}`) may be drawn from turn A to turn B by the",
        "  `draws` step, by `weight` among the cards whose window and `if` fit.",
        "- A **follow-up** card (no `when`) comes only when an effect brings it: `schedule`",
        "  (some turns later) or `draw` (now, by id or by tags).",
        "- `repeat: true` lets a card come again after it was played; without it a card comes",
        "  at most once a game, by any route. A card that draws itself, or cards that draw",
        "  each other in a loop, are refused when the loop is visible in the pack; in play, a",
        "  turn that deals more than 40 cards stops dealing with a message.",
        "- A card none of whose options is possible at the moment (each too dear, or its",
        "  `requires` false) is set aside with a message, so no player is ever stuck; a card",
        "  none of whose options could ever be chosen is an error.",
        "",
        "## Endings and `end_game`",
        "",
        "An ending with `if` ends the game as soon as its condition holds (checked after every",
        "decision and at the `endings` steps); `defeat: true` makes it a defeat. The one ending",
        "with neither `if` nor `defeat` is reached by finishing the last turn. An `end_game`",
        "effect ends the game at once with the ending it names, with or without `if`: the",
        "named ending's `if` is not checked, so `{end_game: client_state}` ends the game as a",
        "client state even if autonomy is high. `tier` gives an ending a fixed tier; defeats",
        "default to the lowest tier, the last turn's end to the score's tier. Tier thresholds",
        "are inclusive: a score equal to a tier's `min_score` gets that tier.",
        "",
        "```yaml",
        "    endings:",
        ("      - {id: client_state, title: A client state, text: ..., "
         "if: \"autonomy <= 5\", defeat: true}"),
        ("      - {id: summit_failed, title: No statement, text: ..., defeat: true}   "
         "# only by end_game"),
        ("      - {id: done, title: The quarter is over, text: ...}                    "
         "# the last turn"),
        "```",
        "",
        "## Hidden tracks",
        "",
        "A track with `visible: false` is part of the rules but never reaches a player: not",
        "the window, the text game's screens, the log, a move's summary, the debrief, a report",
        "or a printout. Conditions, scores and effects use it like any track (a hidden",
        "pressure that builds up, a fatigue). Modders see it in `asean-chair explain`, in the",
        "balance report of `simulate` (marked \"hidden\") and with the debug view.",
        "",
        "## Real and invented",
        "",
        "A card with `history` is a real card: it also needs `source` (a link supporting every",
        "claim of `history`; `see_also` for more) and `discuss` (a question for a class), and",
        "may name its `historical_option`. A card made up for the game says `invented: true`",
        "and players see it marked as invented. Once any card or branch of the loaded packs",
        "has `history` or `invented`, every card must be one or the other, and every chance",
        "branch of a real card's historical option must say which it is (`history`, or",
        "`invented: true`). The tags `historic` and `fictional`, where used, must agree. Packs",
        "that use neither field are not checked. The debrief, the `history` bot and the",
        "\"really happened\" markers appear only where a pack has historical choices.",
        "",
        "## Numbers and limits",
        "",
        f"Every number a pack writes is finite and at most {MAX_NUMBER:,} in size (`.inf`,",
        "`.nan` and longer numbers are refused at load); whole-number fields refuse decimals.",
        f"An expression is at most {EXPR_LENGTH:,} characters and {EXPR_DEPTH} levels deep; in",
        f"play, a result beyond {MAX_RESULT:.0e} (or not a number) stops the game with an error",
        "naming the expression's file and line. Fields with their own bounds:",
        "",
        *_limits(),
        "",
        f"A pack folder holds plain UTF-8 files of at most {yamlread.MAX_FILE_BYTES // mb} MB",
        f"each and {packfiles.MAX_BYTES // mb} MB together, at most {packfiles.MAX_FILES} YAML",
        (f"files, folders at most {packfiles.MAX_FOLDER_DEPTH} deep and "
        f"{yamlread.MAX_PACK_NODES:,} values in all."),
        "Links are followed only inside the pack folder; a named pipe or a device is refused.",
        "",
        "## What the loader refuses",
        "",
        "Besides unknown fields and ids (with a \"did you mean\"), wrong types and values",
        "outside their bounds, `asean-chair validate` refuses: duplicate ids in every",
        "collection that has ids (cards, options, actions, tracks, actors, flags, counters,",
        "endings, tiers, verdicts, difficulties, presets, scenarios); chances of one list that",
        "do not add up to 1; a window that ends before it starts or names a turn the calendar",
        "does not have; a card that draws itself; a card none of whose options can ever be",
        "chosen; `!!python` and other tags; an anchor/alias bomb. Comparisons may be chained",
        "and mean what they say (`20 <= autonomy < 50` holds only when both hold). YAML is",
        "read the same with or without libyaml: `yes`, `no`, `on` and `off` stay words, and",
        "text holding `?`, `:`, `#` or a comma inside `{ }` goes in quotes.",
        "",
        "## Editors",
        "",
        "Every shipped pack file starts with a line that names its JSON Schema, and",
        "`asean-chair new-pack` writes the same line into a new pack:",
        "",
        "```yaml",
        "# yaml-language-server: $schema=../.schema/rules.schema.json",
        "```",
        "",
        "An editor that runs the YAML language server (VS Code with the \"YAML\" extension,",
        "Neovim, Helix, Zed...) then completes every field, shows its description on hover and",
        "marks mistakes as you type. `asean-chair schema --editor DIR` writes the schemas into",
        "`DIR/.schema/` and gives every YAML file under DIR its line; `pack.yaml` and",
        "`locale/*.yaml` get schemas of their own.",
        "",
    ]


def rules_reference(tutorial: Path | None = None) -> str:
    """The Markdown text of the rules reference."""
    from ..paths import rules_dir

    tutorial = tutorial or rules_dir() / "tutorial"
    out: list[str] = [
        "# Rules reference",
        "",
        "<!-- Generated by `asean-chair schema --reference -o docs/rules-reference.md` from the",
        "     models in src/asean_chair/rules/models/; do not edit by hand. -->",
        "",
        "A rule pack is a folder holding `pack.yaml` and any number of other `.yaml` files.",
        "Each of the other files holds one or more **sections**; each section is a list of",
        "items, and every item has a unique `id`. Unknown fields are errors (with a",
        "suggestion for a misspelt one), and so are unknown ids. Run",
        "`asean-chair validate PACK_DIR` to check a pack: every problem is printed as",
        "`file:line:col: error: message`.",
        "",
        "Contents: [pack.yaml](#packmeta) · "
        + " · ".join(f"[{s}](#{s})" for s in SECTIONS)
        + " · [effects](#effects) · [expressions](#expressions) · [overlays](#overlays)",
        "",
        ("Topics: [the calendar and the words](#the-calendar-and-the-words) · "
        "[turn references](#turn-references) · [the turn](#the-turn) · "
        "[cards: fixed, drawn and follow-ups](#cards-fixed-drawn-and-follow-ups) · "
        "[endings and `end_game`](#endings-and-end_game) · [hidden tracks](#hidden-tracks) · "
        "[real and invented](#real-and-invented) · [numbers and limits](#numbers-and-limits) · "
        "[what the loader refuses](#what-the-loader-refuses) · [editors](#editors)"),
        "",
        "## pack.yaml",
        "",
        "### PackMeta",
        "",
        _doc(PackMeta),
        "",
        *_table(PackMeta),
        "",
    ]
    meta = tutorial / "pack.yaml"
    example = meta.read_text(encoding="utf-8") if meta.is_file() else ""
    # The editor's modeline is no part of the format.
    example = "".join(line for line in example.splitlines(keepends=True)
                      if not line.startswith(MODELINE))
    if example:
        out += ["```yaml", example.rstrip(), "```", ""]
    documented: list[type[BaseModel]] = [PackMeta]
    for section, model in SECTIONS.items():
        out += [f"## {section}", "", f"### {model.__name__}", "", _doc(model), "",
                *_table(model), ""]
        documented.append(model)
        ex = _example(section, tutorial)
        if ex:
            out += ["Example:", "", "```yaml", ex, "```", ""]
        nested: list[type[BaseModel]] = []
        _models_in(model, nested)
        for sub in nested[1:]:
            if sub in documented or sub in (Effect, Outcome, Model):
                continue
            documented.append(sub)
            out += [f"### {sub.__name__}", "", _doc(sub), "", *_table(sub), ""]
    out += ["## Effects", "", "### Effect", "", _doc(Effect), "",
            "Each effect is a mapping with exactly one of these keys:", "",
            *_table(Effect), ""]
    for sub in (Outcome,):
        out += [f"### {sub.__name__}", "", _doc(sub), "", *_table(sub), ""]
    out += [
        "Kinds, in the order the engine documents them: "
        + ", ".join(f"`{k.rstrip('_')}`" for k in EFFECT_KINDS) + ".",
        "",
        "Examples of every kind:",
        "",
        "```yaml",
        "effects:",
        ("  - {add: {autonomy: 5, rel.north: -3}}          "
         "# gains with an actor spill over to its rivals"),
        "  - {add: {rel.north: 3, rel.south: 3}, spill: false}",
        "  - {set: {cohesion: 10}}",
        "  - {set_flag: port_open}",
        "  - {clear_flag: port_open}",
        "  - {schedule: {card: port_follow_up, in: 2}}     # a follow-up card two turns later",
        "  - {schedule: {in: 3, effects: [{add: {economy: 4}}], text: The loan pays off.}}",
        "  - {draw: {card: relief_thanks}}                 # this card comes next",
        "  - {draw: {tags: [fictional], count: 1}}",
        "  - modifier: {id: debt_service, name: Debt service, turns: 3, income: -1,",
        "               each_turn: [{add: {economy: -1}}], scale: {rel.south: 0.5}}",
        "  - {remove_modifier: debt_service}",
        "  - if: \"rel.north > 50\"",
        "    then: [{add: {cohesion: -3}}]",
        "    else: [{log: The refusal passes with little comment.}]",
        "  - outcomes:",
        "      - {chance: 0.7, text: The road opens on time., effects: [{add: {economy: 3}}]}",
        "      - {chance: 0.3, text: Costs overrun., effects: [{add: {autonomy: -5}}]}",
        "  - {drift: {rel.north: 2, autonomy: 1}}          # toward the baseline",
        "  - {log: Foreign pressure is now an open topic in the press.}",
        "  - {end_game: summit_failed}",
        "```",
        "",
        "## Expressions",
        "",
        "Conditions (`if`, `requires`) and amounts (`cost`, `weight`, `income`, `draws`,",
        "`score`, and the amounts of `add`, `set`, `drift`) may be expressions. They are",
        "parsed once when the pack loads and never run as Python code: anything outside",
        "this list is an error at the expression's file, line and column.",
        "",
        "| form | meaning | example |",
        "|---|---|---|",
        "| numbers | whole or decimal | `5`, `0.5` |",
        "| `true`, `false` | 1 and 0 | `false` |",
        "| a track id | the track's value | `autonomy` |",
        "| `rel.<actor>` | the relation with an actor | `rel.north` |",
        "| `flag.<id>` | 1 if the flag is set, else 0 | `flag.port_open` |",
        "| `counter.<id>` | a counter's value | `counter.statements` |",
        "| `mod.<id>` | turns left of a modifier (0 if inactive) | `mod.debt_service > 0` |",
        "| " + ", ".join(f"`{n}`" for n in BUILTIN_NAMES)
        + " | capital held, calendar month (1-12), turn (from 1), turns after this one |"
          " `month >= 6` |",
        "| `+ - * / // %` | arithmetic (division by zero gives 0) | `rel.north / 10` |",
        "| `< <= > >= == !=` | comparisons, may be chained | `20 <= autonomy < 80` |",
        "| `and`, `or`, `not` | logic | `not flag.x and cohesion >= 40` |",
        "| `A if C else B` | a choice | `5 if flag.x else 2` |",
        "| " + ", ".join(f"`{f}()`" for f in FUNCTIONS)
        + " | functions | `max(2, rel.south / 10)` |",
        "",
        "Not allowed: any other name or function, attributes such as `__class__`,",
        "strings, lists, indexing, lambdas and comprehensions.",
        "",
        "## Overlays",
        "",
        "A pack whose `pack.yaml` lists other packs under `extends` may add new items and",
        "change the base packs' items by id. Writing an item whose id already exists is an",
        "error unless it says how to change it:",
        "",
        "### Overlay",
        "",
        _doc(Overlay),
        "",
        *_table(Overlay),
        "",
        "```yaml",
        "cards:",
        "  - id: summit                  # change two fields, keep the rest",
        "    patch:",
        "      title: The emergency summit",
        "      options:                  # lists of items with ids merge by id",
        "        - {id: lean_north, label: Accept the north's draft}",
        "        - {id: walk_away, remove: true}",
        "  - id: storm                   # take a card out",
        "    remove: true",
        "  - id: loan_offer              # write the whole card anew",
        "    replace: true",
        "    title: A loan from a development bank",
        "    text: The bank offers a road, with strict conditions on tenders.",
        "    options:",
        "      - {id: take, label: Take the loan, effects: [{add: {economy: 5, autonomy: -2}}]}",
        "      - {id: refuse, label: Refuse it, effects: [{add: {economy: -2}}]}",
        "```",
        "",
        "Two packs changing the same item is reported as a warning naming both.",
        "",
        *_topics(),
    ]
    return "\n".join(out)
