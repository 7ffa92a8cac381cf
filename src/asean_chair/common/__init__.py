"""What the front ends share, below all of them.

The command line, the window, the classroom tools and the reports each use
these: the user-facing error, loading the packs a save or a name needs, the
player's data folder, writing output files safely, and cleaning text for a
terminal. Nothing here parses arguments or imports a front end.
"""
