"""Memory benchmark: does loading the same pack again and again grow memory?

    python tools/bench_memory.py [--pack DIR] [-n 300]

The window's F5 reload and ``validate --watch`` load a pack many times in one
process. This loads it ``n`` times and prints the resident memory (from
/proc/self/statm where there is one) and the memory Python's allocator holds
(tracemalloc, measured in a second pass because tracing slows loading down)
after the first load and after the last. Target: the last load within 20 MB
of the first.
"""

from __future__ import annotations

import argparse
import gc
import sys
import time
import tracemalloc
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from asean_chair.rules import load_packs

MB = 1024 * 1024


def resident() -> float | None:
    """Resident memory of this process in MB, where the platform says."""
    try:
        pages = int(Path("/proc/self/statm").read_text().split()[1])
    except (OSError, ValueError, IndexError):
        return None
    import os

    return pages * os.sysconf("SC_PAGE_SIZE") / MB


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pack", default=str(ROOT / "rules" / "asean2022"))
    parser.add_argument("-n", type=int, default=300, help="loads (default 300)")
    args = parser.parse_args()
    folders = [Path(args.pack)]

    load_packs(folders)
    gc.collect()
    first = resident()
    start = time.perf_counter()
    for _ in range(args.n):
        load_packs(folders)
    gc.collect()
    took = time.perf_counter() - start
    last = resident()
    if first is not None and last is not None:
        print(f"resident memory: {first:.1f} MB after the first load, {last:.1f} MB after "
              f"{args.n} more ({last - first:+.1f} MB)")
    print(f"{args.n} loads took {took:.1f} s ({took / args.n * 1000:.0f} ms each)")

    traced = max(10, args.n // 10)
    tracemalloc.start()
    load_packs(folders)
    gc.collect()
    base = tracemalloc.get_traced_memory()[0]
    for _ in range(traced):
        load_packs(folders)
    gc.collect()
    now = tracemalloc.get_traced_memory()[0]
    tracemalloc.stop()
    print(f"Python objects still held: {base / MB:.2f} MB after one load, {now / MB:.2f} MB after "
          f"{traced} more ({(now - base) / MB:+.2f} MB)")
    grew = (last - first) if first is not None and last is not None else (now - base) / MB
    print("OK: within 20 MB" if grew <= 20 else "TOO MUCH: more than 20 MB")
    return 0 if grew <= 20 else 1


if __name__ == "__main__":
    sys.exit(main())
