"""Colours, type sizes and fonts: one place for the look of the window.

The colours and widget styles live in ``assets/themes/*.json`` (the
``palette`` for what the game draws itself, ``gui`` for pygame_gui). Type
sizes are not in the files: they follow the window size and the player's
text-size setting, so :meth:`Theme.gui_theme` writes them in each time the
layout changes. Text is always rendered at its final size (never scaled).
"""

from __future__ import annotations

import copy
import json
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import Any

import pygame

from ..paths import assets_dir

FONT_NAME = "asean_sans"
FONT_FILES = {
    "regular": "NotoSans-Regular.ttf",
    "bold": "NotoSans-Bold.ttf",
    "italic": "NotoSans-Italic.ttf",
    "bold_italic": "NotoSans-BoldItalic.ttf",
}
#: Khmer text: Noto Sans Khmer with Noto Sans's Latin letters merged in (Khmer
#: has no italics, so those styles use the upright files).
KHMER_FONT_NAME = "asean_khmer"
KHMER_FONT_FILES = {
    "regular": "NotoSansKhmerLatin-Regular.ttf",
    "bold": "NotoSansKhmerLatin-Bold.ttf",
    "italic": "NotoSansKhmerLatin-Regular.ttf",
    "bold_italic": "NotoSansKhmerLatin-Bold.ttf",
}
THEME_FILES = {False: "default.json", True: "high_contrast.json"}
#: Line height per script: Khmer subscripts and vowels above reach far past Latin letters.
LINE_FACTORS = {"Khmr": 1.75}
#: Type size per script: Khmer letters read like Latin ones about a tenth larger.
TYPE_FACTORS = {"Khmr": 1.1}
STYLES = ("regular", "bold", "italic", "bold_italic")


class _Font(pygame.font.Font):
    """A font that writes numbers in the window language's digits (Khmer: ០១២...),
    so that what is measured is what is drawn."""

    def render(self, text: Any, antialias: Any, color: Any, bgcolor: Any = None,
               wraplength: int = 0) -> pygame.Surface:
        return super().render(_digits(text), antialias, color, bgcolor, wraplength)

    def size(self, text: Any) -> tuple[int, int]:
        return super().size(_digits(text))


def _digits(text: Any) -> Any:
    from .i18n import digits

    return digits(text) if isinstance(text, str) else text


def font_name(script: str | None = None) -> str:
    """pygame_gui's name for the font family used with ``script`` (``None``: Latin)."""
    return KHMER_FONT_NAME if script == "Khmr" else FONT_NAME


def font_path(style: str = "regular", script: str | None = None) -> Path:
    """The shipped TTF file of a style (``regular``, ``bold``, ``italic``, ``bold_italic``)."""
    files = KHMER_FONT_FILES if script == "Khmr" else FONT_FILES
    return assets_dir() / "fonts" / files[style]


@dataclass(frozen=True)
class Metrics:
    """Sizes for one window size and text scale, in pixels.

    ``u`` scales the layout with the window (1.0 at 1280x720); ``t`` scales
    type (``u`` times the player's text size).
    """

    width: int
    height: int
    text_scale: float = 1.0
    #: Line height as a multiple of the type size (Khmer stacks need more room).
    line_factor: float = 1.45

    @property
    def u(self) -> float:
        """The layout unit: 1.0 at 1280x720."""
        return min(self.width / 1280, self.height / 720)

    @property
    def t(self) -> float:
        """The type unit: the layout unit times the text-size setting."""
        return self.u * self.text_scale

    def px(self, n: float) -> int:
        """``n`` layout pixels at 1280x720, scaled to this window."""
        return max(1, round(n * self.u))

    def tx(self, n: float) -> int:
        """``n`` type pixels at 1280x720 and normal text, scaled."""
        return max(8, round(n * self.t))

    @property
    def body(self) -> int:
        """Body text: 21 px at 1280x720, readable from the back of a classroom."""
        return self.tx(21)

    @property
    def small(self) -> int:
        """Secondary text (hints, log, tooltips)."""
        return self.tx(18)

    @property
    def heading(self) -> int:
        """Panel headings."""
        return self.tx(25)

    @property
    def title(self) -> int:
        """Screen titles."""
        return self.tx(36)

    @property
    def huge(self) -> int:
        """The game's name on the title screen."""
        return self.tx(60)

    @property
    def pad(self) -> int:
        """The margin around panels."""
        return self.px(14)

    @property
    def gap(self) -> int:
        """The space between stacked items."""
        return self.px(8)

    def line(self, size: int) -> int:
        """The height of one line of text of ``size`` px."""
        return round(size * self.line_factor)

    @property
    def button_h(self) -> int:
        """The height of a one-line button of body text."""
        return max(self.line(self.body) + self.px(10), self.px(40))


def _color(text: str) -> pygame.Color:
    return pygame.Color(text)


