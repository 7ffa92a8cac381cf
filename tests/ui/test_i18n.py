"""The window in two languages: every string from the locale files, English
as the fallback, and Khmer drawn with its letters shaped in place."""

from __future__ import annotations

import re
import string

import pygame
import pytest

from asean_chair import phrases
from asean_chair.paths import rules_dir
from asean_chair.ui import draw, i18n
from asean_chair.ui.scripts import break_opportunities
from asean_chair.ui.theme import KHMER_FONT_NAME, Theme

from ..conftest import ROOT
from .conftest import MakeApp, click, widget

UI = ROOT / "src" / "asean_chair" / "ui"
KEY = re.compile(r"""\btw?\(\s*["']([a-z_0-9.]+)["']""")
COUNT_KEY = re.compile(r"""\btw?n\(\s*["']([a-z_0-9.]+)["']""")
#: Keys the window builds from a value (cause kinds, months, text sizes...).
DYNAMIC = [f"cause.{k}" for k in ("option", "action", "rule", "income", "spill", "modifier",
                                  "schedule", "ending", "turn", "teacher")] \
    + [f"month.{n}" for n in range(1, 13)] + [f"month_short.{n}" for n in range(1, 13)] \
    + [f"settings.text_{n}" for n in ("small", "normal", "large", "huge")] \
    + [f"debrief.{k}_tip" for k in ("html", "save", "back", "again", "title")] \
    + ["log.you_chose", "log.action", "log.teacher_skip", "log.teacher_inject",
       "briefing.situation", "briefing.each_month_head", "briefing.win_lose",
       "briefing.look_after", "briefing.each_month",
       "briefing.each_month_vote", "summary.card", "summary.option", "summary.action",
       "summary.rule", "log.ended", "log.come_back", "log.modifier", "reality.real",
       "reality.invented", "board.end_year", "board.end_month"] \
    + [f"legend.{k}" for k in ("track", "danger", "relation", "question", "touch", "knock_on",
                               "flash", "real", "invented")]
DYNAMIC_COUNTS: list[str] = []


@pytest.fixture(autouse=True)
def _english_after() -> object:
    yield None
    i18n.set_language("en")


def used_keys() -> tuple[set[str], set[str]]:
    plain: set[str] = set(DYNAMIC)
    counts: set[str] = set(DYNAMIC_COUNTS)
    for path in UI.rglob("*.py"):
        text = path.read_text(encoding="utf-8")
        plain |= set(KEY.findall(text))
        counts |= set(COUNT_KEY.findall(text))
    return plain, counts


