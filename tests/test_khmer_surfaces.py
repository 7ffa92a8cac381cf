"""Every printed and typed surface of the 2022 game in Khmer, with no English left.

With ``--lang km`` the print-and-play deck, the terminal game, the debrief of
one game and the class comparison are made from the real commands, and each
is scanned for words in Latin letters that no Khmer text writes
(:mod:`tests.khmer_leaks`): an untranslated text of the pack, or a phrase of
the engine (what an effect does, why a change happened, why a choice is
unavailable). Numbers are written in Khmer digits, as the pack's own texts
are; web addresses, versions, session codes and names such as G20 keep theirs.
"""

from __future__ import annotations

import contextlib
import io
import re
from collections.abc import Iterator

import pytest
import yaml

from asean_chair.cli.main import main
from asean_chair.paths import assets_dir
from asean_chair.phrases import numbers_in

from . import khmer_leaks
from .conftest import ROOT

PACK = ROOT / "rules" / "asean2022"
#: Words the player typed or the page names the pack by: the bot's name after
#: --auto, and the pack's id beside its version.
TYPED = ("history", "greedy", "cautious", "asean")
#: ASCII digits that stay: web addresses, versions, session codes, names (G20, d10).
_KEPT = re.compile(r"\S*(?:://|@)\S*|\S*[A-Za-z]\S*|\b\d+\.\d+\.\d+\b|"
                   r"\b[0-9A-Z]{4}(?:-[0-9A-Z]{4}){3}\b")


def _run(*args: str) -> str:
    out = io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(io.StringIO()):
        code = main(list(args))
    assert code == 0, (args, out.getvalue()[-2000:])
    return out.getvalue()


@pytest.fixture(scope="module")
def outputs(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, str]]:
    """The four surfaces in Khmer: {name: text a reader sees}."""
    folder = tmp_path_factory.mktemp("khmer")
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("ASEAN_CHAIR_HOME", str(folder / "home"))
        mp.setattr("builtins.input", lambda prompt="": (_ for _ in ()).throw(EOFError))
        found: dict[str, str] = {}
        pack = ("--pack", str(PACK))
        found["text game"] = _run("play", "--text", *pack, "--lang", "km", "--auto", "history",
                                  "--seed", "1")
        code = _run("classroom", "new", *pack, "--seed", "5").split()[2]
        results = []
        for n, bot in enumerate(("history", "greedy", "cautious"), 1):
            result = folder / f"team{n}.json"
            found[f"text game ({bot})"] = _run(
                "play", "--text", *pack, "--lang", "km", "--code", code, "--team",
                f"ក្រុម {n}", "--auto", bot, "--result", str(result))
            results.append(str(result))
        for name, args in (("deck", ("print-deck", *pack)),
                           ("report", ("report", *pack, results[1])),
                           ("compare", ("classroom", "compare", *pack, *results))):
            page = folder / f"{name}.html"
            _run(*args, "--lang", "km", "-o", str(page))
            found[name] = page.read_text(encoding="utf-8")
        yield found


def _seen(name: str, text: str) -> str:
    return khmer_leaks.visible_text(text) if name in ("deck", "report", "compare") else text


@pytest.mark.slow  # the fixture plays four games and prints three pages
@pytest.mark.parametrize("name", ["text game", "text game (greedy)", "deck", "report",
                                  "compare"])
def test_no_english_is_left(outputs: dict[str, str], name: str) -> None:
    leaks = khmer_leaks.leaks(_seen(name, outputs[name]), ignore=TYPED)
    assert not leaks, f"{name}: English a Khmer reader would see:\n" + "\n".join(leaks[:30])


@pytest.mark.slow  # the fixture plays four games and prints three pages
@pytest.mark.parametrize("name", ["text game", "deck", "report", "compare"])
def test_numbers_are_in_khmer_digits(outputs: dict[str, str], name: str) -> None:
    text = _KEPT.sub(" ", _seen(name, outputs[name]))
    western = [line.strip() for line in text.splitlines() if re.search(r"[0-9]", line)]
    assert not western, f"{name}: numbers in Western digits:\n" + "\n".join(western[:20])
    assert re.search("[\u17e0-\u17e9]", outputs[name])


def test_the_scan_finds_an_engine_phrase_left_in_english() -> None:
    """The scan is not blind: the phrases it must catch are caught."""
    for line in ("ចិន +២ (rivalry −១)", "Roll a d6: ១–៣ ...", "cooling down: available again",
                 "សេដ្ឋកិច្ច ៤៣ -> ៤៤   ដោយសារ៖ Political capital income",
                 "This will come back: «ការទស្សនកិច្ច» in ៣ ខែ."):
        assert khmer_leaks.leaks(line), line
    assert not khmer_leaks.leaks("កិច្ចព្រមព្រៀង RCEP (Regional Comprehensive Economic "
                                 "Partnership) https://example.org/a-b")


def test_effects_causes_and_reasons_are_all_translated() -> None:
    en = _flat(yaml.safe_load((assets_dir() / "locale" / "en.yaml").read_text("utf-8")))
    km = _flat(yaml.safe_load((assets_dir() / "locale" / "km.yaml").read_text("utf-8")))
    keys = [k for k in en if k.split(".")[0] in ("effect", "why", "cause", "log", "text")]
    assert len(keys) > 80
    missing = [k for k in keys if k not in km]
    assert not missing
    fields = re.compile(r"\{(\w+)\}")
    for key in keys:
        assert set(fields.findall(en[key])) == set(fields.findall(km[key])), key
    assert km["numerals"] == "០១២៣៤៥៦៧៨៩"


@pytest.mark.slow
def test_charts_are_labelled_in_khmer_with_the_shipped_font(outputs: dict[str, str]) -> None:
    page = outputs["report"]
    svgs = re.findall(r"(?s)<svg.*?</svg>", page)
    chart_text = " ".join(re.findall(r"<text[^>]*>([^<]*)</text>", " ".join(svgs)))
    assert svgs and chart_text.strip()
    assert re.search("[\u1780-\u17ff]", chart_text)  # month names, tracks, powers
    assert re.search("[\u17e0-\u17e9]", chart_text)  # the axis in Khmer digits
    assert "@font-face{font-family:'DeckKhmer'" in page
    assert "svg text{font-family:'DeckKhmer'" in page


def test_numbers_in_running_text() -> None:
    assert numbers_in("ឆ្នាំ 2022, +3 (4/5) ០.5", "km") == "ឆ្នាំ ២០២២, +៣ (៤/៥) ០.៥"
    kept = "G20 COVID-19 d10 https://x.org/2022/1 asean2022 1.0.0 /tmp/a1/22.json"
    assert numbers_in(kept, "km") == kept
    assert numbers_in("ឆ្នាំ 2022", "en") == "ឆ្នាំ 2022"


def _flat(data: dict[str, object], prefix: str = "") -> dict[str, str]:
    out: dict[str, str] = {}
    for key, value in data.items():
        name = f"{prefix}.{key}" if prefix else str(key)
        if isinstance(value, dict):
            out.update(_flat(value, name))
        else:
            out[name] = str(value)
    return out
