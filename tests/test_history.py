"""Real or invented: the loader's check and the one answer every surface uses."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from asean_chair.rules import RulesError, load_packs
from asean_chair.rules.history import reality

from .conftest import ROOT, TUTORIAL

MakePack = Callable[..., Path]
REAL = {"history": "It happened in 2022.", "source": "https://example.org/news",
        "discuss": "Was it right?", "historical_option": "a"}


def _cards(mini: dict[str, Any]) -> list[dict[str, Any]]:
    return mini["cards.yaml"]["cards"]  # type: ignore[no-any-return]


def _second(**extra: Any) -> dict[str, Any]:
    card = {"id": "second", "title": "Second", "text": "A second card.",
            "when": {"month": 2},
            "options": [{"id": "a", "label": "A", "effects": [{"add": {"economy": 2}}]},
                        {"id": "b", "label": "B", "effects": [{"add": {"economy": -2}}]}]}
    card.update(extra)
    return card


def _errors(folder: Path) -> list[str]:
    with pytest.raises(RulesError) as err:
        load_packs([folder])
    return [str(p) for p in err.value.problems if p.severity == "error"]


def test_a_pack_without_history_is_not_checked(make_pack: MakePack, mini: dict[str, Any]) -> None:
    _cards(mini).append(_second())
    rs = load_packs([make_pack(mini)])
    assert not any("real" in str(w) or "invented" in str(w) for w in rs.warnings)
    assert reality(rs, "first") is None  # nothing to label: a pure fiction pack


def test_once_history_is_used_every_card_must_say_which_it_is(
        make_pack: MakePack, mini: dict[str, Any]) -> None:
    _cards(mini)[0].update(REAL)
    _cards(mini).append(_second(tags=["fictional"]))
    errors = _errors(make_pack(mini))
    assert len(errors) == 1
    assert errors[0].startswith("mini/cards.yaml:")
    assert ": error: card 'second': neither real nor invented" in errors[0]
    assert "the tag `fictional` alone does not mark it" in errors[0]


def test_a_real_card_needs_a_source_and_a_question(make_pack: MakePack,
                                                   mini: dict[str, Any]) -> None:
    _cards(mini)[0].update(history="It happened.")
    errors = _errors(make_pack(mini))
    assert any("card 'first': it tells what really happened (`history`) but gives no `source`"
               in e for e in errors)
    assert any("card 'first': a real card needs a question for the class (`discuss`)" in e
               for e in errors)
    # the position is the `history` field's line
    text = (make_pack(mini) / "cards.yaml").read_text().splitlines()
    line = int(errors[0].split(":")[1])
    assert text[line - 1].strip().startswith("history:")


def test_a_card_cannot_be_both(make_pack: MakePack, mini: dict[str, Any]) -> None:
    _cards(mini)[0].update(REAL, invented=True)
    assert any("a card is real (`history`) or invented (`invented: true`), not both" in e
               for e in _errors(make_pack(mini)))


def test_branches_of_the_real_choice_must_be_marked(make_pack: MakePack,
                                                    mini: dict[str, Any]) -> None:
    _cards(mini)[0].update(REAL)
    _cards(mini)[0]["options"][0]["outcomes"] = [
        {"chance": 0.5, "text": "The West cheers."},
        {"chance": 0.5, "text": "Moscow sulks.", "invented": True},
    ]
    # branches of the other option are what-ifs and need nothing
    _cards(mini)[0]["options"][1]["outcomes"] = [{"chance": 1, "text": "Nobody cares."}]
    errors = _errors(make_pack(mini))
    assert len(errors) == 1
    assert "card 'first': option 'a': branch \"The West cheers.\": this is the choice that " \
           "was really made" in errors[0]


def test_follow_ups_of_invented_cards_are_invented(make_pack: MakePack,
                                                   mini: dict[str, Any]) -> None:
    _cards(mini)[0].update(REAL)
    _cards(mini)[0]["options"][1]["effects"].append({"schedule": {"card": "after_real", "in": 1}})
    _cards(mini).append(_second(invented=True))
    _cards(mini)[1]["options"][0]["effects"].append(
        {"schedule": {"card": "after_fiction", "in": 1}})
    _cards(mini)[1]["options"][0]["effects"].append({"schedule": {"card": "chain", "in": 1}})
    for fid in ("after_real", "after_fiction"):
        _cards(mini).append({"id": fid, "title": fid, "text": "Later.", "options": [
            {"id": "x", "label": "X", "effects": [{"add": {"economy": 1}}]},
            {"id": "y", "label": "Y", "effects": [{"add": {"economy": -1}},
                                                  {"schedule": {"card": "chain", "in": 1}}]}]})
    _cards(mini).append({"id": "chain", "title": "Chain", "text": "Even later.", "options": [
        {"id": "x", "label": "X", "effects": [{"add": {"economy": 1}}]}]})
    errors = _errors(make_pack(mini))
    # a what-if after a real card must say so; "after_fiction" inherits
    # "invented", but "chain" is also reached from the unmarked "after_real"
    assert [e.split(": error: ")[1][:30] for e in errors] == [
        "card 'after_real': neither rea", "card 'chain': neither real nor"]
    _cards(mini)[2]["invented"] = True
    rs = load_packs([make_pack(mini)])
    assert [reality(rs, c) for c in ("first", "second", "after_real", "after_fiction", "chain")] \
        == ["real", "invented", "invented", "invented", "invented"]


def test_a_follow_up_with_its_own_history_is_real(make_pack: MakePack,
                                                  mini: dict[str, Any]) -> None:
    _cards(mini)[0]["invented"] = True
    _cards(mini).append(_second(invented=True))
    _cards(mini)[1]["options"][0]["effects"].append({"schedule": {"card": "sequel", "in": 1}})
    _cards(mini).append({"id": "sequel", "title": "Sequel", "text": "Later.", **REAL, "options": [
        {"id": "a", "label": "A", "effects": [{"add": {"economy": 1}}]}]})
    rs = load_packs([make_pack(mini)])
    assert reality(rs, "sequel") == "real"
    assert reality(rs, "first") == "invented"


def test_reality_answers_for_cards_choices_and_branches(make_pack: MakePack,
                                                       mini: dict[str, Any]) -> None:
    _cards(mini)[0].update(REAL)
    _cards(mini)[0]["options"][0]["outcomes"] = [
        {"chance": 0.5, "text": "Kyiv thanks you.", "history": "Kyiv did thank Cambodia."},
        {"chance": 0.5, "text": "Moscow sulks.", "invented": True},
    ]
    _cards(mini).append(_second(invented=True))
    rs = load_packs([make_pack(mini)])
    assert reality(rs, "first") == "real"
    assert reality(rs, "first", "a") == "real"        # the choice really made
    assert reality(rs, "first", "b") == "invented"    # the road not taken
    assert reality(rs, "first", "a", "Kyiv thanks you.") == "real"
    assert reality(rs, "first", "a", rs.cards["first"].options[0].outcomes[1]) == "invented"
    assert reality(rs, rs.cards["second"]) == "invented"
    assert reality(rs, "second", "a") == "invented"
    with pytest.raises(KeyError):
        reality(rs, "first", "a", "No such branch.")


def test_the_shipped_packs_pass_and_label_every_card() -> None:
    for folder in (ROOT / "rules" / "asean2022", TUTORIAL,
                   ROOT / "rules" / "examples" / "strait_crisis"):
        rs = load_packs([folder])
        assert {reality(rs, c) for c in rs.cards} == {"real", "invented"}, folder
        for card in rs.cards.values():
            # the conventional tags agree with the marker
            if "historic" in card.tags:
                assert reality(rs, card) == "real", card.id
            if "fictional" in card.tags:
                assert reality(rs, card) == "invented", card.id


def test_the_words_for_the_two_labels_exist_in_every_language() -> None:
    import yaml

    for lang in ("en", "km"):
        data = yaml.safe_load((ROOT / "assets" / "locale" / f"{lang}.yaml").read_text("utf-8"))
        words = data["reality"]
        for key in ("real", "invented", "real_tip", "invented_tip", "real_heading",
                    "invented_heading", "real_choice"):
            assert words[key].strip(), (lang, key)
