"""Every kind of bad input gets exit code 1, one clear line per problem naming
the file and line, and no traceback."""

from __future__ import annotations

import re
import tracemalloc
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml

LINE = re.compile(r"^(?P<file>\S+\.ya?ml):(?P<line>\d+):(?P<col>\d+): "
                  r"(?P<sev>error|warning): (?P<msg>.+)$")

Cli = Callable[..., tuple[int, str, str]]


def problems(out: str) -> list[re.Match[str]]:
    return [m for m in (LINE.match(line) for line in out.splitlines()) if m]


def validate_fails(cli: Cli, pack: Path) -> list[re.Match[str]]:
    code, out, err = cli("validate", str(pack))
    assert code == 1
    assert "Traceback" not in out + err
    found = problems(out)
    assert found, out
    assert out.strip().splitlines()[-1].endswith(("error", "errors", "warning", "warnings"))
    return found


def one_error(cli: Cli, pack: Path, file: str, line: int, *words: str) -> re.Match[str]:
    found = [m for m in validate_fails(cli, pack) if m["sev"] == "error"]
    assert len(found) == 1, [m.group(0) for m in found]
    m = found[0]
    assert m["file"].endswith(file)
    assert int(m["line"]) == line, m.group(0)
    for w in words:
        assert w in m["msg"], m.group(0)
    return m


def card_file(extra: str) -> str:
    """A cards.yaml whose one card is followed by ``extra`` lines in its option."""
    return ("cards:\n"
            "  - id: first\n"
            "    title: First\n"
            "    text: The first card.\n"
            "    when: {month: 1}\n"
            "    options:\n"
            "      - id: a\n"
            "        label: A\n"
            f"{extra}")


def test_yaml_syntax_error(cli: Cli, make_pack: Callable[..., Path], mini: dict[str, Any]) -> None:
    mini["cards.yaml"] = card_file("        effects: [{add: {autonomy: 5}}\n")
    one_error(cli, make_pack(mini), "cards.yaml", 10, "YAML syntax error")


def test_tab_indentation(cli: Cli, make_pack: Callable[..., Path], mini: dict[str, Any]) -> None:
    mini["cards.yaml"] = card_file("\teffects: [{add: {autonomy: 5}}]\n")
    one_error(cli, make_pack(mini), "cards.yaml", 9, "tab", "spaces")


def test_duplicate_key_in_one_mapping(cli: Cli, make_pack: Callable[..., Path],
                                      mini: dict[str, Any]) -> None:
    mini["cards.yaml"] = card_file("        label: B\n        effects: [{add: {autonomy: 5}}]\n")
    one_error(cli, make_pack(mini), "cards.yaml", 9, "duplicate key 'label'", "line 8")


def test_unknown_field_gets_a_suggestion(cli: Cli, make_pack: Callable[..., Path],
                                         mini: dict[str, Any]) -> None:
    mini["cards.yaml"] = card_file("        efects: [{add: {autonomy: 5}}]\n")
    m = validate_fails(cli, make_pack(mini))
    typo = [x for x in m if "efects" in x["msg"]]
    assert len(typo) == 1
    assert int(typo[0]["line"]) == 9
    assert "did you mean 'effects'" in typo[0]["msg"]


def test_wrong_type(cli: Cli, make_pack: Callable[..., Path], mini: dict[str, Any]) -> None:
    mini["world.yaml"]["tracks"][0]["start"] = "lots"
    one_error(cli, make_pack(mini), "world.yaml", 4, "start", "whole number", "'lots'")


@pytest.mark.parametrize(("expression", "words"), [
    ("open('/etc/passwd') > 0", "function 'open' is not allowed"),
    ("autonomy.__class__ > 0", "not allowed"),
    ("(lambda: 1)() > 0", "not allowed"),
    ("[x for x in (1, 2)] > 0", "comprehension is not allowed"),
])
def test_hostile_expressions_are_rejected_not_run(
    cli: Cli, make_pack: Callable[..., Path], mini: dict[str, Any], expression: str, words: str,
) -> None:
    mini["cards.yaml"] = card_file(f'        requires: "{expression}"\n'
                                   "        effects: [{add: {autonomy: 5}}]\n")
    m = one_error(cli, make_pack(mini), "cards.yaml", 9, words)
    assert int(m["col"]) > 18  # points inside the expression


def test_python_tag_is_refused(cli: Cli, make_pack: Callable[..., Path], mini: dict[str, Any],
                               tmp_path: Path) -> None:
    marker = tmp_path / "pwned"
    mini["cards.yaml"] = card_file(
        f"        effects: !!python/object/apply:os.system ['touch {marker}']\n")
    one_error(cli, make_pack(mini), "cards.yaml", 9, "tag", "not allowed")
    assert not marker.exists()


