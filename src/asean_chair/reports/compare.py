"""The class debrief: the teams of one session lined up, for a 10-minute talk.

``asean-chair classroom compare RESULTS... -o class-debrief.html`` writes
it from the result files :mod:`asean_chair.classroom.results` has checked.

The first A4 page is the whole debrief: the lesson played, the teams ranked
with the score the real choices reach in the same lesson (where the pack
has history), and the three cards where the class split most, each with
what really happened (or that it is made up) and a question. Then, turn by
turn, every card: which team chose what, the real choice, the question.
Teams are listed under the options they chose, so 1 to 12 teams fit a
portrait page. The page is ``html/templates/compare.html``.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from ..classroom.results import Refusal, TeamResult
from ..html import khmer_words_whole, page_numbers, render
from ..rules.ruleset import Ruleset
from ..rules.words import signed
from .fonts import with_page_fonts
from .frame import Frame, frame_for
from .story import Decision, Story, tell


@dataclass(frozen=True)
class Pick:
    """An option of a card and the teams that chose it."""

    option: str
    label: str
    teams: tuple[str, ...]
    #: The choice that was really made (the card's historical option).
    real: bool
    #: What it changed at once, in words (``Autonomy +3, China -4``).
    effects: str


@dataclass(frozen=True)
class CardRow:
    """One card as the class decided it."""

    turn: int
    card: str
    title: str
    #: ``real``, ``invented``, or ``None`` for a pack that does not say.
    reality: str | None
    picks: tuple[Pick, ...]
    #: Teams the card did not come up for.
    missing: tuple[str, ...]
    history: str
    discuss: str
    source: str

    @property
    def decided(self) -> int:
        """How many teams decided the card."""
        return sum(len(p.teams) for p in self.picks)

    @property
    def split(self) -> float:
        """How much the class split: 0 when all chose alike, towards 1 when
        the teams spread over the options."""
        if self.decided < 2:
            return 0.0
        return 1 - max(len(p.teams) for p in self.picks) / self.decided

    @property
    def off_history(self) -> float:
        """The share of teams that chose otherwise than what was really done."""
        real = next((p for p in self.picks if p.real), None)
        if real is None or not self.decided:
            return 0.0
        return 1 - len(real.teams) / self.decided

    @property
    def differ(self) -> bool:
        """Whether the teams chose differently (or it did not come up for some)."""
        return len([p for p in self.picks if p.teams]) > 1 or bool(self.missing)


def _effects_words(d: Decision, frame: Frame) -> str:
    return ", ".join(f"{frame.label(t)} {signed(x)}" for t, x in d.effects)


def natural(name: str) -> list[tuple[int, int | str]]:
    """A sort key that puts ``Team 2`` before ``Team 10``."""
    return [(0, int(part)) if part.isdigit() else (1, part.casefold())
            for part in re.split(r"(\d+)", name) if part]


def card_rows(stories: Sequence[Story], teams: Sequence[str], frame: Frame) -> list[CardRow]:
    """Every card any team decided, in the order of the calendar."""
    rs = frame.ruleset
    order: dict[str, int] = {}
    by_team: list[dict[str, Decision]] = []
    for s in stories:
        seen: dict[str, Decision] = {}
        for d in s.decisions:
            seen.setdefault(d.card, d)
            order.setdefault(d.card, d.turn)
        by_team.append(seen)
    rows = []
    for card_id, turn in sorted(order.items(), key=lambda kv: kv[1]):
        card = rs.cards[card_id]
        status = frame.reality(card_id)
        real_option = card.historical_option if status != "invented" else None
        picks = []
        for opt in card.options:
            chosen = [(team, seen[card_id]) for team, seen in zip(teams, by_team, strict=True)
                      if card_id in seen and seen[card_id].option == opt.id]
            real = opt.id == real_option
            if chosen or real:
                picks.append(Pick(opt.id, opt.label,
                                  tuple(sorted((t for t, _ in chosen), key=natural)), real,
                                  _effects_words(chosen[0][1], frame) if chosen else ""))
        picks.sort(key=lambda p: -len(p.teams))
        missing = tuple(sorted((team for team, seen in zip(teams, by_team, strict=True)
                               if card_id not in seen), key=natural))
        rows.append(CardRow(turn, card_id, card.title, status, tuple(picks), missing,
                            card.history if status != "invented" else "", card.discuss,
                            card.source))
    return rows


def most_split(rows: Sequence[CardRow], n: int = 3) -> list[CardRow]:
    """The ``n`` cards most worth talking about: where the class split most,
    then where it strayed furthest from what was really done."""
    ranked = sorted(rows, key=lambda r: (-round(r.split, 6), -round(r.off_history, 6),
                                         -len([p for p in r.picks if p.teams]), -r.decided,
                                         r.turn))
    return ranked[:n]


@dataclass(frozen=True)
class Rank:
    """A line of the ranking: a team, or the real choices."""

    name: str
    score: float | None
    tier: str
    #: How the game ended, when not by reaching the end (a defeat, unfinished).
    ending: str
    #: How many of the real cards the team decided as was really done, of how many.
    same: tuple[int, int] | None
    baseline: bool = False
    place: int = 0


def _same_as_history(story: Story, frame: Frame) -> tuple[int, int] | None:
    real = [d for d in story.decisions if frame.reality(d.card) == "real"
            and d.historical_option]
    if not real:
        return None
    return sum(d.option == d.historical_option for d in real), len(real)


def ranking(results: Sequence[TeamResult], stories: Sequence[Story], frame: Frame,
            baseline: float | None) -> list[Rank]:
    """The teams by score, best first, with the real choices' line in its place."""
    lines = []
    for r, s in zip(results, stories, strict=True):
        res = s.state.result
        if res is None:
            ending = frame.t("class.stopped", turn=frame.turn(s.state.turn))
        else:
            ending = res.title if res.defeat else ""
        lines.append(Rank(r.team, res.score if res else s.state.score,
                          res.tier_name if res else frame.t("class.unfinished"), ending,
                          _same_as_history(s, frame)))
    lines.sort(key=lambda x: -(x.score if x.score is not None else float("-inf")))
    ranked = [Rank(x.name, x.score, x.tier, x.ending, x.same, place=i)
              for i, x in enumerate(lines, 1)]
    if baseline is not None:
        at = next((i for i, x in enumerate(ranked)
                   if x.score is None or x.score < baseline), len(ranked))
        tier = _tier_name(frame, baseline)
        ranked.insert(at, Rank(frame.t("class.real_choices"), baseline, tier, "", None,
                               baseline=True))
    return ranked


