"""A class vote on one projector: tallies, the majority, ties, the countdown,
the teacher's panel and the votes kept in the game record."""

from __future__ import annotations

import pygame
import pytest

from asean_chair.bots import make_bot
from asean_chair.common.userdata import autosave_path
from asean_chair.engine.saves import read_record
from asean_chair.ui.app import App
from asean_chair.ui.scenes.board import BoardScene
from asean_chair.ui.settings import Settings
from asean_chair.ui.vote import Countdown, VoteBox, majority, read_votes

from .conftest import MakeApp, click, press, widget


class FakeClock:
    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


# ------------------------------------------------------------- the rules


def test_the_option_with_most_votes_wins() -> None:
    assert majority({"a": 3, "b": 9, "c": 1}, {"a", "b", "c"}).winner == "b"


def test_a_tie_names_the_tied_options_and_no_winner() -> None:
    result = majority({"a": 7, "b": 7, "c": 2}, {"a", "b", "c"})
    assert result.winner is None and result.tied == ("a", "b") and result.votes == 7


def test_an_unavailable_option_never_wins_whatever_its_votes() -> None:
    result = majority({"a": 20, "b": 4, "c": 3}, legal={"b", "c"})
    assert result.winner == "b"


def test_no_votes_is_neither_a_winner_nor_a_tie() -> None:
    result = majority({"a": 0, "b": 0}, {"a", "b"})
    assert result.winner is None and result.tied == ()


def test_tallies_stay_between_zero_and_the_maximum() -> None:
    box = VoteBox(("a", "b"))
    box.add("a", -1)
    box.set("b", 5000)
    assert box.tallies == {"a": 0, "b": 999}


def test_the_countdown_pauses_resumes_and_closes_without_acting() -> None:
    clock = FakeClock()
    cd = Countdown(60, clock=clock)
    cd.start()
    clock.now += 10.5
    assert cd.shown() == 50 and cd.running
    assert cd.next_change() == pytest.approx(0.5)
    cd.pause()
    clock.now += 30
    assert cd.shown() == 50 and cd.paused and cd.next_change() is None
    cd.resume()
    clock.now += 60
    assert cd.over() and not cd.running and cd.shown() == 0


def test_damaged_vote_records_in_a_save_are_left_out() -> None:
    good = {"turn": 1, "month": 1, "card": "c", "tallies": {"a": 2}, "chosen": "a",
            "tie_broken": False}
    assert read_votes([good, {"turn": "x"}, 5, {**good, "tallies": {"a": True}}]) == [good]
    assert read_votes("nonsense") == []


# ------------------------------------------------------------ the window


def vote_app(ui_app: MakeApp, seed: int = 3, seconds: int = 0) -> App:
    app = ui_app(vote=True, settings=Settings(vote_seconds=seconds))
    assert app.new_game(app.pack_folders, None, seed)
    app.show_game()
    return app


def board_of(app: App) -> BoardScene:
    board = app.find("board")
    assert isinstance(board, BoardScene)
    return board


def test_vote_mode_uses_large_type_and_letters_for_options(ui_app: MakeApp) -> None:
    normal = ui_app()
    app = vote_app(ui_app)
    assert app.metrics.body > normal.metrics.body
    assert app.session is not None and app.session.vote_mode
    assert widget(app, "apply") is not None
    first = widget(app, "opt1")
    assert first.text == "A"
    assert widget(app, "tally1").get_text() == "0"


def test_the_teacher_clicks_and_types_tallies(ui_app: MakeApp) -> None:
    app = vote_app(ui_app)
    board = board_of(app)
    click(app, widget(app, "plus1"))
    click(app, widget(app, "plus1"))
    click(app, widget(app, "opt2"))        # clicking an option adds a vote, never applies it
    press(app, pygame.K_b, text="b")       # so does its letter key
    press(app, pygame.K_b, pygame.KMOD_SHIFT, text="B")
    ballot = board.ballot()
    assert ballot is not None
    options = [c.action.option for c in board.choices]
    assert ballot.box.tallies[options[0]] == 2
    assert ballot.box.tallies[options[1]] == 1
    assert app.session is not None and app.session.state.history == []
    entry = widget(app, "tally2")
    click(app, entry)
    entry.set_text("17")
    press(app, pygame.K_RETURN)
    assert ballot.box.tallies[options[1]] == 17


