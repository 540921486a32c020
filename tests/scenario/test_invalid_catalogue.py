"""One bad-input file per failure mode; each must be refused with the words that explain it.

Every case checks: exit status 2 from the command line, no traceback, nothing written to
--out, and the file, line, dotted key and message words on standard error.
"""

from pathlib import Path

import pytest

from engine.cli import main
from tests.refusals import refusal

HERE = Path(__file__).parent / "invalid"

# file, expected line (None: not applicable; text: file:line elsewhere), words that must appear
CATALOGUE = [
    ("syntax_error.yaml", 4, ["malformed YAML", "expected"]),
    ("tab_indentation.yaml", 3, ["tab character", "spaces"]),
    ("unknown_key.yaml", 2, ["benefit_magic", "unknown key", "one of"]),
    ("misspelt_key.yaml", 3, ["demography.fertility_multiplyer", "did you mean 'fertility_multiplier'"]),
    ("wrong_type.yaml", 3, ["horizon.end_year", "'soon'", "a whole number"]),
    ("negative_multiplier.yaml", 3, ["demography.fertility_multiplier", "-0.5", ">= 0"]),
    ("rate_above_one.yaml", 3, ["labour.unemployment_rate", "1.7", "<= 0.99", "share of the labour force"]),
    ("year_outside_horizon.yaml", 7, ["macro.inflation.2075", "the year 2075", "horizon 2024..2060"]),
    ("missing_extends.yaml", 2, ["extends", "no_such_parent.yaml", "does not exist"]),
    ("circular_a.yaml", "circular_b.yaml:2", ["extends", "circular chain", "circular_a.yaml -> circular_b.yaml -> circular_a.yaml"]),
    ("empty.yaml", None, ["an empty file", "name:"]),
    ("list_for_mapping.yaml", 2, ["macro", "a list", "a mapping"]),
    ("duplicate_key.yaml", 4, ["labour.unemployment_rate", "written twice", "first at line 3"]),
    ("bad_name.yaml", 1, ["name", "letters, digits"]),
    ("top_level_list.yaml", 1, ["a list", "a mapping of scenario keys"]),
    ("end_year_too_late.yaml", 3, ["horizon.end_year", "2300", "<= 2150"]),
    ("bad_choice.yaml", 4, ["macro.minimum_wage.rule", "'inflation'", "'prices'"]),
    ("path_rule_without_path.yaml", 3, ["macro.minimum_wage", "needs minimum_wage.path"]),
    ("path_key_not_year.yaml", 4, ["macro.inflation", "'soon'", "a year such as 2030"]),
    ("no_name.yaml", 1, ["name", "name itself"]),
]


@pytest.mark.parametrize("filename, line, words", CATALOGUE, ids=[c[0] for c in CATALOGUE])
def test_invalid_scenario_is_refused_with_its_reason(filename, line, words, tmp_path, capsys):
    out = tmp_path / "out"
    status = main(["run", str(HERE / filename), "--out", str(out)])
    err = capsys.readouterr().err
    assert status == 2
    assert "Traceback" not in err
    assert not out.exists(), "nothing may be written on an input error"
    assert filename in err
    if isinstance(line, str):  # the problem stands in another file of the chain
        assert f"{line}:" in err, err
    elif line is not None:
        assert f"{filename}:{line}:" in err, err
    for word in words:
        assert word in err, f"{word!r} not in {err!r}"


SET_CATALOGUE = [
    (["macro.inflaton=0.05"], ["--set", "macro.inflaton", "did you mean 'inflation'"]),
    (["labour.unemployment_rate=lots"], ["--set", "labour.unemployment_rate", "'lots'", "a number"]),
    (["demography.fertility_multiplier"], ["--set", "KEY=VALUE"]),
    (["labour.unemployment_rate=[0.1"], ["--set", "not valid YAML"]),
    (["horizon.end_year.later=3"], ["--set: horizon.end_year", "found a mapping", "a whole number"]),
    (["horizon.end_year=2040", "horizon.end_year.later=3"], ["--set", "set 'horizon.end_year' as a whole"]),
    (["labour.unemployment_rate=-0.1"], ["--set", "labour.unemployment_rate", ">= 0"]),
]


@pytest.mark.parametrize("overrides, words", SET_CATALOGUE, ids=[c[0][0] for c in SET_CATALOGUE])
def test_bad_set_override_is_refused(overrides, words, tmp_path, capsys):
    err = refusal(HERE / "valid_minimal.yaml", overrides, capsys)
    for word in words:
        assert word in err, f"{word!r} not in {err!r}"


def test_several_problems_are_all_reported(tmp_path, capsys):
    bad = tmp_path / "many.yaml"
    bad.write_text("name: many\nlabour:\n  unemployment_rate: 2\n  formalisation_rat: 0.01\n")
    assert main(["validate", str(bad)]) == 2
    lines = capsys.readouterr().err.strip().splitlines()
    assert len(lines) == 2
    assert any("many.yaml:3: labour.unemployment_rate" in l for l in lines)
    assert any("many.yaml:4: labour.formalisation_rat" in l and "formalisation_rate" in l for l in lines)


def test_missing_scenario_file(tmp_path, capsys):
    assert main(["validate", str(tmp_path / "nope.yaml")]) == 2
    assert "no such file" in capsys.readouterr().err
