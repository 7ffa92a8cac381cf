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

The rule packs' own texts (cards, tracks...) are translated by the packs'
locale files instead; see :mod:`asean_chair.rules.locale`.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any

import yaml

from ..paths import assets_dir

#: The languages the window offers: (code, name in that language).
LANGUAGES: tuple[tuple[str, str], ...] = (("en", "English"), ("km", "\u1781\u17d2\u1798\u17c2\u179a"))
#: Languages whose text needs complex shaping, with their ISO 15924 script code.
SCRIPTS = {"km": "Khmr"}

_current = "en"


def locale_dir() -> Path:
    """The folder of the window's translations."""
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
    path = locale_dir() / f"{language}.yaml"
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml when there is one
    try:
        data = yaml.load(path.read_text(encoding="utf-8"), Loader=loader)
    except (OSError, yaml.YAMLError):
        return {}
    out: dict[str, str] = {}
    _flatten(data, "", out)
    return out


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


def _format(text: str, fields: dict[str, Any]) -> str | None:
    try:
        return text.format(**fields)
    except (KeyError, IndexError, ValueError, AttributeError):
        return None


def t(key: str, **fields: Any) -> str:
    """The text of ``key`` in the current language, with ``{fields}`` filled in."""
    for lang in (_current, "en") if _current != "en" else ("en",):
        text = strings(lang).get(key)
        if text is not None:
            done = _format(text, fields)
            if done is not None:
                return done
    return key


def tn(key: str, n: int, **fields: Any) -> str:
    """Like :func:`t` for a count: ``key.one`` when ``n`` is 1, else ``key.other``."""
    form = "one" if n == 1 else "other"
    for lang in (_current, "en") if _current != "en" else ("en",):
        table = strings(lang)
        text = table.get(f"{key}.{form}") or table.get(f"{key}.other")
        if text is not None:
            done = _format(text, {"n": n, **fields})
            if done is not None:
                return done
    return key


def month_name(month: int) -> str:
    """The calendar month's name (1-12)."""
    return t(f"month.{month}")


def month_short(month: int) -> str:
    """The month's short name (``Jan``)."""
    return t(f"month_short.{month}")
