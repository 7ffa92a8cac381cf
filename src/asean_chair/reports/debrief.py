"""The printable debrief of one game: ``asean-chair report SAVE -o debrief.html``.

One self-contained HTML page that prints well on A4: the result and
verdict, charts of the tracks and relations turn by turn, the timeline of
decisions beside what really happened and a question on each, the three
biggest swings traced to their causes, and the debrief questions. The page
is ``html/templates/debrief.html``.
"""

from __future__ import annotations

from typing import Any

from ..charts import PALETTE, chart_text, svg_chart
from ..engine.saves import restore
from ..html import Markup, render
from ..rules.ruleset import Ruleset
from .story import Story, tell

#: Used when a scenario lists no debrief questions of its own.
DEFAULT_QUESTIONS = (
    "What happened? Which of your choices changed the most?",
    "Why did it happen? Who reacted to each choice, and why?",
    "What does it mean? What would you tell a small country facing the same pressures today?",
)


def line_chart(story: Story, names: list[str], title: str) -> Markup:
    """The values ``names`` turn by turn, one line each, as an inline SVG."""
    rs = story.ruleset
    labels = story.labels

    def draw(ax: Any) -> None:
        xs = list(range(len(labels)))
        for i, name in enumerate(names):
            actor = rs.actors.get(name[4:]) if name.startswith("rel.") else None
            color = actor.color if actor is not None and actor.color else PALETTE[i % len(PALETTE)]
            ax.plot(xs, story.series[name], marker="o", markersize=3, linewidth=2,
                    color=color, label=chart_text(rs.label(name)))
        ax.set_xticks(xs)
        ax.set_xticklabels([chart_text(label) for label in labels], fontsize=9)
        ax.tick_params(axis="y", labelsize=9)
        ax.set_title(chart_text(title), fontsize=11, loc="left")
        ax.grid(axis="y", color="#e3e8ee")
        ax.legend(fontsize=8.5, loc="center left", bbox_to_anchor=(1, 0.5), frameon=False)

    return Markup(svg_chart(draw, 6.2, 3.2))


def debrief_html(story: Story, record: dict[str, Any]) -> str:
    """The debrief page of one game."""
    rs = story.ruleset
    st = story.state
    extra = record.get("extra")
    info = extra.get("classroom") if isinstance(extra, dict) else None
    team = info.get("team") if isinstance(info, dict) else None
    tracks = [t for t, m in rs.tracks.items() if m.visible]
    relations = [f"rel.{a}" for a in rs.actors]
    return render(
        "debrief.html", page="debrief", title=f"Debrief: {st.game.scenario.name}",
        story=story, state=st, result=st.result, team=team, label=rs.label,
        packs=", ".join(f"{p.id} {p.version}" for p in rs.packs),
        baseline=_baseline(story),
        tracks_chart=line_chart(story, tracks, "Tracks"),
        relations_chart=line_chart(story, relations, "Relations"),
        questions=st.game.scenario.debrief or list(DEFAULT_QUESTIONS))


def _baseline(story: Story) -> float | None:
    from ..bots import history_baseline

    return history_baseline(story.state)


def debrief_page(record: dict[str, Any], ruleset: Ruleset, name: str) -> str:
    """The debrief page of a save or result file (checked: raises ``SaveError``)."""
    restore(record, ruleset, name, explain=False)
    return debrief_html(tell(ruleset, record), record)
