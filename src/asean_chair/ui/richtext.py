"""Short styled text drawn straight to a picture: the board's hints, card text,
result and log, which change after every decision.

pygame_gui's text box parses HTML and lays text out in tens of milliseconds;
the board builds several after each decision, which made the frame after a
decision slow. These texts use only ``<b>``, ``<i>``, ``<font color='#rrggbb'>``
and ``<br>``: :func:`render` parses that subset, wraps it (at spaces and
zero-width spaces, between clusters as a last resort, never after a no-break
space) and draws it with the window's fonts in a millisecond or two.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass

import pygame

from . import draw
from .theme import Theme

_TOKEN = re.compile(r"<(/?)(b|i|font|br)\b([^>]*)>", re.IGNORECASE)
_COLOR = re.compile(r"""color\s*=\s*['"]?(#[0-9a-fA-F]{6})""")
ZWSP = "\u200b"
NBSP = "\u00a0"


@dataclass(frozen=True)
class Run:
    """Text in one style."""

    text: str
    color: str | None
    bold: bool
    italic: bool


def parse(text: str) -> list[list[Run]]:
    """The subset of HTML as paragraphs (split at ``<br>``) of styled runs."""
    paras: list[list[Run]] = [[]]
    bold = italic = 0
    colors: list[str | None] = [None]
    pos = 0
    for m in _TOKEN.finditer(text):
        if m.start() > pos:
            chunk = html.unescape(text[pos:m.start()])
            if chunk:
                paras[-1].append(Run(chunk, colors[-1], bold > 0, italic > 0))
        pos = m.end()
        closing, tag = m.group(1) == "/", m.group(2).lower()
        if tag == "br":
            paras.append([])
        elif tag == "b":
            bold += -1 if closing else 1
        elif tag == "i":
            italic += -1 if closing else 1
        elif closing:
            if len(colors) > 1:
                colors.pop()
        else:
            found = _COLOR.search(m.group(3))
            colors.append(found.group(1) if found else colors[-1])
    if pos < len(text):
        chunk = html.unescape(text[pos:])
        if chunk:
            paras[-1].append(Run(chunk, colors[-1], bold > 0, italic > 0))
    return paras


def _pieces(runs: list[Run]) -> list[tuple[Run, bool]]:
    """Runs cut where a line may break: (piece, a break may follow it)."""
    out: list[tuple[Run, bool]] = []
    for run in runs:
        for part in re.split(r"( |\u200b)", run.text):
            if part == " ":
                if out:
                    prev, _ = out[-1]
                    out[-1] = (Run(prev.text + " ", prev.color, prev.bold, prev.italic), True)
                continue
            if part == ZWSP:
                if out:
                    out[-1] = (out[-1][0], True)
                continue
            if part:
                out.append((Run(part, run.color, run.bold, run.italic), False))
    return out


def layout(theme: Theme, size: int, text: str, width: int
           ) -> list[list[tuple[Run, pygame.font.Font]]]:
    """Lines of styled pieces no wider than ``width``."""
    lines: list[list[tuple[Run, pygame.font.Font]]] = []
    for para in parse(text):
        line: list[tuple[Run, pygame.font.Font]] = []
        words: list[list[tuple[Run, pygame.font.Font]]] = [[]]
        for piece, can_break in _pieces(para):
            words[-1].append((piece, theme.font(size, piece.bold, piece.italic)))
            if can_break:
                words.append([])
        used = 0
        for word in words:
            if not word:
                continue
            w = sum(f.size(r.text)[0] for r, f in word)
            trimmed = w - (word[-1][1].size(" ")[0] if word[-1][0].text.endswith(" ") else 0)
            if line and used + trimmed > width:
                lines.append(line)
                line, used = [], 0
            if not line and trimmed > width:
                # A word wider than the box: break it between clusters.
                for r, f in word:
                    for chunk in draw.wrap(f, r.text.replace(NBSP, " "), width):
                        if line and used + f.size(chunk)[0] > width:
                            lines.append(line)
                            line, used = [], 0
                        line.append((Run(chunk, r.color, r.bold, r.italic), f))
                        used += f.size(chunk)[0]
                continue
            line.extend(word)
            used += w
        lines.append(line)
    return lines


def render(theme: Theme, size: int, text: str, width: int, color: pygame.Color,
           spacing: float = 1.2, pad: int = 0) -> pygame.Surface:
    """``text`` (the subset of HTML) wrapped to ``width`` and drawn on a clear picture."""
    lines = layout(theme, size, text, max(width - 2 * pad, 10))
    step = round(theme.font(size).get_linesize() * spacing)
    surf = pygame.Surface((max(width, 1), max(len(lines) * step + 2 * pad, 1)), pygame.SRCALPHA)
    y = pad
    for line in lines:
        x = pad
        for run, font in line:
            shown = run.text.replace(NBSP, " ")
            if shown.strip():
                ink = pygame.Color(run.color) if run.color else color
                img = font.render(shown.rstrip(" "), True, ink)
                surf.blit(img, (x, y + (step - font.get_linesize()) // 2))
            x += font.size(shown)[0]
        y += step
    return surf
