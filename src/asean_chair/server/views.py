"""What each page shows, gathered from a game state: the card, its options
and what they move, the result of the last decision, the meters, the log.

Templates only lay these out; every word is chosen here or in them
through :class:`~.words.Words`.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from typing import Any

from ..classroom.vote import letter
from ..common.logwords import cause_label, log_text, reason_text
from ..engine import Choice, GameState, LogEntry
from ..rules.preview import preview
from .ballot import Ballot
from .lesson import Lesson, TeamGame
from .words import Words, signed

#: Letters for a card's options, in order.
#: Log lines on a team's page (the whole log has a page of its own), and on the log's page.
LOG_LINES = 25
WHOLE_LOG = 400


@dataclass
class MoveView:
    """A value a choice moves: ``Economy +3`` (``+2 to +6`` when chance decides)."""

    label: str
    amount: str
    sign: int
    knock_on: bool = False


@dataclass
class ChoiceView:
    """An option of a card, or a diplomacy action, as offered."""

    action: str
    letter: str
    label: str
    cost: str
    legal: bool
    why_not: str
    hint: str = ""
    text: str = ""
    moves: list[MoveView] = field(default_factory=list)
    later: list[str] = field(default_factory=list)
    maybe: list[str] = field(default_factory=list)
    odds: list[tuple[int, str]] = field(default_factory=list)
    #: The option id (card options only).
    option: str = ""


@dataclass
class CardView:
    """The card waiting for a decision."""

    id: str
    title: str
    text: str
    where: str
    reality: tuple[str, str, str] | None
    options: list[ChoiceView]


@dataclass
class Meter:
    """A track or a relation, with what a bar needs."""

    id: str
    label: str
    value: int
    low: int
    high: int
    danger: bool
    #: Where the bar starts and how wide it is, in percent of the meter.
    start: float
    width: float
    color: str = ""


@dataclass
class Line:
    """A line of the log or of the result panel."""

    text: str
    cause: str = ""
    sign: int = 0
    turn: str = ""


@dataclass
class ResultView:
    """How the game ended."""

    title: str
    text: str
    defeat: bool
    score: int
    tier: str
    verdict: list[str]
    baseline: int | None


@dataclass
class GameView:
    """Everything a game page shows."""

    name: str
    when: str
    progress: str
    purse: str
    score: int
    phase: str
    next_n: int
    card: CardView | None
    actions: list[ChoiceView]
    actions_left: str
    end_turn: str
    result: ResultView | None
    last_head: str
    last: list[Line]
    tracks: list[Meter]
    relations: list[Meter]
    lasting: list[str]
    log: list[Line]
    can_undo: bool
    flash: str = ""


# ------------------------------------------------------------ pieces


def moves_of(words: Words, state: GameState, model: Any) -> tuple[list[MoveView], list[str],
                                                                   list[str]]:
    """What an option or action moves now, what it brings later, what needs a condition."""
    found = preview(model, state.ruleset, state.v, words.language)
    out = []
    for m in found.moves:
        if not shown(state, m.target):
            continue
        amount = signed(m.low) if m.certain else words.t("range", low=signed(m.low),
                                                         high=signed(m.high))
        sign = (m.low > 0 and m.high > 0) - (m.low < 0 and m.high < 0)
        out.append(MoveView(words.label(m.target), amount, sign, m.knock_on))
    return out, list(found.later), list(found.maybe)


def shown(state: GameState, target: str) -> bool:
    """Whether players see a value: visible tracks, relations and the currency."""
    rs = state.ruleset
    if target in rs.tracks:
        return rs.tracks[target].visible
    return (target.startswith("rel.") and target[4:] in rs.actors) or target == "capital"


def choice_view(words: Words, state: GameState, choice: Choice, index: int) -> ChoiceView:
    """An option or action as offered, with its preview."""
    rs = state.ruleset
    a = choice.action
    model: Any = None
    text = ""
    if a.kind == "choose" and a.card in rs.cards:
        # Which choice was really made stays for the debrief: shown here, it would decide.
        card = rs.cards[str(a.card)]
        model = next((o for o in card.options if o.id == a.option), None)
    elif a.kind == "act" and a.action in rs.actions:
        model = rs.actions[str(a.action)]
        text = model.text.strip()
    moves, later, maybe = moves_of(words, state, model) if model is not None else ([], [], [])
    return ChoiceView(
        action=str(a), letter=letter(index),
        label=choice.label if a.kind != "skip" else words.t("set_aside"),
        cost=words.t("costs", amount=words.money(choice.cost)) if choice.cost else "",
        legal=choice.legal, why_not=reason_text(choice.why_not, rs, words.language),
        hint=choice.hint, text=text,
        moves=moves, later=later, maybe=maybe,
        odds=[(round(o.chance * 100), o.text) for o in choice.odds],
        option=a.option or "")


def card_view(words: Words, state: GameState) -> CardView | None:
    """The card waiting, with its options (none when the game waits for something else)."""
    card = state.current_card
    if card is None:
        return None
    decided = sum(1 for a in _this_turn(state) if a.kind in ("choose", "skip"))
    total = decided + len(state.queue)
    where = words.t("event_n", n=decided + 1, total=total)
    options = [choice_view(words, state, c, i) for i, c in enumerate(state.choices())]
    return CardView(card.id, card.title, card.text.strip(), where, words.reality(card.id), options)


def _this_turn(state: GameState) -> list[Any]:
    out = []
    for a in reversed(state.history):
        if a.kind == "end_turn":
            break
        out.append(a)
    return out


def meters(words: Words, state: GameState) -> tuple[list[Meter], list[Meter]]:
    """The visible tracks, and the relations (bars from zero)."""
    rs = state.ruleset
    tracks = []
    for t in rs.tracks.values():
        if not t.visible:
            continue
        v = state.value(t.id)
        span = max(t.max - t.min, 1)
        danger = bool(t.danger and ((t.danger.below is not None and v <= t.danger.below)
                                    or (t.danger.above is not None and v >= t.danger.above)))
        tracks.append(Meter(t.id, t.name, v, t.min, t.max, danger, 0.0,
                            round((v - t.min) / span * 100, 1)))
    relations = []
    for a in rs.actors.values():
        r = a.relation
        v = state.value(f"rel.{a.id}")
        span = max(r.max - r.min, 1)
        zero = min(max(0, r.min), r.max)
        lo, hi = sorted((zero, v))
        danger = bool(r.danger and ((r.danger.below is not None and v <= r.danger.below)
                                    or (r.danger.above is not None and v >= r.danger.above)))
        relations.append(Meter(f"rel.{a.id}", a.name, v, r.min, r.max, danger,
                               round((lo - r.min) / span * 100, 1),
                               round((hi - lo) / span * 100, 1), a.color or ""))
    return tracks, relations


def cause_of(words: Words, state: GameState, e: LogEntry) -> str:
    """The cause of a change in a few words."""
    rs = state.ruleset
    kind = e.cause.kind
    if kind == "option":
        card = rs.cards.get(e.cause.id.partition("/")[0])
        if card is not None:
            return card.title
    if kind == "income":
        return words.t("cause.income")
    if kind == "spill":
        actor = rs.actors.get(e.cause.id)
        if actor is not None:
            return words.t("cause.spill", actor=actor.name)
    if kind == "teacher":
        return words.t("cause.teacher")
    return cause_label(e.cause, rs, words.language)


def message_text(words: Words, e: LogEntry) -> str:
    """A log message in the page's language: the messages the server words
    itself, then the engine's own (:func:`~asean_chair.common.logwords.log_text`)."""
    text = e.text
    for prefix, key in (("You chose: ", "log.chose"), ("Action: ", "log.action")):
        if text.startswith(prefix):
            return words.t(key, what=text[len(prefix):])
    return log_text(e, words.game.ruleset, words.language)


