"""The Jinja2 environment of every page, and :func:`render`."""

from __future__ import annotations

import re
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


#: The parts of a page whose text is not read: styles, scripts, comments.
_UNREAD = re.compile(r"(?is)<(style|script)\b.*?</\1\s*>|<!--.*?-->")
_TAG = re.compile(r"<[^>]*>")


def page_numbers(page: str, language: str) -> str:
    """A rendered page with the numbers of its text in ``language``'s digits
    (:func:`~asean_chair.phrases.numbers_in`): the text and the charts'
    labels, never a tag, an attribute, a style or a web address."""
    if language == "en" or numbers_in("0", language) == "0":
        return page
    out: list[str] = []
    last = 0
    for unread in _UNREAD.finditer(page):
        out.append(_text_numbers(page[last:unread.start()], language))
        out.append(unread.group())
        last = unread.end()
    out.append(_text_numbers(page[last:], language))
    return "".join(out)


def _text_numbers(part: str, language: str) -> str:
    out: list[str] = []
    last = 0
    for tag in _TAG.finditer(part):
        out.append(numbers_in(part[last:tag.start()], language))
        out.append(tag.group())
        last = tag.end()
    out.append(numbers_in(part[last:], language))
    return "".join(out)
