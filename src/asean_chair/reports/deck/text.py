"""Setting text for paper: the bundled font's metrics, paragraphs, and how
many lines a paragraph takes at a size and width.

Nothing can run JavaScript to measure text in a printed page, so the deck
plans its layout here, with the metrics of the bundled Noto Sans (embedded
in the page as a subset, so every browser lays it out alike).
"""

from __future__ import annotations

import base64
import functools
import io
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from ...rules.words import MINUS

PT = 0.3528  # millimetres per point
LINE = 1.2  # line height, as a multiple of the font size (the CSS says the same)

# ------------------------------------------------------------------ fonts

FONT_FAMILY = "DeckSans"
FONT_STACK = f"'{FONT_FAMILY}','Noto Sans',Arial,'Liberation Sans','DejaVu Sans',sans-serif"


#: The bundled faces: file name, CSS weight and style.
FACES = (("NotoSans-Regular.ttf", 400, "normal"), ("NotoSans-Bold.ttf", 700, "normal"),
         ("NotoSans-Italic.ttf", 400, "italic"))
MINUS_CODE, ENDASH_CODE = 0x2212, 0x2013


def _font_file(name: str) -> Path | None:
    from ...paths import assets_dir

    path = assets_dir() / "fonts" / name
    return path if path.is_file() else None


@dataclass(frozen=True)
class _Widths:
    """Advance widths of one font, in ems, by character."""

    widths: dict[int, float]
    fallback: float

    def em(self, text: str) -> float:
        get = self.widths.get
        fb = self.fallback
        return sum(get(ord(ch), fb) for ch in text)


#: Average widths for when the bundled font cannot be read.
_ESTIMATE = {False: _Widths({32: 0.28}, 0.55), True: _Widths({32: 0.28}, 0.58)}


@functools.lru_cache(maxsize=2)
def _widths(bold: bool) -> _Widths:
    """The advance widths of the bundled font (or an estimate without it)."""
    path = _font_file(FACES[1 if bold else 0][0])
    if path is not None:
        try:
            from fontTools.ttLib import TTFont  # type: ignore[import-untyped]

            font = TTFont(str(path), lazy=True)
            upm = font["head"].unitsPerEm
            metrics = font["hmtx"].metrics
            cmap = font.getBestCmap()
            widths = {code: metrics[glyph][0] / upm for code, glyph in cmap.items()}
            if ENDASH_CODE in widths:
                widths[MINUS_CODE] = widths[ENDASH_CODE]  # see _subset
            return _Widths(widths, 0.62)
        except Exception:  # noqa: BLE001 - no fontTools or a broken font: estimate
            return _ESTIMATE[bold]
    return _ESTIMATE[bold]


def _subset(path: Path, chars: str) -> bytes:
    """The font cut down to ``chars``, as WOFF."""
    from fontTools import subset  # type: ignore[import-untyped]
    from fontTools.ttLib import TTFont

    font = TTFont(str(path), recalcTimestamp=False)
    options = subset.Options()
    options.flavor = "woff"
    options.layout_features = ["kern", "liga", "calt", "ccmp", "locl", "mark", "mkmk"]
    sub = subset.Subsetter(options)
    sub.populate(text=chars + chr(ENDASH_CODE))
    sub.subset(font)
    # Noto Sans draws the minus sign as a hyphen, too slight beside a plus
    # in small print: show it with the en dash's wider stroke.
    for table in font["cmap"].tables:
        if ENDASH_CODE in table.cmap:
            table.cmap[MINUS_CODE] = table.cmap[ENDASH_CODE]
    font.flavor = "woff"
    buf = io.BytesIO()
    font.save(buf, reorderTables=False)
    return buf.getvalue()