class Theme:
    """A colour theme (default or high contrast) and the fonts for drawing."""

    def __init__(self, high_contrast: bool = False, script: str | None = None) -> None:
        self.high_contrast = high_contrast
        #: The ISO 15924 script the text needs shaping for (``Khmr``), or ``None``.
        self.script = script
        from ..files import read_capped

        path = assets_dir() / "themes" / THEME_FILES[high_contrast]
        data = json.loads(read_capped(path, 1024 * 1024).decode("utf-8"))
        self.name: str = data.get("name", path.stem)
        self._palette: dict[str, Any] = data["palette"]
        self._gui: dict[str, Any] = data["gui"]
        self._fonts: dict[tuple[int, bool, bool], pygame.font.Font] = {}

    # ------------------------------------------------------------ colours

    def color(self, name: str) -> pygame.Color:
        """A palette colour by name (``background``, ``text``, ``accent``...)."""
        return _color(self._palette[name])

    def hex(self, name: str) -> str:
        """A palette colour as ``#rrggbb`` for pygame_gui's HTML text."""
        return str(self._palette[name])[:7]

    @cached_property
    def series(self) -> list[pygame.Color]:
        """Distinct colours for chart lines, in order."""
        return [_color(c) for c in self._palette["series"]]

    # -------------------------------------------------------------- fonts

    @property
    def font_name(self) -> str:
        """pygame_gui's name of the font family in use."""
        return font_name(self.script)

    def font(self, size: int, bold: bool = False, italic: bool = False) -> pygame.font.Font:
        """The shipped font at ``size`` pixels (cached), shaped for the language's script."""
        key = (size, bold, italic)
        f = self._fonts.get(key)
        if f is None:
            style = ("bold_italic" if italic else "bold") if bold else \
                ("italic" if italic else "regular")
            f = _Font(str(font_path(style, self.script)), size)
            if self.script:
                f.set_script(self.script)
            self._fonts[key] = f
        return f

    def preload(self, m: Metrics) -> list[dict[str, Any]]:
        """pygame_gui font descriptions for every style of the HTML text sizes.

        HTML text picks bold and italic on the fly; a font pygame_gui loads
        by itself would miss the script and draw Khmer unshaped.
        """
        extra = {"script": self.script} if self.script else {}
        return [{"name": self.font_name, "point_size": size, "style": style, **extra}
                for size in sorted({m.body, m.small, m.heading})
                for style in ("bold", "italic", "bold_italic")]

    # ------------------------------------------------------- pygame_gui

    def gui_theme(self, m: Metrics) -> dict[str, Any]:
        """The pygame_gui theme for these sizes: the JSON styles plus fonts."""
        theme = copy.deepcopy(self._gui)

        def font(size: int, bold: bool = False, italic: bool = False,
                 script: str | None = self.script) -> dict[str, str]:
            f = {
                "name": font_name(script), "size": str(size), "bold": "1" if bold else "0",
                "italic": "1" if italic else "0",
                **{f"{style}_path": str(font_path(style, script)) for style in STYLES},
            }
            if script:
                f["script"] = script
            return f

        sizes = {
            "defaults": font(m.body),
            "button": font(m.body),
            "label": font(m.body),
            "text_box": font(m.body),
            "text_entry_line": font(m.body),
            "check_box": font(m.body),
            "tool_tip": font(m.small),
            "tool_tip.text_box": font(m.small),
            "selection_list.@selection_list_item": font(m.body),
            "@small": font(m.small),
            "@log": font(m.small),
            "@muted": font(m.small),
            "@subtitle": font(m.small),
            "@bad": font(m.small),
            "@option": font(m.body, bold=True),
            # Each language's name in its own letters, whatever the window's language.
            "@language": font(m.body, script="Khmr"),
            "@option_line": font(m.body),
            "@option_line_off": font(m.body),
            "@flat": font(m.body),
            "@panel_text": font(m.body),
            "@story": font(m.small),
            "@summary": font(m.small),
            "@status": font(m.small),
            "@heading": font(m.heading, bold=True),
            "@big": font(m.heading),
            "#screen_title": font(m.title, bold=True),
            "@heading_title": font(m.title, bold=True),
            "#game_title": font(m.huge, bold=True),
        }
        for key, f in sizes.items():
            theme.setdefault(key, {})["font"] = f
        # Sizes in the JSON are for 1280x720; scale them with the window.
        for key in ("tool_tip",):
            misc = theme.get(key, {}).get("misc", {})
            if "rect_width" in misc:
                misc["rect_width"] = str(int(m.px(int(misc["rect_width"])) * m.text_scale))
        item = theme.get("selection_list", {}).get("misc", {})
        if "list_item_height" in item:
            item["list_item_height"] = str(m.line(m.body) + m.px(6))
        for key in ("button",):
            misc = theme.get(key, {}).get("misc", {})
            if "shape_corner_radius" in misc:
                misc["shape_corner_radius"] = str(m.px(int(misc["shape_corner_radius"])))
        return theme
