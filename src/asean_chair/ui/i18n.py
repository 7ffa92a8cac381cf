"""The window's own words in the player's language.

Every string the window shows comes from :func:`t` (or :func:`tn` for a
count), looked up by key in ``assets/locale/<language>.yaml``. English
(``en.yaml``) holds every key; another language may leave keys out, and a
missing key (or a translation whose ``{fields}`` do not fit) falls back to
English, so a half-finished translation never breaks a screen.

>>> set_language("en")
>>> t("menu.title")
'Menu'
>>> tn("board.actions_left", 2, n=2)
'2 actions left'

The files are read by :mod:`asean_chair.phrases`; months and turns are
named by :mod:`asean_chair.turns`. The rule packs' own texts (cards,
tracks...) are translated by the packs' locale files instead; see
:mod:`asean_chair.rules.locale`.
"""

from __future__ import annotations

import re
from typing import Any

from .. import phrases

#: The languages the window offers: (code, name in that language).
LANGUAGES: tuple[tuple[str, str], ...] = (
    ("en", "English"), ("km", "\u1781\u17d2\u1798\u17c2\u179a"))
#: Languages whose text needs complex shaping, with their ISO 15924 script code.
SCRIPTS = {"km": "Khmr"}

_current = "en"


def known(language: str | None) -> bool:
    """Whether the window offers ``language``."""
    return any(code == language for code, _ in LANGUAGES)


def set_language(language: str | None) -> None:
    """Use ``language`` from now on (unknown codes mean English)."""
    global _current
    _current = language if language and known(language) else "en"


def language() -> str:
    """The language in use."""
    return _current


def script() -> str | None:
    """The ISO 15924 script the current language needs shaping for, if any."""
    return SCRIPTS.get(_current)


#: A Khmer letter next to a Latin one (in either order): a word from another script.
_MIXED = re.compile(r"(?<=[\u1780-\u17d3\u17dd-\u17ff])(?=[A-Za-z])|"
                    r"(?<=[A-Za-z])(?=[\u1780-\u17d3\u17dd-\u17ff])")


def spaced(text: str) -> str:
    """A space where Khmer meets a Latin word (``ចំណូលPolitical`` -> ``ចំណូល Political``):
    the space Khmer writes around a word of another script."""
    return _MIXED.sub(" ", text) if SCRIPTS.get(_current) == "Khmr" else text


def digits(text: str) -> str:
    """Text with its numbers in the language's digits (Khmer: ០១២...), as every
    surface writes them; web addresses, file names and names like G20 keep theirs."""
    return phrases.numbers_in(text, _current)


def html_digits(html_text: str) -> str:
    """Like :func:`digits` for pygame_gui's HTML: the text, never a tag."""
    if _current == "en":
        return html_text
    from ..html import page_numbers

    return page_numbers(html_text, _current)


def t(key: str, **fields: Any) -> str:
    """The text of ``key`` in the current language, with ``{fields}`` filled in."""
    return spaced(phrases.phrase(key, _current, **fields))


def tn(key: str, n: int, **fields: Any) -> str:
    """Like :func:`t` for a count: ``key.one`` when ``n`` is 1, else ``key.other``."""
    return spaced(phrases.counted(key, n, _current, **fields))
