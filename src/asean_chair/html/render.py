"""The Jinja2 environment of every page, and :func:`render`."""

from __future__ import annotations

from functools import cache
from typing import Any

from jinja2 import Environment, PackageLoader, StrictUndefined

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
