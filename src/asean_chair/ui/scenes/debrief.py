"""The end of the game (or of a lesson ended early), on pages that never reflow.

The first page fits one screen: the result and the verdict, how the score
was built (each value's share, and the rank thresholds), the three biggest
swings, and, only where the pack has history, the comparison with what
really happened. Then a page with the chart of every track and relation
over the turns, then the decisions: what really happened and the
what-ifs of this game apart (or simply the decisions, for a pack without
history).

Pages are laid out for the window, never for a message: a note (the
debrief page saved, the team's result file) has a line of its own, so
saving keeps the reader on the same page and the same lines.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

import pygame

from ...bots import history_baseline
from ...expr import ExprError, compile_expr
from ...rules.history import reality, uses_history
from .. import draw
from ..i18n import language, t
from ..layout import row
from ..scene import Scene, esc
from ..session import Session, signed
from ..vote import letter
from .common import screen_title

if TYPE_CHECKING:
    from ..context import SceneContext

_TAG = re.compile(r"<[^>]+>")
#: Between the two columns of a page of decisions.
_COLUMN = "\x00"
_NAME = re.compile(r"\b[a-z_][a-z0-9_]*(?:\.[a-z0-9_]+)?\b")
#: The parts of the screen that are built again on their own.
PAGE, NOTE = 1, 2


def split_terms(source: str) -> list[tuple[int, str]]:
    """A sum split into its terms, each with its sign: ``a + min(b, 2) - c / 2`` ->
    ``[(1, 'a'), (1, 'min(b, 2)'), (-1, 'c / 2')]`` (only at the outer level)."""
    terms: list[tuple[int, str]] = []
    depth = 0
    sign = 1
    start = 0
    text = " ".join(source.split())
    for i, ch in enumerate(text):
        if ch == "(":
            depth += 1
        elif ch == ")":
            depth -= 1
        elif ch in "+-" and depth == 0 and text[:i].strip() \
                and text[:i].rstrip()[-1] not in "*/+-(,":
            terms.append((sign, text[start:i].strip()))
            sign = 1 if ch == "+" else -1
            start = i + 1
    terms.append((sign, text[start:].strip()))
    return [(sg, term) for sg, term in terms if term]


class DebriefScene(Scene):
    """The debrief after the last turn, a defeat, or a lesson ended early."""

    name = "debrief"

    def __init__(self, app: SceneContext) -> None:
        super().__init__(app)
        self.relations = False
        self.page = 0
        self.pages: list[str] = []
        self.note = ""
        self.result_note = ""
        s = self.s
        rs = s.ruleset
        #: Whether the packs tell history from invention (else no history is shown).
        self.history = uses_history(rs.cards.values())
        try:
            self.baseline = history_baseline(s.state) if s.state.is_over and any(
                c.historical_option for c in rs.cards.values()) else None
        except Exception:  # noqa: BLE001 - a bot failing must not take the debrief with it
            self.baseline = None
        self.swings = self._swings()
        if s.team is not None and s.state.is_over:
            try:
                path = s.save_team_result()
                self.result_note = t("debrief.team_saved", team=s.team.name, path=str(path))
            except OSError as exc:
                self.result_note = t("debrief.team_failed", why=exc.strerror or exc)

    @property
    def s(self) -> Session:
        assert self.app.session is not None
        return self.app.session

    # ------------------------------------------------------------ layout

    def build(self) -> None:
        m = self.m
        s = self.s
        st = s.state
        r = st.result
        w, h = self.app.screen.get_size()
        if r is None:
            title = t("debrief.ended_title", month=s.turn_name())
            sub = self.tw("debrief.ended_sub", n=st.turns_played, total=st.game.length,
                          score=f"{st.score:.0f}")
        else:
            title = (t("debrief.defeat") + " " if r.defeat else "") + r.title
            sub = t("debrief.rank", rank=r.tier_name, score=f"{r.score:.0f}")
        y = screen_title(self, title, sub)
        bh = m.button_h
        x = m.pad * 2
        width = w - 4 * m.pad
        buttons_y = h - m.pad * 2 - bh
        # A line kept for notes whether or not there is one: pages never reflow.
        note_h = m.line(m.small) + m.px(6)
        self.note_rect = pygame.Rect(x, buttons_y - m.gap - note_h, width, note_h)
        self.content = pygame.Rect(x, y, width, self.note_rect.y - m.gap - y)
        self.pages = ["summary", "chart", *self._choice_pages()]
        self.page = min(self.page, len(self.pages) - 1)
        nav_w = min(round(width * 0.36), m.px(470))
        nav = row(pygame.Rect(x + width - nav_w, buttons_y, nav_w, bh), 3, m.gap)
        self.button(nav[0], t("debrief.prev"), lambda: self.turn_page(-1), key="prev",
                    enabled=self.page > 0, cls="@small")
        self.label(nav[1], t("debrief.page", n=self.page + 1, total=len(self.pages)),
                   cls="@muted")
        self.button(nav[2], t("debrief.next"), lambda: self.turn_page(1), key="next",
                    enabled=self.page < len(self.pages) - 1, cls="@small")
        self._buttons(x, buttons_y, width - nav_w - m.gap * 2)
        self.begin_part(PAGE)
        self.build_page()
        self.begin_part(NOTE)
        self.build_note()
        self.begin_part(0)
        self.default_key = "back" if not st.is_over else "next"

    def build_page(self) -> None:
        """The page on screen."""
        kind = self.pages[self.page]
        self.chart_rect = pygame.Rect(0, 0, 0, 0)
        if kind == "summary":
            self._summary()
        elif kind == "chart":
            self._chart_page()
        else:
            # Two columns of decisions a page.
            halves = row(self.content, 2, self.m.pad)
            for i, text in enumerate(kind.split(_COLUMN)):
                box = self.textbox(halves[i], text, cls="@story")
                self.reader(box, f"story{i}")

    def build_note(self) -> None:
        """The line of notes (saved files, a team's result)."""
        notes = [n for n in (self.result_note, self.note) if n]
        if notes:
            self.textbox(self.note_rect, esc("  ·  ".join(notes)), cls="@small")

    def _buttons(self, x: int, y: int, width: int) -> None:
        m = self.m
        bh = m.button_h
        over = self.s.state.is_over
        labels: list[tuple[str, Callable[[], None], str]] = [
            (t("debrief.save_html"), self.save_html, "html"),
            (t("debrief.save_record"), self.save, "save")]
        if over:
            labels.append((t("debrief.again"), self.again, "again"))
        else:
            labels.insert(0, (t("debrief.back"), self.app.pop, "back"))
        labels.append((t("debrief.title"), self.title, "title"))
        cls = None
        font = self.theme.font(m.body)
        gap = m.gap * 2
        widths = [font.size(text)[0] + m.px(40) for text, _, _ in labels]
        if sum(widths) + gap * (len(labels) - 1) > width:
            # Too wide in one row at body size: share the row, in smaller type.
            cls = "@small"
            small = self.theme.font(m.small)
            widths = [small.size(text)[0] + m.px(24) for text, _, _ in labels]
            spare = max(width - sum(widths) - gap * (len(labels) - 1), 0) // len(labels)
            widths = [w + spare for w in widths]
        bx = x
        for bw, (text, action, key) in zip(widths, labels, strict=True):
            self.button(pygame.Rect(bx, y, bw, bh), text, action, key=key, cls=cls,
                        tooltip=esc(t(f"debrief.{key}_tip")))
            bx += bw + gap

    # ------------------------------------------------------------ summary

    def _head(self, key: str) -> str:
        return f"<font color='{self.theme.hex('accent')}'><b>{esc(self.tw(key))}</b></font>"

    def _summary(self) -> None:
        m = self.m
        c = self.content
        widths = [round((c.width - 2 * m.pad) * f) for f in (0.355, 0.29)]
        widths.append(c.width - 2 * m.pad - sum(widths))
        cols = [pygame.Rect(c.x, c.y, widths[0], c.height),
                pygame.Rect(c.x + widths[0] + m.pad, c.y, widths[1], c.height),
                pygame.Rect(c.right - widths[2], c.y, widths[2], c.height)]
        for i, (html_text, key) in enumerate(((self._result_html(), "result"),
                                              (self._score_html(), "score"),
                                              (self._swings_html(), "swings"))):
            box = self.textbox(cols[i], html_text, cls="@summary")
            self.reader(box, key)

    def _result_html(self) -> str:
        s = self.s
        st = s.state
        r = st.result
        parts = [self._head("debrief.result_head")]
        if r is not None:
            parts.append(esc(r.text) + "".join(f"<br>\u2022 {esc(v)}" for v in r.verdict))
        else:
            parts.append(esc(t("debrief.ended_text")))
        return "<br>".join(parts)

    def _ranks_html(self) -> str:
        """The rank thresholds on one line, the player's rank in bold."""
        s = self.s
        r = s.state.result
        tiers = list(s.scenario.tiers)
        mine = r.tier_name if r is not None else None
        bits = []
        for i, tier in enumerate(tiers):
            line = t("debrief.rank_line", rank=tier.name, min=f"{tier.min_score:g}") \
                if i < len(tiers) - 1 else t("debrief.rank_last", rank=tier.name)
            bits.append(f"<b>{esc(line)} {esc(t('debrief.you_are_here'))}</b>"
                        if tier.name == mine else esc(line))
        return self._head("debrief.ranks_head") + "<br>" + "  \u00b7  ".join(bits)

    def score_lines(self) -> list[tuple[str, float]]:
        """How the score was built: (what counts, its points), one line per value (terms
        of the scenario's score that read the same values are added up)."""
        s = self.s
        v = s.state.v
        names = set(v)
        groups: dict[tuple[str, ...], list[Any]] = {}
        for sign, term in split_terms(str(s.scenario.score)):
            used = tuple(sorted({n for n in _NAME.findall(term) if n in names}))
            try:
                value = sign * float(compile_expr(term, names)(v))
            except (ExprError, ArithmeticError, TypeError, ValueError):
                continue
            hidden = any(n in s.ruleset.tracks and not s.shown(n) for n in used)
            key = ("?",) if hidden else used
            if key in groups:
                groups[key][1] += value
                continue
            if hidden:
                label = t("debrief.hidden_part")
            elif len(used) == 1:
                label = f"{s.label(used[0])} ({int(v[used[0]])})"
            else:
                label = _NAME.sub(lambda mm: s.label(mm.group(0), short=True)
                                  if mm.group(0) in names else mm.group(0), term)
            groups[key] = [label, value]
        return [(label, value) for label, value in groups.values()]

    def _score_html(self) -> str:
        st = self.s.state
        score = st.result.score if st.result is not None else st.score
        parts = [self._head("debrief.score_head")]
        good, bad = self.theme.hex("good"), self.theme.hex("bad")
        for label, value in self.score_lines():
            points = round(value)
            color = good if points > 0 else bad if points < 0 else self.theme.hex("muted")
            parts.append(f"<font color='{color}'><b>{signed(points)}</b></font> {esc(label)}")
        parts.append(f"<b>{esc(t('debrief.score_total', score=f'{score:.0f}'))}</b>")
        return "<br>".join(parts)

    def _swings(self) -> list[Any]:
        """The three largest swings of one value within one turn (as the printed debrief)."""
        from ...engine.saves import save_record
        from ...reports.story import tell

        s = self.s
        try:
            record = save_record(s.state, "debrief", s.record_extra())
            return [sw for sw in tell(s.ruleset, record, language()).swings if s.shown(sw.target)]
        except Exception:  # noqa: BLE001 - the debrief shows what it can
            return []

    def _swings_html(self) -> str:
        s = self.s
        good, bad = self.theme.hex("good"), self.theme.hex("bad")
        parts = [self._ranks_html(), "<br>" + self._head("debrief.swings_head")]
        for sw in self.swings[:3]:
            delta = sw.after - sw.before
            color = good if delta > 0 else bad
            line = (f"<font color='{color}'><b>{signed(delta)}</b></font> "
                    + esc(t("debrief.swing", label=s.label(sw.target), before=sw.before,
                            after=sw.after, turn=s.turn_name(sw.turn, year=False))))
            if sw.causes:
                label, change, _ = sw.causes[0]
                title, sep, _ = label.partition(": ")
                if sep and any(c.title == title for c in s.ruleset.cards.values()):
                    label = title  # a card's title, without the option's long label
                line += " " + esc(t("debrief.swing_cause", cause=label, delta=signed(change)))
            parts.append(line)
        if not self.swings:
            parts.append(esc(t("debrief.no_swings")))
        rows = [c for c in s.choice_rows() if c.history is not None]
        if self.history and (rows or self.baseline is not None):
            parts.append("<br>" + self._head("debrief.history_head"))
            if rows:
                same = sum(c.same for c in rows)
                parts.append(esc(t("debrief.same_count", same=same, n=len(rows))))
            if self.baseline is not None:
                parts.append(t("debrief.baseline", score=f"<b>{self.baseline:.0f}</b>"))
        return "<br>".join(parts)

    # -------------------------------------------------------------- pages

    def _choice_pages(self) -> list[str]:
        half = (self.content.width - self.m.pad) // 2
        columns = self._paginate(self._story_blocks(), half, self.content.height)
        return [_COLUMN.join(columns[i:i + 2]) for i in range(0, len(columns), 2)]

    def _story_blocks(self) -> list[str]:
        """The decisions in pieces never split across pages: what really happened
        and the what-ifs apart (just the decisions for a pack without history)."""
        s = self.s
        rs = s.ruleset
        good, bad, muted = self.theme.hex("good"), self.theme.hex("bad"), self.theme.hex("muted")
        votes = {(v["turn"], v["card"]): v for v in s.votes}
        every = s.choice_rows()
        made = list(s.state.choices_made)
        real_blocks: list[str] = []
        invented_blocks: list[str] = []
        for i, c in enumerate(every):
            turn, card_id = (made[i][0], made[i][1]) if i < len(made) else (0, "")
            card = rs.cards.get(card_id)
            vote = votes.get((turn, card_id))
            part = [f"<b>{esc(c.month)}: {esc(c.card)}</b>",
                    f"<br>{esc(t('debrief.you', choice=c.yours))}"]
            if vote is not None:
                part.append("<br>" + self._vote_html(card_id, vote))
            found = _reality(rs, card) if card is not None and self.history else None
            if found == "real" and c.history is not None:
                mark = (f"<font color='{good}'>{esc(t('debrief.same'))}</font>" if c.same
                        else f"<font color='{bad}'>{esc(t('debrief.different'))}</font>")
                part.append(f"<br>{esc(t('debrief.real', choice=c.history))} {mark}")
            if found == "real" and c.note:
                # The first sentence; the printable debrief has the whole story.
                first = c.note.split(". ")[0].rstrip(".") + "."
                part.append(f"<br><font color='{muted}'><i>{esc(first)}</i></font>")
            (invented_blocks if found == "invented" else real_blocks).append("".join(part))
        blocks: list[str] = []
        if self.history:
            if real_blocks:
                blocks.append(self._head("debrief.choices_head"))
                blocks.extend(real_blocks)
            if invented_blocks:
                blocks.append(self._head("debrief.whatifs_head"))
                blocks.extend(invented_blocks)
        elif real_blocks:
            blocks.append(self._head("debrief.decisions_head"))
            blocks.extend(real_blocks)
        return blocks

    def _vote_html(self, card_id: str, vote: dict[str, Any]) -> str:
        card = self.s.ruleset.cards.get(card_id)
        order = [o.id for o in card.options] if card is not None else list(vote["tallies"])
        bits = [f"{letter(order.index(o)) if o in order else o} {n}"
                for o, n in vote["tallies"].items()]
        text = t("debrief.class_vote", votes=" \u00b7 ".join(bits))
        if vote.get("tie_broken"):
            text += " " + t("debrief.tie_broken")
        return esc(text)

    def _paginate(self, blocks: list[str], width: int, height: int) -> list[str]:
        """The blocks' lines gathered into pages that fit ``height`` (estimated with
        the same font); a block's first two lines never end a page alone."""
        m = self.m
        font = self.theme.font(m.small)
        # pygame_gui's rows, with the theme's line spacing, come out at about this height.
        line = round(font.get_linesize() * 1.18)
        room = max(height - m.px(16) - line, line * 3)  # a line spare: wraps may differ

        def lines_of(piece: str) -> int:
            text = html.unescape(_TAG.sub("", piece))
            return max(1, len(draw.wrap(font, text, width - m.px(48))))

        pages: list[list[str]] = [[]]
        used = 0
        for block in blocks:
            parts = block.split("<br>")
            head = sum(lines_of(p) for p in parts[:2]) * line
            if pages[-1]:
                if used + line + head > room:
                    pages.append([])
                    used = 0
                else:
                    pages[-1].append("")
                    used += line
            for part in parts:
                h = lines_of(part) * line
                if pages[-1] and used + h > room:
                    pages.append([])
                    used = 0
                pages[-1].append(part)
                used += h
        return ["<br>".join(p) for p in pages if p]

    # ------------------------------------------------------------- chart

    def _chart_page(self) -> None:
        m = self.m
        bh = m.button_h
        c = self.content
        tabs = row(pygame.Rect(c.x, c.y, min(c.width, m.px(520)), bh), 2, m.gap)
        self.button(tabs[0], t("debrief.tracks"), lambda: self.show(False), key="tracks",
                    selected=not self.relations)
        self.button(tabs[1], self.s.scenario.words.relations, lambda: self.show(True),
                    key="relations", selected=self.relations)
        self.chart_rect = pygame.Rect(c.x, c.y + bh + m.gap, c.width, c.height - bh - m.gap)
        self.chart = self._chart()

    def draw(self, surface: pygame.Surface) -> None:
        super().draw(surface)
        if self.chart_rect.width:
            draw.line_chart(surface, self.theme, self.chart_rect, *self.chart,
                            self.theme.font(self.m.small))

    def _chart(self) -> tuple[list[tuple[str, list[int], pygame.Color]], list[str], int, int]:
        """The chart's lines, turn labels and value range (computed once per build)."""
        s = self.s
        th = self.theme
        targets = [tg for tg in s.chart_targets(self.relations) if s.shown(tg)]
        data = s.series(targets)
        rs = s.ruleset
        colors = th.series
        series = []
        for i, target in enumerate(targets):
            if target not in data:
                continue
            color = colors[i % len(colors)]
            if target.startswith("rel.") and not th.high_contrast:
                a = rs.actors[target[4:]]
                if a.color:
                    color = pygame.Color(a.color)
            series.append((s.label(target, short=True), data[target], color))
        n = max((len(v) for _, v, _ in series), default=1)
        first = s.first_turn
        labels = [t("debrief.start")] + [s.turn_short(first + i - 1) for i in range(1, n)]
        if self.relations:
            lo = min([a.relation.min for a in rs.actors.values()] or [-100])
            hi = max([a.relation.max for a in rs.actors.values()] or [100])
        else:
            tracks = [rs.tracks[tg] for tg in targets]
            lo = min([tr.min for tr in tracks] or [0])
            hi = max([tr.max for tr in tracks] or [100])
        return series, labels, lo, hi

    # ----------------------------------------------------------- actions

    def show(self, relations: bool) -> None:
        self.relations = relations
        self.rebuild()

    def turn_page(self, step: int) -> None:
        page = max(0, min(self.page + step, len(self.pages) - 1))
        if page != self.page:
            self.page = page
            self.rebuild()

    def _set_note(self, text: str) -> None:
        self.note = text
        self.rebuild_part(NOTE, self.build_note)

    def save(self) -> None:
        try:
            path = self.s.save_as(label="record")
            self._set_note(t("debrief.saved", path=str(path)))
        except OSError as exc:
            self._set_note(t("debrief.save_failed", why=exc.strerror or exc))

    def save_html(self) -> None:
        """Write the printable page; say so while it is written; stay on the same page."""
        from ...common.outputs import OutputError

        self._set_note(t("debrief.saving"))
        self.app.render()
        try:
            path = self.s.save_debrief()
            self._set_note(t("debrief.html_saved", path=str(path)))
        except OutputError as exc:
            self._set_note(t("debrief.save_failed", why=str(exc)))
        except OSError as exc:
            self._set_note(t("debrief.save_failed", why=exc.strerror or exc))

    def again(self) -> None:
        from .title import NewGameScene, TitleScene

        self.app.reset(TitleScene(self.app))
        self.app.push(NewGameScene(self.app))

    def title(self) -> None:
        from .title import TitleScene

        self.app.reset(TitleScene(self.app))

    def on_escape(self) -> None:
        from .menu import MenuScene

        if not self.s.state.is_over:
            self.app.pop()
            return
        self.app.push(MenuScene(self.app))

    def on_key(self, event: pygame.event.Event) -> bool:
        if event.key == pygame.K_PAGEDOWN:
            self.turn_page(1)
            return True
        if event.key == pygame.K_PAGEUP:
            self.turn_page(-1)
            return True
        return False


def _reality(rs: Any, card: Any) -> str | None:
    try:
        return reality(rs, card)
    except (KeyError, ValueError):
        return None
