"""Input whose cost could explode is refused fast: aliases, deep nesting, huge files,
thousands of unknown keys (reported in linear time, a capped number of lines)."""

import pytest

from engine.bounded_yaml import MAX_DEPTH
from engine.cli import MAX_PROBLEM_LINES, main

from .helpers import BASELINE, laosim, projection_started



def alias_bomb() -> str:
    lines = ["name: bomb", 'a: &a ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    for prev, name in zip("abcdefgh", "bcdefghi"):
        lines.append(f"{name}: &{name} [" + ", ".join([f"*{prev}"] * 9) + "]")
    return "\n".join(lines) + "\n"


def test_alias_bomb_is_refused_at_once(tmp_path):
    path = tmp_path / "bomb.yaml"
    path.write_text(alias_bomb())
    status, err, started = projection_started("run", path, "--out", tmp_path / "out")
    assert status == 2, err
    assert not started, "refused while reading, before the model is imported"
    assert f"{path}:3:" in err and "alias '*a'" in err and "extends:" in err
    assert "Traceback" not in err and not (tmp_path / "out").exists()


@pytest.mark.parametrize("style", ["flow", "block"])
def test_400_levels_of_nesting_are_refused(tmp_path, style):
    path = tmp_path / "deep.yaml"
    if style == "flow":
        path.write_text("name: deep\nmacro: " + "{a: " * 400 + "1" + "}" * 400 + "\n")
    else:
        path.write_text("name: deep\n" + "".join("  " * i + f"k{i}:\n" for i in range(400)) + "  " * 400 + "x: 1\n")
    status, _, err, _ = laosim("validate", path)
    assert status == 2, err
    assert f"deeper than {MAX_DEPTH} levels" in err and "Traceback" not in err


@pytest.mark.parametrize("where", ["top", "section", "extends"])
def test_20000_unknown_keys_answer_fast_with_capped_lines(tmp_path, where):
    keys = [f"unknown_key_{i}: 1" for i in range(20_000)]
    if where == "top":
        text = "\n".join(["name: many", *keys])
    elif where == "section":
        text = "\n".join(["name: many", "macro:", *("  " + k for k in keys)])
    else:
        text = "\n".join(["name: many", f"extends: {BASELINE}", *keys])
    path = tmp_path / "many.yaml"
    path.write_text(text + "\n")
    status, _, err, _ = laosim("validate", path)
    assert status == 2, err[-500:]
    lines = err.splitlines()
    assert len(lines) == MAX_PROBLEM_LINES + 1
    assert lines[-1] == f"... and {20_000 - MAX_PROBLEM_LINES:,} more problems"
    assert "unknown key 'unknown_key_0'" in lines[0] and f"{path}:" in lines[0]


def test_oversized_file_is_refused(tmp_path, capsys):
    path = tmp_path / "big.yaml"
    path.write_text("name: big\ndescription: '" + "x" * 1_100_000 + "'\n")
    assert main(["validate", str(path)]) == 2
    assert "bytes" in capsys.readouterr().err


def test_aliases_in_set_values_are_refused(capsys):
    assert main(["validate", str(BASELINE), "--set", "macro.inflation=[&a 1, *a]"]) == 2
    assert "alias" in capsys.readouterr().err


def test_duplicate_set_keys_are_refused_as_in_files(capsys):
    status = main(["validate", str(BASELINE), "--set", "macro.inflation=0.05", "--set", "macro.inflation=0.06"])
    err = capsys.readouterr().err
    assert status == 2
    assert "--set: macro.inflation: found the key set twice" in err


@pytest.mark.parametrize("name", ["..", ".", "a" * 101])
def test_scenario_name_must_be_a_plain_file_name(tmp_path, capsys, name):
    path = tmp_path / "s.yaml"
    path.write_text(f"name: '{name}'\n")
    assert main(["run", str(path)]) == 2
    err = capsys.readouterr().err
    assert f"{path}:1: name:" in err and "plain file name" in err


@pytest.mark.parametrize("value", ["1e308", ".inf", "-.inf", ".nan"])
def test_numbers_too_large_for_the_model_are_refused(capsys, value):
    block = f"[{{type: outreach, name: o, start_year: 2025, added_reach: 0.1, fixed_annual_cost: {value}}}]"
    assert main(["validate", str(BASELINE), "--set", f"policies={block}"]) == 2
    err = capsys.readouterr().err
    assert "policies.0.fixed_annual_cost: found" in err
    assert any(word in err for word in ("1e+308", "inf", "nan")), err
