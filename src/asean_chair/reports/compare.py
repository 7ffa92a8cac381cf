"""The class debrief: the teams of one session lined up, card by card.

``asean-chair classroom compare RESULTS... -o class-debrief.html`` writes
it from the result files :mod:`asean_chair.classroom.results` has checked:
each team's choice on every card beside the real 2022 choice, where teams
diverged and what followed, and their final tracks and scores.
"""

from __future__ import annotations

import html
from typing import Any

from ..charts import svg_chart
from ..classroom.results import TeamResult
from ..rules.ruleset import Ruleset
from .debrief import MONTHS, STYLE
from .story import Story, tell


def _esc(text: object) -> str:
    return html.escape(str(text))


def class_debrief_html(results: list[TeamResult], ruleset: Ruleset, refused: list[str]) -> str:
    """The comparison page of the teams' checked results (``refused``: why files were left out)."""
    stories = [tell(ruleset, r.record) for r in results]
    first = stories[0].state.game
    sc = first.scenario
    teams = [r.team for r in results]
    out = [
        "<!doctype html><html lang='en'><head><meta charset='utf-8'>",
        (f"<title>Class debrief: {_esc(sc.name)}</title><style>{STYLE}"
         ".div{background:#fff5e6}.hist{color:#38444f}</style></head><body>"),
        f"<h1>Class debrief: {_esc(sc.name)}</h1>",
        f"<p class='meta'>Session {_esc(results[0].code)} · seed {first.seed}"
        + (f" · preset {_esc(first.preset)}" if first.preset else "")
        + f" · {len(results)} team{'s' * (len(results) != 1)}</p>",
    ]
    if refused:
        out.append("<p class='meta'>Not included: " + "; ".join(_esc(m) for m in refused) + "</p>")
    # Results.
    rows = []
    for r, s in zip(results, stories):
        res = s.state.result
        rows.append((r.team, f"{res.score:.0f}" if res else "-", res.tier_name if res else
                     "unfinished", res.title if res else f"stopped in month {s.state.month}"))
    baseline = _history_score(stories[0])
    out.append("<h2>Results</h2><table><tr><th>team</th><th>score</th><th>rank</th>"
               "<th>ending</th></tr>" + "".join(
                   f"<tr><td>{_esc(a)}</td><td class='n'>{b}</td><td>{_esc(c)}</td>"
                   f"<td>{_esc(d)}</td></tr>" for a, b, c, d in rows)
               + (f"<tr class='hist'><td>The real 2022 choices</td><td class='n'>{baseline:.0f}"
                  "</td><td></td><td></td></tr>" if baseline is not None else "") + "</table>")
    scored = [(r.team, s.state.score) for r, s in zip(results, stories)]

    def draw(ax: Any) -> None:
        ax.barh([t for t, _ in scored][::-1], [s for _, s in scored][::-1], color="#2e6f9e")
        if baseline is not None:
            ax.axvline(baseline, color="#a5402d", linestyle="--", label="real 2022")
            ax.legend(fontsize=8, frameon=False, loc="upper left", bbox_to_anchor=(1, 1))
        ax.set_xlabel("final score")

    out.append(f"<div class='chart' style='max-width:640px'>"
               f"{svg_chart(draw, 6, 0.45 * len(scored) + 1.2)}</div>")
    # Final values.
    names = [t for t, m in ruleset.tracks.items() if m.visible] + [f"rel.{a}" for a in ruleset.actors]
    out.append("<h2>Where each team ended</h2><table><tr><th></th>"
               + "".join(f"<th>{_esc(t)}</th>" for t in teams) + "</tr>")
    for n in names:
        out.append(f"<tr><td>{_esc(ruleset.label(n))}</td>" + "".join(
            f"<td class='n'>{s.series[n][-1]}</td>" for s in stories) + "</tr>")
    out.append("</table>")
    # Decisions, card by card.
    order: list[str] = []
    by_team: list[dict[str, Any]] = []
    for s in stories:
        seen: dict[str, Any] = {}
        for d in s.decisions:
            seen.setdefault(d.card, d)
            if d.card not in order:
                order.append(d.card)
        by_team.append(seen)
    out.append("<h2>Every decision</h2><p>Rows where the teams chose differently are "
               "shaded; under them, what each choice did at once.</p><table><tr><th>card</th>"
               + "".join(f"<th>{_esc(t)}</th>" for t in teams) + "<th>2022</th></tr>")
    diverged = 0
    for card_id in order:
        card = ruleset.cards[card_id]
        picks = [seen.get(card_id) for seen in by_team]
        labels = {p.option for p in picks if p is not None}
        differ = len(labels) > 1 or any(p is None for p in picks)
        diverged += differ
        hist = next((o.label for o in card.options if o.id == card.historical_option), "")
        month = next(p.month for p in picks if p is not None)
        out.append(f"<tr class='{'div' if differ else ''}'><td><b>{MONTHS[month - 1]}:</b> "
                   f"{_esc(card.title)}</td>" + "".join(
                       f"<td>{_esc(p.label) if p else '<i>did not come up</i>'}</td>"
                       for p in picks) + f"<td class='hist'>{_esc(hist)}</td></tr>")
        if differ:
            out.append("<tr class='div'><td class='effects'>what followed</td>" + "".join(
                "<td class='effects'>" + (", ".join(
                    f"{_esc(ruleset.label(t))} {x:+d}" for t, x in p.effects) or "no change"
                    if p else "") + "</td>" for p in picks) + "<td></td></tr>")
    out.append("</table>")
    out.append(f"<p>The teams diverged on {diverged} of {len(order)} cards.</p>")
    questions = sc.debrief or []
    if questions:
        out.append("<h2>Debrief</h2><ol class='questions'>"
                   + "".join(f"<li>{_esc(q)}</li>" for q in questions) + "</ol>")
    out.append("</body></html>")
    return "\n".join(out)


def _history_score(story: Story) -> float | None:
    from ..bots import history_baseline

    return history_baseline(story.state)
