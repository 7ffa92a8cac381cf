"""The ``asean-chair`` command line."""
