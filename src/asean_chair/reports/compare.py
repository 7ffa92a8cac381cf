"""The class debrief: the teams of one session lined up, card by card.

``asean-chair classroom compare RESULTS... -o class-debrief.html`` writes
it from the result files :mod:`asean_chair.classroom.results` has checked:
each team's choice on every card beside the real choice, where teams
diverged and what followed, and their final tracks and scores. The page is
``html/templates/compare.html``.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from ..charts import chart_text, svg_chart
from ..classroom.results import TeamResult
from ..html import Markup, render
from ..rules.ruleset import Ruleset
from .story import Decision, Story, tell


@dataclass(frozen=True)
class CardRow:
    """One card as the teams decided it (``None`` where it did not come up)."""

    turn: int
    title: str
    picks: tuple[Decision | None, ...]
    historical: str

    @property
    def differ(self) -> bool:
        """Whether the teams chose differently (or it did not come up for some)."""
        return len({p.option for p in self.picks if p}) > 1 or None in self.picks


def card_rows(stories: list[Story], ruleset: Ruleset) -> list[CardRow]:
    """Every card any team decided, in the order they came up."""
    order: list[str] = []
    by_team: list[dict[str, Decision]] = []
    for s in stories:
        seen: dict[str, Decision] = {}
        for d in s.decisions:
            seen.setdefault(d.card, d)
            if d.card not in order:
                order.append(d.card)
        by_team.append(seen)
    rows = []
    for card_id in order:
        card = ruleset.cards[card_id]
        picks = tuple(seen.get(card_id) for seen in by_team)
        hist = next((o.label for o in card.options if o.id == card.historical_option), "")
        turn = next(p.turn for p in picks if p is not None)
        rows.append(CardRow(turn, card.title, picks, hist))
    return rows


def score_chart(teams: list[str], scores: list[float], baseline: float | None,
                baseline_label: str) -> Markup:
    """The teams' final scores as bars, the historical choices' score as a line."""

    def draw(ax: Any) -> None:
        ax.barh([chart_text(t) for t in teams][::-1], scores[::-1], color="#2e6f9e")
        if baseline is not None:
            ax.axvline(baseline, color="#a5402d", linestyle="--",
                       label=chart_text(baseline_label))
            ax.legend(fontsize=8, frameon=False, loc="upper left", bbox_to_anchor=(1, 1))
        ax.set_xlabel("final score")

    return Markup(svg_chart(draw, 6, 0.45 * len(teams) + 1.2))


def class_debrief_html(results: list[TeamResult], ruleset: Ruleset, refused: list[str]) -> str:
    """The comparison page of the teams' checked results (``refused``: why files were left out)."""
    stories = [tell(ruleset, r.record) for r in results]
    game = stories[0].state.game
    sc = game.scenario
    teams = [r.team for r in results]
    baseline = _history_score(stories[0])
    year = str(sc.year) if sc.year else "history"
    names = [t for t, m in ruleset.tracks.items() if m.visible]
    names += [f"rel.{a}" for a in ruleset.actors]
    return render(
        "compare.html", page="compare", title=f"Class debrief: {sc.name}", scenario=sc,
        game=game, code=results[0].code, teams=teams, stories=stories, refused=refused,
        baseline=baseline, year=year, label=ruleset.label, values=names,
        rows=card_rows(stories, ruleset),
        chart=score_chart(teams, [s.state.score for s in stories], baseline, f"real {year}"))


def _history_score(story: Story) -> float | None:
    from ..bots import history_baseline

    return history_baseline(story.state)