def test_billion_laughs_is_refused_fast_and_small(cli: Cli, make_pack: Callable[..., Path],
                                                  mini: dict[str, Any]) -> None:
    lines = ['a0: &a0 ["lol","lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for i in range(1, 10):
        lines.append(f"a{i}: &a{i} [" + ",".join([f"*a{i - 1}"] * 10) + "]")
    mini["bomb.yaml"] = "\n".join(lines) + "\n"
    pack = make_pack(mini)
    tracemalloc.start()
    found = validate_fails(cli, pack)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    # Refused before expanding: a few megabytes, not the billion strings. (How
    # fast is a benchmark's business: tools/bench_hostile.py.)
    assert peak < 50 * 1024 * 1024
    bomb = [m for m in found if m["file"].endswith("bomb.yaml")]
    assert bomb and "aliases" in bomb[0]["msg"]


def test_file_that_is_not_utf8(cli: Cli, make_pack: Callable[..., Path],
                               mini: dict[str, Any]) -> None:
    mini["cards.yaml"] = card_file("        hint: caf\xe9\n"
                                   "        effects: [{add: {autonomy: 5}}]\n").encode("latin-1")
    one_error(cli, make_pack(mini), "cards.yaml", 9, "not UTF-8")


def test_empty_file(cli: Cli, make_pack: Callable[..., Path], mini: dict[str, Any]) -> None:
    mini["extra.yaml"] = "\n# nothing here yet\n"
    one_error(cli, make_pack(mini), "extra.yaml", 1, "empty")


def test_pack_folder_that_does_not_exist(cli: Cli, tmp_path: Path) -> None:
    code, out, err = cli("validate", str(tmp_path / "nowhere"))
    assert code == 1
    assert "Traceback" not in out + err
    assert f"{tmp_path / 'nowhere'}:1:1: error: the pack folder does not exist" in out


def test_pack_that_extends_itself(cli: Cli, make_pack: Callable[..., Path],
                                  mini: dict[str, Any]) -> None:
    mini["pack.yaml"]["extends"] = ["mini"]
    one_error(cli, make_pack(mini), "pack.yaml", 6, "extends itself")


def test_every_problem_is_listed_not_just_the_first(cli: Cli, make_pack: Callable[..., Path],
                                                   mini: dict[str, Any]) -> None:
    mini["world.yaml"]["tracks"][0]["strat"] = 3
    mini["world.yaml"]["actors"][0]["rivals"] = {"wset": 0.5}
    mini["cards.yaml"]["cards"][0]["options"][0]["effects"] = [{"add": {"autonomyy": 5}}]
    found = validate_fails(cli, make_pack(mini))
    messages = " | ".join(m["msg"] for m in found)
    assert "'strat'" in messages and "did you mean 'start'" in messages
    assert "unknown rival 'wset'" in messages and "did you mean 'west'" in messages
    assert "unknown target 'autonomyy'" in messages and "did you mean 'autonomy'" in messages


def test_yes_and_no_stay_text(tutorial: Any, make_pack: Callable[..., Path],
                              mini: dict[str, Any]) -> None:
    """YAML 1.1 reads `No` as false; a pack's labels must stay words."""
    from asean_chair.rules import load_packs

    mini["cards.yaml"]["cards"][0]["options"][1]["label"] = "PLACEHOLDER"
    folder = make_pack(mini)
    path = folder / "cards.yaml"
    path.write_text(path.read_text().replace("PLACEHOLDER", "No"))
    ruleset = load_packs([folder])
    assert ruleset.cards["first"].options[1].label == "No"


def test_safe_dump_of_fixture_is_valid(make_pack: Callable[..., Path],
                                       mini: dict[str, Any]) -> None:
    from asean_chair.rules import load_packs

    assert load_packs([make_pack(mini)]).scenarios["main"].turns == 3
    assert yaml.safe_load((make_pack(mini) / "pack.yaml").read_text())["id"] == "mini"


def test_colon_and_comma_in_plain_text_get_a_hint(cli: Cli, make_pack: Callable[..., Path],
                                                  mini: dict[str, Any]) -> None:
    mini["cards.yaml"] = card_file("        text: It pays off: a cheaper road.\n"
                                   "        effects: [{add: {autonomy: 5}}]\n")
    m = one_error(cli, make_pack(mini), "cards.yaml", 9, "put the text in quotes")
    assert "colon" in m["msg"]
    mini["cards.yaml"] = card_file(
        "        outcomes: [{chance: 1, text: Handshakes, few contracts., effects: []}]\n"
        "        effects: [{add: {autonomy: 5}}]\n")
    m = one_error(cli, make_pack(mini), "cards.yaml", 9, "cut at a comma", "quotes")


def test_a_broken_file_is_reported_without_echoes(cli: Cli, make_pack: Callable[..., Path],
                                                  mini: dict[str, Any]) -> None:
    """A file that does not parse is one error, not a cascade of unknown ids elsewhere."""
    mini["world.yaml"] = "tracks: [\n"
    found = validate_fails(cli, make_pack(mini))
    assert len(found) == 1 and found[0]["file"].endswith("world.yaml")


@pytest.mark.parametrize("deep", [
    "a: " + "[" * 100_000 + "]" * 100_000 + "\n",                    # flow style
    "".join(" " * i + "- \n" for i in range(0, 3000, 2)),            # block style
], ids=["flow", "block"])
def test_deep_nesting_is_refused_not_crashed(make_pack: Callable[..., Path],
                                             mini: dict[str, Any], deep: str) -> None:
    """Very deep nesting could overflow the parser's stack: refused before parsing.

    Run in another process, so that a regression shows as a failure, not a crash.
    """
    import subprocess
    import sys

    mini["deep.yaml"] = deep
    pack = make_pack(mini)
    run = subprocess.run([sys.executable, "-m", "asean_chair", "validate", str(pack)],
                         capture_output=True, text=True, timeout=60, check=False)
    assert run.returncode == 1, run.stderr[-500:]
    assert "deep.yaml:1:1: error: the file nests lists and mappings more than 100 levels deep" \
        in run.stdout
