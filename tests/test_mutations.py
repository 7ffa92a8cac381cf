"""Tests that kill mutants mutation testing found alive (see docs/testing.md): each
asserts a behaviour a player or modder sees that no other test pinned down."""

from __future__ import annotations
