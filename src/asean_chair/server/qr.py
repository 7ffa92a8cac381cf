"""The join QR code, drawn here (no service on the internet): as SVG for the
projector and as block characters for the teacher's terminal.

Uses `segno <https://github.com/heuer/segno>`_ (pure Python, BSD licence).
"""

from __future__ import annotations

import io
from functools import cache

import segno


@cache
def _code(text: str) -> segno.QRCode:
    return segno.make_qr(text, error="m")


def qr_svg(text: str, scale: int = 8) -> str:
    """An SVG image of the QR code of ``text``, dark on light, with its quiet zone."""
    return str(_code(text).svg_inline(scale=scale, dark="#111", light="#fff", border=4,
                                      omitsize=True, svgclass="qr", lineclass=None))


def qr_terminal(text: str, encoding: str | None) -> str:
    """The QR code as text for a terminal (two rows of modules per line), or ``""``
    when the terminal's encoding cannot show block characters."""
    try:
        "█▀▄".encode(encoding or "ascii")
    except (UnicodeEncodeError, LookupError):
        return ""
    code = _code(text)
    rows = [list(row) for row in code.matrix_iter(scale=1, border=4)]
    out = io.StringIO()
    # Light modules are drawn as blocks (a terminal's text is light on dark or
    # dark on light: the code reads either way, and phones read both).
    for top, bottom in zip(rows[::2], [*rows[1::2], [0] * len(rows[0])], strict=False):
        line = []
        for a, b in zip(top, bottom, strict=True):
            light_top, light_bottom = not a, not b
            line.append("█" if light_top and light_bottom else "▀" if light_top
                        else "▄" if light_bottom else " ")
        out.write("".join(line) + "\n")
    return out.getvalue()
