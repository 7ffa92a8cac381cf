"""A self-contained HTML balance report: tables and SVG charts inline.

Charts are drawn with matplotlib's SVG backend and embedded in the page,
so the file opens offline, in any browser, with nothing to fetch. The page
is ``html/templates/balance.html``.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from ..charts import chart_text, svg_chart
from ..html import Markup, render


def _charts(report: dict[str, Any], scores: list[float],
            label: Callable[[str], str]) -> dict[str, Markup]:
    tiers = report["tiers"]
    finals = report["final_values"]
    cards = report["cards"]

    def tier_chart(ax: Any) -> None:
        names = [chart_text(t["name"]) for t in tiers][::-1]
        shares = [t["share"] * 100 for t in tiers][::-1]
        ax.barh(names, shares, color="#2e86ab")
        ax.set_xlabel("% of games")

    def score_chart(ax: Any) -> None:
        ax.hist(scores, bins=30, color="#f4a259", edgecolor="white")
        ax.set_xlabel("final score")
        ax.set_ylabel("games")

    def finals_chart(ax: Any) -> None:
        names = list(finals)[::-1]
        means = [finals[n]["mean"] for n in names]
        lows = [finals[n]["mean"] - finals[n]["p10"] for n in names]
        highs = [finals[n]["p90"] - finals[n]["mean"] for n in names]
        ax.barh([chart_text(label(n)) for n in names], means, xerr=[lows, highs],
                color="#5fa8a0", ecolor="#33475b", capsize=3)
        ax.axvline(0, color="#33475b", linewidth=0.8)
        ax.set_xlabel("final value: mean, whiskers 10%-90%")

    def cards_chart(ax: Any) -> None:
        ordered = sorted(cards, key=lambda c: c["share"])
        ax.barh([chart_text(c["id"]) for c in ordered], [c["share"] * 100 for c in ordered],
                color=["#b03a2e" if c["share"] == 0 else "#2e86ab" for c in ordered])
        ax.set_xlabel("% of games in which the card appeared")
        ax.tick_params(axis="y", labelsize=6)

    return {
        "tiers": Markup(svg_chart(tier_chart)),
        "scores": Markup(svg_chart(score_chart)),
        "finals": Markup(svg_chart(finals_chart, 11, 0.3 * len(finals) + 1.2)),
        "cards": Markup(svg_chart(cards_chart, 11, 0.17 * len(cards) + 1.2)),
    }


def html_report(report: dict[str, Any], scores: list[float], label: Callable[[str], str]) -> str:
    """The report as one HTML page."""
    packs = " + ".join(f"{p['id']} {p['version']}" for p in report["packs"])
    designer = [
        (title, [[o["card"], o["label"], f"{o['pick_rate']:.1%}", o["offered"],
                  o["mean_score_when_picked"]] for o in report[key]])
        for key, title in (("dominant_options", "Dominant options"),
                           ("never_worth_picking", "Options never worth picking"),
                           ("rarely_picked", "Options picked under 3% of the times offered"))]
    return render(
        "balance.html", page="balance", title=f"Balance report: {packs}", report=report,
        packs=packs, charts=_charts(report, scores, label), designer=designer,
        defeats=sum(e["share"] for e in report["endings"] if e["defeat"]),
        endings=[[e["title"], "defeat" if e["defeat"] else "end", e["games"],
                  f"{e['share']:.1%}"] for e in report["endings"]],
        options=[[o["card"], o["label"], o["offered"], o["picked"], f"{o['pick_rate']:.1%}",
                  o["mean_score_when_picked"] if o["mean_score_when_picked"] is not None
                  else "-"] for o in report["options"]],
        actions=[[a["name"], a["per_game"]] for a in report["actions"]])
