"""A self-contained HTML balance report: tables and SVG charts inline.

Charts are drawn with matplotlib's SVG backend and embedded in the page,
so the file opens offline, in any browser, with nothing to fetch. The page
is ``html/templates/balance.html``; it reads only the report's data
(:func:`asean_chair.balance.report.build_report`), whose words come from the
scenario.
"""

from __future__ import annotations

from typing import Any

from ..charts import chart_text, svg_chart
from ..html import Markup, render


def _charts(report: dict[str, Any], scores: list[float]) -> dict[str, Markup]:
    tiers = report["tiers"]
    finals = {k: v for k, v in report["final_values"].items() if "mean" in v}
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
        # A range and a dot, not a bar from zero with whiskers: a value
        # that never moves, or a mean outside its 10%-90% range (a skewed
        # track), draws as it is.
        names = list(finals)[::-1]
        for y, name in enumerate(names):
            v = finals[name]
            ax.hlines(y, v["min"], v["max"], color="#c9d6df", linewidth=1)
            ax.hlines(y, v["p10"], v["p90"], color="#5fa8a0", linewidth=7)
            ax.plot([v["mean"]], [y], "o", color="#33475b", markersize=5)
        ax.set_yticks(range(len(names)))
        ax.set_yticklabels([chart_text(finals[n]["label"] + (" (hidden)" if finals[n]["hidden"]
                                                             else "")) for n in names])
        ax.set_ylim(-0.7, len(names) - 0.3)
        ax.set_xlabel("final value: dot = mean, thick bar = 10%-90% of games, line = min to max")

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


def html_report(report: dict[str, Any], scores: list[float]) -> str:
    """The report as one HTML page."""
    packs = " + ".join(f"{p['id']} {p['version']}" for p in report["packs"])
    designer = [
        (title, [[o["card"], o["label"], o["because"]] for o in report[key]])
        for key, title in (("dominant_options", "Dominant options"),
                           ("never_worth_picking", "Options never worth picking"),
                           ("rarely_picked",
                            (f"Options picked under {report['judging']['rare_pick']:.0%} of the "
                            "times they were available")),
                           ("not_judged", "Options not judged"))]
    setting = ", ".join([report["scenario"]]
                        + ([f"preset {report['preset']}"] if report["preset"] else [])
                        + ([f"difficulty {report['difficulty']}"] if report["difficulty"]
                           else []))
    return render(
        "balance.html", page="balance", title=f"Balance report: {packs}", report=report,
        packs=packs, setting=setting, charts=_charts(report, scores), designer=designer,
        words=report["words"], span=report["span"],
        defeats=sum(e["share"] for e in report["endings"] if e["defeat"]),
        endings=[[e["title"], "defeat" if e["defeat"] else "end", e["games"],
                  f"{e['share']:.1%}"] for e in report["endings"]],
        options=[[o["card"], o["label"], o["offered"], o["available"], o["picked"],
                  f"{o['pick_rate']:.1%}",
                  o["mean_score_when_picked"] if o["mean_score_when_picked"] is not None
                  else "-", o["verdict"]] for o in report["options"]],
        actions=[[a["name"], a["per_game"]] for a in report["actions"]])
