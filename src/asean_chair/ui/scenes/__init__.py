"""One module per screen of the window."""
