"""ASEAN Chair: a turn-based policy game engine whose rules live in YAML packs."""

__version__ = "0.1.0"
