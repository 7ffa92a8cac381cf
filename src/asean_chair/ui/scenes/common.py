"""Pieces several screens share: a screen title, a panel background."""

from __future__ import annotations

import pygame

from ..scene import Scene


def screen_title(scene: Scene, text: str, subtitle: str = "") -> int:
    """A title (and a muted subtitle) at the top of a screen; returns the y below them."""
    m = scene.m
    y = m.pad + m.px(6)
    h = m.line(m.title)
    scene.label(pygame.Rect(m.pad * 2, y, scene.app.screen.get_width() - m.pad * 4, h), text,
                obj="#screen_title")
    y += h
    if subtitle:
        hs = m.line(m.body)
        scene.label(pygame.Rect(m.pad * 2, y, scene.app.screen.get_width() - m.pad * 4, hs),
                    subtitle, cls="@subtitle")
        y += hs
    return y + m.gap * 2


def panel(surface: pygame.Surface, scene: Scene, rect: pygame.Rect, alt: bool = False) -> None:
    """A rounded panel behind a group of widgets."""
    th = scene.theme
    r = scene.m.px(10)
    pygame.draw.rect(surface, th.color("panel_alt" if alt else "panel"), rect, border_radius=r)
    pygame.draw.rect(surface, th.color("border"), rect, width=max(1, scene.m.px(2) - 1),
                     border_radius=r)
