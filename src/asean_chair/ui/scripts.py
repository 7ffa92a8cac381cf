"""Line breaks for scripts written without spaces between words (Khmer).

pygame_gui wraps text only at spaces, and cuts a longer run at any letter
(even between a Khmer consonant and its subscript). Khmer puts spaces
between phrases, not words, so a phrase is often wider than a text box.
:func:`break_opportunities` puts a zero-width space (invisible; HarfBuzz
draws nothing for it) between the syllable clusters of a Khmer run, and
:mod:`.gui_fixes` lets pygame_gui break lines there as it does at spaces.
Latin text is left as it is.
"""

from __future__ import annotations

import re

from .draw import breaks_before

ZWSP = "\u200b"
_KHMER_START = re.compile(r"[\u1780-\u17b3]")
_MARKUP = re.compile(r"(<[^>]*>|&[#a-zA-Z0-9]+;)")


def _khmer_letter(ch: str) -> bool:
    return "\u1780" <= ch <= "\u17ff" or "\u19e0" <= ch <= "\u19ff"


#: A Khmer run of at most this many clusters is kept whole (usually one or two
#: words: a name, a track); longer runs (phrases) may break between clusters.
SHORT_RUN = 8
_KHMER_RUN = re.compile(r"[\u1780-\u17ff\u19e0-\u19ff\u200c\u200d]+")


def _break_run(run: str) -> str:
    out: list[str] = []
    starts = [i for i, ch in enumerate(run) if i and _KHMER_START.match(ch)
              and breaks_before(run, i)]
    if len(starts) < SHORT_RUN:
        return run
    last = 0
    for i in starts:
        out.append(run[last:i])
        out.append(ZWSP)
        last = i
    out.append(run[last:])
    return "".join(out)


def _break_plain(text: str) -> str:
    # Between two clusters of a long Khmer run, where a new syllable starts.
    return _KHMER_RUN.sub(lambda m: _break_run(m.group(0)), text)


def break_opportunities(html_text: str) -> str:
    """``html_text`` with a zero-width space between Khmer clusters (tags untouched)."""
    if not any(_khmer_letter(ch) for ch in html_text):
        return html_text
    parts = _MARKUP.split(html_text)
    return "".join(p if i % 2 else _break_plain(p) for i, p in enumerate(parts))
