"""The layers stay apart, read from the code's own imports.

Every ``import`` in ``src/asean_chair`` (those inside functions too) is
read with ``ast`` and mapped to the package it comes from and the one it
reaches. The layers, highest first, are in :data:`LAYERS`; then:

- no package imports one above it, and there is no cycle between packages;
- ``classroom``, ``reports``, ``ui`` and ``server`` never import ``cli``;
  ``reports``, ``classroom`` and ``server`` never import ``ui`` (nor ``ui`` the server);
- no module imports another package's private (``_name``) names;
- nothing below the window imports pygame, only the server imports its web
  libraries, and ``engine`` imports no YAML;
- no Python file of the generic layers names the game's content.

Each check is a function of an import graph, and each is shown to fail on
a small graph with the mistake it looks for.
"""

from __future__ import annotations

import ast
import re
import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest

from .conftest import ROOT

SRC = ROOT / "src" / "asean_chair"
TOP = "asean_chair"

#: Each package's place, highest first: a package may import its own
#: layer and the ones below it. Modules at the top (``paths``, ``files``...) are leaves.
LAYERS: tuple[tuple[str, ...], ...] = (
    ("__main__",),
    ("cli",),
    ("ui", "server"),
    ("reports",),
    ("classroom",),
    ("common",),
    ("bots", "balance"),
    ("html",),
    ("engine",),
    ("rules",),
    ("expr",),
    ("paths", "files", "charts", "turns", "phrases", "__init__"),
)
RANK = {name: len(LAYERS) - i for i, names in enumerate(LAYERS) for name in names}
#: Packages that must never import another, whatever the layers say.
NEVER = {("classroom", "cli"), ("reports", "cli"), ("ui", "cli"), ("reports", "ui"),
         ("classroom", "ui"), ("classroom", "reports"), ("server", "cli"), ("server", "ui"),
         ("ui", "server")}
#: Third-party modules only some packages may import.
ONLY_IN = {"pygame": {"ui"}, "pygame_gui": {"ui"}, "starlette": {"server"},
           "uvicorn": {"server"}, "segno": {"server"}}
#: Third-party modules some packages must not import (even lazily).
NOT_IN = {"yaml": {"engine"}}


@dataclass(frozen=True)
class Import:
    """One name (or module) a module imports, and where."""

    source: str  # the importing module, e.g. asean_chair.cli.main
    target: str  # the module imported from, e.g. asean_chair.rules.loader
    name: str | None  # the name taken from it (``from x import name``), or None
    line: int

    def __str__(self) -> str:
        what = f"{self.target}.{self.name}" if self.name else self.target
        return f"{self.source}:{self.line} imports {what}"


