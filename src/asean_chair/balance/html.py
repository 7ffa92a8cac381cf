"""A self-contained HTML balance report: tables and SVG charts inline.

Charts are drawn with matplotlib's SVG backend and embedded in the page,
so the file opens offline, in any browser, with nothing to fetch.
"""

from __future__ import annotations

import html
from collections.abc import Callable
from typing import Any

_STYLE = """
body{font-family:system-ui,-apple-system,'Segoe UI',sans-serif;margin:2rem auto;max-width:1100px;
color:#1d2733;line-height:1.45;padding:0 1rem}
h1{font-size:1.7rem;margin-bottom:.2rem}h2{font-size:1.25rem;margin-top:2rem;border-bottom:2px solid #dfe6ee}
.meta{color:#5a6775}.grid{display:grid;grid-template-columns:1fr 1fr;gap:1.5rem}
table{border-collapse:collapse;width:100%;font-size:.92rem}th,td{padding:.3rem .5rem;
border-bottom:1px solid #e5eaf0;text-align:left}td.n{text-align:right;font-variant-numeric:tabular-nums}
.flag{background:#fff4e0}.bad{color:#b03a2e;font-weight:600}.ok{color:#1e7d4f;font-weight:600}
.chart svg{width:100%;height:auto}.kpi{display:flex;gap:1rem;flex-wrap:wrap}
.kpi div{background:#f2f5f9;border-radius:8px;padding:.6rem 1rem}.kpi b{display:block;font-size:1.4rem}
@media print{body{margin:0}.grid{display:block}}
"""


def _svg(draw: Callable[[Any], None], width: float = 6.0, height: float = 3.2) -> str:
    from ..charts import svg_chart

    return svg_chart(draw, width, height)


def _table(headers: list[str], rows: list[list[Any]], numeric: set[int] | None = None) -> str:
    numeric = numeric or set()
    head = "".join(f"<th>{html.escape(h)}</th>" for h in headers)
    body = "".join(
        "<tr>" + "".join(f"<td class='n'>{html.escape(str(c))}</td>" if i in numeric
                         else f"<td>{html.escape(str(c))}</td>" for i, c in enumerate(r)) + "</tr>"
        for r in rows)
    return f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"


def html_report(report: dict[str, Any], scores: list[float], label: Callable[[str], str]) -> str:
    """The report as one HTML page."""
    tiers = report["tiers"]

    def tier_chart(ax: Any) -> None:
        names = [t["name"] for t in tiers][::-1]
        shares = [t["share"] * 100 for t in tiers][::-1]
        ax.barh(names, shares, color="#2e86ab")
        ax.set_xlabel("% of games")

    def score_chart(ax: Any) -> None:
        ax.hist(scores, bins=30, color="#f4a259", edgecolor="white")
        ax.set_xlabel("final score")
        ax.set_ylabel("games")

    finals = report["final_values"]

    def finals_chart(ax: Any) -> None:
        names = list(finals)[::-1]
        means = [finals[n]["mean"] for n in names]
        lows = [finals[n]["mean"] - finals[n]["p10"] for n in names]
        highs = [finals[n]["p90"] - finals[n]["mean"] for n in names]
        ax.barh([label(n) for n in names], means, xerr=[lows, highs], color="#5fa8a0",
                ecolor="#33475b", capsize=3)
        ax.axvline(0, color="#33475b", linewidth=0.8)
        ax.set_xlabel("final value: mean, whiskers 10%-90%")

    cards = report["cards"]

    def cards_chart(ax: Any) -> None:
        ordered = sorted(cards, key=lambda c: c["share"])
        ax.barh([c["id"] for c in ordered], [c["share"] * 100 for c in ordered],
                color=["#b03a2e" if c["share"] == 0 else "#2e86ab" for c in ordered])
        ax.set_xlabel("% of games in which the card appeared")
        ax.tick_params(axis="y", labelsize=6)

    packs = " + ".join(f"{p['id']} {p['version']}" for p in report["packs"])
    s = report["score"]
    parts = [
        "<!doctype html><html lang='en'><head><meta charset='utf-8'>",
        f"<title>Balance report: {html.escape(packs)}</title><style>{_STYLE}</style></head><body>",
        (f"<h1>Balance report</h1><p class='meta'>{report['games']:,} games of "
         f"{html.escape(packs)}, scenario {html.escape(report['scenario'])}, bot "
         f"<b>{html.escape(report['bot'])}</b>, seed {report['seed']}</p>"),
        "<div class='kpi'>",
        f"<div>Wins (top two tiers)<b>{report['wins']['share']:.1%}</b></div>",
        f"<div>Mean score<b>{s.get('mean', 0):.1f}</b></div>",
        f"<div>Defeats<b>{sum(e['share'] for e in report['endings'] if e['defeat']):.1%}</b></div>",
        f"<div>Decisions a game<b>{report['length']['decisions'].get('mean', 0):.1f}</b></div>",
        "</div>",
        "<h2>Outcomes</h2><div class='grid'>",
        f"<div class='chart'>{_svg(tier_chart)}</div>",
        f"<div class='chart'>{_svg(score_chart)}</div></div>",
        _table(["ending", "kind", "games", "share"],
               [[e["title"], "defeat" if e["defeat"] else "end", e["games"], f"{e['share']:.1%}"]
                for e in report["endings"]], {2, 3}),
        "<h2>Final values</h2>",
        f"<div class='chart'>{_svg(finals_chart, 11, 0.3 * len(finals) + 1.2)}</div>",
        "<h2>What a designer should look at</h2>",
    ]
    for key, title in (("dominant_options", "Dominant options"),
                       ("never_worth_picking", "Options never worth picking"),
                       ("rarely_picked", "Options picked under 3% of the times offered")):
        rows = report[key]
        parts.append(f"<h3>{title}: <span class='{'bad' if rows else 'ok'}'>"
                     f"{len(rows) if rows else 'none'}</span></h3>")
        if rows:
            parts.append(_table(["card", "option", "picked", "of", "mean score"],
                                [[o["card"], o["label"], f"{o['pick_rate']:.1%}", o["offered"],
                                  o["mean_score_when_picked"]] for o in rows], {2, 3, 4}))
    never = report["never_appeared"]
    parts.append(f"<h3>Cards that never appeared: <span class='{'bad' if never else 'ok'}'>"
                 f"{html.escape(', '.join(never)) if never else 'none'}</span></h3>")
    parts += [
        "<h2>Cards</h2>",
        f"<div class='chart'>{_svg(cards_chart, 11, 0.17 * len(cards) + 1.2)}</div>",
        "<h2>Every option</h2>",
        _table(["card", "option", "offered", "picked", "pick rate", "mean score when picked"],
               [[o["card"], o["label"], o["offered"], o["picked"], f"{o['pick_rate']:.1%}",
                 o["mean_score_when_picked"] if o["mean_score_when_picked"] is not None else "-"]
                for o in report["options"]], {2, 3, 4, 5}),
        "<h2>Diplomacy</h2>",
        _table(["action", "taken per game"], [[a["name"], a["per_game"]]
                                              for a in report["actions"]], {1}),
        "</body></html>",
    ]
    return "\n".join(parts)