def _tier_name(frame: Frame, score: float) -> str:
    tiers = frame.scenario.tiers
    for t in tiers:
        if score >= t.min_score:
            return t.name
    return tiers[-1].name if tiers else ""


def class_debrief_html(results: list[TeamResult], ruleset: Ruleset,
                       refused: Sequence[Refusal | str] = (),
                       warnings: Sequence[str] = (), language: str | None = None) -> str:
    """The class debrief page of the teams' checked results.

    ``refused`` and ``warnings`` (why files were left out, what the teacher
    should know) are printed in small type at the end of the first page.
    """
    told = [(r, tell(ruleset, r.record, language or "en")) for r in results]
    told.sort(key=lambda rs: -rs[1].state.score)  # the best first, everywhere
    results = [r for r, _ in told]
    stories = [s for _, s in told]
    game = stories[0].state.game
    frame = frame_for(ruleset, game.scenario, language)
    teams = [r.team for r in results]
    baseline = _history_score(stories[0]) if frame.has_history else None
    rows = card_rows(stories, teams, frame)
    top = most_split(rows)
    values = [t for t, m in ruleset.tracks.items() if m.visible]
    values += [f"rel.{a}" for a in ruleset.actors]
    scores = [s.state.score for s in stories] + ([baseline] if baseline is not None else [])
    turns = sorted({r.turn for r in rows})
    return with_page_fonts(khmer_words_whole(page_numbers(render(
        "compare.html", page="compare", lang=frame.language,
        title=frame.t("class.title", name=game.scenario.name), frame=frame,
        t=frame.t, tn=frame.tn, scenario=game.scenario, game=game, code=results[0].code,
        teams=teams, stories=stories, lesson=frame.lesson(game),
        packs=", ".join(f"{p.id} {p.version}" for p in ruleset.packs),
        ranking=ranking(results, stories, frame, baseline), top_score=max([*scores, 1.0]),
        baseline=baseline, top=top, split=any(r.split > 0 for r in top),
        by_turn=[(turn, [r for r in rows if r.turn == turn]) for turn in turns],
        rows=rows, values=values,
        refused=[r.message if isinstance(r, Refusal) else r for r in refused],
        warnings=list(warnings), questions=game.scenario.debrief), frame.language)))


def _history_score(story: Story) -> float | None:
    from ..bots import history_baseline

    return history_baseline(story.state)