def fields(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


def test_every_string_the_window_uses_is_in_the_english_file() -> None:
    en = phrases.strings("en")
    plain, counts = used_keys()
    assert not sorted(k for k in plain if k not in en)
    assert not sorted(k for k in counts if f"{k}.other" not in en)


def test_the_khmer_file_translates_every_string_with_the_same_fields() -> None:
    en, km = phrases.strings("en"), phrases.strings("km")
    assert not sorted(k for k in km if k not in en), "Khmer keys that English lacks"
    missing = [k for k in en if k not in km
               and not (k.endswith(".one") and k[:-4] + ".other" in km)]
    assert not missing
    for key, text in km.items():
        assert fields(text) <= fields(en[key]) | {"n"}, key
        assert fields(en[key]) - {"n"} <= fields(text) | _optional(key), key


def _optional(key: str) -> set[str]:
    # A count's "other" form may leave out what "one" has, and the reverse.
    return {"first", "last", "year"} if key.startswith("briefing.turns") else set()


def test_a_missing_key_or_broken_field_falls_back_to_english(
        monkeypatch: pytest.MonkeyPatch) -> None:
    real = phrases.strings
    monkeypatch.setattr(phrases, "strings", lambda lang: (
        {"menu.title": "ម៉ឺនុយ", "menu.saved": "{wrong}"} if lang == "km" else real(lang)))
    i18n.set_language("km")
    assert i18n.t("menu.title") == "ម៉ឺនុយ"
    assert i18n.t("menu.resume") == "Resume (Esc)"
    assert i18n.t("menu.saved", name="x.json") == "Saved as x.json."
    assert i18n.t("no.such.key") == "no.such.key"


def test_switching_the_language_in_settings_changes_the_windows_words(
        ui_app: MakeApp) -> None:
    app = ui_app()
    assert widget(app, "new").text == "New game"
    click(app, widget(app, "settings"))
    click(app, widget(app, "lang-km"))
    assert app.settings.language == "km" and i18n.language() == "km"
    assert widget(app, "back").text == phrases.strings("km")["settings.back"]
    assert app.theme.script == "Khmr"
    click(app, widget(app, "back"))
    assert widget(app, "new").text == phrases.strings("km")["title.new_game"]
    click(app, widget(app, "settings"))
    click(app, widget(app, "lang-en"))
    click(app, widget(app, "back"))
    assert widget(app, "new").text == "New game"


def test_lang_km_shows_the_packs_translation(ui_app: MakeApp) -> None:
    app = ui_app(language="km")
    assert app.new_game(app.pack_folders, None, 2)
    assert app.session is not None
    assert app.session.ruleset.tracks["autonomy"].name == "ស្វ័យភាព"
    app.show_game()
    app.render()
    assert app.top.name == "board"


def _glyph(font: pygame.font.Font, ch: str) -> bytes:
    return pygame.image.tobytes(font.render(ch, True, (255, 255, 255)), "RGBA")


def test_khmer_text_has_no_missing_glyph_boxes() -> None:
    pygame.font.init()
    theme = Theme(script="Khmr")
    texts = list(phrases.strings("km").values())
    tutorial = (rules_dir() / "tutorial" / "locale" / "km.yaml").read_text(encoding="utf-8")
    chars = {ch for text in [*texts, tutorial] for ch in text
             if not ch.isspace() and ch not in "\u200b\u200c\u200d"}
    for bold in (False, True):
        font = theme.font(20, bold=bold)
        box = _glyph(font, "\ue000")  # a private-use letter: the font's missing-glyph box
        missing = sorted(ch for ch in chars if _glyph(font, ch) == box)
        assert not missing, f"drawn as boxes: {missing}"


def test_khmer_subscripts_stack_under_their_consonant(ui_app: MakeApp) -> None:
    app = ui_app(language="km")
    font = app.theme.font(app.metrics.body)
    # The subscript ta of ស្ត sits below the sa: no wider than sa alone.
    assert font.size("ស្ត")[0] == font.size("ស")[0]
    fonts = app.top.ui.get_theme().get_font_dictionary()
    for bold, italic in ((False, False), (True, False), (False, True), (True, True)):
        res = fonts.find_font_resource(app.metrics.body, KHMER_FONT_NAME, bold, italic)
        gui_font = res.loaded_font
        assert gui_font.size("ស្ត")[0] == gui_font.size("ស")[0]


def test_long_khmer_phrases_wrap_between_clusters_only() -> None:
    pygame.font.init()
    font = Theme(script="Khmr").font(20)
    phrase = "កងទ័ពជើងទឹកបរទេសមួយនឹងប្រើប្រាស់កំពង់ផែរបស់អ្នកដោយសម្ងាត់។" * 2
    lines = draw.wrap(font, phrase, 120)
    assert "".join(lines) == phrase and len(lines) > 2
    for line in lines:
        assert font.size(line)[0] <= 120
        assert draw.breaks_before(phrase, phrase.index(line)) if line else True
        assert not line.endswith("\u17d2")
    broken = break_opportunities(f"<b>{phrase}</b> ASEAN")
    assert broken.replace("\u200b", "") == f"<b>{phrase}</b> ASEAN"
    assert "\u200b\u17d2" not in broken and "<\u200b" not in broken


@pytest.mark.slow
@pytest.mark.parametrize("size", [(1280, 720), (1024, 600)])
def test_every_khmer_screen_fits_its_window(size: tuple[int, int], tmp_path: object,
                                            monkeypatch: pytest.MonkeyPatch) -> None:
    """Every screen in Khmer (the tour of `asean-chair screenshots`): no label too
    small for its text, no text box that cannot fit."""
    import warnings
    from pathlib import Path

    from asean_chair.ui.screenshots import render_khmer

    monkeypatch.setattr(warnings, "filterwarnings", lambda *a, **k: None)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        files = render_khmer(size, Path(str(tmp_path)))
    names = {f.name for f in files}
    assert len(files) >= 25 and f"km-result-{size[0]}x{size[1]}.png" in names
    cut = sorted({str(w.message)[:120] for w in caught
                  if "too small" in str(w.message) or "Unable to fit" in str(w.message)})
    assert not cut


def test_window_strings_in_khmer_break_only_between_words() -> None:
    km = phrases.strings("km")
    window = ("title", "new_game", "load", "settings", "menu", "briefing", "board", "result",
              "legend", "vote", "teacher", "summary", "debrief", "error", "status", "reality")
    long = [text for key, text in km.items() if key.split(".")[0] in window
            and len(re.findall("[\u1780-\u17b3]", text)) > 12]
    assert long and all("\u200b" in text for text in long)
    # Where the words are marked, no break is added inside one.
    text = km["briefing.each_month"]
    assert break_opportunities(text) == text
    i18n.set_language("km")
    assert i18n.t("cause.income_of", capital="Political capital").startswith("ចំណូល Political")