def log_lines(words: Words, state: GameState, entries: list[LogEntry],
              most: int = LOG_LINES) -> list[Line]:
    """The latest log entries as lines, newest first: value changes (visible ones)
    and messages, at most ``most``."""
    out: list[Line] = []
    names: dict[int, str] = {}
    for e in reversed(entries):
        if len(out) >= most:
            break
        if e.cause.kind == "turn":
            continue
        when = names.get(e.turn) or names.setdefault(e.turn, words.turn_short(e.turn))
        if e.target is None:
            out.append(Line(message_text(words, e), turn=when))
        elif shown(state, e.target) and e.delta:
            out.append(Line(words.t("change", label=words.label(e.target), delta=signed(e.delta),
                                    before=e.before, after=e.after),
                            cause_of(words, state, e), (e.delta > 0) - (e.delta < 0), when))
    return out


def result_lines(words: Words, state: GameState, entries: list[LogEntry],
                 chosen: str | None) -> list[Line]:
    """What the last decision changed: one line per value (all its causes), then the news."""
    changes: dict[str, list[LogEntry]] = {}
    news: list[Line] = []
    for e in entries:
        if e.cause.kind == "turn":
            continue
        if e.target is None:
            if not e.text.startswith(("You chose: ", "Action: ")):
                news.append(Line(message_text(words, e)))
        elif shown(state, e.target):
            changes.setdefault(e.target, []).append(e)
    out = []
    for target, found in changes.items():
        delta = found[-1].after - found[0].before
        if not delta:
            continue
        causes: list[str] = []
        for e in found:
            name = words.t("your_choice") if e.cause.id == chosen else cause_of(words, state, e)
            if name not in causes:
                causes.append(name)
        out.append(Line(words.t("change", label=words.label(target), delta=signed(delta),
                                before=found[0].before, after=found[-1].after),
                        ", ".join(causes), (delta > 0) - (delta < 0)))
    return out + news


