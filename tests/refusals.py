"""A user's mistake refused the way the program promises: ``laosim validate`` with the
given ``--set`` overrides exits 2 with the problems on standard error and no traceback."""

from engine.cli import main


def refusal(scenario, overrides: list[str], capsys) -> str:
    """Standard error of ``laosim validate SCENARIO --set ...``, after checking the status
    is 2 and no traceback was printed."""
    args = ["validate", str(scenario)]
    for item in overrides:
        args += ["--set", item]
    status = main(args)
    err = capsys.readouterr().err
    assert status == 2, err
    assert "Traceback" not in err
    return err
