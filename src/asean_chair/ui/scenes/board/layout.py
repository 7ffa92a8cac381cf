"""The board's left column: how large the type and the rows of tracks and
relations can be so that every one fits."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pygame

if TYPE_CHECKING:
    from .scene import BoardScene


def left_layout(board: BoardScene) -> tuple[int, int, int, int, int, bool]:
    """(track row, relation row, heading, font size, name width, stacked).

    Track names sit beside their meters when they fit, else above them;
    type shrinks one step at a time until every row fits the column.
    """
    m = board.m
    rs = board.s.ruleset
    tracks = [tr for tr in rs.tracks.values() if tr.visible]
    actors = list(rs.actors.values())
    n_t, n_a = len(tracks), len(actors)
    inner = board.rects["left"].width - 2 * m.pad
    avail = board.rects["left"].height - 2 * m.pad
    for size in sorted({m.body, m.small, m.tx(16), m.tx(14), m.px(16), m.px(14)},
                       reverse=True):
        font = board.theme.font(size)
        head = m.line(m.small) + m.gap
        longest = max([font.size(tr.name)[0] for tr in tracks] +
                      [font.size(a.name)[0] for a in actors] + [1])
        name_w = min(longest + m.gap * 2, round(inner * 0.55))
        stacked = longest + m.gap * 2 > name_w
        row_a = m.line(size) + m.px(4)
        row_t = m.line(size) + m.px(8)
        if stacked:
            row_t = m.line(size) + max(m.px(12), m.line(size) // 3) + m.px(10)
            name_w = max((font.size(a.name)[0] for a in actors), default=1) + m.gap * 2
            name_w = min(name_w, round(inner * 0.55))
        need = 2 * head + n_t * row_t + n_a * row_a
        if need <= avail:
            # Share out spare height so the column does not end in a gap.
            extra = min((avail - need) // max(n_t + n_a, 1), m.px(10))
            return row_t + extra, row_a + extra, head, size, name_w, stacked
    size = m.tx(14)
    head = m.line(m.small)
    row = max((avail - 2 * head) // max(n_t + n_a, 1), 12)
    return row, row, head, size, round(inner * 0.5), False


def left_rows(board: BoardScene) -> list[tuple[str, pygame.Rect]]:
    """Each visible track's and relation's row in the left column, as (value name, rect)."""
    m = board.m
    rs = board.s.ruleset
    box = board.rects["left"]
    row_t, row_a, head, _, _, _ = left_layout(board)
    out = []
    y = box.y + m.pad + head
    for tr in rs.tracks.values():
        if tr.visible:
            out.append((tr.id, pygame.Rect(box.x + m.pad, y, box.width - 2 * m.pad, row_t)))
            y += row_t
    y += head
    for a in rs.actors.values():
        out.append((f"rel.{a.id}", pygame.Rect(box.x + m.pad, y, box.width - 2 * m.pad,
                                               row_a)))
        y += row_a
    return out
