"""The printable debrief of one game: ``asean-chair report SAVE -o debrief.html``.

One self-contained HTML page that prints on A4 in at most five pages. The
first page is the debrief on its own: the lesson played, the result and
verdict, the score of the real choices in the same lesson (where the pack
has history), the values turn by turn, the three biggest swings traced to
their causes, and the questions for the class. Then every decision, in two
parts where the pack tells history from invention: "what really happened"
(the real events, with what was really done, the source and a question) and
"what-ifs in this game" (the made-up ones). A pack without history gets one
part: the player's own decisions. The page is ``html/templates/debrief.html``.
"""

from __future__ import annotations

import warnings
from typing import Any

from ..charts import PALETTE, chart_text, svg_chart
from ..engine.saves import restore
from ..html import Markup, khmer_words_whole, page_numbers, render
from ..rules.ruleset import Ruleset
from .fonts import with_page_fonts
from .frame import Frame, frame_for
from .story import Decision, Story, tell


def line_chart(story: Story, names: list[str], title: str, frame: Frame | None = None) -> Markup:
    """The values ``names`` turn by turn, one line each, as an inline SVG."""
    rs = story.ruleset
    labels = story.labels
    label = frame.label if frame is not None else rs.label

    def draw(ax: Any) -> None:
        xs = list(range(len(labels)))
        for i, name in enumerate(names):
            actor = rs.actors.get(name[4:]) if name.startswith("rel.") else None
            color = actor.color if actor is not None and actor.color else PALETTE[i % len(PALETTE)]
            ax.plot(xs, story.series[name], marker="o", markersize=2.5, linewidth=1.6,
                    color=color, label=chart_text(label(name)))
        ax.set_xticks(xs)
        # Many turns: name every second (or third...) one, so the names never collide.
        step = max(1, -(-len(labels) // 7))
        ticks = ax.set_xticklabels([chart_text(x) if i % step == 0 else ""
                                    for i, x in enumerate(labels)], fontsize=8)
        if max((len(x) for x in labels), default=0) > 3:
            # Whole month names (Khmer has no short ones) would run into each other.
            for tick in ticks:
                tick.set_rotation(45)
                tick.set_horizontalalignment("right")
                tick.set_rotation_mode("anchor")
        ax.tick_params(axis="y", labelsize=8)
        ax.set_title(chart_text(title), fontsize=10, loc="left")
        ax.grid(axis="y", color="#e3e8ee")
        ax.legend(fontsize=7, loc="center left", bbox_to_anchor=(1, 0.5), frameon=False)

    with warnings.catch_warnings():
        # Khmer labels: matplotlib has no Khmer font to measure them with, but
        # the page draws them with the embedded one.
        warnings.filterwarnings("ignore", message="Glyph .* missing from font")
        return Markup(svg_chart(draw, 4.6, 2.5))


def _team(record: dict[str, Any]) -> str | None:
    extra = record.get("extra")
    info = extra.get("classroom") if isinstance(extra, dict) else None
    team = info.get("team") if isinstance(info, dict) else None
    return str(team) if team else None


def debrief_html(story: Story, record: dict[str, Any], language: str | None = None) -> str:
    """The debrief page of one game (``language``: its frame words; the pack's
    texts are in the language the ruleset was loaded in)."""
    rs = story.ruleset
    st = story.state
    game = st.game
    sc = game.scenario
    frame = frame_for(rs, sc, language)
    t = frame.t
    tracks = [n for n, m in rs.tracks.items() if m.visible]
    relations = [f"rel.{a}" for a in rs.actors]
    history = frame.has_history
    real: list[Decision] = []
    whatif: list[Decision] = []
    for d in story.decisions:
        (real if frame.reality(d.card) == "real" else whatif).append(d)
    questions = sc.debrief or [t(f"report.questions_default.{i}") for i in (1, 2, 3)]
    title = t("report.title", name=sc.name)
    page = render(
        "debrief.html", page="debrief", lang=frame.language, title=title, frame=frame, t=t,
        tn=frame.tn, story=story, state=st, game=game, scenario=sc, result=st.result,
        team=_team(record), lesson=frame.lesson(game),
        packs=", ".join(f"{p.id} {p.version}" for p in rs.packs),
        baseline=_baseline(story) if history else None, history=history,
        real=real, whatif=whatif,
        tracks_chart=line_chart(story, tracks, sc.words.side, frame),
        relations_chart=line_chart(story, relations, sc.words.relations, frame),
        questions=questions)
    return with_page_fonts(khmer_words_whole(page_numbers(page, frame.language)))


def _baseline(story: Story) -> float | None:
    from ..bots import history_baseline

    return history_baseline(story.state)


def debrief_page(record: dict[str, Any], ruleset: Ruleset, name: str,
                 language: str | None = None) -> str:
    """The debrief page of a save or result file (checked: raises ``SaveError``)."""
    restore(record, ruleset, name, explain=False)
    return debrief_html(tell(ruleset, record, language or "en"), record, language)
