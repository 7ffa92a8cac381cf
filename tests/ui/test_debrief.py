"""The debrief: one screen with the result, the score explained, the three biggest
swings and the comparison with history; further pages that never reflow."""

from __future__ import annotations

import pygame

from asean_chair.ui.app import App
from asean_chair.ui.scenes.debrief import DebriefScene, split_terms

from .conftest import MakeApp, click, press, widget
from .test_new_game import finish


def debrief(ui_app: MakeApp, seed: int = 9, **extra: object) -> tuple[App, DebriefScene]:
    app = ui_app(**extra)
    app.new_game(app.pack_folders, None, seed)
    finish(app)
    scene = app.top
    assert isinstance(scene, DebriefScene)
    return app, scene


def texts(app: App) -> str:
    return "\n".join(str(getattr(el, "html_text", "") or getattr(el, "text", ""))
                     for el in app.top.ui.get_sprite_group().sprites())


def test_a_score_is_split_into_its_terms_at_the_outer_level_only() -> None:
    assert split_terms("a + min(b, 2) - c / 2 + 10 * flag.x") == [
        (1, "a"), (1, "min(b, 2)"), (-1, "c / 2"), (1, "10 * flag.x")]


def test_the_first_page_explains_the_score_and_its_rank(ui_app: MakeApp) -> None:
    app, scene = debrief(ui_app)
    assert scene.page == 0 and scene.pages[0] == "summary"
    st = app.session.state  # type: ignore[union-attr]
    assert st.result is not None
    lines = scene.score_lines()
    assert abs(sum(v for _, v in lines) - st.result.score) <= len(lines) / 2
    shown = texts(app)
    assert "How the score was built" in shown and f"Total: {st.result.score:.0f}" in shown
    for tier in st.game.scenario.tiers:
        assert tier.name in shown              # every rank with its threshold
    assert "(yours)" in shown
    assert "The three biggest swings" in shown
    # The tutorial records history: the comparison is on the first page.
    assert "Compared with what really happened" in shown


def test_saving_the_html_shows_progress_and_keeps_the_page(ui_app: MakeApp) -> None:
    app, scene = debrief(ui_app)
    press(app, pygame.K_PAGEDOWN)
    press(app, pygame.K_PAGEDOWN)
    page, pages = scene.page, list(scene.pages)
    assert page == 2
    seen: list[str] = []
    real_render = app.render

    def render() -> None:
        seen.append(scene.note)
        real_render()

    app.render = render  # type: ignore[method-assign]
    click(app, widget(app, "html"))
    assert any("Saving" in note for note in seen)
    assert "debrief page is saved" in scene.note
    assert scene.page == page and scene.pages == pages    # no reflow, same place


def test_pages_turn_with_page_keys_and_the_buttons(ui_app: MakeApp) -> None:
    app, scene = debrief(ui_app)
    press(app, pygame.K_PAGEDOWN)
    assert scene.page == 1 and scene.pages[1] == "chart"
    click(app, widget(app, "prev"))
    assert scene.page == 0
