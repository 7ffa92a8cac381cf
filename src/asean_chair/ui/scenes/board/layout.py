"""The board's left column: how large the type and the rows of tracks and
relations can be so that every one fits, from 2 to 12 tracks and 1 to 12
relations.

Track names sit beside their meters when they fit, else above them; type
shrinks one step at a time, never below the smallest size of the screen
(larger in a class vote, read from the back of a room). When the relations
still do not fit one to a row, they become a grid of short names and
values.
"""

from __future__ import annotations

from dataclasses import dataclass
from math import ceil
from typing import TYPE_CHECKING

import pygame

from ...session import MINUS

if TYPE_CHECKING:
    from .scene import BoardScene


@dataclass(frozen=True)
class LeftLayout:
    """The sizes of the left column."""

    row_t: int
    row_a: int
    head: int
    size: int
    name_w: int
    stacked: bool
    #: Relations per row of the grid (0: one relation a row, with its bar).
    grid: int = 0


def min_text(board: BoardScene) -> int:
    """The smallest type the column may use (a class vote keeps the vote's minimum)."""
    m = board.m
    if board.app.vote_mode:
        return m.small
    return max(m.tx(14), m.px(14))


def actor_name(board: BoardScene, actor: object, room: int, font: pygame.font.Font) -> str:
    """An actor's name, or its short name when the name does not fit ``room``."""
    name = str(getattr(actor, "name", ""))
    short = getattr(actor, "short", "") or ""
    return short if short and font.size(name)[0] > room else name


def left_layout(board: BoardScene) -> LeftLayout:
    """The left column's sizes for the game's tracks and relations."""
    m = board.m
    s = board.s
    rs = s.ruleset
    tracks = [tr for tr in rs.tracks.values() if s.shown(tr.id)]
    actors = list(rs.actors.values())
    n_t, n_a = len(tracks), len(actors)
    box = board.rects["left"]
    inner = box.width - 2 * m.pad
    avail = box.height - 2 * m.pad
    floor = min_text(board)
    sizes = sorted({z for z in (m.body, m.small, m.tx(16), m.tx(14), m.px(16), m.px(14))
                    if z >= floor} | {floor}, reverse=True)
    for size in sizes:
        font = board.theme.font(size)
        head = m.line(m.small) + m.gap
        longest = max([font.size(tr.name)[0] for tr in tracks] + [1])
        shortest_a = max([font.size(a.short or a.name)[0] for a in actors] + [1])
        longest_a = max([font.size(a.name)[0] for a in actors] + [1])
        name_w = min(max(longest, longest_a) + m.gap * 2, round(inner * 0.55))
        stacked = longest + m.gap * 2 > name_w
        row_a = m.line(size) + m.px(4)
        row_t = m.line(size) + m.px(8)
        if stacked:
            row_t = m.line(size) + max(m.px(12), m.line(size) // 3) + m.px(10)
            name_w = min(max(longest_a, shortest_a) + m.gap * 2, round(inner * 0.55))
        need = 2 * head + n_t * row_t + n_a * row_a
        if need <= avail:
            # Share out spare height so the column does not end in a gap.
            extra = min((avail - need) // max(n_t + n_a, 1), m.px(10))
            return LeftLayout(row_t + extra, row_a + extra, head, size, name_w, stacked)
    # The relations as a grid of short names and values, at the largest size that fits.
    for size in sizes:
        font = board.theme.font(size, bold=True)
        head = m.line(m.small) + m.gap
        longest = max([board.theme.font(size).size(tr.name)[0] for tr in tracks] + [1])
        stacked = longest + m.gap * 2 > round(inner * 0.55)
        # Tight rows: the name, then its meter just below it.
        row_t = m.line(size) + (max(m.px(10), m.line(size) // 4) + m.px(4) if stacked
                                else m.px(4))
        chip = max([font.size(a.short or a.name)[0] for a in actors] + [1]) \
            + font.size(f"{MINUS}100")[0] + m.gap * 3
        per = max(1, inner // max(chip, 1))
        row_a = m.line(size) + m.px(2)
        need = 2 * head + n_t * row_t + ceil(n_a / per) * row_a
        if need <= avail or size == sizes[-1]:
            name_w = min(longest + m.gap * 2, round(inner * 0.55))
            return LeftLayout(row_t, row_a, head, size, name_w, stacked, grid=per)
    raise AssertionError("unreachable")


def left_rows(board: BoardScene) -> list[tuple[str, pygame.Rect]]:
    """Each visible track's and relation's place in the left column, as (value name, rect)."""
    m = board.m
    s = board.s
    rs = s.ruleset
    box = board.rects["left"]
    lay = left_layout(board)
    out = []
    y = box.y + m.pad + lay.head
    width = box.width - 2 * m.pad
    for tr in rs.tracks.values():
        if s.shown(tr.id):
            out.append((tr.id, pygame.Rect(box.x + m.pad, y, width, lay.row_t)))
            y += lay.row_t
    y += lay.head
    if lay.grid:
        cell = width // lay.grid
        for i, a in enumerate(rs.actors.values()):
            row, col = divmod(i, lay.grid)
            out.append((f"rel.{a.id}", pygame.Rect(box.x + m.pad + col * cell,
                                                   y + row * lay.row_a, cell - m.px(4),
                                                   lay.row_a - m.px(4))))
        return out
    for a in rs.actors.values():
        out.append((f"rel.{a.id}", pygame.Rect(box.x + m.pad, y, width, lay.row_a)))
        y += lay.row_a
    return out
