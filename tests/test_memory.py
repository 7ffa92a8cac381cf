"""Loading a pack again and again (F5 reload, ``validate --watch``) does not
keep the earlier loads alive. The full 300-load figure is in
``tools/bench_memory.py``; this catches a leak of the size that matters."""

from __future__ import annotations

import gc
import tracemalloc

import pytest

from asean_chair.rules import load_packs

from .conftest import ROOT


@pytest.mark.slow
def test_reloading_a_pack_does_not_keep_the_old_ones() -> None:
    pack = [ROOT / "rules" / "asean2022"]
    load_packs(pack)  # warm every cache a first load fills
    gc.collect()
    tracemalloc.start()
    try:
        load_packs(pack)
        gc.collect()
        base = tracemalloc.get_traced_memory()[0]
        for _ in range(8):
            load_packs(pack)
        gc.collect()
        grew = tracemalloc.get_traced_memory()[0] - base
    finally:
        tracemalloc.stop()
    # Each load of the 2022 pack reads about 1 MB of nodes; a reader that kept
    # them would grow by 8 MB here. 300 loads may grow at most 20 MB, so eight
    # may grow by well under one.
    assert grew < 512 * 1024, f"memory grew by {grew / 1024:.0f} KB over 8 loads"
