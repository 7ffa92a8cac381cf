"""Test mutmut's mutants faster: collect the tests once, fork once per mutant.

``mutmut run`` starts pytest afresh for each mutant (collection and all),
which on 2 shared cores costs more than the tests themselves. This pytest
plugin does what mutmut's runner does (a forked process per mutant with
``MUTANT_UNDER_TEST`` set, the tests mutmut's stats map to the mutated
function, fastest first, stopping at the first failure, a CPU time limit)
but collects once, and first tries the test that killed the last mutant of
the same function; then it writes the verdicts into mutmut's files, so that
``mutmut results`` and ``mutmut show`` read them. Written for mutmut 3.8.

First let ``mutmut run`` generate the mutants and collect its stats (stop it
with Ctrl-C once "Running mutation testing" shows), then, from ``mutants/``::

    mutmut results | cut -d: -f1 > /tmp/names   # or any list of mutant names
    PYTHONPATH=src:../tools python -m pytest -p mutants_fast --mutants=/tmp/names \\
        -n 0 -q -p no:cacheprovider -m "not slow" --rootdir=. TEST_FILES...

with TEST_FILES those of ``pytest_add_cli_args_test_selection``. Verdicts
are mutmut's exit codes: 1 killed, 0 survived, 33 no test reaches it, -24
CPU time out; each is also appended to ``NAMES.results`` as it comes.
"""

from __future__ import annotations

import gc
import json
import math
import os
import resource
import sys
import time
from pathlib import Path

import pytest
from _pytest.runner import runtestprotocol


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption("--mutants", default=None, help="a file of mutant names, one a line")


def _function(mutant: str) -> str:
    """``pkg.mod.x_f__mutmut_3`` -> ``pkg.mod.x_f``: the key of mutmut's stats."""
    return mutant.replace("__init__.", "").rpartition("__mutmut_")[0]


def _record(verdicts: dict[str, tuple[int, float]]) -> None:
    """Write the verdicts into mutmut's ``.meta`` files (under ``src/``)."""
    for meta in Path("src").rglob("*.meta"):
        data = json.loads(meta.read_text())
        found = {k: v for k, v in verdicts.items() if k in data["exit_code_by_key"]}
        for name, (code, seconds) in found.items():
            data["exit_code_by_key"][name] = code
            data["durations_by_key"][name] = seconds
        if found:
            meta.write_text(json.dumps(data, indent=4))


def pytest_runtestloop(session: pytest.Session) -> bool | None:
    listing = session.config.getoption("--mutants")
    if not listing:
        return None
    names = Path(listing).read_text().split()
    stats = json.loads(Path("mutmut-stats.json").read_text())
    durations: dict[str, float] = stats["duration_by_test"]
    mapped: dict[str, list[str]] = stats["tests_by_mangled_function_name"]
    items = {item.nodeid: item for item in session.items}
    # The clean run, in this process: every test passes without a mutant.
    order = list(session.items)
    for i, item in enumerate(order):
        after = order[i + 1] if i + 1 < len(order) else None
        if any(r.failed for r in runtestprotocol(item, nextitem=after, log=False)):
            sys.exit(f"the tests fail without a mutant: {item.nodeid}")
    # Children then share the collected tests without copying them.
    gc.freeze()
    verdicts: dict[str, tuple[int, float]] = {}
    killers: dict[str, list[str]] = {}  # function -> tests that killed its mutants, latest first
    with open(f"{listing}.results", "a") as out:
        for name in names:
            function = _function(name)
            tests = sorted((t for t in mapped.get(function, []) if t in items),
                           key=lambda t: durations.get(t, 0))
            first = [t for t in killers.get(function, []) if t in tests]
            tests = first + [t for t in tests if t not in first]
            start = time.time()
            if not tests:
                code = 33
            else:
                code, killer = _run(name, [items[t] for t in tests],
                                    sum(durations.get(t, 0) for t in tests))
                if killer:
                    known = killers.setdefault(function, [])
                    if killer in known:
                        known.remove(killer)
                    known.insert(0, killer)
            verdicts[name] = (code, round(time.time() - start, 2))
            out.write(f"{name} {code} {verdicts[name][1]}\n")
            out.flush()
    _record(verdicts)
    return True


def _run(name: str, tests: list[pytest.Item], estimate: float) -> tuple[int, str | None]:
    """The verdict on mutant ``name``, and the test that killed it."""
    read, write = os.pipe()
    pid = os.fork()
    if pid == 0:
        os.close(read)
        os.environ["MUTANT_UNDER_TEST"] = name
        limit = int(time.process_time()) + math.ceil((estimate + 1) * 4) + 5
        resource.setrlimit(resource.RLIMIT_CPU, (limit, limit + 1))
        sys.stdout = sys.stderr = open(os.devnull, "w")  # noqa: SIM115 (the process ends)
        for i, item in enumerate(tests):
            after = tests[i + 1] if i + 1 < len(tests) else None
            if any(r.failed for r in runtestprotocol(item, nextitem=after, log=False)):
                os.write(write, item.nodeid.encode())
                os._exit(1)
        os._exit(0)
    os.close(write)
    with os.fdopen(read, "rb") as pipe:
        killer = pipe.read().decode()
    _, status = os.waitpid(pid, 0)
    return os.waitstatus_to_exitcode(status), killer or None
