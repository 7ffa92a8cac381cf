"""What the window draws itself: text lines, meters, relation bars, the
calendar, capital pips, line charts and simple vector icons.

Everything is drawn at its final size from the current layout; nothing
draws a finished surface scaled.
"""

from __future__ import annotations

import math
import unicodedata
from collections.abc import Sequence

import pygame

from .theme import Theme

Color = pygame.Color


# --------------------------------------------------------------- text


COENG = "\u17d2"  # Khmer: the next consonant is written below (a subscript)
_JOINERS = {"\u200c", "\u200d", COENG}
#: Signs that belong to the end of what comes before them: never start a line.
_CLOSING = set("\u17d4\u17d5\u17d7.,;:!?)]}\u00bb\u2019\u201d\u2026")


def breaks_before(text: str, i: int) -> bool:
    """Whether a line may break (or text be cut) before ``text[i]``: never
    inside a cluster, so a Khmer vowel sign or subscript stays with its base,
    and never before a full stop or the repetition sign."""
    if i <= 0 or i >= len(text):
        return True
    ch, prev = text[i], text[i - 1]
    if prev in _JOINERS or ch in _JOINERS or ch in _CLOSING:
        return False
    return not unicodedata.category(ch).startswith("M")


def clusters(text: str) -> list[str]:
    """``text`` as the smallest pieces that can stand alone (grapheme clusters, roughly)."""
    out: list[str] = []
    start = 0
    for i in range(1, len(text) + 1):
        if i == len(text) or breaks_before(text, i):
            out.append(text[start:i])
            start = i
    return out


def fit(font: pygame.font.Font, text: str, width: int) -> str:
    """``text`` cut with an ellipsis so that it fits in ``width`` pixels."""
    if font.size(text)[0] <= width:
        return text
    parts = clusters(text)
    while parts and font.size("".join(parts) + "\u2026")[0] > width:
        parts.pop()
    return "".join(parts).rstrip() + "\u2026"


def _split_long(font: pygame.font.Font, word: str, width: int) -> list[str]:
    """A word wider than ``width`` in pieces that fit, broken between clusters
    (Khmer writes phrases without spaces; nothing of them may be lost)."""
    pieces: list[str] = []
    cur = ""
    for part in clusters(word):
        if cur and font.size(cur + part)[0] > width:
            pieces.append(cur)
            cur = part
        else:
            cur += part
    if cur:
        pieces.append(cur)
    return pieces


def wrap(font: pygame.font.Font, text: str, width: int) -> list[str]:
    """``text`` broken into lines no wider than ``width`` (long words broken between
    letters, at a zero-width space where there is one)."""
    lines: list[str] = []
    for para in text.split("\n"):
        # (separator before, word): a zero-width space joins without a visible gap.
        words = [(" " if j == 0 else "\u200b", w) for chunk in para.split()
                 for j, w in enumerate(chunk.split("\u200b")) if w]
        line = ""
        for sep, w in words:
            trial = f"{line}{sep}{w}" if line else w
            if font.size(trial)[0] <= width:
                line = trial
                continue
            if line:
                lines.append(line)
            if font.size(w)[0] <= width:
                line = w
            else:
                pieces = _split_long(font, w, width)
                lines.extend(pieces[:-1])
                line = pieces[-1]
        lines.append(line)
    return lines


def text(surface: pygame.Surface, font: pygame.font.Font, s: str, pos: tuple[int, int],
         color: Color, width: int | None = None, align: str = "left") -> pygame.Rect:
    """Draw one line of text at ``pos`` (top left, or top right/centre by
    ``align``), cut to ``width``; returns the rect drawn."""
    if width is not None:
        s = fit(font, s, width)
    img = font.render(s, True, color)
    r = img.get_rect()
    if align == "right":
        r.topright = pos
    elif align == "center":
        r.midtop = pos
    else:
        r.topleft = pos
    surface.blit(img, r)
    return r


def lines(surface: pygame.Surface, font: pygame.font.Font, s: str, rect: pygame.Rect,
          color: Color, spacing: float = 1.25, max_lines: int | None = None) -> int:
    """Draw wrapped text in ``rect``; returns the height used."""
    y = rect.y
    step = round(font.get_linesize() * spacing)
    rows = wrap(font, s, rect.width)
    if max_lines is not None and len(rows) > max_lines:
        rows = rows[:max_lines]
        rows[-1] = fit(font, rows[-1] + " \u2026", rect.width)
    for row in rows:
        surface.blit(font.render(row, True, color), (rect.x, y))
        y += step
    return y - rect.y


