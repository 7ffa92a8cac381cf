"""Line breaks for scripts written without spaces between words (Khmer).

pygame_gui wraps text only at spaces, and cuts a longer run at any letter
(even between a Khmer consonant and its subscript). Khmer puts spaces
between phrases, not words; well-made Khmer text carries a zero-width
space (invisible; HarfBuzz draws nothing for it) between its words, as the
window's own strings in ``assets/locale/km.yaml`` do, and :mod:`.gui_fixes`
lets pygame_gui break lines there as it does at spaces. A phrase that
carries none (a pack's text written without them) gets one between its
syllable clusters as a last resort, so that it never runs out of its box.
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


#: A Khmer run of fewer clusters is kept whole (a word, or a short name); longer
#: runs (phrases whose words are not marked) may break between clusters.
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
    # A run ends at a space or a zero-width space: where words are marked, a run is
    # one word and stays whole; a long unmarked run (a phrase) may break between
    # its clusters, where a new syllable starts, rather than run out of its box.
    return _KHMER_RUN.sub(lambda m: _break_run(m.group(0)), text)


def break_opportunities(html_text: str) -> str:
    """``html_text`` with a zero-width space between Khmer clusters (tags untouched)."""
    if not any(_khmer_letter(ch) for ch in html_text):
        return html_text
    parts = _MARKUP.split(html_text)
    return "".join(p if i % 2 else _break_plain(p) for i, p in enumerate(parts))