def result_view(words: Words, state: GameState) -> ResultView | None:
    """How the game ended (``None`` while it goes on)."""
    r = state.result
    if r is None:
        return None
    from ..bots import history_baseline

    base = history_baseline(state)
    return ResultView(r.title, r.text, r.defeat, round(r.score), r.tier_name, list(r.verdict),
                      round(base) if base is not None else None)


def header(words: Words, state: GameState) -> tuple[str, str, str]:
    """(the turn's name, how far into the game, the purse)."""
    game = state.game
    sc = game.scenario
    when = words.turn(state.turn)
    if game.clock.kind == "numbers" and game.first_turn == 1:
        progress = words.t("of_total", total=game.length)
    else:
        progress = words.t("progress", n=state.turns_played, total=game.length)
    purse = words.t("purse", have=state.capital, max=sc.capital.max)
    return when, progress, purse


# ------------------------------------------------------------- pages


def game_view(words: Words, lesson: Lesson, team: TeamGame) -> GameView:
    """A team's page (or the class's game, for the teacher)."""
    st = team.state
    when, progress, purse = header(words, st)
    phase = st.pending.kind
    actions: list[ChoiceView] = []
    left = ""
    if phase == "diplomacy":
        offered = st.choices()[:-1]
        actions = [choice_view(words, st, c, i) for i, c in enumerate(offered)]
        n_left = max(st.game.scenario.actions_per_turn - sum(
            1 for a in _this_turn(st) if a.kind == "act"), 0)
        left = words.tn("actions_left", n_left, have=words.money(st.capital))
    chosen = None
    last_head = ""
    la = team.last_action
    if la is not None and team.last:
        if la.kind == "choose":
            chosen = f"{la.card}/{la.option}"
            last_head = words.t("you_chose", what=words.action(la))
        elif la.kind == "act":
            chosen = str(la.action)
            last_head = words.t("you_did", what=words.action(la))
        elif la.kind == "end_turn":
            last_head = words.t("turn_began", turn=words.turn(st.turn)) if not st.is_over \
                else words.t("game_ended")
        else:
            last_head = words.action(la)
    tracks, relations = meters(words, st)
    log = log_lines(words, st, st.log or [])
    flash = ""
    if team.flash is not None:
        key, fields = team.flash
        if key == "undone":
            flash = words.t("flash.undone", what=words.action(str(fields.get("what", ""))))
        else:
            flash = words.t(f"refused.{key}", **fields)
    return GameView(
        name=team.name, when=when, progress=progress, purse=purse, score=round(st.score),
        phase=phase, next_n=team.version + 1, card=card_view(words, st), actions=actions,
        actions_left=left, end_turn=words.t("end_turn"), result=result_view(words, st),
        last_head=last_head, last=result_lines(words, st, team.last, chosen) if last_head else [],
        tracks=tracks, relations=relations,
        lasting=[words.t("lasting", name=name, left=words.units(n))
                 for _, name, n in st.active_modifiers],
        log=log, can_undo=bool(team.effective) and lesson.status == "open", flash=flash)


