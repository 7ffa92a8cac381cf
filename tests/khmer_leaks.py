"""Finding English left in a Khmer page or transcript.

A word in Latin letters is allowed where the Khmer texts themselves write it:
the translators' own acronyms and names (RCEP, G20, the game's name), and the
English names given in brackets at first use, "(Five-Point Consensus)". Web
addresses and file paths keep their letters. Anything else in Latin letters
came from English the reader was not meant to see: a pack text shown
untranslated, or a phrase of the engine.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
#: The Khmer texts whose Latin words are meant to be there.
KHMER_FILES = (ROOT / "rules" / "asean2022" / "locale" / "km.yaml",
               ROOT / "rules" / "asean2022" / "locale" / "terms-km.yaml",
               ROOT / "assets" / "locale" / "km.yaml")

_WORD = re.compile(r"[A-Za-z][A-Za-z'’.-]*[A-Za-z]|[A-Za-z]")
_BRACKETS = re.compile(r"\(([^()]*)\)")
_KEEP = re.compile(r"\S*(?:://|www\.|/|\\|@|\.json|\.html)\S*")
#: A classroom session code (``G000-002H-J4EB-S9RH``).
_CODE = re.compile(r"\b[0-9A-Z]{4}(?:-[0-9A-Z]{4}){3}\b")
_KHMER = re.compile(r"[\u1780-\u17ff]")


def words(text: str) -> set[str]:
    return {w.strip("'’.-") for w in _WORD.findall(text)}


def _khmer_lines(path: Path) -> Iterable[str]:
    for line in path.read_text(encoding="utf-8").splitlines():
        body = line.split("#", 1)[0] if not line.lstrip().startswith("#") else ""
        _, sep, value = body.partition(": ")
        yield value if sep else body


def allowed() -> tuple[set[str], set[str]]:
    """The Latin words of the Khmer texts: (outside brackets, inside brackets)."""
    bare: set[str] = set()
    bracketed: set[str] = set()
    for path in KHMER_FILES:
        for value in _khmer_lines(path):
            if path.name == "terms-km.yaml":
                bracketed |= words(value)  # the English of each term, as given in brackets
                continue
            if not _KHMER.search(value) and "{" not in value:
                continue  # a key, an id, a plain English default
            value = re.sub(r"\{[A-Za-z_.]+\}", " ", value)
            for inner in _BRACKETS.findall(value):
                bracketed |= words(inner)
            bare |= words(_BRACKETS.sub(" ", value))
    return bare, bracketed


def visible_text(page: str) -> str:
    """What a reader sees of an HTML page: text, and the charts' labels."""
    page = re.sub(r"(?is)<(style|script|head)\b.*?</\1>", " ", page)
    page = re.sub(r"(?s)<!--.*?-->", " ", page)
    page = re.sub(r"(?s)<[^>]*>", "\n", page)
    return html.unescape(page)


def leaks(text: str, ignore: Iterable[str] = ()) -> list[str]:
    """Each line of ``text`` with English no Khmer text writes, with the words."""
    bare, bracketed = allowed()
    bare |= set(ignore)
    # A name in brackets may be wrapped onto the next line: brackets first.
    text = _CODE.sub(" ", _KEEP.sub(" ", text))
    text = _BRACKETS.sub(lambda m: " " * len(m.group()) if words(m.group(1)) <= bracketed | bare
                         else m.group(), text)
    found = []
    for line in text.splitlines():
        clean = line
        bad = sorted(w for w in words(clean) if w not in bare and w.lower() not in bare)
        if bad:
            found.append(f"{', '.join(bad)}  <- {line.strip()[:160]}")
    return found
