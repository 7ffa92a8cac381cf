"""Text from packs and saves reaches the terminal without anything a terminal obeys."""

from __future__ import annotations

import pytest

from asean_chair.common.text import for_terminal


@pytest.mark.parametrize("hostile, shown", [
    ("\x1b[2J\x1b[HOwned", "Owned"),                          # clear the screen, cursor home
    ("Red\x1b[31m text\x1b[0m", "Red text"),                   # colours
    # private modes: alt screen, hide cursor
    ("\x1b[?1049h\x1b[?25l", ""),
    ("\x1b]0;new window title\x07Card", "Card"),               # OSC, ended by BEL
    ("\x1b]52;c;Y3VybCBldmlsLnNoIHwgc2g=\x1b\\Card", "Card"),  # OSC 52: write the clipboard
    ("\x1b]8;;http://evil.example\x1b\\Trusted\x1b]8;;\x1b\\", "Trusted"),  # OSC 8 fake link
    ("\x1bP1$r0m\x1b\\Card", "Card"),                           # DCS
    ("\x9b2J\x9d0;title\x9cCard", "Card"),                      # 8-bit CSI and OSC
    ("\x1bcReset", "Reset"),                                   # full reset (two characters)
    ("Good\rEvil", "GoodEvil"),                                # carriage return overwrites
    ("Goo\x08\x08\x08Bad", "GooBad"),                          # backspaces
    ("Bell\x07 and null\x00 and del\x7f", "Bell and null and del"),
    ("abc\u202edcba\u202c", "abcdcba"),                         # right-to-left override
    ("\u2066hidden\u2069", "hidden"),                           # isolates
    ("unterminated \x1b]0;title", "unterminated "),
    ("lone escape at the end \x1b", "lone escape at the end "),
])
def test_hostile_text_is_defused(hostile: str, shown: str) -> None:
    assert for_terminal(hostile) == shown
    assert not any((ord(c) < 32 and c not in "\n\t") or 0x7f <= ord(c) <= 0x9f
                   for c in for_terminal(hostile))


@pytest.mark.parametrize("text", [
    "The chair's goal: 40% cohesion — a 'non-aligned' path?",
    "ការប្រជុំ\u200bកំពូល\u200bអាស៊ាន",                                   # Khmer, with zero-width spaces
    "Ha\u200dNoi \u200cjoined",                                 # joiners stay
    "עברית \u200f and English \u200e",                           # bidi marks stay
    "Line one\nline two\ttabbed",
    "",
])
def test_ordinary_text_is_unchanged(text: str) -> None:
    assert for_terminal(text) == text


def test_line_ends_and_separators_become_newlines() -> None:
    assert for_terminal("one\r\ntwo\u2028three\u2029four") == "one\ntwo\nthree\nfour"


def test_single_line_keeps_a_name_on_its_line() -> None:
    assert for_terminal("Team\nRed\tBlue\x1b[1A", single_line=True) == "Team Red Blue"


def test_anything_is_turned_into_text_first() -> None:
    assert for_terminal(42) == "42"