# ------------------------------------------------------------- meters


def _danger_spans(lo: int, hi: int, below: int | None, above: int | None) -> list[tuple[int, int]]:
    spans = []
    if below is not None and below >= lo:
        spans.append((lo, min(below, hi)))
    if above is not None and above <= hi:
        spans.append((max(above, lo), hi))
    return spans


def hatch(surface: pygame.Surface, theme: Theme, zone: pygame.Rect, radius: int) -> None:
    """A danger zone: a red tint with diagonal stripes, unlike any fill colour."""
    pygame.draw.rect(surface, theme.color("danger_zone"), zone, border_radius=radius)
    clip = surface.get_clip()
    surface.set_clip(zone.clip(clip) if clip else zone)
    step = max(5, zone.height // 2)
    width = max(1, zone.height // 6)
    for x in range(zone.x - zone.height, zone.right + zone.height, step):
        pygame.draw.line(surface, theme.color("bad"), (x, zone.bottom), (x + zone.height, zone.y),
                         width)
    surface.set_clip(clip)


def meter(surface: pygame.Surface, theme: Theme, rect: pygame.Rect, value: int, lo: int,
          hi: int, below: int | None = None, above: int | None = None,
          fill: Color | None = None) -> None:
    """A horizontal meter from ``lo`` to ``hi`` with its danger zones shaded."""
    radius = max(2, rect.height // 3)
    pygame.draw.rect(surface, theme.color("meter_bg"), rect, border_radius=radius)
    span = max(hi - lo, 1)

    def x_of(v: float) -> int:
        return rect.x + round((min(max(v, lo), hi) - lo) / span * rect.width)

    for a, b in _danger_spans(lo, hi, below, above):
        zone = pygame.Rect(x_of(a), rect.y, max(x_of(b) - x_of(a), 2), rect.height)
        hatch(surface, theme, zone, radius)
    in_danger = (below is not None and value <= below) or (above is not None and value >= above)
    color = theme.color("bad") if in_danger else (fill or theme.color("meter_fill"))
    w = x_of(value) - rect.x
    if w > 0:
        pygame.draw.rect(surface, color, (rect.x, rect.y, w, rect.height), border_radius=radius)
    pygame.draw.rect(surface, theme.color("border"), rect, width=max(1, rect.height // 8),
                     border_radius=radius)


def relation_bar(surface: pygame.Surface, theme: Theme, rect: pygame.Rect, value: int,
                 lo: int, hi: int, color: Color, below: int | None = None,
                 above: int | None = None) -> None:
    """A bar centred at zero: warm relations fill to the right, cold to the left."""
    radius = max(2, rect.height // 3)
    pygame.draw.rect(surface, theme.color("meter_bg"), rect, border_radius=radius)
    lo = min(lo, 0)
    hi = max(hi, 0)
    half = max(-lo, hi, 1)
    mid = rect.centerx

    def x_of(v: float) -> int:
        v = min(max(v, lo), hi)
        return mid + round(v / half * rect.width / 2)

    for a, b in _danger_spans(lo, hi, below, above):
        zone = pygame.Rect(x_of(a), rect.y, max(x_of(b) - x_of(a), 2), rect.height)
        hatch(surface, theme, zone, radius)
    bar = color
    x = x_of(value)
    if x != mid:
        left, right = sorted((x, mid))
        pygame.draw.rect(surface, bar, (left, rect.y + 1, right - left, rect.height - 2))
    pygame.draw.rect(surface, theme.color("border"), rect, width=max(1, rect.height // 8),
                     border_radius=radius)
    tick = max(2, rect.height // 6)
    pygame.draw.line(surface, theme.color("text"), (mid, rect.y - tick),
                     (mid, rect.bottom + tick - 1), max(2, rect.height // 7))


def pips(surface: pygame.Surface, theme: Theme, pos: tuple[int, int], value: int, maximum: int,
         size: int) -> int:
    """Capital as filled and empty circles; returns the width drawn."""
    x, y = pos
    r = size // 2
    step = size + max(3, size // 3)
    for i in range(maximum):
        c = (x + i * step + r, y + r)
        if i < value:
            pygame.draw.circle(surface, theme.color("accent"), c, r)
        pygame.draw.circle(surface, theme.color("accent"), c, r, max(2, size // 8))
    return maximum * step


# ----------------------------------------------------------- calendar


def calendar_cells(rect: pygame.Rect, n: int) -> list[pygame.Rect]:
    """The cells of a calendar strip of ``n`` turns in ``rect``."""
    n = max(n, 1)
    gap = max(1, min(rect.width // 300, rect.width // (n * 6) or 1))
    cell_w = (rect.width - gap * (n - 1)) / n
    return [pygame.Rect(round(rect.x + i * (cell_w + gap)), rect.y,
                        max(1, math.floor(cell_w)), rect.height) for i in range(n)]


def calendar(surface: pygame.Surface, theme: Theme, rect: pygame.Rect,
             names: Sequence[str], current: int, marks: dict[int, str],
             font: pygame.font.Font, over: bool = False,
             played: tuple[int, int] | None = None) -> list[pygame.Rect]:
    """One cell per turn: past turns ticked, the current one highlighted,
    milestones flagged, turns the game does not play dimmed and crossed.

    With many turns (a year of weeks) a name is written only where it fits:
    every k-th cell, the current one and the milestones; the rest are marks.
    Returns the cells' rects (for tooltips)."""
    n = max(len(names), 1)
    cells = calendar_cells(rect, n)
    first, last = played or (1, n)
    fh = font.get_height()
    widest = max((font.size(name)[0] for name in names), default=1)
    cell_w = cells[0].width if cells else 1
    every = 1 if widest + fh * 1.2 <= cell_w else max(2, math.ceil((widest + fh) / cell_w))
    radius = max(2, min(6, cell_w // 4))
    for i, name in enumerate(names):
        turn = i + 1
        cell = cells[i]
        off = not first <= turn <= last
        now = turn == current and not over
        past = (turn < current or over) and not off
        bg = theme.color("accent") if now else theme.color("panel_alt" if past or off
                                                          else "panel")
        pygame.draw.rect(surface, bg, cell, border_radius=radius)
        if not now:
            pygame.draw.rect(surface, theme.color("border"), cell, width=1,
                             border_radius=radius)
        if off:
            hatch(surface, theme, cell, radius)
        fg = theme.color("background") if now else theme.color("muted" if past or off
                                                                else "text")
        mark = turn in marks
        named = every == 1 or now or mark or (turn - first) % every == 0
        if not named:
            if past:
                pygame.draw.circle(surface, theme.color("good"), cell.center, max(2, fh // 6))
            continue
        extra = fh if (mark or past) and every == 1 else 0
        w = font.size(name)[0] + extra
        x = cell.centerx - w // 2
        y = cell.centery - font.get_linesize() // 2
        # A name wider than its cell spills over its unnamed neighbours.
        r = text(surface, font, name, (x, y), fg)
        if mark and every == 1:
            flag(surface, (r.right + fh // 4, cell.centery - fh // 3), fh * 2 // 3,
                 fg if now else theme.color("accent"))
        elif mark:
            flag(surface, (cell.x + 2, cell.y + 2), fh // 2, theme.color("accent"))
        elif past and every == 1:
            tick(surface, (r.right + fh // 2, cell.centery), fh // 4, theme.color("good"))
    return cells


def direction(surface: pygame.Surface, rect: pygame.Rect, sign: int, color: Color,
              font: pygame.font.Font, hollow: bool = False) -> None:
    """A mark for which way a value will move: a triangle up or down, or a ``?``."""
    w = max(2, rect.width // 5)
    if sign == 0:
        img = font.render("?", True, color)
        surface.blit(img, img.get_rect(center=rect.center))
        return
    if sign > 0:
        pts = [(rect.centerx, rect.y), (rect.right, rect.bottom), (rect.x, rect.bottom)]
    else:
        pts = [(rect.x, rect.y), (rect.right, rect.y), (rect.centerx, rect.bottom)]
    pygame.draw.polygon(surface, color, pts, width=w if hollow else 0)


def tick(surface: pygame.Surface, center: tuple[int, int], r: int, color: Color) -> None:
    """A check mark."""
    x, y = center
    w = max(2, r // 2)
    pygame.draw.lines(surface, color, False, [(x - r, y), (x - r // 3, y + r * 2 // 3),
                                              (x + r, y - r * 2 // 3)], w)


def flag(surface: pygame.Surface, pos: tuple[int, int], h: int, color: Color) -> None:
    """A small flag, the milestone mark."""
    x, y = pos
    w = max(2, h // 8)
    pygame.draw.line(surface, color, (x, y), (x, y + h), w)
    pygame.draw.polygon(surface, color, [(x, y), (x + h * 2 // 3, y + h // 4), (x, y + h // 2)])


# --------------------------------------------------------------- chart


def line_chart(surface: pygame.Surface, theme: Theme, rect: pygame.Rect,
               series: list[tuple[str, list[int], Color]], x_labels: Sequence[str],
               lo: int, hi: int, font: pygame.font.Font,
               danger: list[tuple[int, int]] | None = None) -> None:
    """A line chart with a y grid, month labels along x and a legend below."""
    pygame.draw.rect(surface, theme.color("panel"), rect, border_radius=8)
    pygame.draw.rect(surface, theme.color("border"), rect, width=1, border_radius=8)
    lh = font.get_linesize()
    # The legend takes as many rows as it needs below the plot.
    pad = lh // 2
    entries = [(name, color) for name, _, color in series]
    legend_rows: list[list[tuple[str, Color]]] = [[]]
    x = 0
    avail = rect.width - 2 * pad
    for name, color in entries:
        w = font.size(name)[0] + lh + pad
        if x + w > avail and legend_rows[-1]:
            legend_rows.append([])
            x = 0
        legend_rows[-1].append((name, color))
        x += w
    legend_h = len(legend_rows) * lh + pad
    axis_w = font.size(str(hi))[0] + pad
    plot = pygame.Rect(rect.x + pad + axis_w, rect.y + pad + lh // 2,
                       rect.width - 2 * pad - axis_w, rect.height - 2 * pad - lh - legend_h)
    if plot.width < 10 or plot.height < 10:
        return
    span = max(hi - lo, 1)

    def y_of(v: float) -> int:
        return plot.bottom - round((v - lo) / span * plot.height)

    steps = 4
    for i in range(steps + 1):
        v = lo + span * i / steps
        y = y_of(v)
        pygame.draw.line(surface, theme.color("chart_grid"), (plot.x, y), (plot.right, y), 1)
        text(surface, font, f"{round(v)}", (plot.x - pad // 2, y - lh // 2),
             theme.color("muted"), align="right")
    if lo < 0 < hi:
        pygame.draw.line(surface, theme.color("muted"), (plot.x, y_of(0)), (plot.right, y_of(0)), 2)
    n = max(len(x_labels), 2)

    def x_of(i: int) -> int:
        return plot.x + round(i / (n - 1) * plot.width)

    every = max(1, math.ceil(font.size("Sep")[0] * 1.6 * n / max(plot.width, 1)))
    for i, lab in enumerate(x_labels):
        if i % every == 0:
            half = font.size(lab)[0] // 2
            x = min(max(x_of(i), rect.x + half + 2), rect.right - half - 4)
            text(surface, font, lab, (x, plot.bottom + 2), theme.color("muted"), align="center")
    width = max(2, round(lh / 7))
    for _, values, color in series:
        pts = [(x_of(i), y_of(v)) for i, v in enumerate(values)]
        if len(pts) >= 2:
            pygame.draw.lines(surface, color, False, pts, width)
        for p in pts:
            pygame.draw.circle(surface, color, p, width + 1)
    y = plot.bottom + lh + pad // 2
    for row in legend_rows:
        x = rect.x + pad
        for name, color in row:
            sw = pygame.Rect(x, y + lh // 4, lh // 2 + 2, lh // 2)
            pygame.draw.rect(surface, color, sw, border_radius=3)
            text(surface, font, name, (sw.right + pad // 2, y), theme.color("text"))
            x += font.size(name)[0] + lh + pad
        y += lh


# --------------------------------------------------------------- icons

#: Generic topic tags that pick an icon for a card without an ``icon`` of its
#: own, first match wins. Only topic words belong here: a pack names its own
#: places and events, and gives such cards an explicit ``icon`` (the names are
#: listed in ``assets/README.md``).
ICON_FOR_TAG = (
    ("port", "anchor"), ("navy", "anchor"), ("sea", "wave"), ("maritime", "wave"),
    ("economy", "coin"), ("trade", "coin"), ("loan", "coin"), ("investment", "coin"),
    ("sanctions", "coin"), ("disaster", "storm"), ("storm", "storm"), ("flood", "storm"),
    ("climate", "storm"), ("summit", "people"), ("meeting", "people"),
    ("diplomacy", "people"), ("war", "shield"), ("security", "shield"),
    ("military", "shield"), ("peacekeeping", "shield"), ("crisis", "warning"),
    ("coup", "warning"), ("crime", "warning"), ("health", "cross"), ("pandemic", "cross"),
    ("disease", "cross"), ("election", "ballot"), ("vote", "ballot"), ("mines", "warning"),
    ("demining", "warning"), ("energy", "bolt"), ("food", "bolt"),
)


def icon_for(name: str | None, tags: Sequence[str]) -> str:
    """The icon to draw for a card: its own ``icon`` if known, else one chosen by tag."""
    if name is not None and name in ICONS:
        return name
    for tag in tags:
        for key, icon_name in ICON_FOR_TAG:
            if tag == key:
                return icon_name
    return "paper"


def icon(surface: pygame.Surface, name: str, rect: pygame.Rect, fg: Color, bg: Color) -> None:
    """A round badge with a simple vector icon."""
    r = min(rect.width, rect.height) // 2
    c = rect.center
    pygame.draw.circle(surface, bg, c, r)
    draw = ICONS.get(name, _paper)
    draw(surface, c, round(r * 0.62), fg, bg)


def _w(r: int) -> int:
    return max(2, r // 6)


def _anchor(s: pygame.Surface, c: tuple[int, int], r: int, fg: Color, bg: Color) -> None:
    x, y = c
    w = _w(r)
    pygame.draw.circle(s, fg, (x, y - r + r // 4), r // 4, w)
    pygame.draw.line(s, fg, (x, y - r // 2), (x, y + r), w)
    pygame.draw.line(s, fg, (x - r // 2, y - r // 5), (x + r // 2, y - r // 5), w)
    pygame.draw.arc(s, fg, (x - r, y - r // 2, 2 * r, 1.5 * r), math.pi, 2 * math.pi, w)


def _coin(s: pygame.Surface, c: tuple[int, int], r: int, fg: Color, bg: Color) -> None:
    x, y = c
    w = _w(r)
    pygame.draw.circle(s, fg, c, r, w)
    pygame.draw.circle(s, fg, c, r * 2 // 3, max(1, w // 2))
    pygame.draw.line(s, fg, (x, y - r // 2), (x, y + r // 2), w)


def _storm(s: pygame.Surface, c: tuple[int, int], r: int, fg: Color, bg: Color) -> None:
    x, y = c
    for dx, dy, rr in ((-r // 2, -r // 6, r // 2), (r // 6, -r // 3, r * 3 // 5),
                       (r * 2 // 3, 0, r // 3)):
        pygame.draw.circle(s, fg, (x + dx, y + dy), rr)
    pygame.draw.rect(s, fg, (x - r // 2, y - r // 6, r + r // 6, r // 3))
    w = _w(r)
    for dx in (-r // 2, 0, r // 2):
        pygame.draw.line(s, fg, (x + dx, y + r // 3), (x + dx - r // 5, y + r), w)


def _people(s: pygame.Surface, c: tuple[int, int], r: int, fg: Color, bg: Color) -> None:
    x, y = c
    for dx in (-r * 2 // 3, 0, r * 2 // 3):
        hr = r // 4 if dx else r // 3
        pygame.draw.circle(s, fg, (x + dx, y - r // 3), hr)
        body = pygame.Rect(0, 0, hr * 2 + r // 6, r)
        body.midtop = (x + dx, y - r // 3 + hr + 2)
        pygame.draw.rect(s, fg, body, border_top_left_radius=hr, border_top_right_radius=hr)
    pygame.draw.rect(s, fg, (x - r, y + r * 2 // 3, 2 * r, max(2, r // 5)))


def _shield(s: pygame.Surface, c: tuple[int, int], r: int, fg: Color, bg: Color) -> None:
    x, y = c
    pts = [(x - r * 4 // 5, y - r * 4 // 5), (x + r * 4 // 5, y - r * 4 // 5),
           (x + r * 4 // 5, y), (x, y + r), (x - r * 4 // 5, y)]
    pygame.draw.polygon(s, fg, pts)
    pygame.draw.line(s, bg, (x, y - r * 3 // 5), (x, y + r * 3 // 5), _w(r))


def _warning(s: pygame.Surface, c: tuple[int, int], r: int, fg: Color, bg: Color) -> None:
    x, y = c
    pygame.draw.polygon(s, fg, [(x, y - r), (x + r, y + r * 4 // 5), (x - r, y + r * 4 // 5)])
    w = _w(r)
    pygame.draw.line(s, bg, (x, y - r // 3), (x, y + r // 4), w)
    pygame.draw.circle(s, bg, (x, y + r // 2), w // 2 + 1)


def _cross(s: pygame.Surface, c: tuple[int, int], r: int, fg: Color, bg: Color) -> None:
    x, y = c
    a = r // 3
    pygame.draw.rect(s, fg, (x - a, y - r, 2 * a, 2 * r), border_radius=2)
    pygame.draw.rect(s, fg, (x - r, y - a, 2 * r, 2 * a), border_radius=2)


def _wave(s: pygame.Surface, c: tuple[int, int], r: int, fg: Color, bg: Color) -> None:
    x, y = c
    w = _w(r)
    for dy in (-r // 2, 0, r // 2):
        pts = [(x - r + i * r // 8, y + dy + round(math.sin(i / 16 * 2 * math.pi * 2) * r / 6))
               for i in range(17)]
        pygame.draw.lines(s, fg, False, pts, w)


def _ballot(s: pygame.Surface, c: tuple[int, int], r: int, fg: Color, bg: Color) -> None:
    x, y = c
    w = _w(r)
    pygame.draw.rect(s, fg, (x - r, y - r // 6, 2 * r, r + r // 6), w, border_radius=3)
    pygame.draw.rect(s, fg, (x - r // 2, y - r, r, r), border_radius=2)
    pygame.draw.line(s, bg, (x - r // 3, y - r // 2), (x + r // 3, y - r // 2), max(1, w // 2))


def _bolt(s: pygame.Surface, c: tuple[int, int], r: int, fg: Color, bg: Color) -> None:
    x, y = c
    pygame.draw.polygon(s, fg, [(x + r // 4, y - r), (x - r // 2, y + r // 6), (x, y + r // 6),
                                (x - r // 4, y + r), (x + r // 2, y - r // 6), (x, y - r // 6)])


def _paper(s: pygame.Surface, c: tuple[int, int], r: int, fg: Color, bg: Color) -> None:
    x, y = c
    w = _w(r)
    pygame.draw.rect(s, fg, (x - r * 3 // 4, y - r, r * 3 // 2, 2 * r), w, border_radius=3)
    for i in range(3):
        yy = y - r // 2 + i * r // 2
        pygame.draw.line(s, fg, (x - r // 2 + 1, yy), (x + r // 2 - 1, yy), max(1, w // 2))


def _handshake(s: pygame.Surface, c: tuple[int, int], r: int, fg: Color, bg: Color) -> None:
    x, y = c
    w = _w(r)
    pygame.draw.line(s, fg, (x - r, y - r // 3), (x - r // 3, y + r // 6), w + 1)
    pygame.draw.line(s, fg, (x + r, y - r // 3), (x + r // 3, y + r // 6), w + 1)
    pygame.draw.ellipse(s, fg, (x - r // 2, y - r // 4, r, r * 2 // 3))
    pygame.draw.circle(s, fg, (x - r * 2 // 3, y - r * 2 // 3), r // 4)
    pygame.draw.circle(s, fg, (x + r * 2 // 3, y - r * 2 // 3), r // 4)


def _globe(s: pygame.Surface, c: tuple[int, int], r: int, fg: Color, bg: Color) -> None:
    x, y = c
    w = _w(r)
    pygame.draw.circle(s, fg, c, r, w)
    pygame.draw.ellipse(s, fg, (x - r // 2, y - r, r, 2 * r), w)
    pygame.draw.line(s, fg, (x - r, y), (x + r, y), w)


ICONS = {
    "anchor": _anchor, "coin": _coin, "storm": _storm, "people": _people, "shield": _shield,
    "warning": _warning, "cross": _cross, "wave": _wave, "ballot": _ballot, "bolt": _bolt,
    "paper": _paper, "handshake": _handshake, "globe": _globe,
}