def test_apply_the_majority_takes_the_winner_and_records_the_tally(ui_app: MakeApp) -> None:
    app = vote_app(ui_app)
    board = board_of(app)
    session = app.session
    assert session is not None
    card = session.state.current_card
    assert card is not None
    legal = [c.action.option for c in board.choices if c.legal]
    ballot = board.ballot()
    assert ballot is not None
    ballot.box.set(legal[0], 4)
    ballot.box.set(legal[-1], 11)
    click(app, widget(app, "apply"))
    assert session.state.history[0].option == legal[-1]
    vote = session.votes[0]
    assert vote["card"] == card.id and vote["chosen"] == legal[-1]
    assert vote["tallies"][legal[-1]] == 11 and vote["tie_broken"] is False
    saved = read_record(autosave_path())["extra"]
    assert saved["votes"] == session.votes and saved["mode"] == "vote"


def test_apply_with_no_votes_says_so_and_changes_nothing(ui_app: MakeApp) -> None:
    app = vote_app(ui_app)
    press(app, pygame.K_RETURN)
    assert app.session is not None and app.session.state.history == []
    assert "No votes" in app.session.status


def test_a_tie_asks_the_teacher_to_pick(ui_app: MakeApp) -> None:
    app = vote_app(ui_app)
    board = board_of(app)
    legal = [c.action.option or "" for c in board.choices if c.legal]
    ballot = board.ballot()
    assert ballot is not None
    ballot.box.set(legal[0], 6)
    ballot.box.set(legal[1], 6)
    click(app, widget(app, "apply"))
    assert app.top.name == "tie"
    assert app.session is not None and app.session.state.history == []
    click(app, widget(app, "tie2"))
    assert app.session.state.history[0].option == legal[1]
    assert app.session.votes[0]["tie_broken"] is True


def test_an_unavailable_option_takes_no_votes(ui_app: MakeApp) -> None:
    app = vote_app(ui_app, seed=0)
    session = app.session
    assert session is not None
    st = session.state
    bot = make_bot("greedy", 0)
    while not (st.pending.kind == "event" and any(not c.legal for c in st.choices())):
        session.apply(bot.choose(st))
    app.show_game()
    board = board_of(app)
    i = next(i for i, c in enumerate(board.choices, 1) if not c.legal)
    assert not widget(app, f"plus{i}").is_enabled
    board.add_vote(board.choices[i - 1].action.option or "", 5)
    ballot = board.ballot()
    assert ballot is not None and ballot.box.total == 0


def test_the_countdown_is_shown_and_closes_voting_without_applying(ui_app: MakeApp) -> None:
    app = vote_app(ui_app, seconds=60)
    board = board_of(app)
    ballot = board.ballot()
    assert ballot is not None and ballot.countdown.running
    clock = FakeClock()
    ballot.countdown = Countdown(60, clock=clock)
    ballot.countdown.start()
    assert board.wake_in() is not None
    clock.now += 61
    app.pump()
    app.render()
    assert ballot.countdown.over()
    assert app.session is not None and app.session.state.history == []
    assert app.top is board and board.voting


def test_the_teacher_panel_opens_with_f2_and_its_button(ui_app: MakeApp) -> None:
    app = vote_app(ui_app, seconds=60)
    press(app, pygame.K_F2)
    assert app.top.name == "teacher"
    press(app, pygame.K_F2)
    assert app.top.name == "board"
    click(app, widget(app, "teacher"))
    assert app.top.name == "teacher"
    ballot = board_of(app).ballot()
    assert ballot is not None
    click(app, widget(app, "pause"))
    assert ballot.countdown.paused
    click(app, widget(app, "pause"))
    assert ballot.countdown.running
    press(app, pygame.K_ESCAPE)
    assert app.top.name == "board"


def test_the_teacher_reveals_exact_numbers_when_hints_show_directions(ui_app: MakeApp) -> None:
    app = ui_app(vote=True, settings=Settings(exact_numbers=False))
    assert app.new_game(app.pack_folders, None, 3, exact=False)
    app.show_game()
    session = app.session
    assert session is not None
    card = session.state.current_card
    assert card is not None
    moves = [m for o in card.options for m in session.moves(o)]
    assert moves and not any(any(ch.isdigit() for ch in text) for _, text, _ in moves)
    press(app, pygame.K_F2)
    click(app, widget(app, "reveal"))
    assert session.reveal
    moves = [m for o in card.options for m in session.moves(o)]
    assert any(any(ch.isdigit() for ch in text) for _, text, _ in moves)


def test_the_teacher_skips_and_brings_in_cards(ui_app: MakeApp) -> None:
    app = vote_app(ui_app)
    session = app.session
    assert session is not None
    first = session.state.pending.card
    press(app, pygame.K_F2)
    click(app, widget(app, "skip"))
    assert app.top.name == "board"
    assert session.state.history[-1].kind == "skip"
    assert session.state.pending.card != first
    press(app, pygame.K_F2)
    teacher = app.top
    text = next(text for text, card_id in teacher.cards.items() if card_id == "storm")
    cards = widget(app, "cards")
    for item in cards.item_list:
        item["selected"] = item["text"] == text
    click(app, widget(app, "inject"))
    assert session.state.pending.card == "storm"
    assert str(session.state.history[-1]) == "inject:storm"


