"""The title screen, the new-game screen and the load screen."""

from __future__ import annotations

import math
from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

import pygame
import pygame_gui

from ...common.userdata import autosave_path
from ...engine.saves import SaveError, read_record
from ..i18n import t
from ..layout import Column, row
from ..packs import PackChoice, ScenarioChoice, describe_packs, pack_folders
from ..scene import Scene, esc
from ..scrolling import Scroller, selected_text
from .common import panel, screen_title

if TYPE_CHECKING:
    from ..context import SceneContext


class TitleScene(Scene):
    """New game, continue, load, settings, quit."""

    name = "title"

    def build(self) -> None:
        m = self.m
        w, h = self.app.screen.get_size()
        col_w = min(m.px(560), w // 2)
        x = max(m.pad * 3, w // 12)
        y = max(m.pad * 2, h // 9 - (m.px(30) if self.app.vote_mode else 0))
        from ..packs import loaded_rules

        rs = loaded_rules(self.app.pack_folders, self.app.language)
        # The game's name is the pack's: the window is the same for every theme.
        name = rs.main_pack.name if rs is not None else t("app.name")
        name_w = self.theme.font(m.huge, bold=True).size(name)[0] + m.px(16)
        self.wide_name = name_w > col_w
        # A long name gets the size of a screen title rather than being cut.
        big = name_w <= w - 2 * x
        self.label(pygame.Rect(x, y, max(col_w, min(name_w, w - 2 * x)), m.line(m.huge)), name,
                   obj="#game_title" if big else "#screen_title")
        y += m.line(m.huge)
        # The pack says what the game is about; the window knows no theme of its own.
        blurb = (rs.main_pack.description.strip() if rs is not None else "") \
            or t("title.blurb")
        if self.app.vote_mode:
            blurb = f"<b>{esc(t('title.vote_mode'))}</b><br>{esc(t('title.vote_help'))}"
        else:
            blurb = esc(blurb)
        tb = self.textbox(pygame.Rect(x, y, col_w, -1), blurb)
        col = Column(x, tb.rect.bottom + m.gap * 3, col_w, m.gap + m.px(4))
        bh = m.button_h + m.px(6)
        cont, why = self._continue_info()
        self.button(col.take(bh), t("title.new_game"), self.new_game, key="new", cls="@big")
        self.button(col.take(bh), t("title.continue_month", month=cont) if cont
                    else t("title.continue"), self.cont,
                    key="continue", cls="@big", enabled=bool(cont),
                    tooltip=esc(why or t("title.continue_tip")))
        self.button(col.take(bh), t("title.load"), self.load, key="load", cls="@big")
        half = row(col.take(bh), 2, m.gap)
        self.button(half[0], t("title.settings"), self.settings, key="settings", cls="@big")
        self.button(half[1], t("title.quit"), self.app.quit, key="quit", cls="@big")
        fh = m.line(m.small)
        keys = t("title.keys_vote") if self.app.vote_mode else t("title.keys")
        from .. import draw

        lines = len(draw.wrap(self.theme.font(m.small), keys, w - 2 * x - m.px(12)))
        height = lines * round(fh * 0.85) + m.px(8)
        self.textbox(pygame.Rect(x, h - height - m.pad, w - 2 * x, height), esc(keys),
                     cls="@muted")
        self.default_key = "continue" if cont else "new"
        self.art_center = (x + col_w + (w - x - col_w) // 2, h // 2)
        self.art_radius = min((w - x - col_w) // 2 - m.pad * 2, h // 3)
        if self.wide_name:  # the picture starts below the name
            top = y + m.line(m.huge) // 2
            self.art_radius = min(self.art_radius, (h - top) // 2 - m.pad)
            self.art_center = (self.art_center[0], top + (h - top) // 2)

    def _continue_info(self) -> tuple[str, str]:
        path = autosave_path()
        if not path.is_file():
            return "", t("title.no_autosave")
        try:
            rec = read_record(path)
        except SaveError as exc:
            return "", str(exc)
        from ..saves import saved_turn_name

        name = saved_turn_name(rec)
        if name:
            return name, ""
        turn = rec.get("turn")
        return (t("title.continue_turn_n", n=turn) if isinstance(turn, int)
                else t("title.autosave")), ""

    def draw(self, surface: pygame.Surface) -> None:
        super().draw(surface)
        if self.art_radius > 40:
            _emblem(surface, self, self.art_center, self.art_radius)

    def new_game(self) -> None:
        self.app.push(NewGameScene(self.app))

    def cont(self) -> None:
        self.app.continue_game()

    def load(self) -> None:
        self.app.push(LoadScene(self.app))

    def settings(self) -> None:
        from .settings import SettingsScene

        self.app.push(SettingsScene(self.app))

    def on_escape(self) -> None:
        pass


def _emblem(surface: pygame.Surface, scene: Scene, c: tuple[int, int], r: int) -> None:
    """Ten members around a table, drawn with circles: the title's picture."""
    th = scene.theme
    pygame.draw.circle(surface, th.color("panel"), c, r)
    pygame.draw.circle(surface, th.color("border"), c, r, max(2, r // 60))
    pygame.draw.circle(surface, th.color("panel_alt"), c, r * 11 // 20)
    pygame.draw.circle(surface, th.color("accent"), c, r * 11 // 20, max(3, r // 40))
    colors = th.series
    for i in range(10):
        a = -math.pi / 2 + i * 2 * math.pi / 10
        p = (c[0] + round(math.cos(a) * r * 0.78), c[1] + round(math.sin(a) * r * 0.78))
        seat = colors[i % len(colors)] if i else th.color("accent")
        pygame.draw.circle(surface, seat, p, max(6, r // 9))
        pygame.draw.circle(surface, th.color("background"), p, max(6, r // 9), max(2, r // 80))
    # The chair's gavel in the middle.
    g = r // 4
    pygame.draw.rect(surface, th.color("text"), (c[0] - g, c[1] - g // 2, g * 2, g // 2 + 2),
                     border_radius=4)
    pygame.draw.line(surface, th.color("text"), (c[0], c[1]), (c[0] + g // 2, c[1] + g),
                     max(3, g // 5))


class NewGameScene(Scene):
    """Scenario, lesson length, difficulty, seed, hints; or a class code and a team."""

    name = "new_game"

    def __init__(self, app: SceneContext) -> None:
        super().__init__(app)
        self.packs: list[PackChoice] = describe_packs(pack_folders(self.app.pack_folders),
                                                      self.app.language)
        self.choices: list[tuple[PackChoice, ScenarioChoice]] = [
            (p, sc) for p in self.packs for sc in p.scenarios]
        self.choice = 0
        self.preset: str | None = None
        self.difficulty: str | None = None
        self.exact = self.app.settings.exact_numbers
        self.seed_text = ""
        self.code_text = ""
        self.team_text = ""
        self.entries: dict[str, pygame_gui.elements.UITextEntryLine] = {}
        self.message = ""

    @property
    def scenario(self) -> ScenarioChoice | None:
        """The scenario chosen now."""
        return self.choices[self.choice][1] if self.choices else None

    def build(self) -> None:
        m = self.m
        w, h = self.app.screen.get_size()
        y = screen_title(self, t("new_game.title"), t("new_game.subtitle"))
        x = m.pad * 2
        full = w - m.pad * 4
        bh = m.button_h
        lh = m.line(m.heading)
        two = full > m.px(900)
        col_w = (full - m.pad * 2) // 2 if two else full
        box = None
        if two:
            # The choices scroll when they are taller than the window (huge text).
            box = Scroller(pygame.Rect(x, y, col_w, h - m.pad - y), self.ui,
                           allow_scroll_x=False)
            self.keep(box)
            left = Column(0, 0, col_w - m.px(20), m.gap)
        else:
            left = Column(x, y, col_w, m.gap)
        self._scenarios(left, lh, bh, box)
        if box is not None:
            box.set_scrollable_area_dimensions((left.width, max(left.y, 1)))
        right = Column(x + col_w + m.pad * 2, y, col_w, m.gap) if two else left
        if not two:
            left.skip(m.gap)
        self._seed(right, lh, bh)
        if not self.app.vote_mode:
            self._class(right, lh, bh)
        by = h - m.pad * 2 - bh
        if two:  # under the class code, clear of the Start button
            self._chosen(right, by - m.gap)
        # Start and Back under the right column, clear of the left one's choices.
        bx = right.x if two else x
        rects = row(pygame.Rect(bx, by, min(right.width if two else full, m.px(640)), bh), 2,
                    m.gap * 2)
        self.button(rects[0], t("new_game.start"), self.start, key="start",
                    enabled=bool(self.choices))
        self.button(rects[1], t("new_game.back"), self.app.pop, key="back")
        self.default_key = "start"

    def _choice_rows(self, col: Column, bh: int, items: list[tuple[str | None, str, str]],
                     chosen: str | None, on_pick: Callable[[str | None], None], key: str,
                     per_row: int, box: Scroller | None) -> None:
        """Rows of buttons, one per (id, name, description); the chosen one selected.

        Fewer to a row when a name would not fit its button."""
        font = self.theme.font(self.m.body)
        while per_row > 1:
            w = (col.width - self.m.gap * (per_row - 1)) // per_row - self.m.px(40)
            if all(font.size(name)[0] <= w for _, name, _ in items):
                break
            per_row -= 1
        for i in range(0, len(items), per_row):
            rects = row(col.take(bh), per_row, self.m.gap)
            for rect, (item_id, name, desc) in zip(rects, items[i:i + per_row], strict=False):
                self.button(rect, name, partial(on_pick, item_id),
                            key=f"{key}-{item_id or 'none'}", selected=item_id == chosen,
                            tooltip=esc(desc) if desc else None, container=box, scroll=box)

    def _scenarios(self, col: Column, lh: int, bh: int, box: Scroller | None) -> None:
        """The scenario, lesson length and difficulty; in ``box`` when there are two
        columns (else what the chosen ones change follows them here)."""
        m = self.m
        self.label(col.take(lh), t("new_game.scenario"), cls="@heading", container=box)
        per_row = 2 if col.width > m.px(700) else 1
        for i in range(0, len(self.choices), per_row):
            rects = row(col.take(bh), per_row, m.gap)
            for j, (p, sc) in enumerate(self.choices[i:i + per_row]):
                n = i + j
                self.button(rects[j], sc.name, partial(self.pick, n), key=f"scenario{n}",
                            tooltip=esc(f"{p.name}: {sc.description}" if sc.description
                                        else p.name),
                            selected=n == self.choice, cls="@option", container=box, scroll=box)
        if self.choices:
            p, sc = self.choices[self.choice]
            tb = self.textbox(col.take(-1, indent=m.px(4)),
                              esc(f"{p.name}. {sc.description}".strip()), cls="@muted",
                              container=box)
            col.placed(tb.relative_rect)
        for p in (p for p in self.packs if p.error):
            self.button(col.take(bh), t("new_game.broken", pack=p.folder.name, error=p.error),
                        partial(self.show_errors, p.folder), key=f"broken-{p.folder.name}",
                        container=box, scroll=box)
        chosen_sc = self.scenario
        if chosen_sc is None:
            return
        sc = chosen_sc
        if sc.presets:
            col.skip(m.gap)
            self.label(col.take(lh), t("new_game.length"), cls="@heading", container=box)
            items: list[tuple[str | None, str, str]] = []
            if sc.full_preset is None:
                items.append((None, t("new_game.full"), t("new_game.full_tip")))
            # A preset that changes nothing is the pack's own name for the full game.
            items += [(None if i == sc.full_preset else i, n, d) for i, n, d in sc.presets]
            self._choice_rows(col, bh, items, self.preset, self.set_preset, "preset", 2, box)
        if sc.difficulties:
            col.skip(m.gap)
            self.label(col.take(lh), t("new_game.difficulty"), cls="@heading", container=box)
            items = [(None, t("new_game.normal"), t("new_game.normal_tip"))]
            items += list(sc.difficulties)
            self._choice_rows(col, bh, items, self.difficulty, self.set_difficulty,
                              "difficulty", min(len(items), 3), box)
        if box is None:  # one column: what they change follows the choices
            self._chosen(col, None)

    def _chosen(self, col: Column, bottom: int | None) -> None:
        """What the chosen lesson length and difficulty change, in the packs' words;
        above ``bottom`` it scrolls when it is long."""
        sc = self.scenario
        if sc is None:
            return
        m = self.m
        chosen = [d for i, n, d in [*sc.presets, *sc.difficulties]
                  if i in (self.preset, self.difficulty) and d]
        if not chosen:
            return
        col.skip(m.gap)
        rect = col.take(-1, indent=m.px(4))
        tb = self.textbox(rect, esc(" ".join(chosen)), cls="@muted")
        if bottom is not None and tb.rect.bottom > bottom:
            # Made again at the height left: pygame_gui gives it a scroll bar.
            # With not even a line left it stays out (each button's tooltip
            # still says what it changes), rather than lie under Start.
            self.drop(tb)
            rect.height = bottom - tb.rect.y
            if rect.height < m.line(m.body):
                return
            tb = self.textbox(rect, esc(" ".join(chosen)), cls="@muted")
        col.placed(tb.rect)

    def _seed(self, col: Column, lh: int, bh: int) -> None:
        m = self.m
        self.label(col.take(lh), t("new_game.seed"), cls="@heading")
        r = col.take(bh)
        entry_w = min(m.px(220), r.width // 3)
        e = self.entry(pygame.Rect(r.x, r.y, entry_w, r.height), self.seed_text,
                       key="seed", placeholder=t("new_game.random"))
        e.set_allowed_characters("numbers")
        e.set_text_length_limit(9)
        self.entries["seed"] = e
        tb = self.textbox(pygame.Rect(r.x + entry_w + m.gap * 2, r.y,
                                      r.width - entry_w - m.gap * 2, -1),
                          esc(t("new_game.seed_help")), cls="@muted")
        col.y = max(col.y, tb.rect.bottom + m.gap)
        col.skip(m.gap)
        self.label(col.take(lh), t("new_game.hints"), cls="@heading")
        rects = row(col.take(bh), 2, m.gap)
        self.button(rects[0], t("new_game.exact"), lambda: self.set_exact(True),
                    key="exact", selected=self.exact, cls="@option",
                    tooltip=esc(t("new_game.exact_tip")))
        self.button(rects[1], t("new_game.directions"), lambda: self.set_exact(False),
                    key="hints", selected=not self.exact, cls="@option",
                    tooltip=esc(t("new_game.directions_tip")))

    def _class(self, col: Column, lh: int, bh: int) -> None:
        m = self.m
        col.skip(m.gap)
        self.label(col.take(lh), t("new_game.in_class"), cls="@heading")
        rects = row(col.take(bh), 2, m.gap)
        code = self.entry(rects[0], self.code_text, key="code",
                          placeholder=t("new_game.code_placeholder"))
        code.set_text_length_limit(24)
        team = self.entry(rects[1], self.team_text, key="team",
                          placeholder=t("new_game.team_placeholder"))
        team.set_text_length_limit(40)
        self.entries["code"] = code
        self.entries["team"] = team
        text = esc(t("new_game.class_help"))
        if self.message:
            text = f"<font color='{self.theme.hex('bad')}'><b>{esc(self.message)}</b></font>"
        tb = self.textbox(col.take(-1), text, cls="@muted")
        col.placed(tb.rect)

    # ------------------------------------------------------------ choices

    def _keep_text(self) -> None:
        for name, e in self.entries.items():
            setattr(self, f"{name}_text", e.get_text())

    def rebuild(self) -> None:
        self._keep_text()
        self.entries = {}
        super().rebuild()

    def sleep(self) -> None:
        self._keep_text()
        self.entries = {}
        super().sleep()

    def pick(self, n: int) -> None:
        self.choice = n
        self.preset = None
        self.difficulty = None
        self.rebuild()

    def set_preset(self, preset: str | None) -> None:
        self.preset = preset
        self.rebuild()

    def set_difficulty(self, difficulty: str | None) -> None:
        self.difficulty = difficulty
        self.rebuild()

    def set_exact(self, exact: bool) -> None:
        self.exact = exact
        self.rebuild()

    def show_errors(self, folder: Path) -> None:
        from ...rules import RulesError
        from ..packs import load_rules
        from .error import ErrorScene

        try:
            load_rules([folder])
        except RulesError as exc:
            self.app.push(ErrorScene(self.app, problems=[str(p) for p in exc.problems],
                                     in_game=True))

    def start(self) -> None:
        from ...classroom.codes import CodeError
        from ...rules import RulesError
        from .briefing import BriefingScene
        from .error import ErrorScene

        self._keep_text()
        code = self.code_text.strip()
        if code:
            team = self.team_text.strip()
            if not team:
                self.message = t("new_game.need_team")
                self.rebuild()
                self.focus.focus_key("team")
                return
            try:
                self.app.join_class(code, team)
            except CodeError as exc:
                text = str(exc)
                self.message = text[:1].upper() + text[1:]
                self.rebuild()
                self.focus.focus_key("code")
                return
            except RulesError as exc:
                self.app.push(ErrorScene(self.app, problems=[str(p) for p in exc.problems]))
                return
        else:
            text = self.seed_text.strip()
            seed = int(text) if text.isdigit() else None
            if not self.choices:
                return
            p, sc = self.choices[self.choice]
            if not self.app.new_game([p.folder], sc.id, seed, self.exact, preset=self.preset,
                                     difficulty=self.difficulty):
                return
        self.app.settings.exact_numbers = self.exact
        self.app.apply_settings()
        self.app.reset(TitleScene(self.app))
        self.app.push(BriefingScene(self.app, then_board=True))


class LoadScene(Scene):
    """A list of saved games."""

    name = "load"

    def __init__(self, app: SceneContext) -> None:
        super().__init__(app)
        from ..saves import list_saves

        self.saves = list_saves()
        self.by_text = {desc: path for path, desc in self.saves}
        self.list: pygame_gui.elements.UISelectionList | None = None

    def build(self) -> None:
        m = self.m
        w, h = self.app.screen.get_size()
        y = screen_title(self, t("load.title"), t("load.subtitle"))
        bh = m.button_h
        x = m.pad * 2
        width = min(w - 4 * m.pad, m.px(1000))
        bottom = h - m.pad * 2 - bh
        if self.saves:
            self.list = self.selection(pygame.Rect(x, y, width, bottom - y - m.gap * 2),
                                       [d for _, d in self.saves], key="saves",
                                       selected=self.saves[0][1], on_enter=self.load)
        else:
            self.textbox(pygame.Rect(x, y, width, -1), t("load.none"))
        rects = row(pygame.Rect(x, bottom, min(width, m.px(640)), bh), 2, m.gap * 2)
        self.button(rects[0], t("load.load"), self.load, key="load", enabled=bool(self.saves))
        self.button(rects[1], t("load.back"), self.app.pop, key="back")
        self.default_key = "saves" if self.saves else "back"

    def on_ui(self, event: pygame.event.Event) -> bool:
        if event.type == pygame_gui.UI_SELECTION_LIST_DOUBLE_CLICKED_SELECTION:
            self.load()
            return True
        return super().on_ui(event)

    def draw(self, surface: pygame.Surface) -> None:
        super().draw(surface)
        if self.list is not None:
            panel(surface, self, self.list.rect.inflate(self.m.px(4), self.m.px(4)))

    def load(self) -> None:
        if self.list is None:
            return
        text = selected_text(self.list)
        if text is None or text not in self.by_text:
            return
        self.app.open_save(self.by_text[text])
