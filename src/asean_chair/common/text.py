"""Cleaning text that a pack or a save puts on a terminal.

A card title, a team name or a pack's error message can hold anything,
including bytes a terminal obeys: escape sequences that move the cursor,
clear the screen, rename the window, write to the clipboard (OSC 52) or make
a fake link (OSC 8), and control characters that erase what was printed
(``\\r``, backspace). :func:`for_terminal` removes them all before the text is
printed, so what a player reads is what the pack says, nothing more.

What is removed:

- escape sequences, whole: CSI (``ESC [ ... final``), OSC, DCS, SOS, PM and
  APC strings (up to BEL or ``ESC \\``), and two-character escapes; their
  8-bit forms (U+009B CSI, U+009D OSC, ...) too;
- every other C0 and C1 control character and DEL, except newline and tab
  (a ``\\r\\n`` line end becomes ``\\n``);
- the explicit bidirectional embeddings, overrides and isolates (U+202A to
  U+202E, U+2066 to U+2069), which can make a line read in another order than
  it is written ("Trojan Source"). Terminals that show right-to-left scripts
  order them by themselves; the marks U+200E and U+200F are kept, and so are
  the joiners (U+200C, U+200D) that Khmer and other scripts need;
- U+2028 and U+2029 (line and paragraph separators) become a newline.

With ``single_line=True`` newlines and tabs become spaces too, for a name or
a title that must stay on its line.
"""

from __future__ import annotations

import re

# An escape sequence, 7-bit or 8-bit, matched whole so nothing of it is shown.
_SEQUENCE = re.compile(
    r"""
    (?: \x1b\[ | \x9b ) [\x30-\x3f]* [\x20-\x2f]* [\x40-\x7e]?       # CSI
  | (?: \x1b[\]PX^_] | [\x90\x98\x9d\x9e\x9f] )                      # OSC DCS SOS PM APC
        [^\x07\x1b\x9c]* (?: \x07 | \x1b\\ | \x9c )?                 #   ... up to BEL or ST
  | \x1b [\x20-\x2f]* [\x30-\x7e]?                                   # other escapes
    """,
    re.VERBOSE,
)
_CONTROLS = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
_LINE_BREAKS = re.compile(r"\r\n|[\u2028\u2029]")


def for_terminal(text: object, *, single_line: bool = False) -> str:
    """``text`` (any object, as ``str()``) without escape sequences or control characters.

    >>> for_terminal("Cheap\\x1b[2J oil\\x1b]0;owned\\x07!")
    'Cheap oil!'
    >>> for_terminal("Port\\r\\nrights\\tnow", single_line=True)
    'Port rights now'
    """
    out = _LINE_BREAKS.sub("\n", str(text))
    out = _SEQUENCE.sub("", out)
    out = _CONTROLS.sub("", out)
    if single_line:
        out = out.replace("\n", " ").replace("\t", " ")
    return out


__all__ = ["for_terminal"]
