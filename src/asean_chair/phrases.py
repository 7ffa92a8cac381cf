"""The game's own words (not the packs') in each language.

Every language has a file ``assets/locale/<code>.yaml``; English holds
every key. A key (or a ``{field}``) a translation lacks falls back to
English, so a half-finished translation never breaks a screen or a page.

>>> phrase("month_short.3", "en")
'Mar'
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path
from typing import Any

from .paths import assets_dir


def locale_dir() -> Path:
    """The folder of the translations."""
    return assets_dir() / "locale"


def _flatten(data: Any, prefix: str, out: dict[str, str]) -> None:
    if isinstance(data, dict):
        for key, value in data.items():
            _flatten(value, f"{prefix}.{key}" if prefix else str(key), out)
    elif isinstance(data, (str, int, float)) and not isinstance(data, bool):
        out[prefix] = str(data)


@cache
def strings(language: str) -> dict[str, str]:
    """Every key of a language file, flattened (``menu: {title: Menu}`` -> ``menu.title``).

    A missing or unreadable file gives no strings (English fills in).
    """
    import yaml

    path = locale_dir() / f"{language}.yaml"
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml when there is one
    try:
        data = yaml.load(path.read_text(encoding="utf-8"), Loader=loader)
    except (OSError, yaml.YAMLError):
        return {}
    out: dict[str, str] = {}
    _flatten(data, "", out)
    return out


def _numerals(language: str) -> dict[int, int] | None:
    """The language's digits (its key ``numerals``: ten characters), or ``None`` for 0-9."""
    if language == "en":
        return None
    found = strings(language).get("numerals", "")
    if len(found) != 10 or found == "0123456789":
        return None
    return str.maketrans("0123456789", found)


def digits(text: str, language: str = "en") -> str:
    """A number written in the language's digits: ``digits("2022", "km")`` is ``២០២២``.

    Every digit of ``text`` is changed: pass a number, not a sentence (see
    :func:`numbers_in`).
    """
    table = _numerals(language)
    return text if table is None else text.translate(table)


#: A word that holds a number to write in a language's digits: digits not
#: touching a letter (``G20``, ``d10``, ``K7F`` keep theirs).
_NUMBER = re.compile(r"(?<![A-Za-z]-)(?<![^\W_])\d+(?:[.,:]\d+)*(?![^\W_])", re.ASCII)
#: What keeps its digits in running text: web addresses, emails, file paths
#: (a word with a slash and a letter: ``4/5`` is a number), versions, and
#: classroom session codes (``G200-0021-J4EB-S9B4``: typed as written).
_KEEP = re.compile(r"\S*(?:://|@)\S*|(?<!\S)(?=\S*[A-Za-z])\S*[/\\]\S*|\b\d+\.\d+\.\d+\S*"
                   r"|\b[0-9A-Z]{4}(?:-[0-9A-Z]{4}){3}\b")


def numbers_in(text: str, language: str = "en") -> str:
    """Running text with its numbers in the language's digits, web addresses,
    file paths, versions (``1.0.0``) and names such as ``G20`` or ``COVID-19``
    left as written."""
    if _numerals(language) is None:
        return text
    out = []
    last = 0
    for kept in _KEEP.finditer(text):
        out.append(_NUMBER.sub(lambda m: digits(m.group(), language), text[last:kept.start()]))
        out.append(kept.group())
        last = kept.end()
    out.append(_NUMBER.sub(lambda m: digits(m.group(), language), text[last:]))
    return "".join(out)


def _shown(value: Any, language: str) -> Any:
    """A field as a phrase shows it: numbers in the language's digits."""
    if isinstance(value, (int, float)) and not isinstance(value, bool) and language != "en":
        return digits(str(value), language)
    return value


def _format(text: str, fields: dict[str, Any]) -> str | None:
    try:
        return text.format(**fields)
    except (KeyError, IndexError, ValueError, AttributeError):
        return None


def _languages(language: str) -> tuple[str, ...]:
    return (language, "en") if language != "en" else ("en",)


def phrase(key: str, language: str = "en", **fields: Any) -> str:
    """The text of ``key`` in ``language`` with ``{fields}`` filled in (the key if none)."""
    fields = {k: _shown(v, language) for k, v in fields.items()}
    for lang in _languages(language):
        text = strings(lang).get(key)
        if text is not None:
            done = _format(text, fields)
            if done is not None:
                return done
    return key


def counted(key: str, n: int, language: str = "en", **fields: Any) -> str:
    """Like :func:`phrase` for a count: ``key.one`` when ``n`` is 1, else ``key.other``."""
    form = "one" if n == 1 else "other"
    for lang in _languages(language):
        table = strings(lang)
        text = table.get(f"{key}.{form}") or table.get(f"{key}.other")
        if text is not None:
            done = _format(text, {k: _shown(v, language) for k, v in {"n": n, **fields}.items()})
            if done is not None:
                return done
    return key
