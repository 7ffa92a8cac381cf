"""The Jinja2 environment of every page, and :func:`render`."""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import cache
from typing import Any

from jinja2 import Environment, PackageLoader, StrictUndefined

from ..phrases import numbers_in
from . import helpers


@cache
def environment() -> Environment:
    """The one environment: templates from this package, autoescaping always on."""
    env = Environment(
        loader=PackageLoader("asean_chair.html", "templates"),
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters.update(helpers.FILTERS)
    env.globals.update(helpers.GLOBALS)
    return env


def render(template: str, /, **context: Any) -> str:
    """Render ``template`` (a path under ``templates/``) with ``context``."""
    return environment().get_template(template).render(**context)


#: The parts of a page whose numbers stay as written: styles, scripts, comments,
#: and what a reader types (``<code>``, ``<kbd>``: session codes, PINs).
_UNREAD = re.compile(r"(?is)<(style|script|code|kbd)\b.*?</\1\s*>|<!--.*?-->")
#: A tag, or a character reference (``&#39;``: its digits are not a number).
_TAG = re.compile(r"<[^>]*>|&#?\w+;")


def page_numbers(page: str, language: str) -> str:
    """A rendered page with the numbers of its text in ``language``'s digits
    (:func:`~asean_chair.phrases.numbers_in`): the text and the charts'
    labels, never a tag, an attribute, a style, a web address or what is
    typed (``<code>``, ``<kbd>``)."""
    if language == "en" or numbers_in("0", language) == "0":
        return page
    return _in_text(page, lambda text: numbers_in(text, language))


def _in_text(page: str, change: Callable[[str], str]) -> str:
    """``page`` with ``change`` made to the text a reader reads (not to tags,
    attributes, character references, styles, scripts or what is typed)."""
    out: list[str] = []
    last = 0
    for unread in _UNREAD.finditer(page):
        out.append(_text_only(page[last:unread.start()], change))
        out.append(unread.group())
        last = unread.end()
    out.append(_text_only(page[last:], change))
    return "".join(out)


def _text_only(part: str, change: Callable[[str], str]) -> str:
    out: list[str] = []
    last = 0
    for tag in _TAG.finditer(part):
        out.append(change(part[last:tag.start()]))
        out.append(tag.group())
        last = tag.end()
    out.append(change(part[last:]))
    return "".join(out)


#: A run of Khmer letters between two word boundaries (spaces, zero-width spaces).
_KHMER_RUN = re.compile(r"[\u1780-\u17ff\u19e0-\u19ff\u200c\u200d]+")
#: Where a syllable starts: a consonant or an independent vowel, not written below.
_SYLLABLE = re.compile(r"(?<!\u17d2)[\u1780-\u17b3]")
#: A Khmer word (a run up to this many syllables) is kept on one line, as the
#: window does (``asean_chair.ui.scripts.SHORT_RUN``); a longer run is a
#: phrase whose words are not marked, and may break between syllables.
SHORT_RUN = 8
WORD_JOINER = "\u2060"


def _join_run(run: str) -> str:
    starts = [m.start() for m in _SYLLABLE.finditer(run) if m.start()]
    if not starts or len(starts) >= SHORT_RUN:
        return run
    return "".join(run[a:b] + WORD_JOINER for a, b in zip([0, *starts], starts, strict=False)) + \
        run[starts[-1]:]


def khmer_words_whole(page: str) -> str:
    """A rendered page whose Khmer words break only at their boundaries.

    Khmer marks the end of a word with a zero-width space; a browser also
    breaks where its own dictionary sees two words, inside compounds such as
    សន្ធិសញ្ញា or ពិតប្រាកដ. A word joiner (U+2060, invisible) between the
    syllables of each word keeps it whole."""
    if not _KHMER_RUN.search(page):
        return page
    return _in_text(page, lambda text: _KHMER_RUN.sub(lambda m: _join_run(m.group()), text))