def test_ending_the_lesson_early_shows_the_debrief_of_what_was_played(
        ui_app: MakeApp, tmp_path) -> None:  # type: ignore[no-untyped-def]
    app = vote_app(ui_app)
    board = board_of(app)
    legal = [c.action.option or "" for c in board.choices if c.legal]
    board.ballot().box.set(legal[0], 3)  # type: ignore[union-attr]
    click(app, widget(app, "apply"))
    press(app, pygame.K_F2)
    click(app, widget(app, "end"))
    assert app.top.name == "teacher"       # the first click asks again
    click(app, widget(app, "end"))
    assert app.top.name == "debrief"
    assert app.session is not None and not app.session.state.is_over
    assert any("Class vote: A 3" in page for page in app.top.pages)
    app.render()
    click(app, widget(app, "html"))
    page = next(autosave_path().parent.glob("debrief-*.html"))
    assert "<html" in page.read_text(encoding="utf-8")
    click(app, widget(app, "back"))
    assert app.top.name == "board"


def test_continue_brings_back_the_votes_and_the_vote_mode(ui_app: MakeApp) -> None:
    app = vote_app(ui_app)
    board = board_of(app)
    legal = [c.action.option or "" for c in board.choices if c.legal]
    board.ballot().box.set(legal[0], 8)  # type: ignore[union-attr]
    click(app, widget(app, "apply"))
    votes = list(app.session.votes)  # type: ignore[union-attr]
    app.close()
    again = ui_app()
    click(again, widget(again, "continue"))
    assert again.session is not None
    assert again.session.votes == votes and again.vote_mode
    press(again, pygame.K_u, text="u")        # undo takes the vote back too
    assert again.session.votes == []


def test_play_classroom_vote_reaches_the_window(monkeypatch: pytest.MonkeyPatch) -> None:
    from asean_chair.cli.main import main

    from ..conftest import TUTORIAL

    seen = []
    monkeypatch.setattr("asean_chair.ui.app.run", lambda args: seen.append(args) or 0)
    assert main(["play", "--classroom", "vote", "--pack", str(TUTORIAL)]) == 0
    assert seen[0].vote is True and seen[0].packs == (TUTORIAL,)


def test_the_vote_board_fits_every_window_size(ui_app: MakeApp) -> None:
    app = vote_app(ui_app, seconds=60)
    board = board_of(app)
    ballot = board.ballot()
    assert ballot is not None
    ballot.box.set(board.choices[0].action.option or "", 5)
    for size in ((1024, 600), (1920, 1080), (1280, 720)):
        pygame.event.post(pygame.event.Event(pygame.VIDEORESIZE, size=size, w=size[0], h=size[1]))
        app.pump()
        screen = app.screen.get_rect()
        for item in app.top.focus.items:
            if item.scroll is None:
                assert screen.contains(pygame.Rect(item.element.rect)), (size, item.key)
        assert screen.contains(board.rects["clock"]) and screen.contains(board.rects["total"])
    assert board.ballot() is ballot and ballot.box.total == 5   # tallies survive a resize


@pytest.mark.slow
def test_a_whole_short_lesson_in_vote_mode(ui_app: MakeApp) -> None:
    """The short lesson of the 2022 pack, from first card to debrief: the class
    votes on every card by key presses (letters add votes, Enter applies), and
    the teacher ends each month's diplomacy with 0."""
    from ..conftest import ROOT

    app = ui_app(pack=ROOT / "rules" / "asean2022", vote=True)
    assert app.new_game(app.pack_folders, None, 11, preset="short")
    app.show_game()
    session = app.session
    assert session is not None
    letters = [pygame.K_a, pygame.K_b, pygame.K_c, pygame.K_d]
    for _ in range(200):
        state = session.state
        if state.is_over:
            break
        if session.outcome is not None:
            press(app, pygame.K_RETURN)          # the class has seen what its choice did
            continue
        if state.pending.kind == "event":
            choices = [c for c in state.choices()]
            legal = [i for i, c in enumerate(choices) if c.legal]
            pick = legal[len(session.votes) % len(legal)]  # the class changes its mind
            for _ in range(3):
                press(app, letters[pick], text="abcd"[pick])
            press(app, pygame.K_RETURN)
        else:
            press(app, pygame.K_0, text="0")
    assert session.state.is_over
    assert len(session.votes) == len(session.state.choices_made) >= 15
    assert all(v["tallies"][v["chosen"]] == 3 for v in session.votes)
    assert session.state.game.preset == "short"


# ------------------------------------------------ closed means closed, ties, messages


