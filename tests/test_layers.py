"""The layers stay apart: the engine knows no YAML and no window; no Python
file of the generic layers names the game's content."""

from __future__ import annotations

import re
import subprocess
import sys

from .conftest import ROOT

SRC = ROOT / "src" / "asean_chair"


def imported_after(module: str) -> set[str]:
    code = f"import sys, {module}; print(' '.join(sorted(sys.modules)))"
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         timeout=60, check=True)
    return set(run.stdout.split())


def test_engine_imports_no_yaml_and_no_pygame() -> None:
    mods = imported_after("asean_chair.engine")
    assert "yaml" not in mods
    assert not any(m == "pygame" or m.startswith("pygame") for m in mods)


def test_rules_and_expr_import_no_pygame() -> None:
    for module in ("asean_chair.rules.loader", "asean_chair.expr", "asean_chair.bots"):
        mods = imported_after(module)
        assert not any(m.startswith("pygame") for m in mods), module


def test_generic_layers_name_no_content() -> None:
    words = re.compile(r"cambodia|china|myanmar|ukraine|russia|japan|hun sen|asean2022", re.IGNORECASE)
    for layer in ("engine", "rules", "expr", "bots"):
        for path in (SRC / layer).rglob("*.py"):
            for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
                assert not words.search(line), f"{path.relative_to(ROOT)}:{number}: {line.strip()}"
