"""The game's own words (not the packs') in each language.

Every language has a file ``assets/locale/<code>.yaml``; English holds
every key. A key (or a ``{field}``) a translation lacks falls back to
English, so a half-finished translation never breaks a screen or a page.

>>> phrase("month_short.3", "en")
'Mar'
"""

from __future__ import annotations

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


def _format(text: str, fields: dict[str, Any]) -> str | None:
    try:
        return text.format(**fields)
    except (KeyError, IndexError, ValueError, AttributeError):
        return None


def _languages(language: str) -> tuple[str, ...]:
    return (language, "en") if language != "en" else ("en",)


def phrase(key: str, language: str = "en", **fields: Any) -> str:
    """The text of ``key`` in ``language`` with ``{fields}`` filled in (the key if none)."""
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
            done = _format(text, {"n": n, **fields})
            if done is not None:
                return done
    return key
