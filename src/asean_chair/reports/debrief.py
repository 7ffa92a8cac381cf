"""The printable debrief of one game: ``asean-chair report SAVE -o debrief.html``.

One self-contained HTML page that prints well on A4: the result and
verdict, charts of the tracks and relations month by month, the timeline
of decisions beside what really happened and a question on each, the three
biggest swings traced to their causes, and the debrief questions.
"""

from __future__ import annotations

import html
from typing import Any

from ..charts import PALETTE, svg_chart
from ..engine.saves import restore
from ..rules.ruleset import Ruleset
from .story import Story, tell

MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")

#: Used when a scenario lists no debrief questions of its own.
DEFAULT_QUESTIONS = (
    "What happened? Which of your choices changed the most?",
    "Why did it happen? Who reacted to each choice, and why?",
    "What does it mean? What would you tell a small country facing the same pressures today?",
)

STYLE = """
@page{size:A4;margin:14mm}
body{font-family:'Noto Sans','DejaVu Sans',system-ui,sans-serif;color:#18212b;line-height:1.4;
max-width:1000px;margin:1.5rem auto;padding:0 1rem;font-size:11pt}
h1{font-size:20pt;margin:0 0 .2rem}h2{font-size:14pt;border-bottom:2px solid #d8e0e8;margin-top:1.6rem;
break-after:avoid}h3{font-size:11.5pt;margin:.8rem 0 .2rem;break-after:avoid}
.meta{color:#56636f}.result{background:#f1f5f9;border-left:5px solid #2e6f9e;padding:.6rem 1rem;
break-inside:avoid}.score{font-size:16pt;font-weight:700}
.turn{break-inside:avoid;border-bottom:1px solid #e3e8ee;padding:.4rem 0}
.choice{font-weight:600}.same{color:#1e7d4f}.diff{color:#a5402d}.history{color:#38444f;margin:.2rem 0}
.effects{color:#56636f;font-size:10pt}.discuss{font-style:italic}
.chart svg{width:100%;height:auto}.grid{display:grid;grid-template-columns:1fr 1fr;gap:1rem}
table{border-collapse:collapse;width:100%;font-size:10pt}th,td{border-bottom:1px solid #e3e8ee;
padding:.25rem .4rem;text-align:left}td.n{text-align:right}
.questions li{margin:.5rem 0 1.8rem}
@media print{body{margin:0;max-width:none}.grid{grid-template-columns:1fr 1fr}a{color:inherit}}
"""


def _esc(text: object) -> str:
    return html.escape(str(text))


def _change(ruleset: Ruleset, target: str, delta: int) -> str:
    return f"{_esc(ruleset.label(target))} {delta:+d}"


def _line_chart(story: Story, names: list[str], title: str) -> str:
    rs = story.ruleset
    labels = story.labels

    def draw(ax: Any) -> None:
        xs = list(range(len(labels)))
        for i, name in enumerate(names):
            actor = rs.actors.get(name[4:]) if name.startswith("rel.") else None
            color = actor.color if actor is not None and actor.color else PALETTE[i % len(PALETTE)]
            ax.plot(xs, story.series[name], marker="o", markersize=3, linewidth=2,
                    color=color, label=rs.label(name))
        ax.set_xticks(xs)
        ax.set_xticklabels(labels, fontsize=9)
        ax.tick_params(axis="y", labelsize=9)
        ax.set_title(title, fontsize=11, loc="left")
        ax.grid(axis="y", color="#e3e8ee")
        ax.legend(fontsize=8.5, loc="center left", bbox_to_anchor=(1, 0.5), frameon=False)

    return svg_chart(draw, 6.2, 3.2)


