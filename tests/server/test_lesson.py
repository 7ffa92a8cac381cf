"""A lesson as the server keeps it: moves stored once and in order, games that
come back from the database, the class vote's ballots."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from asean_chair.classroom.vote import majority
from asean_chair.engine import Action
from asean_chair.server.lesson import Lesson, Refused, effective_moves

from .conftest import TUTORIAL

Make = Callable[..., Lesson]
Run = Callable[[Any], Any]


def first_legal(lesson: Lesson, team: Any) -> str:
    return str(next(a for a in team.state.legal_actions() if a.kind != "skip"))


def stored_moves(db: Path) -> list[tuple[int, int, str]]:
    with sqlite3.connect(db) as con:
        return list(con.execute("SELECT team_id, n, action FROM move ORDER BY team_id, n"))


def test_a_move_is_stored_before_it_is_in_the_game(lessons: Make, run: Run,
                                                   tmp_path: Path) -> None:
    lesson = lessons()
    team, _ = run(lesson.join("Mekong"))
    action = first_legal(lesson, team)
    outcome = run(lesson.move(team, 1, action))
    assert outcome.kind == "done" and outcome.entries
    assert stored_moves(tmp_path / "lesson.sqlite3") == [(team.id, 1, action)]
    assert [str(a) for a in team.state.history] == [action]


def test_the_same_move_number_twice_is_applied_once(lessons: Make, run: Run,
                                                    tmp_path: Path) -> None:
    lesson = lessons()
    team, _ = run(lesson.join("Mekong"))
    action = first_legal(lesson, team)
    assert run(lesson.move(team, 1, action)).kind == "done"
    # a double click, a second tab, a retry after the connection dropped
    assert run(lesson.move(team, 1, action)).kind == "already"
    assert run(lesson.move(team, 1, "end_turn")).kind == "already"
    assert len(team.state.history) == 1
    assert len(stored_moves(tmp_path / "lesson.sqlite3")) == 1


def test_two_tabs_posting_at_once_make_one_move(lessons: Make, run: Run) -> None:
    import asyncio

    lesson = lessons()
    team, _ = run(lesson.join("Mekong"))
    action = first_legal(lesson, team)

    async def both() -> list[str]:
        done = await asyncio.gather(lesson.move(team, 1, action), lesson.move(team, 1, action))
        return sorted(o.kind for o in done)

    assert run(both()) == ["already", "done"]
    assert len(team.state.history) == 1


def test_a_move_from_the_future_or_not_offered_is_refused(lessons: Make, run: Run) -> None:
    lesson = lessons()
    team, _ = run(lesson.join("Mekong"))
    with pytest.raises(Refused) as skipped_ahead:
        run(lesson.move(team, 3, first_legal(lesson, team)))
    assert skipped_ahead.value.key == "stale"
    for bad in ("choose:nothing/here", "inject:storm", "skip", "rm -rf /"):
        with pytest.raises(Refused):
            run(lesson.move(team, 1, bad))
    assert team.version == 0 and not team.state.history


def test_an_illegal_move_says_why_and_stores_nothing(lessons: Make, run: Run,
                                                     tmp_path: Path) -> None:
    lesson = lessons()
    team, _ = run(lesson.join("Mekong"))
    with pytest.raises(Refused) as refused:
        run(lesson.move(team, 1, "end_turn"))
    assert refused.value.key == "not_possible" and refused.value.fields["why"]
    assert stored_moves(tmp_path / "lesson.sqlite3") == []


def test_undo_is_a_move_of_its_own(lessons: Make, run: Run, tmp_path: Path) -> None:
    lesson = lessons()
    team, _ = run(lesson.join("Mekong"))
    first = first_legal(lesson, team)
    run(lesson.move(team, 1, first))
    before = team.state.snapshot()
    second = first_legal(lesson, team)
    run(lesson.move(team, 2, second))
    run(lesson.move(team, 3, "undo"))
    assert team.state.snapshot() == before
    assert [a for _, _, a in stored_moves(tmp_path / "lesson.sqlite3")] == [first, second, "undo"]
    assert team.flash is not None and team.flash[0] == "undone"
    run(lesson.move(team, 4, "undo"))
    with pytest.raises(Refused) as nothing:
        run(lesson.move(team, 5, "undo"))
    assert nothing.value.key == "nothing_to_undo"


def test_effective_moves_take_undos_into_account() -> None:
    moves = [(1, "a"), (2, "b"), (3, "undo"), (4, "undo"), (5, "c"), (6, "undo"), (7, "d")]
    assert effective_moves(moves) == [(7, "d")]
    assert effective_moves([(1, "undo")]) == []


def test_a_restart_replays_every_team_to_where_it_was(lessons: Make, run: Run,
                                                      tmp_path: Path) -> None:
    lesson = lessons()
    teams = [run(lesson.join(name))[0] for name in ("Mekong", "Tonle Sap")]
    for i, team in enumerate(teams):
        for n in range(1, 4 + i):
            run(lesson.move(team, n, first_legal(lesson, team)))
    run(lesson.move(teams[1], 4 + 1, "undo"))
    snapshots = {t.name: t.state.snapshot() for t in teams}
    last = {t.name: [str(e) for e in t.last] for t in teams}
    lesson.store.close()

    again = lessons()  # the same database: what a restart reads
    assert again.code == lesson.code and again.row.pin == lesson.row.pin
    assert {t.name: t.state.snapshot() for t in again.team_list()} == snapshots
    assert {t.name: [str(e) for e in t.last] for t in again.team_list()} == {
        "Mekong": last["Mekong"], "Tonle Sap": []}
    back = next(t for t in again.team_list() if t.name == "Tonle Sap")
    assert back.version == 5  # the next move is number 6


def test_new_starts_another_lesson_and_ends_the_old(lessons: Make, run: Run) -> None:
    first = lessons()
    run(first.join("Mekong"))
    first.store.close()
    second = lessons(new=True)
    assert second.code != first.code or second.row.id != first.row.id
    assert second.team_list() == []
    second.store.close()
    assert lessons().row.id == second.row.id


def test_changed_packs_refuse_to_carry_on(lessons: Make, run: Run, tmp_path: Path) -> None:
    import shutil

    from asean_chair.common.errors import UserError

    pack = tmp_path / "pack"
    shutil.copytree(TUTORIAL, pack)
    lesson = lessons(packs=[str(pack)])
    lesson.store.close()
    cards = pack / "cards.yaml"
    cards.write_text(cards.read_text(encoding="utf-8").replace("cost: 1", "cost: 2", 1),
                     encoding="utf-8")
    with pytest.raises(UserError, match="rule packs changed since"):
        lessons(packs=[str(pack)])


@pytest.mark.parametrize("name", ["", "   ", "x" * 31, "bad\x00name", "a\u202ename"])
def test_a_teams_name_is_checked(lessons: Make, run: Run, name: str) -> None:
    with pytest.raises(Refused) as refused:
        run(lessons().join(name))
    assert refused.value.key == "bad_name"


def test_two_teams_cannot_share_a_name_but_can_rejoin_with_the_code(lessons: Make,
                                                                     run: Run) -> None:
    lesson = lessons()
    team, token = run(lesson.join("Team  One"))
    assert team.name == "Team One"
    with pytest.raises(Refused) as taken:
        run(lesson.join("team one"))
    assert taken.value.key == "name_taken"
    with pytest.raises(Refused):
        run(lesson.rejoin("Team One", "AAA-AAA"))
    again, other = run(lesson.rejoin("team one", team.row.rejoin.lower().replace("-", "")))
    assert again is team and other != token
    assert lesson.team_by_token(token) is team and lesson.team_by_token(other) is team
    assert lesson.team_by_token("forged") is None


def test_a_lesson_takes_a_bounded_number_of_teams(lessons: Make, run: Run) -> None:
    from asean_chair.server.security import Limits

    lesson = lessons(limits=Limits(max_teams=2))
    run(lesson.join("A"))
    run(lesson.join("B"))
    with pytest.raises(Refused) as full:
        run(lesson.join("C"))
    assert full.value.key == "full"


def test_paused_and_ended_lessons_take_no_moves(lessons: Make, run: Run) -> None:
    lesson = lessons()
    team, _ = run(lesson.join("Mekong"))
    run(lesson.set_status("paused"))
    with pytest.raises(Refused) as paused:
        run(lesson.move(team, 1, first_legal(lesson, team)))
    assert paused.value.key == "paused"
    run(lesson.set_status("open"))
    run(lesson.move(team, 1, first_legal(lesson, team)))
    run(lesson.set_status("ended"))
    with pytest.raises(Refused) as ended:
        run(lesson.move(team, 2, first_legal(lesson, team)))
    assert ended.value.key == "ended"
    with pytest.raises(Refused):
        run(lesson.join("Late"))
    run(lesson.set_status("open"))  # an ended lesson stays ended
    assert lesson.status == "ended"


def test_a_result_record_is_what_classroom_compare_reads(lessons: Make, run: Run) -> None:
    from asean_chair.classroom.results import classroom_info
    from asean_chair.engine.saves import check_record, restore

    lesson = lessons()
    team, _ = run(lesson.join("Mekong"))
    for n in range(1, 4):
        run(lesson.move(team, n, first_legal(lesson, team)))
    record = check_record(lesson.record(team))
    assert classroom_info(record) == {"code": lesson.code, "team": "Mekong"}
    assert restore(record, lesson.ruleset).state.snapshot() == team.state.snapshot()


# ----------------------------------------------------------------- votes


def vote_lesson(lessons: Make, **options: Any) -> Lesson:
    return lessons(mode="vote", **options)


def test_a_class_vote_opens_a_ballot_on_each_card(lessons: Make, run: Run) -> None:
    lesson = vote_lesson(lessons)
    team = lesson.class_team
    assert team is not None and team.name == "The class"
    ballot = lesson.current_ballot()
    assert ballot is not None and ballot.row.card == team.state.pending.card


def test_one_vote_per_device_changeable_until_closed(lessons: Make, run: Run) -> None:
    lesson = vote_lesson(lessons)
    card = lesson.class_team.state.current_card  # type: ignore[union-attr]
    a, b = (o.id for o in card.options[:2])
    run(lesson.vote("phone-1", 0, a))
    run(lesson.vote("phone-2", 0, a))
    run(lesson.vote("phone-1", 0, b))  # changed its mind
    run(lesson.vote("phone-1", 0, b))  # and clicked twice
    tallies, result = lesson.count()  # type: ignore[misc]
    assert (tallies[a], tallies[b]) == (1, 1)
    assert result.winner is None and result.tied == (a, b)
    assert lesson.my_vote("phone-1") == b
    run(lesson.countdown("close"))
    with pytest.raises(Refused) as closed:
        run(lesson.vote("phone-3", 0, a))
    assert closed.value.key == "vote_closed"
    with pytest.raises(Refused):
        run(lesson.vote("phone-3", 5, a))  # a card that is not the one on the board


def test_the_teacher_applies_the_majority_or_breaks_a_tie(lessons: Make, run: Run) -> None:
    lesson = vote_lesson(lessons)
    team = lesson.class_team
    assert team is not None
    card = team.state.current_card
    assert card is not None
    a, b = (o.id for o in card.options[:2])
    with pytest.raises(Refused) as none:
        run(lesson.apply_vote(1))
    assert none.value.key == "no_votes"
    run(lesson.vote("phone-1", 0, a))
    run(lesson.vote("phone-2", 0, b))
    with pytest.raises(Refused) as tie:
        run(lesson.apply_vote(1))
    assert tie.value.key == "tie"
    with pytest.raises(Refused):
        run(lesson.apply_vote(1, "not-an-option"))
    run(lesson.apply_vote(1, b))
    assert str(team.state.history[-1]) == str(Action.choose(card.id, b))
    votes = lesson.vote_records(team)
    assert votes == [{"turn": votes[0]["turn"], "month": votes[0]["month"], "card": card.id,
                      "tallies": {o.id: int(o.id in (a, b)) for o in card.options},
                      "chosen": b, "tie_broken": True}]
    assert run(lesson.apply_vote(1, b)).kind == "already"  # the teacher's double click


def test_votes_and_the_countdown_come_back_after_a_restart(lessons: Make, run: Run) -> None:
    lesson = vote_lesson(lessons, countdown=60)
    card = lesson.class_team.state.current_card  # type: ignore[union-attr]
    run(lesson.vote("phone-1", 0, card.options[0].id))
    run(lesson.countdown("pause"))
    left = lesson.current_ballot().left(0.0)  # type: ignore[union-attr]
    lesson.store.close()
    again = vote_lesson(lessons)
    ballot = again.current_ballot()
    assert ballot is not None and ballot.paused and ballot.left(0.0) == left
    assert again.my_vote("phone-1") == card.options[0].id
    run(again.countdown("resume"))
    assert not again.current_ballot().paused  # type: ignore[union-attr]


def test_the_countdown_closes_voting_but_applies_nothing(lessons: Make, run: Run) -> None:
    import time

    lesson = vote_lesson(lessons, countdown=30)
    ballot = lesson.current_ballot()
    assert ballot is not None and ballot.open(time.time())
    assert not ballot.open(time.time() + 31)
    ballot.row.deadline = time.time() - 1  # time is up
    card = lesson.class_team.state.current_card  # type: ignore[union-attr]
    with pytest.raises(Refused) as late:
        run(lesson.vote("phone-1", 0, card.options[0].id))
    assert late.value.key == "vote_closed"
    assert lesson.class_team.version == 0  # type: ignore[union-attr]


def test_an_undone_vote_reopens_the_card(lessons: Make, run: Run) -> None:
    lesson = vote_lesson(lessons)
    team = lesson.class_team
    assert team is not None
    card = team.state.current_card
    assert card is not None
    run(lesson.vote("phone-1", 0, card.options[0].id))
    run(lesson.apply_vote(1))
    run(lesson.move(team, 2, "undo"))
    assert team.state.current_card == card
    ballot = lesson.current_ballot()
    assert ballot is not None and ballot.row.n == 2 and not ballot.row.votes
    assert lesson.vote_records(team) == []


def test_majority_never_picks_an_unavailable_option() -> None:
    assert majority({"a": 9, "b": 2}, legal={"b"}).winner == "b"
    assert majority({"a": 9, "b": 0}, legal={"b"}).winner is None
    assert majority({}, legal=set()).winner is None


def test_the_teacher_brings_in_a_card_and_teams_cannot(lessons: Make, run: Run) -> None:
    lesson = vote_lesson(lessons)
    team = lesson.class_team
    assert team is not None
    wanted = next(c for c in lesson.ruleset.cards.values() if c.id != team.state.pending.card)
    run(lesson.move(team, 1, f"inject:{wanted.id}"))
    assert team.state.pending.card == wanted.id
    ballot = lesson.current_ballot()
    assert ballot is not None and ballot.row.card == wanted.id  # the class votes on it
    teams = lessons(db=lesson.store.path.with_name("teams.sqlite3"))
    group, _ = run(teams.join("Mekong"))
    for move in (f"inject:{wanted.id}", "skip"):
        with pytest.raises(Refused):
            run(teams.move(group, 1, move))
