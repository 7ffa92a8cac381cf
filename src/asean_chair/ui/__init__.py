"""The game window: pygame-ce with pygame_gui widgets.

- :mod:`.app`: the window, its settings, and starting or loading games;
  :mod:`.options`: what ``asean-chair play`` asked for.
- :mod:`.loop`: the event loop (redraw only when something changed);
  :mod:`.stack`: the stack of scenes; :mod:`.memory`: giving freed memory back.
- :mod:`.session`: the game being played, apart from any drawing:
  decisions, undo, autosave, F5 reload; :mod:`.packs` and :mod:`.saves`:
  the packs and saved games the title screens list.
- :mod:`.scene`: a screen's widgets and keyboard focus; :mod:`.context`:
  what a screen may use of the window.
- :mod:`.scenes`: one module per screen (title, board, debrief...).
- :mod:`.vote`: a class vote's tallies, majority and countdown (no drawing).
- :mod:`.theme`, :mod:`.draw`: colours, type sizes, fonts, meters, icons
  and charts.
- :mod:`.i18n`: the window's words in the player's language
  (``assets/locale``); :mod:`.scripts`: line breaks for Khmer;
  :mod:`.gui_fixes`: two small corrections to pygame_gui.
- :mod:`.screenshots`: every screen rendered to PNG files.

Nothing here changes a game except through :class:`.session.Session`,
which calls the engine's public API.
"""

import os as _os

# pygame prints a greeting on import; a game's terminal should stay quiet.
_os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")
