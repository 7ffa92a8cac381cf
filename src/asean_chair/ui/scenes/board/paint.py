"""Painting the board: everything that is not a widget (the top bar, the
calendar, the meters, the card's header, the queue and the countdown).

Painting reads the game and never changes it; the board paints into a
picture once per change and only blits it on other frames.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import pygame

from ... import draw
from ...i18n import t, tn
from ...session import MINUS, signed
from ...vote import clock_text
from ..common import panel
from .layout import actor_name, left_layout, left_rows
from .text import DOT, queue_lines
from .vote import shown_ballot

if TYPE_CHECKING:
    from .scene import BoardScene


def paint(board: BoardScene, surface: pygame.Surface) -> None:
    """Draw everything that is not a widget, once per change of state or size."""
    th = board.theme
    m = board.m
    s = board.s
    st = s.state
    surface.fill(th.color("background"))
    bar = board.rects["bar"]
    pygame.draw.rect(surface, th.color("panel"), bar)
    pygame.draw.line(surface, th.color("border"), bar.bottomleft, bar.bottomright, 2)
    hfont = th.font(m.heading, bold=True)
    sfont = th.font(m.small)
    y = bar.centery - hfont.get_linesize() // 2
    month = board.tw("board.year_over") if st.is_over else s.turn_name()
    limit = board.rects["bar_buttons_x"].x - m.pad
    r = draw.text(surface, hfont, month, (m.pad, y), th.color("text"), limit - m.pad)
    cap = s.scenario.capital
    bfont = th.font(m.body, bold=True)
    turn_text = "" if st.is_over else board.tw("board.month_n", n=st.turns_played,
                                               total=st.game.length)
    label = f"{cap.name}:"
    size = sfont.get_height()
    pips_w = (sfont.size(label)[0] + m.gap * 3 + cap.max * (size + max(3, size // 3))
              + bfont.size(str(st.capital))[0])
    short = t("board.capital_of", name=cap.name, n=st.capital, max=cap.max)
    after_turn = r.right + m.gap * 2 + sfont.size(turn_text)[0] + m.pad * 2
    # Pips when they fit, else the number; the turn count goes first when space is short.
    if after_turn + pips_w < limit or after_turn + bfont.size(short)[0] < limit:
        if turn_text:
            draw.text(surface, sfont, turn_text,
                      (r.right + m.gap * 2, bar.centery - sfont.get_linesize() // 2),
                      th.color("muted"))
        x = after_turn
    else:
        x = r.right + m.pad * 2
    if x + pips_w < limit and cap.max <= 12:
        r2 = draw.text(surface, sfont, label, (x, bar.centery - sfont.get_linesize() // 2),
                       th.color("muted"))
        pw = draw.pips(surface, th, (r2.right + m.gap, bar.centery - size // 2), st.capital,
                       cap.max, size)
        draw.text(surface, bfont, f"{st.capital}",
                  (r2.right + m.gap * 2 + pw, bar.centery - bfont.get_linesize() // 2),
                  th.color("accent"))
    elif limit - x > bfont.size("0/0")[0]:
        # The name and the amount, or the amount alone when the name would be cut.
        if bfont.size(short)[0] > limit - x:
            short = f"{st.capital}/{cap.max}"
        draw.text(surface, bfont, short, (x, bar.centery - bfont.get_linesize() // 2),
                  th.color("accent"), max(limit - x, 10))
    # The calendar: every turn of the scenario; those this game does not play are dimmed.
    cal = board.rects["calendar"]
    if cal.height:
        clock = st.game.clock
        names = [s.turn_short(i) for i in range(1, clock.turns + 1)]
        marks = {turn: found[0].name for turn, found in s.milestones().items()}
        draw.calendar(surface, th, cal, names, st.turn, marks, th.font(m.small, bold=True),
                      over=st.is_over, played=(s.first_turn, s.last_turn))
    paint_left(board, surface)
    paint_center(board, surface)
    if board.rects["right"].width:
        paint_right(board, surface)
    else:
        board.draw_backdrops(surface)


def paint_left(board: BoardScene, surface: pygame.Surface) -> None:
    """The left column: tracks as meters, relations as bars (or a grid), dangers marked."""
    th = board.theme
    m = board.m
    s = board.s
    rs = s.ruleset
    box = board.rects["left"]
    panel(surface, board, box)
    lay = left_layout(board)
    font = th.font(lay.size)
    bold = th.font(lay.size, bold=True)
    hfont = th.font(m.small, bold=True)
    rows = left_rows(board)
    tracks = [(k, r) for k, r in rows if not k.startswith("rel.")]
    rels = [(k, r) for k, r in rows if k.startswith("rel.")]
    words = s.scenario.words
    if tracks:
        draw.text(surface, hfont, words.side.upper(),
                  (box.x + m.pad, tracks[0][1].y - lay.head + 2), th.color("accent"),
                  box.width - 2 * m.pad)
    if rels:
        draw.text(surface, hfont, words.relations.upper(),
                  (box.x + m.pad, rels[0][1].y - lay.head + 2), th.color("accent"),
                  box.width - 2 * m.pad)
    val_w = bold.size(f"{MINUS}100")[0] + m.gap
    lh = font.get_linesize()
    name_w = lay.name_w
    for key, r in tracks:
        tr = rs.tracks[key]
        v = s.state.value(key)
        below = tr.danger.below if tr.danger else None
        above = tr.danger.above if tr.danger else None
        danger = (below is not None and v <= below) or (above is not None and v >= above)
        mh = max(m.px(12), lh // 3)
        if lay.stacked:
            ty = r.y
            mh = min(mh, max(m.px(8), r.height - lh - m.px(4)))
            draw.text(surface, font, tr.name, (r.x, ty), th.color("text"), r.width - val_w)
            meter = pygame.Rect(r.x, ty + lh, r.width, mh)
        else:
            ty = r.y + (r.height - lh) // 2
            draw.text(surface, font, tr.name, (r.x, ty), th.color("text"), name_w - m.gap)
            meter = pygame.Rect(r.x + name_w, r.centery - mh // 2, r.width - name_w - val_w,
                                mh)
        draw.meter(surface, th, meter, v, tr.min, tr.max, below, above)
        vr = draw.text(surface, bold, str(v), (r.right, ty),
                       th.color("bad") if danger else th.color("text"), align="right")
        if danger:
            draw.icon(surface, "warning", pygame.Rect(vr.x - lh, vr.y, lh, lh),
                      th.color("bad"), th.color("panel"))
    series = th.series
    for i, (key, r) in enumerate(rels):
        a = rs.actors[key[4:]]
        v = s.state.value(key)
        rel = a.relation
        below = rel.danger.below if rel.danger else None
        above = rel.danger.above if rel.danger else None
        danger = (below is not None and v <= below) or (above is not None and v >= above)
        color = pygame.Color(a.color) if a.color and not th.high_contrast \
            else series[i % len(series)]
        ty = r.y + (r.height - lh) // 2
        if lay.grid:
            # A chip: the short name in the actor's colour, the value beside it.
            pygame.draw.rect(surface, th.color("panel_alt"), r, border_radius=m.px(6))
            pygame.draw.rect(surface, th.color("bad") if danger else th.color("border"), r,
                             width=max(1, m.px(2)), border_radius=m.px(6))
            pygame.draw.rect(surface, color, (r.x, r.y, max(3, m.px(5)), r.height),
                             border_top_left_radius=m.px(6), border_bottom_left_radius=m.px(6))
            draw.text(surface, bold, a.short or a.name, (r.x + m.px(10), ty), th.color("text"),
                      r.width - val_w - m.px(10))
            draw.text(surface, bold, signed(v), (r.right - m.px(6), ty),
                      th.color("bad") if danger else th.color("text"), align="right")
            continue
        name = actor_name(board, a, name_w - m.gap, font)
        draw.text(surface, font, name, (r.x, ty), th.color("text"), name_w - m.gap)
        bh = max(m.px(12), lh // 3)
        bar = pygame.Rect(r.x + name_w, r.centery - bh // 2, r.width - name_w - val_w, bh)
        draw.relation_bar(surface, th, bar, v, rel.min, rel.max, color, below, above)
        vr = draw.text(surface, bold, signed(v), (r.right, ty),
                       th.color("bad") if danger else th.color("text"), align="right")
        if danger:
            draw.icon(surface, "warning", pygame.Rect(vr.x - lh, vr.y, lh, lh),
                      th.color("bad"), th.color("panel"))


def paint_center(board: BoardScene, surface: pygame.Surface) -> None:
    """The centre's header: the card's icon, kicker and title (and a vote's total)."""
    th = board.theme
    m = board.m
    box = board.rects["center"]
    panel(surface, board, box, alt=True)
    _, kicker, rows = board.header
    size = m.line(m.heading) * 2
    ic = pygame.Rect(box.x + m.pad, box.y + m.pad, size, size)
    draw.icon(surface, board.icon, ic, th.color("background"), th.color("accent"))
    x = ic.right + m.pad
    y = box.y + m.pad
    sfont = th.font(m.small)
    parts = kicker.split(DOT)
    room = board.header_width
    while len(parts) > 1 and sfont.size(DOT.join(parts))[0] > room:
        parts.pop()
    draw.text(surface, sfont, DOT.join(parts), (x, y), th.color("muted"), room)
    y += m.line(m.small)
    tfont = th.font(m.heading, bold=True)
    for row in rows:
        draw.text(surface, tfont, row, (x, y), th.color("text"), room)
        y += m.line(m.heading)
    total = board.rects.get("total")
    if total is not None:
        ballot = shown_ballot(board)
        if ballot is not None:
            draw.text(surface, th.font(m.heading, bold=True),
                      tn("vote.total", ballot.box.total),
                      (total.centerx, total.centery - m.line(m.heading) // 2),
                      th.color("accent"), total.width, align="center")


def paint_right(board: BoardScene, surface: pygame.Surface) -> None:
    """The right column: this turn's queue of cards and the log's heading."""
    th = board.theme
    m = board.m
    box = board.rects["right"]
    panel(surface, board, box)
    board.draw_backdrops(surface)
    q = board.rects["queue"]
    sfont = th.font(m.small)
    bfont = th.font(m.small, bold=True)
    lh = m.line(m.small)
    draw.text(surface, bfont, board.tw("board.queue_head"), (q.x, q.y), th.color("accent"),
              q.width)
    y = q.y + lh
    ind = lh
    for state, text in queue_lines(board):
        if y + lh > box.bottom - m.pad // 2:
            break
        cy = y + lh // 2
        if state == "done":
            draw.tick(surface, (q.x + ind // 2, cy), lh // 4, th.color("good"))
            draw.text(surface, sfont, text, (q.x + ind, y), th.color("muted"), q.width - ind)
        elif state == "now":
            r = lh // 4
            pygame.draw.polygon(surface, th.color("accent"),
                                [(q.x + ind // 2 - r, cy - r), (q.x + ind // 2 + r, cy),
                                 (q.x + ind // 2 - r, cy + r)])
            draw.text(surface, bfont, text, (q.x + ind, y), th.color("text"), q.width - ind)
        elif state == "mark":
            draw.flag(surface, (q.x + ind // 4, cy - lh // 3), lh * 2 // 3, th.color("accent"))
            draw.text(surface, sfont, text, (q.x + ind, y), th.color("accent"), q.width - ind)
        else:
            pygame.draw.circle(surface, th.color("muted"), (q.x + ind // 2, cy),
                               max(2, lh // 10))
            draw.text(surface, sfont, text, (q.x + ind, y), th.color("text"), q.width - ind)
        y += lh
    lr = board.rects["log_head"]
    if lr.width <= 0:
        return
    head = t("board.log_head")
    draw.text(surface, bfont, head, (lr.x, lr.y), th.color("accent"))
    mods = board.s.state.active_modifiers
    if mods:
        text = t("board.in_force", what="; ".join(f"{name} ({left})"
                                                 for _, name, left in mods))
        hw = bfont.size(head)[0] + m.gap * 2
        draw.text(surface, sfont, text, (lr.x + hw, lr.y), th.color("muted"), lr.width - hw)


def paint_clock(board: BoardScene, surface: pygame.Surface, rect: pygame.Rect) -> None:
    """The countdown, large; 'voting closed' when it is over."""
    ballot = shown_ballot(board)
    if ballot is None:
        return
    th = board.theme
    m = board.m
    cd = ballot.countdown
    panel(surface, board, rect)
    sfont = th.font(m.small, bold=True)
    # As large as the header allows: the class reads it from the back of the room.
    size = max(m.small, min(m.title * 2, round((rect.height - m.line(m.small)) / 1.1)))
    big = th.font(size, bold=True)
    if cd.over():
        head, color, value = t("vote.closed"), th.color("bad"), clock_text(0)
    elif cd.paused:
        head, color, value = t("vote.paused"), th.color("muted"), clock_text(cd.shown())
    else:
        urgent = cd.shown() <= 10
        head = t("vote.time_left")
        color = th.color("bad" if urgent else "text")
        value = clock_text(cd.shown())
    draw.text(surface, sfont, head, (rect.centerx, rect.y + m.px(4)), th.color("accent"),
              rect.width - m.gap, align="center")
    draw.text(surface, big, value, (rect.centerx, rect.y + m.line(m.small) - size // 8),
              color, rect.width - m.gap, align="center")


def paint_marks(board: BoardScene, surface: pygame.Surface) -> None:
    """Over the painted board, each frame: the values the hovered or focused option
    moves (direct and knock-on), and the values the last decision moved, lit up."""
    th = board.theme
    m = board.m
    rows = board.rows
    lh = th.font(m.small).get_linesize()
    for touch in board.touching:
        r = rows.get(touch.target)
        if r is None:
            continue
        color = th.color("good" if touch.sign > 0 else "bad" if touch.sign < 0 else "accent")
        w = max(2, m.px(3))
        if touch.knock_on:
            pygame.draw.rect(surface, color, r.inflate(m.px(8), 0), width=max(1, w - 1),
                             border_radius=m.px(6))
        else:
            pygame.draw.rect(surface, color, r.inflate(m.px(8), 0), width=w,
                             border_radius=m.px(6))
        mark = pygame.Rect(r.x - m.pad + m.px(2), r.centery - lh // 3, m.pad - m.px(4),
                           lh * 2 // 3)
        draw.direction(surface, mark, touch.sign, color, th.font(m.small, bold=True),
                       hollow=touch.knock_on)
    left = board.flash_left()
    if not left:
        return
    font = th.font(m.small, bold=True)
    for target, delta in board.flash:
        r = rows.get(target)
        if r is None:
            continue
        color = pygame.Color(th.color("good" if delta > 0 else "bad"))
        glow = pygame.Surface(r.inflate(m.px(8), m.px(2)).size, pygame.SRCALPHA)
        glow.fill((color.r, color.g, color.b, round(90 * left)))
        surface.blit(glow, r.inflate(m.px(8), m.px(2)).topleft)
        pygame.draw.rect(surface, color, r.inflate(m.px(8), m.px(2)), width=max(2, m.px(3)),
                         border_radius=m.px(6))
        chip_text = signed(delta)
        tw_, th_ = font.size(chip_text)
        chip = pygame.Rect(0, 0, tw_ + m.px(12), th_ + m.px(2))
        chip.midright = (r.right - font.size("+100")[0] - m.px(14), r.centery)
        pygame.draw.rect(surface, color, chip, border_radius=chip.height // 2)
        draw.text(surface, font, chip_text, (chip.centerx, chip.y + m.px(1)),
                  th.color("background"), align="center")
