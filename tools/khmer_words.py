#!/usr/bin/env python3
"""Word boundaries in Khmer texts: check them, mark them, show them.

Khmer is written without spaces between words (a space ends a phrase), so a
line may only break where a zero-width space (U+200B) marks the end of a
word. Without one, a long phrase either overflows its box or, in the game's
window, is broken between any two syllables, in the middle of a word.
Many Khmer keyboard layouts type U+200B with a key of its own, so a typist
can mark words while writing; this tool checks that nothing was missed, and
marks what was.

    python tools/khmer_words.py check [FILE ...]
        Every Khmer run longer than 8 syllables without a boundary, as
        file:line:col (the window keeps a run of up to 8 syllables whole, and
        breaks a longer one anywhere). Also a boundary inside a word the
        term list beside the file (terms-km.yaml) says is whole. Exit 1 if anything is found. Without
        FILE: every locale/km.yaml under rules/.

    python tools/khmer_words.py show FILE [TEXT]
        The lines of FILE (those containing TEXT), with a middle dot where
        a boundary is, for a reviewer to read.

    python tools/khmer_words.py mark FILE ...
        Put a boundary between the words of every Khmer run, in place
        (needs khmer-nltk: pip install khmer-nltk; its segmenter finds the
        words). A phrase that has a boundary already is left as it is, so
        marking twice changes nothing; words the term list beside the file
        says are whole are never broken. Read
        the result with `show`: a dictionary does not know every word.

Comment lines and the `translated_from` block are left alone.
"""

from __future__ import annotations

import argparse
import re
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
ZWSP = "\u200b"
COENG = "\u17d2"  # the next consonant is written below the previous one
#: The longest run of Khmer syllables kept without a boundary (the window's
#: asean_chair.ui.scripts.SHORT_RUN: it breaks a longer run between any two).
LONGEST_RUN = 8
#: Khmer letters and signs (and the joiners), without the word boundary.
_RUN = re.compile(r"[\u1780-\u17ff\u19e0-\u19ff\u200c\u200d]+")
#: Khmer text between two spaces (or other signs), boundaries included.
_PHRASE = re.compile(r"[\u1780-\u17ff\u19e0-\u19ff\u200b-\u200d]+")
#: Khmer punctuation: full stop, colon, repetition sign and the like.
_PUNCTUATION = re.compile(r"([\u17d4-\u17da]+)")


def _letter(ch: str) -> bool:
    """A consonant or an independent vowel: the start of a syllable, unless subscript."""
    return "\u1780" <= ch <= "\u17b3"


def syllables(run: str) -> int:
    """How many syllables (orthographic clusters) a Khmer run has."""
    return sum(1 for i, ch in enumerate(run) if _letter(ch) and (i == 0 or run[i - 1] != COENG))


def long_runs(text: str, longest: int = LONGEST_RUN) -> Iterator[tuple[int, str]]:
    """Every Khmer run of ``text`` longer than ``longest`` syllables: (offset, run)."""
    for m in _RUN.finditer(text):
        if syllables(m.group(0)) > longest:
            yield m.start(), m.group(0)


def _name_pattern(name: str) -> re.Pattern[str]:
    """``name`` with a boundary allowed between any two of its characters."""
    return re.compile(f"{ZWSP}?".join(re.escape(ch) for ch in name))


def broken_names(text: str, names: Iterable[str]) -> Iterator[tuple[int, str]]:
    """Every place where a boundary splits one of ``names``: (offset, name)."""
    for name in names:
        for m in _name_pattern(name).finditer(text):
            if ZWSP in m.group(0):
                yield m.start(), name


def whole_names(terms_file: Path) -> list[str]:
    """The words a term list says must never be broken: the Khmer of the terms
    marked ``whole: true``, and its list ``whole_words``."""
    import yaml

    if not terms_file.is_file():
        return []
    data = yaml.safe_load(terms_file.read_text(encoding="utf-8")) or {}
    return [*(str(t["km"]) for t in data.get("terms", []) if t.get("whole")),
            *(str(w) for w in data.get("whole_words", []))]


def text_lines(text: str) -> Iterator[tuple[int, str]]:
    """The lines that hold translated text: (line number from 1, line)."""
    in_record = False
    for number, line in enumerate(text.splitlines(), 1):
        if line.startswith("translated_from:"):
            in_record = True
        elif line[:1] not in ("", " ", "#"):
            in_record = False
        if in_record or line.lstrip().startswith("#"):
            continue
        yield number, line


def check(path: Path, names: list[str]) -> list[str]:
    """The problems of one file, as ``file:line:col: message``."""
    problems = []
    for number, line in text_lines(path.read_text(encoding="utf-8")):
        for col, run in long_runs(line):
            problems.append(f"{path}:{number}:{col + 1}: {syllables(run)} syllables without a "
                            f"word boundary: {run}")
        for col, name in broken_names(line, names):
            problems.append(f"{path}:{number}:{col + 1}: a boundary inside the name {name}")
    return problems


# ------------------------------------------------------------------ marking


def _words(run: str) -> list[str]:
    """A Khmer run cut into words by khmer-nltk's segmenter (a model trained on
    Khmer text; ICU's dictionary breaker guesses badly next to unknown words)."""
    import logging

    logging.getLogger("khmer-nltk").setLevel(logging.WARNING)
    from khmernltk import word_tokenize  # type: ignore[import-not-found]

    return [w for w in word_tokenize(run) if w]


