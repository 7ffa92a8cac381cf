"""The bundled fonts, embedded in a printed page as subsets of what it uses.

A page must print the same on every school computer, offline, and most have
no Khmer font at all. So the deck embeds Noto Sans (cut down to the
characters the page uses, as WOFF), and any page with Khmer text embeds
Noto Sans Khmer the same way; the browser takes each character from the
first font of the stack that has it.
"""

from __future__ import annotations

import base64
import functools
import io
import re
from pathlib import Path

#: The Latin family of the deck, and the Khmer family of every page.
LATIN_FAMILY, KHMER_FAMILY = "DeckSans", "DeckKhmer"
#: The deck's font stack: the embedded faces, then what the machine has.
FONT_STACK = (f"'{LATIN_FAMILY}','{KHMER_FAMILY}','Noto Sans',Arial,'Liberation Sans',"
              "'DejaVu Sans',sans-serif")

#: The bundled faces of each family: file name, CSS weight and style.
LATIN_FACES = (("NotoSans-Regular.ttf", 400, "normal"), ("NotoSans-Bold.ttf", 700, "normal"),
               ("NotoSans-Italic.ttf", 400, "italic"))
KHMER_FACES = (("NotoSansKhmer-Regular.ttf", 400, "normal"),
               ("NotoSansKhmer-Bold.ttf", 700, "normal"))
MINUS_CODE, ENDASH_CODE = 0x2212, 0x2013
_KHMER = re.compile("[\u1780-\u17ff\u19e0-\u19ff]")


def has_khmer(text: str) -> bool:
    """Whether ``text`` holds Khmer letters."""
    return _KHMER.search(text) is not None


def font_file(name: str) -> Path | None:
    """A bundled font file, or ``None`` when it is missing."""
    from ..paths import assets_dir

    path = assets_dir() / "fonts" / name
    return path if path.is_file() else None


def _subset(path: Path, chars: str, khmer: bool) -> bytes:
    """The font cut down to ``chars``, as WOFF."""
    from fontTools import subset  # type: ignore[import-untyped]
    from fontTools.ttLib import TTFont  # type: ignore[import-untyped]

    font = TTFont(str(path), recalcTimestamp=False)
    options = subset.Options()
    options.flavor = "woff"
    # Khmer needs its shaping features (subscripts, vowel signs) whole.
    options.layout_features = ["*"] if khmer else ["kern", "liga", "calt", "ccmp", "locl",
                                                      "mark", "mkmk"]
    sub = subset.Subsetter(options)
    sub.populate(text=chars + ("" if khmer else chr(ENDASH_CODE)))
    sub.subset(font)
    if not khmer:
        # Noto Sans draws the minus sign as a hyphen, too slight beside a plus
        # in small print: show it with the en dash's wider stroke.
        for table in font["cmap"].tables:
            if ENDASH_CODE in table.cmap:
                table.cmap[MINUS_CODE] = table.cmap[ENDASH_CODE]
    font.flavor = "woff"
    buf = io.BytesIO()
    font.save(buf, reorderTables=False)
    return buf.getvalue()


def _faces(family: str, faces: tuple[tuple[str, int, str], ...], chars: str,
           khmer: bool) -> str:
    rules = []
    for name, weight, style in faces:
        path = font_file(name)
        if path is None:
            return ""
        try:
            data = base64.b64encode(_subset(path, chars, khmer)).decode("ascii")
        except Exception:  # noqa: BLE001 - no fontTools: fall back to system fonts
            return ""
        rules.append(f"@font-face{{font-family:'{family}';font-weight:{weight};"
                     f"font-style:{style};src:url(data:font/woff;base64,{data}) format('woff')}}")
    return "\n".join(rules)


@functools.lru_cache(maxsize=8)
def font_face(chars: str) -> str:
    """``@font-face`` rules embedding the deck's fonts, cut to ``chars``
    (the Khmer faces only when ``chars`` hold Khmer)."""
    latin = _faces(LATIN_FAMILY, LATIN_FACES, chars, False)
    if not has_khmer(chars):
        return latin
    khmer = "".join(c for c in chars if has_khmer(c) or c in "\u200b\u200c\u200d\u25cc")
    return "\n".join(x for x in (latin, _faces(KHMER_FAMILY, KHMER_FACES, khmer, True)) if x)


def page_fonts(page: str) -> str:
    """For a report page: the Khmer faces it needs and a stack that uses them,
    or ``""`` when the page has no Khmer (system fonts then do)."""
    if not has_khmer(page):
        return ""
    import html

    chars = "".join(sorted({c for c in html.unescape(page) if has_khmer(c)}))
    faces = _faces(KHMER_FAMILY, KHMER_FACES, chars + "\u200b\u200c\u200d", True)
    if not faces:
        return ""
    # Khmer first: the subset holds only Khmer letters, so every other
    # character falls through to the fonts after it.
    # Charts name their own fonts inline; Khmer labels need the embedded one.
    return (faces + f"\nbody{{font-family:'{KHMER_FAMILY}','Noto Sans','DejaVu Sans',system-ui,"
            "sans-serif;line-height:1.6}"
            f"svg text{{font-family:'{KHMER_FAMILY}','DejaVu Sans',sans-serif !important}}")


def with_page_fonts(page: str) -> str:
    """A rendered report page with the bundled fonts it needs embedded in its style."""
    fonts = page_fonts(page)
    if not fonts:
        return page
    return page.replace("</style>", fonts + "\n</style>", 1)


__all__ = ["FONT_STACK", "KHMER_FAMILY", "LATIN_FAMILY", "font_face", "font_file", "has_khmer",
           "page_fonts", "with_page_fonts"]