@functools.lru_cache(maxsize=4)
def font_face(chars: str) -> str:
    """``@font-face`` rules embedding the bundled font, cut to ``chars``."""
    rules = []
    for name, weight, style in FACES:
        path = _font_file(name)
        if path is None:
            return ""
        try:
            data = base64.b64encode(_subset(path, chars)).decode("ascii")
        except Exception:  # noqa: BLE001 - no fontTools: fall back to system fonts
            return ""
        rules.append(f"@font-face{{font-family:'{FONT_FAMILY}';font-weight:{weight};"
                     f"font-style:{style};src:url(data:font/woff;base64,{data}) format('woff')}}")
    return "\n".join(rules)


# ------------------------------------------------------------ paragraphs

Run = tuple[str, bool]  # a piece of text and whether it is bold


@dataclass(frozen=True)
class Style:
    """How a kind of paragraph is set: size (x the base size), indents, space above."""

    size: float = 1.0
    indent: float = 0.0  # mm, left padding of every line
    hang: float = 0.0  # mm the first line starts left of the indent
    gap: float = 0.0  # mm above
    bold: bool = False
    extra: float = 0.0  # mm of padding and border below (set in the CSS by hand)


@dataclass(frozen=True)
class Para:
    """A paragraph of a card or page: its CSS class and its text in runs."""

    kind: str
    runs: tuple[Run, ...]


_SIGNED = re.compile(f"(?<=\\S) (?=[+{MINUS}]\\d)")


def _keep_numbers(text: str) -> str:
    """Glue each signed number to the word before it (``Economy\u00a0+3``), so a line
    never starts with a bare ``−3``."""
    return _SIGNED.sub("\u00a0", text)


def para(kind: str, *runs: str | Run) -> Para:
    """A paragraph from plain strings (regular) and ``(text, bold)`` runs."""
    return Para(kind, tuple((_keep_numbers(r), False) if isinstance(r, str)
                            else (_keep_numbers(r[0]), r[1]) for r in runs))


def _words(runs: Sequence[Run], bold_all: bool) -> Iterator[tuple[str, bool, bool]]:
    """(word, bold, space before) for the words of some runs."""
    space = False
    for text, bold in runs:
        for i, piece in enumerate(text.split(" ")):
            if i > 0:
                space = True
            if piece:
                yield piece, bold or bold_all, space
                space = False


def count_lines(runs: Sequence[Run], size_pt: float, width_mm: float, bold_all: bool = False,
                first_width_mm: float | None = None) -> int:
    """How many lines a browser needs for ``runs`` at a size and width (greedy wrap)."""
    # A little slack: browsers kern, and fallback fonts may be wider.
    scale = size_pt * PT * 1.03
    space = _widths(False).em(" ") * scale
    lines = 1
    used = 0.0
    width = first_width_mm if first_width_mm is not None else width_mm
    for word, bold, spaced in _words(runs, bold_all):
        w = _widths(bold).em(word) * scale
        extra = space if spaced and used > 0 else 0.0
        if used > 0 and used + extra + w > width:
            lines += 1
            used = 0.0
            width = width_mm
            extra = 0.0
        while w > width:  # a word longer than a line is broken anywhere
            lines += 1
            w -= width
            width = width_mm
        used += extra + w
    return lines


def para_height(p: Para, styles: dict[str, Style], base_pt: float, width_mm: float) -> float:
    """The height of a paragraph in mm, with the space above it."""
    st = styles[p.kind]
    size = base_pt * st.size
    lines = count_lines(p.runs, size, width_mm - st.indent, st.bold,
                        width_mm - st.indent + st.hang)
    return st.gap + lines * size * LINE * PT + st.extra


def style_css(styles: dict[str, Style], scope: str) -> str:
    """CSS for each kind of paragraph of ``styles``, inside ``scope`` (``.card``)."""
    rules = []
    for kind, st in styles.items():
        parts = [f"font-size:{st.size:g}em", f"margin:{st.gap:g}mm 0 0 0"]
        if st.indent:
            parts.append(f"padding-left:{st.indent:g}mm")
        if st.hang:
            parts.append(f"text-indent:-{st.hang:g}mm")
        if st.bold:
            parts.append("font-weight:700")
        rules.append(f"{scope} p.{kind}{{{';'.join(parts)}}}")
    return "\n".join(rules)