def _split_long(word: str) -> list[str]:
    """A dictionary word longer than the window keeps whole, cut in two known words."""
    if syllables(word) <= LONGEST_RUN:
        return [word]
    best: tuple[int, int] | None = None
    for i in range(1, len(word)):
        if not _letter(word[i]) or word[i - 1] == COENG:
            continue
        head, tail = word[:i], word[i:]
        if len(_words(head)) == 1 and len(_words(tail)) == 1 and min(
                syllables(head), syllables(tail)) >= 2:
            balance = abs(syllables(head) - syllables(tail))
            if best is None or balance < best[0]:
                best = (balance, i)
    if best is None:
        return [word]
    return [*_split_long(word[:best[1]]), *_split_long(word[best[1]:])]


def mark_run(run: str, names: list[str] = []) -> str:  # noqa: B006 (never changed)
    """A Khmer run with a boundary between its words (never before a sign or a mark).

    ``names`` are words to keep whole: the run is cut at them before the
    segmenter reads the rest, so a name it does not know cannot pull the
    boundaries next to it out of place.
    """
    # A name of several words is kept by its words; only those of three
    # syllables or more cut a run (a shorter one may be part of another word:
    # កាតា in វេទិកាតាម), the others are only kept whole afterwards.
    whole = {part for name in names for part in name.split() if syllables(part) >= 3}
    pieces = [run]
    for name in sorted(whole, key=len, reverse=True):
        pieces = [q for p in pieces for q in
                  ([p] if p in whole else [x for x in re.split(f"({re.escape(name)})", p) if x])]
    words: list[str] = []
    for piece in pieces:
        if piece in whole:
            words.append(piece)
            continue
        # Punctuation (។ ៖ ...) apart: the segmenter misreads a word that touches it.
        for part in (p for p in _PUNCTUATION.split(piece) if p):
            words.extend([part] if _PUNCTUATION.fullmatch(part) else
                         [w for word in _words(part) for w in _split_long(word)])
    out = words[:1]
    for word in words[1:]:
        if _letter(word[0]):
            out.append(ZWSP)
        out.append(word)
    return "".join(out)


def mark_text(line: str, names: list[str]) -> str:
    """A line with boundaries put between the words of its Khmer runs."""
    # A phrase that has a boundary already was marked (by a person or by an
    # earlier run): it is left as it is, so marking twice changes nothing.
    marked = _PHRASE.sub(lambda m: m.group(0) if ZWSP in m.group(0) else
                         mark_run(m.group(0), names), line)
    for name in names:  # never a boundary inside a name
        marked = _name_pattern(name).sub(name, marked)
    return marked


def mark(path: Path, names: list[str]) -> int:
    """Mark the words of a file in place; the number of lines changed."""
    text = path.read_text(encoding="utf-8")
    lines = text.splitlines(keepends=True)
    changed = 0
    for number, _line in text_lines(text):
        old = lines[number - 1]
        new = mark_text(old, names)
        if new != old:
            lines[number - 1] = new
            changed += 1
    path.write_text("".join(lines), encoding="utf-8")
    return changed


# --------------------------------------------------------------------- main


def _default_files() -> list[Path]:
    return sorted((ROOT / "rules").rglob("locale/km.yaml"))


def _names_for(path: Path, terms: Path | None = None) -> list[str]:
    return whole_names(terms or path.parent / "terms-km.yaml")


def main(argv: list[str] | None = None) -> int:
    """Run the tool; the exit status."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    sub = parser.add_subparsers(dest="command", required=True)
    p_check = sub.add_parser("check", help="report long runs without a word boundary")
    p_check.add_argument("files", nargs="*", type=Path)
    p_check.add_argument("--terms", type=Path, help="the term list (default: terms-km.yaml "
                         "beside each file)")
    p_show = sub.add_parser("show", help="show the boundaries of a file as middle dots")
    p_show.add_argument("file", type=Path)
    p_show.add_argument("match", nargs="?", default="")
    p_mark = sub.add_parser("mark", help="put boundaries between words (needs khmer-nltk)")
    p_mark.add_argument("files", nargs="+", type=Path)
    p_mark.add_argument("--terms", type=Path, help="the term list (default: terms-km.yaml "
                        "beside each file)")
    args = parser.parse_args(argv)

    if args.command == "check":
        files = args.files or _default_files()
        problems = [p for f in files for p in check(f, _names_for(f, args.terms))]
        print("\n".join(problems) if problems else
              f"{len(files)} file{'s' * (len(files) != 1)}: every long Khmer run has its "
              "word boundaries")
        return 1 if problems else 0
    if args.command == "show":
        for number, line in text_lines(args.file.read_text(encoding="utf-8")):
            if args.match in line and _RUN.search(line):
                print(f"{number:5}  {line.strip().replace(ZWSP, '·')}")
        return 0
    try:
        import khmernltk  # type: ignore[import-not-found]  # noqa: F401
    except ImportError:
        print("marking needs khmer-nltk (pip install khmer-nltk); `check` and `show` do not",
              file=sys.stderr)
        return 1
    for f in args.files:
        print(f"{f}: {mark(f, _names_for(f, args.terms))} lines marked")
    return 0


if __name__ == "__main__":
    sys.exit(main())
