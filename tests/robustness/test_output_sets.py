"""A folder holds one complete set of files: a failed or interrupted write leaves the
earlier set as it was, a finished one replaces it whole (no mix of two runs)."""

import os
import signal

import pytest

from engine import interrupts
from engine.output_set import output_set


def earlier_set(folder):
    folder.mkdir(parents=True)
    for name in ("results.nc", "summary.csv", "results.xlsx", "report.html"):
        (folder / name).write_text(f"earlier {name}")
    (folder / "notes.txt").write_text("the user's own file")
    return {p.name: p.read_text() for p in folder.iterdir()}


def contents(folder):
    return {p.name: p.read_text() for p in folder.iterdir()}


def test_an_error_while_writing_leaves_the_earlier_set(tmp_path):
    out = tmp_path / "out"
    before = earlier_set(out)
    with pytest.raises(RuntimeError), output_set(out) as staging:
        (staging / "results.nc").write_text("new")
        raise RuntimeError("the workbook could not be written")
    assert contents(out) == before
    assert [p.name for p in tmp_path.iterdir()] == ["out"]


def test_a_finished_set_replaces_the_earlier_one_whole(tmp_path):
    out = tmp_path / "out"
    earlier_set(out)
    with output_set(out) as staging:  # a comparison's set: two files
        (staging / "compare.csv").write_text("new")
        (staging / "report.html").write_text("new")
    assert contents(out) == {"compare.csv": "new", "report.html": "new", "notes.txt": "the user's own file"}
    assert [p.name for p in tmp_path.iterdir()] == ["out"]


def test_a_new_folder_appears_with_its_whole_set(tmp_path):
    out = tmp_path / "a" / "b"
    with output_set(out) as staging:
        (staging / "summary.csv").write_text("new")
        assert not out.exists()
    assert contents(out) == {"summary.csv": "new"}
    assert oct(out.stat().st_mode & 0o777) == "0o755"


def test_a_signal_while_writing_gives_the_set_up(tmp_path, monkeypatch):
    monkeypatch.setenv("LAOSIM_DEBUG", "1")  # keep this process's standard error open
    out = tmp_path / "out"
    before = earlier_set(out)
    previous = {s: signal.getsignal(s) for s in interrupts.SIGNALS}
    interrupts.install()
    try:
        with pytest.raises(interrupts.Terminated), output_set(out) as staging:
            (staging / "results.nc").write_text("new")
            os.kill(os.getpid(), signal.SIGTERM)  # held back until the files are written
            (staging / "summary.csv").write_text("new")
        assert contents(out) == before
        assert [p.name for p in tmp_path.iterdir()] == ["out"]
    finally:
        for s, handler in previous.items():
            signal.signal(s, handler)
        interrupts._received.clear()
