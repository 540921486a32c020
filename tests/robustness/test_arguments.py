"""Arguments are checked before any computation: wrong ones exit 2 before the model is imported, with a
message naming the option, and nothing is written."""

import socket

import pytest

from engine.arguments import scheduler_endpoint
from engine.cli import main
from engine.errors import InputError

from .helpers import BASELINE, UNCERTAINTY, laosim, projection_started



def closed_port() -> int:
    """A local port where nothing listens (bound, then released)."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def out_cases(tmp_path):
    a_file = tmp_path / "a_file"
    a_file.write_text("not a folder")
    return {"an existing file": (a_file, "which is a file, not a folder"),
            "a path under a file": (a_file / "sub", "which is a file")}


@pytest.mark.parametrize("case", ["an existing file", "a path under a file"])
@pytest.mark.parametrize("command", ["run", "compare", "sweep"])
def test_out_problems_exit_2_before_any_projection(tmp_path, command, case):
    out, words = out_cases(tmp_path)[case]
    args = {"run": ["run", BASELINE], "compare": ["compare", BASELINE, BASELINE],
            "sweep": ["sweep", UNCERTAINTY, "--draws", "4"]}[command]
    status, err, started = projection_started(*args, "--out", out)
    assert status == 2, err
    assert not started, "the model is not even imported"
    assert "--out" in err and words in err and str(out) in err
    assert "running" not in err and "sweep:" not in err, "no projection may start"
    assert "Traceback" not in err


@pytest.mark.parametrize("args, words", [
    (["--draws", "-1"], ["--draws", "found -1", "0 to 100,000"]),
    (["--draws", "100000000000"], ["--draws", "100000000000"]),
    (["--draws", "4", "--seed", "-3"], ["--seed", "found -3"]),
    (["--draws", "4", "--workers", "0"], ["--workers", "found 0", "from 1"]),
    (["--draws", "4", "--scheduler", "not a url"], ["--scheduler", "'not a url'", "tcp://HOST:8786"]),
    (["--draws", "4", "--scheduler", "tcp://127.0.0.1:99999"], ["--scheduler", "port 1-65535"]),
    (["--draws", "4", "--scheduler", "http://127.0.0.1:8786"], ["--scheduler", "tcp or tls"]),
    (["--draws", "4", "--scheduler", "tcp://127.0.0.1:8786", "--workers", "2"], ["--workers", "no --workers with --scheduler"]),
])
def test_malformed_sweep_arguments_exit_2_at_once(tmp_path, capsys, args, words):
    out = tmp_path / "out"
    assert main(["sweep", str(UNCERTAINTY), *args, "--out", str(out)]) == 2
    err = capsys.readouterr().err
    for word in words:
        assert word in err, err
    assert not out.exists()


def test_refused_scheduler_connection_is_reported(tmp_path):
    address = f"tcp://127.0.0.1:{closed_port()}"
    status, _, err, _ = laosim("sweep", UNCERTAINTY, "--draws", "4", "--scheduler", address,
                               "--out", tmp_path / "out", timeout=60)  # a hang guard, not a speed check
    assert status == 2, err
    assert address in err and "no scheduler answers" in err and "Traceback" not in err
    assert not (tmp_path / "out").exists()


def test_scheduler_addresses_are_parsed():
    assert scheduler_endpoint("tcp://10.0.0.5:8786") == ("10.0.0.5", 8786)
    assert scheduler_endpoint("scheduler.local:9000") == ("scheduler.local", 9000)
    assert scheduler_endpoint("tls://host") == ("host", 8786)
    for bad in ("", "not a url", "tcp://:8786", "tcp://host:0", "tcp://host:port", "tcp://host:1/path"):
        with pytest.raises(InputError):
            scheduler_endpoint(bad)


def test_sweep_of_a_scenario_that_varies_nothing_is_refused(tmp_path, capsys):
    out = tmp_path / "out"
    assert main(["sweep", str(BASELINE), "--draws", "5", "--out", str(out)]) == 2
    err = capsys.readouterr().err
    assert "varies nothing" in err and "uncertainty.parameters" in err and "--draws 0" in err
    assert main(["sweep", str(BASELINE), "--draws", "0", "--out", str(out)]) == 2
    assert "no sensitivity: cases" in capsys.readouterr().err
    assert not out.exists()


def test_calibrate_out_naming_a_folder_is_refused(tmp_path, capsys):
    assert main(["calibrate", str(BASELINE), "--out", str(tmp_path)]) == 2
    assert "which is a folder" in capsys.readouterr().err


def test_an_out_folder_that_may_not_be_written_is_refused(tmp_path, monkeypatch):
    """(The tests may run as root, who may write anywhere: the permission is simulated.)"""
    from engine import output_set

    monkeypatch.setattr(output_set.os, "access", lambda path, mode: False)
    with pytest.raises(InputError, match="may not be written to"):
        output_set.check_out_dir(tmp_path / "new" / "out")


def test_the_import_trace_sees_a_projection(tmp_path):
    """The check the tests above rely on: a run that projects imports the model."""
    status, err, started = projection_started("run", BASELINE, "--out", tmp_path / "out",
                                              "--set", "horizon.end_year=2026")
    assert status == 0, err
    assert started