@dataclass
class TallyView:
    """An option of the card being voted, with its votes."""

    option: ChoiceView
    votes: int
    percent: float
    leading: bool
    mine: bool


@dataclass
class VoteView:
    """The class vote on the card now (projector, students' devices, teacher panel)."""

    n: int
    card: CardView
    tallies: list[TallyView]
    total: int
    open: bool
    left: float | None
    deadline: float | None
    paused: bool
    seconds: int
    winner: str
    tied: list[str]
    status_text: str


def vote_view(words: Words, lesson: Lesson, device: str | None = None) -> VoteView | None:
    """The vote on the class's current card, or ``None`` when no card waits."""
    team = lesson.class_team
    ballot: Ballot | None = lesson.current_ballot()
    counted = lesson.count()
    if team is None or ballot is None or counted is None:
        return None
    card = card_view(words, team.state)
    assert card is not None
    tallies, result = counted
    total = sum(tallies.values())
    mine = lesson.my_vote(device)
    now = time.time()
    rows = []
    best = max(tallies.values(), default=0)
    for option in card.options:
        if option.action == "skip":
            continue
        votes = tallies.get(option.option, 0)
        rows.append(TallyView(option, votes, round(votes / total * 100, 1) if total else 0.0,
                              bool(best) and votes == best and option.legal,
                              mine == option.option))
    is_open = ballot.open(now) and lesson.status == "open"
    left = ballot.left(now)
    if lesson.status != "open":
        status = words.t(f"vote.{lesson.status}")
    elif ballot.row.closed:
        status = words.t("vote.closed")
    elif left is not None and left <= 0:
        status = words.t("vote.time_up")
    elif ballot.paused:
        status = words.t("vote.countdown_paused")
    else:
        status = words.t("vote.open")
    letters = {o.option: o.letter for o in card.options}
    return VoteView(ballot.row.n, card, rows, total, is_open, left,
                    ballot.row.deadline if not ballot.paused else None, ballot.paused,
                    ballot.row.seconds, letters.get(result.winner or "", ""),
                    [letters.get(o, o) for o in result.tied], status)


@dataclass
class TeamRowView:
    """A team on the teacher's dashboard."""

    id: int
    name: str
    when: str
    progress: str
    score: int
    doing: str
    moves: int
    since: str
    rejoin: str
    over: bool


def dashboard_rows(words: Words, lesson: Lesson) -> list[TeamRowView]:
    """Every team's turn, score and current card."""
    now = time.time()
    out = []
    for team in lesson.team_list():
        st = team.state
        when, progress, _ = header(words, st)
        if st.is_over and st.result is not None:
            doing = words.t("dash.finished", tier=st.result.tier_name)
        elif st.current_card is not None:
            doing = st.current_card.title
        else:
            doing = words.t("dash.actions")
        out.append(TeamRowView(team.id, team.name, when, progress, round(st.score), doing,
                               len(team.effective), ago(words, now - team.last_at),
                               team.row.rejoin, st.is_over))
    return out


def ago(words: Words, seconds: float) -> str:
    """``just now``, ``3 min ago``."""
    if seconds < 60:
        return words.t("ago.now")
    return words.tn("ago.minutes", int(seconds // 60))
