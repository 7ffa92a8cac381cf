"""Start-up: the command line imports what a command needs when it runs."""

from __future__ import annotations

import subprocess
import sys


def _modules_after(code: str) -> set[str]:
    run = subprocess.run([sys.executable, "-c", f"{code}\nimport sys\nprint(*sys.modules)"],
                         capture_output=True, text=True, check=True)
    return set(run.stdout.split())


def test_help_imports_neither_the_models_nor_the_engine() -> None:
    loaded = _modules_after("from asean_chair.cli.main import build_parser\n"
                            "build_parser().format_help()")
    assert "pydantic" not in loaded
    assert "yaml" not in loaded
    assert "asean_chair.engine" not in loaded
    assert "asean_chair.rules.models" not in loaded


def test_the_rules_package_still_offers_its_types() -> None:
    from asean_chair.rules import PackInfo, Ruleset
    from asean_chair.rules.ruleset import PackInfo as P
    from asean_chair.rules.ruleset import Ruleset as R

    assert (Ruleset, PackInfo) == (R, P)