def closed_vote(ui_app: MakeApp) -> tuple[App, BoardScene]:
    app = vote_app(ui_app, seconds=30)
    board = board_of(app)
    ballot = board.ballot()
    assert ballot is not None
    clock = FakeClock()
    ballot.countdown = Countdown(30, clock=clock)
    ballot.countdown.start()
    press(app, pygame.K_a, text="a")         # one vote while voting is open
    clock.now += 31
    app.pump()
    app.render()
    assert ballot.countdown.over()
    return app, board


def test_once_voting_has_closed_letters_and_buttons_add_no_votes(ui_app: MakeApp) -> None:
    app, board = closed_vote(ui_app)
    ballot = board.ballot()
    assert ballot is not None and ballot.box.total == 1
    for key, text in ((pygame.K_a, "a"), (pygame.K_b, "b"), (pygame.K_c, "c")):
        press(app, key, text=text)
    press(app, pygame.K_a, pygame.KMOD_SHIFT, text="A")
    assert not widget(app, "plus1").is_enabled and not widget(app, "tally1").is_enabled
    board.add_vote(board.choices[1].action.option or "", 3)
    assert ballot.box.total == 1
    assert app.top is board                  # "c" did not open the changes either
    press(app, pygame.K_RETURN)              # the teacher may still apply the result
    assert app.session is not None and len(app.session.state.history) == 1


def test_the_tie_dialog_takes_the_tied_options_letters(ui_app: MakeApp) -> None:
    app = vote_app(ui_app)
    board = board_of(app)
    legal = [c.action.option or "" for c in board.choices if c.legal]
    ballot = board.ballot()
    assert ballot is not None
    ballot.box.set(legal[0], 6)
    ballot.box.set(legal[1], 6)
    click(app, widget(app, "apply"))
    assert app.top.name == "tie"
    letters = "abcdefghij"
    untied = next((i for i, c in enumerate(board.choices)
                   if (c.action.option or "") not in legal[:2]), None)
    if untied is not None:
        press(app, getattr(pygame, f"K_{letters[untied]}"))
        assert app.top.name == "tie"         # a letter that is not tied does nothing
    second = [c.action.option for c in board.choices].index(legal[1])
    press(app, getattr(pygame, f"K_{letters[second]}"))
    assert app.session is not None and app.session.state.history[0].option == legal[1]
    assert app.session.votes[0]["tie_broken"] is True


def test_no_votes_yet_goes_away_once_there_are_votes(ui_app: MakeApp) -> None:
    app = vote_app(ui_app)
    press(app, pygame.K_RETURN)
    assert app.session is not None and "No votes" in app.session.status
    press(app, pygame.K_b, text="b")
    assert app.session.status == ""
    app.render()
    texts = [getattr(el, "html_text", "") for el in app.top.ui.get_sprite_group().sprites()]
    assert not any("No votes" in str(x) for x in texts)


def test_every_text_of_a_class_vote_is_at_least_the_projector_minimum(
        ui_app: MakeApp, monkeypatch: pytest.MonkeyPatch) -> None:
    """At 1280x720 no text of a class vote (board, result, tie, teacher, legend) is
    smaller than PROJECTOR_MIN_PX: read from the back of a classroom."""
    from asean_chair.ui.app import PROJECTOR_MIN_PX
    from asean_chair.ui.theme import Theme

    sizes: list[int] = []
    font = Theme.font

    def recorded(self: Theme, size: int, bold: bool = False, italic: bool = False) -> object:
        sizes.append(size)
        return font(self, size, bold, italic)

    monkeypatch.setattr(Theme, "font", recorded)
    app = vote_app(ui_app, seconds=60)
    board = board_of(app)
    app.render()
    legal = [c.action.option or "" for c in board.choices if c.legal]
    ballot = board.ballot()
    assert ballot is not None
    ballot.box.set(legal[0], 5)
    ballot.box.set(legal[1], 5)
    click(app, widget(app, "apply"))
    assert app.top.name == "tie"
    app.render()
    click(app, widget(app, "tie1"))
    assert app.session is not None and app.session.outcome is not None
    app.render()                              # the result of the class's choice
    press(app, pygame.K_F2)
    app.render()
    press(app, pygame.K_F2)
    press(app, pygame.K_l)
    assert app.top.name == "legend"
    app.render()
    gui = app.theme.gui_theme(app.metrics)
    gui_sizes = [int(v["font"]["size"]) for v in gui.values()
                 if isinstance(v, dict) and isinstance(v.get("font"), dict)]
    assert app.screen.get_size() == (1280, 720)
    assert min(sizes) >= PROJECTOR_MIN_PX, sorted(set(sizes))
    assert min(gui_sizes) >= PROJECTOR_MIN_PX
