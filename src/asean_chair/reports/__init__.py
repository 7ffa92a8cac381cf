"""Printable reports: the debrief of a game, and the print-and-play deck."""
