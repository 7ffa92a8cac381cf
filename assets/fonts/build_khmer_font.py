"""Build the window's Khmer font: Noto Sans Khmer with Noto Sans's Latin letters.

    python assets/fonts/build_khmer_font.py      (needs fontTools: pip install fonttools)

pygame draws a string with one font, and Noto Sans Khmer has no Latin
letters or digits, so Khmer text that says "ASEAN" or "+12" would show
empty boxes. This merges the Latin, Latin-1 and punctuation glyphs of
Noto Sans into Noto Sans Khmer (hinting dropped, as the window renders
anti-aliased), giving ``NotoSansKhmerLatin-Regular.ttf`` and ``-Bold.ttf``.
Both sources are under the SIL Open Font License 1.1 (``OFL-NotoSans.txt``),
which allows this; the result is under the same licence.

The files are committed; run this again only to change what they cover.
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
FAMILY = "Noto Sans Khmer Latin"

#: The Latin glyphs taken from Noto Sans: ASCII, Latin-1, Latin Extended-A,
#: general punctuation, and the few symbols the window draws.
LATIN = ([*range(0x20, 0x7F), *range(0xA0, 0x180), *range(0x2010, 0x2050)]
         + [0x2122, 0x2190, 0x2191, 0x2192, 0x2193, 0x2212, 0x00D7, 0x20AC, 0x2713, 0x25CF])


def _subset(src: Path, out: Path, unicodes: list[int] | None) -> None:
    from fontTools import subset

    opts = subset.Options()
    opts.hinting = False
    opts.layout_features = ["*"]
    opts.name_IDs = ["*"]
    opts.notdef_outline = True
    opts.drop_tables += ["DSIG", "STAT"]
    font = subset.load_font(str(src), opts)
    sub = subset.Subsetter(opts)
    sub.populate(unicodes=list(font.getBestCmap()) if unicodes is None else unicodes)
    sub.subset(font)
    font.save(str(out))


def _rename(font: object, style: str) -> None:
    names = font["name"]  # type: ignore[index]
    full = f"{FAMILY} {style}" if style != "Regular" else FAMILY
    for record in names.names:
        if record.nameID in (1, 16):
            record.string = FAMILY
        elif record.nameID == 4:
            record.string = full
        elif record.nameID == 6:
            record.string = FAMILY.replace(" ", "") + "-" + style


def build(style: str) -> Path:
    """Merge one style (``Regular`` or ``Bold``); returns the file written."""
    from fontTools.merge import Merger

    out = HERE / f"NotoSansKhmerLatin-{style}.ttf"
    with tempfile.TemporaryDirectory() as tmp:
        latin = Path(tmp) / "latin.ttf"
        khmer = Path(tmp) / "khmer.ttf"
        _subset(HERE / f"NotoSans-{style}.ttf", latin, LATIN)
        _subset(HERE / f"NotoSansKhmer-{style}.ttf", khmer, None)
        # Latin first: its glyphs win for the ASCII punctuation both fonts have.
        merged = Merger().merge([str(latin), str(khmer)])
    _rename(merged, style)
    merged.save(str(out))
    return out


if __name__ == "__main__":
    for s in ("Regular", "Bold"):
        print(build(s))
    sys.exit(0)
