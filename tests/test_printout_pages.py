"""The printouts fit the page and the time, printed as a teacher prints them:
A4 through Chromium with no header or footer.

- The class debrief: the first page is the whole debrief (the turn-by-turn
  part starts on page 2); 4 teams of the short lesson in at most 4 pages.
- The debrief of one full year: one summary page, at most 5 in all.
- The deck: as many printed pages as it plans (no card or sheet spills over).

Slow (Chromium prints each page); skipped where Chromium or poppler is missing.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import tempfile
from collections.abc import Callable
from pathlib import Path

import pytest

from asean_chair.bots import make_bot, play_out
from asean_chair.classroom.codes import make_code
from asean_chair.classroom.session import save_result, start_session
from asean_chair.common.packs import load_rules
from asean_chair.reports.deck import build_deck

Cli = Callable[..., tuple[int, str, str]]
CHROMIUM = next((shutil.which(n) for n in ("chromium", "chromium-browser", "google-chrome")
                 if shutil.which(n)), None)
pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(CHROMIUM is None or shutil.which("pdfinfo") is None,
                       reason="needs chromium and poppler-utils to print"),
]


def print_pdf(page: Path) -> Path:
    """``page`` printed to PDF by headless Chromium, as its print dialog would."""
    assert CHROMIUM is not None
    pdf = page.with_suffix(".pdf")
    with tempfile.TemporaryDirectory() as profile:
        proc = subprocess.Popen(
            [CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
             "--no-first-run", "--disable-extensions", "--disable-background-networking",
             f"--user-data-dir={profile}", "--no-pdf-header-footer", f"--print-to-pdf={pdf}",
             page.resolve().as_uri()],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
        try:
            proc.wait(120)
        finally:
            if proc.poll() is None:
                os.killpg(proc.pid, signal.SIGTERM)
    assert pdf.is_file(), "Chromium printed nothing"
    return pdf


def pages(pdf: Path) -> int:
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True)
    return int(next(line.split()[-1] for line in info.stdout.splitlines()
                    if line.startswith("Pages:")))


def page_text(pdf: Path, number: int) -> str:
    return subprocess.run(["pdftotext", "-f", str(number), "-l", str(number), str(pdf), "-"],
                          capture_output=True, text=True, check=True).stdout


@pytest.fixture(scope="module")
def lesson(tmp_path_factory: pytest.TempPathFactory) -> list[Path]:
    """Four teams of the short 2022 lesson, four ways of playing."""
    folder = tmp_path_factory.mktemp("lesson")
    ruleset = load_rules(None)
    code = make_code(ruleset, preset="short", seed=4821)
    bots = ("random", "greedy", "history", "cautious")
    return [save_result(play_out(start_session(ruleset, code).new_state(),
                                 make_bot(bot, 100 + i, tuple(ruleset.actors))),
                        code, f"Team {i + 1}", folder / f"t{i + 1}.json")
            for i, bot in enumerate(bots)]


def test_the_class_debrief_of_four_teams_fits_four_pages(cli: Cli, lesson: list[Path],
                                                         tmp_path: Path) -> None:
    out = tmp_path / "class.html"
    assert cli("classroom", "compare", *map(str, lesson), "-o", str(out))[0] == 0
    pdf = print_pdf(out)
    assert pages(pdf) <= 4
    first, second = page_text(pdf, 1), page_text(pdf, 2)
    assert "The teams ranked" in first and "Where the class split most" in first
    assert "Every card, turn by turn" in second.splitlines()[0]


def test_the_debrief_of_a_full_year_has_one_summary_page_and_at_most_five(
        cli: Cli, tmp_path: Path) -> None:
    ruleset = load_rules(None)
    code = make_code(ruleset, seed=4821)
    result = save_result(play_out(start_session(ruleset, code).new_state(),
                                  make_bot("random", 7, tuple(ruleset.actors))),
                         code, "Team 1", tmp_path / "t1.json")
    out = tmp_path / "debrief.html"
    assert cli("report", str(result), "-o", str(out))[0] == 0
    pdf = print_pdf(out)
    assert pages(pdf) <= 5
    assert "Questions for the class" in page_text(pdf, 1)
    assert page_text(pdf, 2).startswith("What really happened")


@pytest.mark.parametrize("preset", [None, "short"])
def test_the_deck_prints_on_the_pages_it_plans(tmp_path: Path, preset: str | None) -> None:
    deck = build_deck(load_rules(None), preset=preset)
    out = tmp_path / "deck.html"
    out.write_text(deck.page, encoding="utf-8")
    assert pages(print_pdf(out)) == deck.pages
