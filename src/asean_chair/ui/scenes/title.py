"""The title screen, the new-game screen and the load screen."""

from __future__ import annotations

import math
from functools import partial
from pathlib import Path

import pygame
import pygame_gui

from ...engine.saves import SaveError, read_record
from ...userdata import autosave_path
from ..layout import Column, row
from ..scene import Scene, esc, selected_text
from ..session import MONTHS, PackChoice, describe_packs, pack_folders
from .common import panel, screen_title


class TitleScene(Scene):
    """New game, continue, load, settings, quit."""

    name = "title"

    def build(self) -> None:
        m = self.m
        w, h = self.app.screen.get_size()
        col_w = min(m.px(560), w // 2)
        x = max(m.pad * 3, w // 12)
        y = max(m.pad * 2, h // 9)
        self.label(pygame.Rect(x, y, col_w, m.line(m.huge)), "ASEAN Chair", obj="#game_title")
        y += m.line(m.huge)
        tb = self.textbox(pygame.Rect(x, y, col_w, -1),
                          "Cambodia chairs ASEAN in 2022. A war in Europe, a coup next door, "
                          "and two great powers courting you: keep your country free to choose.",
                          )
        col = Column(x, tb.rect.bottom + m.gap * 3, col_w, m.gap + m.px(4))
        bh = m.button_h + m.px(6)
        cont, why = self._continue_info()
        self.button(col.take(bh), "New game", self.new_game, key="new", cls="@big")
        self.button(col.take(bh), "Continue" + (f"  ({cont})" if cont else ""), self.cont,
                    key="continue", cls="@big", enabled=bool(cont),
                    tooltip=why or "Resume the autosaved game exactly where you left it.")
        self.button(col.take(bh), "Load a saved game", self.load, key="load", cls="@big")
        half = row(col.take(bh), 2, m.gap)
        self.button(half[0], "Settings", self.settings, key="settings", cls="@big")
        self.button(half[1], "Quit", self.app.quit, key="quit", cls="@big")
        fh = m.line(m.small)
        self.label(pygame.Rect(x, h - fh - m.pad, w - 2 * x, fh),
                   "Keys: Tab moves  \u00b7  Enter chooses  \u00b7  1-9 pick an option  \u00b7  "
                   "Esc menu  \u00b7  F11 full screen", cls="@muted")
        self.default_key = "continue" if cont else "new"
        self.art_center = (x + col_w + (w - x - col_w) // 2, h // 2)
        self.art_radius = min((w - x - col_w) // 2 - m.pad * 2, h // 3)

    def _continue_info(self) -> tuple[str, str]:
        path = autosave_path()
        if not path.is_file():
            return "", "No autosave yet: start a new game."
        try:
            rec = read_record(path)
        except SaveError as exc:
            return "", str(exc)
        month = rec.get("month")
        if isinstance(month, int) and 1 <= month <= 12:
            return f"{MONTHS[month - 1]}", ""
        return "autosave", ""

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
    """Pack and scenario, seed, and exact numbers or hints."""

    name = "new_game"

    def __init__(self, app: object) -> None:
        super().__init__(app)  # type: ignore[arg-type]
        self.packs: list[PackChoice] = describe_packs(pack_folders(self.app.pack_folders))
        self.choices = [(p, sid, sname, sdesc) for p in self.packs
                        for sid, sname, sdesc in p.scenarios]
        self.choice = 0
        self.exact = self.app.settings.exact_numbers
        self.seed_text = ""
        self.seed_entry: pygame_gui.elements.UITextEntryLine | None = None
        self.message = ""

    def build(self) -> None:
        m = self.m
        w, h = self.app.screen.get_size()
        y = screen_title(self, "New game", "Choose the scenario, then start the year.")
        col_w = min(w - m.pad * 4, m.px(1100))
        x = m.pad * 2
        col = Column(x, y, col_w, m.gap)
        lh = m.line(m.heading)
        bh = m.button_h
        self.label(col.take(lh), "Scenario", cls="@heading")
        per_row = 2 if col_w > m.px(700) else 1
        broken = [p for p in self.packs if p.error]
        for i in range(0, len(self.choices), per_row):
            rects = row(col.take(bh), per_row, m.gap)
            for j, (p, sid, sname, sdesc) in enumerate(self.choices[i:i + per_row]):
                n = i + j
                self.button(rects[j], f"{sname}", partial(self.pick, n), key=f"scenario{n}",
                            tooltip=esc(f"{p.name}: {sdesc}" if sdesc else p.name),
                            selected=n == self.choice, cls="@option")
        if self.choices:
            p, _, _, sdesc = self.choices[self.choice]
            tb = self.textbox(col.take(-1, indent=m.px(4)), esc(
                f"{p.name}. {sdesc}".strip()), cls="@muted")
            col.placed(tb.rect)
        for p in broken:
            self.button(col.take(bh, width=min(col_w, m.px(640))),
                        f"{p.folder.name}: {p.error} (show)",
                        partial(self.show_errors, p.folder), key=f"broken-{p.folder.name}")
        col.skip(m.gap)
        self.label(col.take(lh), "Seed", cls="@heading")
        r = col.take(bh)
        entry_w = min(m.px(260), r.width // 3)
        self.seed_entry = self.entry(pygame.Rect(r.x, r.y, entry_w, r.height), self.seed_text,
                                     key="seed", placeholder="random")
        self.seed_entry.set_allowed_characters("numbers")
        self.seed_entry.set_text_length_limit(9)
        tb = self.textbox(pygame.Rect(r.x + entry_w + m.gap * 2, r.y, r.width - entry_w - m.gap * 2,
                                      -1),
                          "Empty: a random year. Type a number so that a whole class "
                          "plays the same year.", cls="@muted")
        col.y = max(col.y, tb.rect.bottom + m.gap)
        col.skip(m.gap)
        self.label(col.take(lh), "Option hints", cls="@heading")
        rects = row(col.take(bh, width=min(col_w, m.px(900))), 2, m.gap)
        self.button(rects[0], "Exact numbers (China +12)", lambda: self.set_exact(True),
                    key="exact", selected=self.exact, cls="@option")
        self.button(rects[1], "Directions only (China +)", lambda: self.set_exact(False),
                    key="hints", selected=not self.exact, cls="@option")
        by = max(col.y + m.gap * 2, h - m.pad * 2 - bh)
        if by + bh > h:
            by = h - bh - m.pad
        rects = row(pygame.Rect(x, by, min(col_w, m.px(640)), bh), 2, m.gap * 2)
        self.button(rects[0], "Start the year", self.start, key="start",
                    enabled=bool(self.choices))
        self.button(rects[1], "Back", self.app.pop, key="back")
        if self.message:
            self.label(pygame.Rect(rects[1].right + m.gap * 2, by, w - rects[1].right - m.pad * 3,
                                   bh), self.message, cls="@bad")
        self.default_key = "start"

    def _keep_seed(self) -> None:
        if self.seed_entry is not None:
            self.seed_text = self.seed_entry.get_text()

    def pick(self, n: int) -> None:
        self._keep_seed()
        self.choice = n
        self.rebuild()

    def set_exact(self, exact: bool) -> None:
        self._keep_seed()
        self.exact = exact
        self.rebuild()

    def show_errors(self, folder: Path) -> None:
        from ...rules import RulesError
        from ..session import load_rules
        from .error import ErrorScene

        try:
            load_rules([folder])
        except RulesError as exc:
            self.app.push(ErrorScene(self.app, problems=[str(p) for p in exc.problems],
                                     in_game=True))

    def start(self) -> None:
        from .briefing import BriefingScene

        self._keep_seed()
        text = self.seed_text.strip()
        seed = int(text) if text.isdigit() else None
        p, sid, _, _ = self.choices[self.choice]
        if self.app.new_game([p.folder], sid, seed, self.exact):
            self.app.settings.exact_numbers = self.exact
            self.app.apply_settings()
            from .title import TitleScene

            self.app.reset(TitleScene(self.app))
            self.app.push(BriefingScene(self.app, then_board=True))


class LoadScene(Scene):
    """A list of saved games."""

    name = "load"

    def __init__(self, app: object) -> None:
        super().__init__(app)  # type: ignore[arg-type]
        from ..session import list_saves

        self.saves = list_saves()
        self.by_text = {desc: path for path, desc in self.saves}
        self.list: pygame_gui.elements.UISelectionList | None = None

    def build(self) -> None:
        m = self.m
        w, h = self.app.screen.get_size()
        y = screen_title(self, "Load a saved game",
                         "The game saves itself after every decision (the autosave).")
        bh = m.button_h
        x = m.pad * 2
        width = min(w - 4 * m.pad, m.px(1000))
        bottom = h - m.pad * 2 - bh
        if self.saves:
            self.list = self.selection(pygame.Rect(x, y, width, bottom - y - m.gap * 2),
                                       [d for _, d in self.saves], key="saves",
                                       selected=self.saves[0][1], on_enter=self.load)
        else:
            self.textbox(pygame.Rect(x, y, width, -1),
                         "No saved games yet. Start a new game: it is saved every month, and "
                         "<b>Save</b> in the menu (Esc) keeps a copy.")
        rects = row(pygame.Rect(x, bottom, min(width, m.px(640)), bh), 2, m.gap * 2)
        self.button(rects[0], "Load", self.load, key="load", enabled=bool(self.saves))
        self.button(rects[1], "Back", self.app.pop, key="back")
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