def debrief_html(story: Story, record: dict[str, Any]) -> str:
    """The debrief page of one game."""
    rs = story.ruleset
    st = story.state
    sc = st.game.scenario
    r = st.result
    team = (record.get("extra") or {}).get("classroom", {}).get("team")
    tracks = [t for t, m in rs.tracks.items() if m.visible]
    relations = [f"rel.{a}" for a in rs.actors]
    out = [
        "<!doctype html><html lang='en'><head><meta charset='utf-8'>",
        f"<title>Debrief: {_esc(sc.name)}</title><style>{STYLE}</style></head><body>",
        f"<h1>Debrief: {_esc(sc.name)}</h1>",
        f"<p class='meta'>{_esc(team + ' · ') if team else ''}seed {st.game.seed}"
        + (f" · preset {_esc(st.game.preset)}" if st.game.preset else "")
        + f" · {len(story.decisions)} decisions · packs "
        + _esc(", ".join(f"{p.id} {p.version}" for p in rs.packs)) + "</p>",
    ]
    if r is not None:
        out.append(f"<div class='result'><div class='score'>{_esc(r.title)} — {r.score:.0f} "
                   f"points, {_esc(r.tier_name)}</div><p>{_esc(r.text)}</p>"
                   + "".join(f"<p>{_esc(v)}</p>" for v in r.verdict) + "</div>")
    else:
        out.append(f"<div class='result'>The game stopped in month {st.month}, before the "
                   "end.</div>")
    baseline = _baseline(st)
    if baseline is not None and r is not None:
        out.append(f"<p>Replaying the real 2022 choices on the same seed scores "
                   f"<b>{baseline:.0f}</b> points.</p>")
    out += ["<h2>Month by month</h2><div class='grid'>",
            f"<div class='chart'>{_line_chart(story, tracks, 'Tracks')}</div>",
            f"<div class='chart'>{_line_chart(story, relations, 'Relations')}</div></div>"]
    out.append("<h2>The three biggest swings</h2>")
    for s in story.swings:
        causes = "; ".join(f"{_esc(label)} ({delta:+d})" for label, delta, _ in s.causes)
        out.append(f"<p><b>{_esc(rs.label(s.target))}</b> went from {s.before} to {s.after} "
                   f"in {MONTHS[s.month - 1]}: {causes}.</p>")
    if not story.swings:
        out.append("<p>Nothing moved.</p>")
    out.append("<h2>Your decisions and what really happened</h2>")
    for d in story.decisions:
        effects = ", ".join(_change(rs, t, x) for t, x in d.effects) or "no change"
        parts = [f"<div class='turn'><h3>{MONTHS[d.month - 1]}: {_esc(d.title)}</h3>",
                 f"<div class='choice'>You chose: {_esc(d.label)}</div>",
                 f"<div class='effects'>{effects}</div>"]
        parts += [f"<div class='effects'>{_esc(m)}</div>" for m in d.messages]
        if d.history:
            same = d.historical_option == d.option
            verdict = ("<span class='same'>the same choice</span>" if same else
                       "<span class='diff'>a different choice"
                       + (f": {_esc(d.historical_label)}" if d.historical_label else "")
                       + "</span>") if d.historical_option else ""
            parts.append(f"<p class='history'><b>In reality:</b> {_esc(d.history)}"
                         + (f" — {verdict}" if verdict else "") + "</p>")
        if d.source:
            parts.append(f"<div class='effects'>Source: {_esc(d.source)}</div>")
        if d.discuss:
            parts.append(f"<p class='discuss'>Discuss: {_esc(d.discuss)}</p>")
        parts.append("</div>")
        out.append("".join(parts))
    if story.actions:
        out.append("<h2>Diplomacy</h2><p>" + "; ".join(
            f"{MONTHS[story.state.p.month_of(t) - 1]}: {_esc(name)}" for t, name in story.actions)
                   + "</p>")
    questions = sc.debrief or list(DEFAULT_QUESTIONS)
    out.append("<h2>Debrief</h2><ol class='questions'>"
               + "".join(f"<li>{_esc(q)}</li>" for q in questions) + "</ol>")
    out.append("</body></html>")
    return "\n".join(out)


def _baseline(st: Any) -> float | None:
    from ..bots import history_baseline

    return history_baseline(st)


def debrief_page(record: dict[str, Any], ruleset: Ruleset, name: str) -> str:
    """The debrief page of a save or result file (checked: raises ``SaveError``)."""
    restore(record, ruleset, name, explain=False)
    return debrief_html(tell(ruleset, record), record)
