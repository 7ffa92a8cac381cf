"""Session codes: one short code fixes the pack, the preset and the seed.

A teacher runs ``asean-chair classroom new`` and writes the code on the
board; every team starts the same game from it, on its own machine, with
no server. The code carries a check, so a mistyped or tampered code is
refused, and a piece of the packs' content hash, so a machine with other
packs (or another version) says so instead of playing a different game.

Layout (80 bits, as 16 Crockford base-32 characters in groups of four)::

    version 2 | scenario 4 | preset 4 | difficulty 2 | seed 24 | pack hash 32 | check 12

The check is a CRC-12 of the 68 bits before it (generator
x^12 + x^11 + x^3 + x^2 + x + 1). Each character holds 5 consecutive bits of
the code, so one wrong character changes at most 5 consecutive bits and two
swapped neighbours at most 10; a CRC whose generator has degree 12 and a
constant term detects every error confined to 12 consecutive bits (such an
error is x^i times a non-zero polynomial of degree below 12, which the
generator, prime to x, cannot divide). So every single-character typo and
every swap of two neighbours is refused, whatever the code holds; other
typos pass with a chance of 1 in 4,096. Version 1 codes had a hash check
that let some single typos through; they are refused by name.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

from ..rules.ruleset import Ruleset

ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
_READ = {c: i for i, c in enumerate(ALPHABET)}
_READ.update({"O": 0, "I": 1, "L": 1, "U": _READ["V"]})  # common misreadings
VERSION = 2
MAX_SEED = (1 << 24) - 1


class CodeError(ValueError):
    """A session code that cannot be used; the message says why."""


@dataclass(frozen=True)
class Session:
    """What a session code stands for."""

    scenario: str
    preset: str | None
    seed: int
    code: str
    difficulty: str | None = None


CHECK_BITS = 12
PAYLOAD_BITS = 68
#: The CRC-12 generator x^12 + x^11 + x^3 + x^2 + x + 1.
GENERATOR = 0x180F


def _check(payload: int) -> int:
    """The CRC-12 of the payload: the remainder of payload * x^12 divided by the generator."""
    rest = payload << CHECK_BITS
    for bit in range(PAYLOAD_BITS + CHECK_BITS - 1, CHECK_BITS - 1, -1):
        if rest >> bit & 1:
            rest ^= GENERATOR << (bit - CHECK_BITS)
    return rest


def _check_v1(payload: int) -> int:
    """The check of version 1 codes (a hash), only to recognise them."""
    digest = hashlib.sha256(payload.to_bytes(10, "big")).digest()
    return int.from_bytes(digest[:2], "big") >> (16 - CHECK_BITS)


def _pack_bits(ruleset: Ruleset) -> int:
    return int(ruleset.content_hash[:8], 16)


def _slot(scenario: str, kind: str, wanted: str | None, ids: list[str], most: int) -> int:
    """0 for none, else the 1-based place of ``wanted`` among ``ids`` (at most ``most``)."""
    if wanted is None:
        return 0
    plural = "difficulties" if kind == "difficulty" else f"{kind}s"
    if wanted not in ids:
        raise CodeError(f"scenario '{scenario}' has no {kind} '{wanted}' "
                        f"({plural}: {', '.join(ids) or 'none'})")
    place = ids.index(wanted) + 1
    if place > most:
        raise CodeError(f"session codes support the first {most} {plural} of a scenario")
    return place


def make_code(ruleset: Ruleset, scenario: str | None = None, preset: str | None = None,
              seed: int = 0, difficulty: str | None = None) -> str:
    """The session code for a game of ``ruleset``."""
    sc = ruleset.scenario(scenario)
    scenarios = list(ruleset.scenarios)
    s_index = scenarios.index(sc.id)
    if s_index > 15:
        raise CodeError("session codes support the first 16 scenarios of the packs")
    p_index = _slot(sc.id, "preset", preset, [p.id for p in sc.presets], 15)
    d_index = _slot(sc.id, "difficulty", difficulty, [d.id for d in sc.difficulties], 3)
    if not 0 <= seed <= MAX_SEED:
        raise CodeError(f"the seed of a session must be from 0 to {MAX_SEED:,}")
    payload = ((VERSION << 66) | (s_index << 62) | (p_index << 58) | (d_index << 56)
               | (seed << 32) | _pack_bits(ruleset))
    value = (payload << CHECK_BITS) | _check(payload)
    chars = "".join(ALPHABET[(value >> (5 * i)) & 31] for i in reversed(range(16)))
    return "-".join(chars[i:i + 4] for i in range(0, 16, 4))


def read_code(code: str, ruleset: Ruleset) -> Session:
    """What ``code`` stands for, checked against the packs on this machine."""
    cleaned = "".join(c for c in code.upper() if c not in "- \t")
    if len(cleaned) != 16 or any(c not in _READ for c in cleaned):
        raise CodeError(f"'{code}' is not a session code (16 letters and digits, like "
                        "ABCD-EFGH-JKMN-PQRS)")
    value = 0
    for c in cleaned:
        value = (value << 5) | _READ[c]
    payload, check = value >> CHECK_BITS, value & ((1 << CHECK_BITS) - 1)
    if _check(payload) != check:
        if payload >> 66 == 1 and _check_v1(payload) == check:
            raise CodeError(f"the code '{code}' was made by an older version of the game; "
                            "ask the teacher for a new code")
        raise CodeError(f"the code '{code}' has a typo (its check does not match); "
                        "copy it again from the board")
    version = payload >> 66
    if version != VERSION:
        raise CodeError(f"the code '{code}' was made by another version of the game")
    s_index = (payload >> 62) & 15
    p_index = (payload >> 58) & 15
    d_index = (payload >> 56) & 3
    seed = (payload >> 32) & MAX_SEED
    if payload & 0xFFFFFFFF != _pack_bits(ruleset):
        packs = ", ".join(f"{p.id} {p.version}" for p in ruleset.packs)
        raise CodeError(f"the code '{code}' is for different rule packs than this computer has "
                        f"({packs}); use the same version of the game as the teacher")
    scenarios = list(ruleset.scenarios)
    if s_index >= len(scenarios):
        raise CodeError(f"the code '{code}' names a scenario these packs do not have")
    sc = ruleset.scenarios[scenarios[s_index]]
    preset = None
    if p_index:
        if p_index > len(sc.presets):
            raise CodeError(f"the code '{code}' names a preset these packs do not have")
        preset = sc.presets[p_index - 1].id
    difficulty = None
    if d_index:
        if d_index > len(sc.difficulties):
            raise CodeError(f"the code '{code}' names a difficulty these packs do not have")
        difficulty = sc.difficulties[d_index - 1].id
    return Session(scenario=sc.id, preset=preset, seed=seed,
                   code=make_code(ruleset, sc.id, preset, seed, difficulty),
                   difficulty=difficulty)