def module_name(path: Path, root: Path = SRC) -> str:
    """``src/asean_chair/cli/main.py`` -> ``asean_chair.cli.main``."""
    parts = list(path.relative_to(root.parent).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def imports_of(source: str, module: str, is_package: bool = False) -> list[Import]:
    """Every import in a module's source, relative ones resolved."""
    found: list[Import] = []
    here = module.split(".") if is_package else module.split(".")[:-1]
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            found += [Import(module, alias.name, None, node.lineno) for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = here[:len(here) - node.level + 1]
                target = ".".join(base + ([node.module] if node.module else []))
            else:
                target = node.module or ""
            found += [Import(module, target, alias.name, node.lineno) for alias in node.names]
    return found


def import_graph(root: Path = SRC) -> list[Import]:
    """Every import of every module under ``root``."""
    found: list[Import] = []
    for path in sorted(root.rglob("*.py")):
        found += imports_of(path.read_text(encoding="utf-8"), module_name(path, root),
                            path.name == "__init__.py")
    return found


def package_of(module: str) -> str | None:
    """The package of one of our modules (``asean_chair.cli.main`` -> ``cli``), else None.

    A module at the top (``asean_chair.paths``) is its own package; the
    package's ``__init__`` is ``__init__``.
    """
    parts = module.split(".")
    if parts[0] != TOP:
        return None
    return parts[1] if len(parts) > 1 else "__init__"


def reached(imp: Import) -> str:
    """The module an import reaches: ``from .. import turns`` reaches the module ``turns``."""
    if imp.name and imp.target.split(".")[0] == TOP:
        candidate = SRC.parent.joinpath(*f"{imp.target}.{imp.name}".split("."))
        if candidate.with_suffix(".py").is_file() or candidate.is_dir():
            return f"{imp.target}.{imp.name}"
    return imp.target


def package_edges(graph: list[Import]) -> list[tuple[str, str, Import]]:
    """(from package, to package, import) for every import between two of our packages."""
    edges = []
    for imp in graph:
        src, dst = package_of(imp.source), package_of(reached(imp))
        if src is not None and dst is not None and src != dst:
            edges.append((src, dst, imp))
    return edges


# --------------------------------------------------------------- checks


def unplaced_packages(graph: list[Import]) -> set[str]:
    """Our packages that have no layer (a new package must be given one)."""
    names = {package_of(i.source) for i in graph} | {package_of(reached(i)) for i in graph}
    return {n for n in names if n is not None and n not in RANK}


def upward_imports(graph: list[Import]) -> list[str]:
    """Imports of a package in a higher layer."""
    return [str(imp) for src, dst, imp in package_edges(graph)
            if RANK.get(dst, 0) > RANK.get(src, 0)]


def package_cycles(graph: list[Import]) -> list[list[str]]:
    """Cycles between packages (each as the packages in order, the first repeated)."""
    after: dict[str, set[str]] = {}
    for src, dst, _ in package_edges(graph):
        after.setdefault(src, set()).add(dst)
    cycles: list[list[str]] = []
    state: dict[str, str] = {}

    def visit(node: str, path: list[str]) -> None:
        state[node] = "open"
        for nxt in sorted(after.get(node, ())):
            if state.get(nxt) == "open":
                cycles.append([*path[path.index(nxt):], node, nxt] if nxt in path
                              else [node, nxt])
            elif nxt not in state:
                visit(nxt, [*path, node])
        state[node] = "done"

    for node in sorted(after):
        if node not in state:
            visit(node, [])
    return cycles


def forbidden_imports(graph: list[Import]) -> list[str]:
    """Imports between packages that must never meet (``reports`` -> ``ui``...)."""
    return [str(imp) for src, dst, imp in package_edges(graph) if (src, dst) in NEVER]


def private_imports(graph: list[Import]) -> list[str]:
    """Names (or modules) starting with ``_`` taken from another of our packages."""
    bad = []
    for _src, _, imp in package_edges(graph):
        target = reached(imp)
        parts = target.split(".")[1:] + ([imp.name] if imp.name and target == imp.target else [])
        if any(p.startswith("_") and not p.startswith("__") for p in parts):
            bad.append(str(imp))
    return bad


def third_party_misuse(graph: list[Import]) -> list[str]:
    """pygame outside the window, YAML in the engine."""
    bad = []
    for imp in graph:
        top = imp.target.split(".")[0]
        pkg = package_of(imp.source)
        if top in ONLY_IN and pkg not in ONLY_IN[top]:
            bad.append(str(imp))
        if top in NOT_IN and pkg in NOT_IN[top]:
            bad.append(str(imp))
    return bad


@pytest.fixture(scope="module")
def graph() -> list[Import]:
    """The real import graph: built once, by the worker that runs these tests
    (not at import, which every worker pays while collecting)."""
    return import_graph()


def test_the_graph_sees_imports_inside_functions_and_relative_ones(graph: list[Import]) -> None:
    found = {(i.source, i.target, i.name) for i in graph}
    # cli.main imports its command modules with ``from . import ...``, and
    # cli.window imports the window lazily, inside a function.
    assert ("asean_chair.cli.main", "asean_chair.cli", "play") in found
    assert ("asean_chair.cli.window", "asean_chair.ui.app", "run") in found


def test_every_package_has_a_layer(graph: list[Import]) -> None:
    assert not unplaced_packages(graph)


def test_no_package_imports_one_above_it(graph: list[Import]) -> None:
    assert not upward_imports(graph)


def test_no_import_cycle_between_packages(graph: list[Import]) -> None:
    assert not package_cycles(graph)


def test_front_ends_never_import_the_command_line_or_the_window(graph: list[Import]) -> None:
    assert not forbidden_imports(graph)


def test_no_module_imports_another_packages_private_names(graph: list[Import]) -> None:
    assert not private_imports(graph)


def test_pygame_only_in_the_window_and_no_yaml_in_the_engine(graph: list[Import]) -> None:
    assert not third_party_misuse(graph)


# -------------------------------------------- each check can fail


def fake(*edges: str) -> list[Import]:
    """A graph from lines like ``cli.main -> rules.loader:load_packs``."""
    graph = []
    for n, edge in enumerate(edges, 1):
        src, _, dst = edge.partition(" -> ")
        target, _, name = dst.partition(":")
        full = target if target.split(".")[0] in ("pygame", "pygame_gui", "yaml", "starlette") \
            else f"{TOP}.{target}"
        graph.append(Import(f"{TOP}.{src}", full, name or None, n))
    return graph


@pytest.mark.parametrize(("check", "graph"), [
    (unplaced_packages, fake("cli.main -> gadgets.tool:run")),
    (upward_imports, fake("engine.state -> ui.app:App")),
    (upward_imports, fake("rules.loader -> common.packs:load_rules")),
    (package_cycles, fake("reports.debrief -> classroom.results:load",
                          "classroom.results -> reports.debrief:page")),
    (forbidden_imports, fake("reports.debrief -> cli.main:UserError")),
    (forbidden_imports, fake("classroom.results -> ui.session:Session")),
    (forbidden_imports, fake("classroom.results -> reports.story:tell")),
    (forbidden_imports, fake("server.app -> ui.session:Session")),
    (private_imports, fake("cli.textplay -> rules.loader:_index_packs")),
    (private_imports, fake("reports.debrief -> cli.textplay:_find_pack_for")),
    (third_party_misuse, fake("reports.story -> pygame:Surface")),
    (third_party_misuse, fake("engine.saves -> yaml:safe_load")),
    (third_party_misuse, fake("cli.main -> starlette:applications")),
], ids=["unplaced", "engine-up-to-ui", "rules-up-to-common", "cycle", "reports-to-cli",
        "classroom-to-ui", "classroom-to-reports", "server-to-ui", "private-name",
        "private-name-2", "pygame-in-reports", "yaml-in-engine", "starlette-in-cli"])
def test_each_check_finds_its_mistake(check: Callable[[list[Import]], object],
                                      graph: list[Import]) -> None:
    assert check(graph)


def test_checks_pass_a_clean_graph_and_private_names_within_a_package() -> None:
    clean = fake("cli.main -> reports.deck:print_deck", "ui.app -> ui.stack:_drop",
                 "reports.deck -> rules.words:describe_effects", "ui.draw -> pygame:Rect")
    for check in (unplaced_packages, upward_imports, package_cycles, forbidden_imports,
                  private_imports, third_party_misuse):
        assert not check(clean), check.__name__


def test_relative_and_lazy_imports_are_read() -> None:
    code = "from ..rules.loader import _index_packs\n" \
           "def f():\n    from ...ui import app\n    import yaml\n"
    found = imports_of(code, "asean_chair.cli.sub.mod")
    assert [(i.target, i.name) for i in found] == [
        ("asean_chair.cli.rules.loader", "_index_packs"), ("asean_chair.ui", "app"),
        ("yaml", None)]


# --------------------------------------------- what actually gets loaded


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
    words = re.compile(r"cambodia|china|myanmar|ukraine|russia|japan|hun sen|asean2022",
                       re.IGNORECASE)
    for layer in ("engine", "rules", "expr", "bots"):
        for path in (SRC / layer).rglob("*.py"):
            for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
                assert not words.search(line), f"{path.relative_to(ROOT)}:{number}: {line.strip()}"
