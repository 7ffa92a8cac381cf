"""Setting text for paper: the bundled font's metrics, paragraphs, and how
many lines a paragraph takes at a size and width.

Nothing can run JavaScript to measure text in a printed page, so the deck
plans its layout here, with the metrics of the bundled Noto Sans (embedded
in the page as a subset, so every browser lays it out alike).
"""

from __future__ import annotations

import functools
import itertools
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from ...rules.words import MINUS
from ..fonts import (
    ENDASH_CODE,
    FONT_STACK,
    KHMER_FACES,
    LATIN_FACES,
    MINUS_CODE,
    font_face,
    font_file,
)

__all__ = ["FONT_STACK", "Para", "Run", "Style", "count_lines", "font_face", "para",
           "para_height", "style_css", "text_width"]

PT = 0.3528  # millimetres per point
LINE = 1.2  # line height, as a multiple of the font size (the CSS says the same)

# ------------------------------------------------------------------ fonts


@dataclass(frozen=True)
class _Widths:
    """Advance widths of one font, in ems, by character."""

    widths: dict[int, float]
    fallback: float

    def em(self, text: str) -> float:
        get = self.widths.get
        fb = self.fallback
        total = sum(get(ord(ch), fb) for ch in text)
        if COENG in text:  # a consonant after the coeng is written below: no advance
            total -= sum(get(ord(b), fb) for a, b in itertools.pairwise(text)
                         if a == COENG)
        return total


#: The Khmer sign that writes the next consonant below the one before it.
COENG = "\u17d2"
#: Characters that take no room on a line (the zero-width space marks where
#: Khmer words may break, the word joiner where they may not).
ZERO_WIDTH = (0x200B, 0x200C, 0x200D, 0x2060)


#: Average widths for when the bundled font cannot be read.
_ESTIMATE = {False: _Widths({32: 0.28}, 0.55), True: _Widths({32: 0.28}, 0.58)}


def _advances(name: str) -> dict[int, float]:
    """Each character's advance width in ems in a bundled font (raises without it)."""
    from fontTools.ttLib import TTFont  # type: ignore[import-untyped]

    path = font_file(name)
    if path is None:
        raise FileNotFoundError(name)
    font = TTFont(str(path), lazy=True)
    upm = font["head"].unitsPerEm
    metrics = font["hmtx"].metrics
    return {code: metrics[glyph][0] / upm for code, glyph in font.getBestCmap().items()}


@functools.lru_cache(maxsize=2)
def _widths(bold: bool) -> _Widths:
    """The advance widths of the bundled fonts (or an estimate without them): the
    Latin face, and the Khmer face for Khmer letters (pages in Khmer are set
    with it, and are measured with it too)."""
    try:
        widths = _advances(LATIN_FACES[1 if bold else 0][0])
        if ENDASH_CODE in widths:
            widths[MINUS_CODE] = widths[ENDASH_CODE]  # see _subset
        khmer = _advances(KHMER_FACES[1 if bold else 0][0])
        widths.update((code, w) for code, w in khmer.items()
                      if 0x1780 <= code <= 0x17FF or 0x19E0 <= code <= 0x19FF)
    except Exception:  # noqa: BLE001 - no fontTools or a broken font: estimate
        widths = dict(_ESTIMATE[bold].widths)
        widths.update((code, 0.0) for code in range(0x17B4, 0x17D4) if code != 0x17C7)
        fallback = _ESTIMATE[bold].fallback
    else:
        fallback = 0.62
    widths.update((code, 0.0) for code in ZERO_WIDTH)
    return _Widths(widths, fallback)


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
    """(word, bold, space before) for the words of some runs: split at spaces, and
    at the zero-width spaces Khmer writes between words (a break with no space)."""
    space = False
    for text, bold in runs:
        for i, piece in enumerate(text.split(" ")):
            if i > 0:
                space = True
            for word in piece.split("\u200b"):
                if word:
                    yield word, bold or bold_all, space
                    space = False


def text_width(text: str, size_pt: float, bold: bool = False) -> float:
    """The width of ``text`` on one line at ``size_pt``, in mm (with the same slack
    as :func:`count_lines`)."""
    return _widths(bold).em(text) * size_pt * PT * 1.03


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
