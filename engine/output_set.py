"""Output folders that hold one complete set of files, or the previous set untouched.

A run, a comparison or a sweep writes all its files into a fresh temporary folder beside
``--out`` (``.<name>.<random>.part``); only when every file is complete does
:func:`output_set` move the set into place, with SIGINT and SIGTERM held back meanwhile.
Into a folder that does not exist yet the temporary folder is renamed (one atomic step);
into an existing folder the files of the earlier set (any file name a laosim set uses) are
moved aside, the new ones moved in, and the earlier ones deleted, so the folder never
holds a mix of two sets. Other files in the folder are left alone. A failure or an
interruption before that point removes the temporary folder and leaves ``--out`` as it was;
a signal that arrives while the files are written waits until they are (a file library
interrupted in the middle of a call may hang), and then gives the set up.

:func:`check_out_dir` tells before any computation whether a folder can take a set;
:func:`write_atomically` writes one file under a temporary name and renames it over its
final name (``os.replace`` is atomic within one file system).
"""

from __future__ import annotations

import contextlib
import os
import shutil
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path

from engine.errors import InputError, Problem
from engine.interrupts import deferred, pending

SET_FILES = frozenset({
    "results.nc", "summary.csv", "results.xlsx", "report.html",  # run
    "compare.csv", "compare.xlsx",  # compare (with report.html)
    "quantiles.csv", "depletion_probability.csv", "sensitivity.csv",  # sweep (with results.nc, report.html)
})
"""Every file name a laosim output set uses: an earlier set's files are all replaced."""


def _problem(path, found: str, expected: str, option: str) -> InputError:
    return InputError([Problem("command line", None, option, f"'{path}', {found}", expected)])


def check_out_dir(path: str | Path, option: str = "--out") -> None:
    """Raise :class:`InputError` unless ``path`` is (or can become) a writable folder."""
    shown, path = path, Path(os.path.abspath(path))
    expected = "a folder that exists or can be created, and that you may write into"
    if path.exists() and not path.is_dir():
        raise _problem(shown, "which is a file, not a folder", expected, option)
    existing = path
    while not existing.exists():
        if existing.parent == existing:
            break
        if existing.is_symlink():  # a dangling link
            raise _problem(shown, f"under '{existing}', a link to nothing", expected, option)
        existing = existing.parent
    if not existing.is_dir():
        raise _problem(shown, f"under '{existing}', which is a file", expected, option)
    # the set is staged beside the folder, and moved into it
    for folder in {existing, path.parent if path.exists() else existing}:
        if not os.access(folder, os.W_OK | os.X_OK):
            raise _problem(shown, f"where '{folder}' may not be written to", expected, option)
    if path.exists() and not os.access(path, os.W_OK | os.X_OK):
        raise _problem(shown, "which may not be written to", expected, option)


def _replace_set(staging: Path, out_dir: Path) -> None:
    """Move the staged files into an existing ``out_dir``, the earlier set out of it."""
    aside = Path(tempfile.mkdtemp(prefix=f".{out_dir.name}.", suffix=".old", dir=out_dir.parent))
    moved_out: list[str] = []
    moved_in: list[str] = []
    try:
        for name in sorted(SET_FILES | {p.name for p in staging.iterdir()}):
            if (out_dir / name).is_file() or (out_dir / name).is_symlink():
                os.replace(out_dir / name, aside / name)
                moved_out.append(name)
        for item in staging.iterdir():
            os.replace(item, out_dir / item.name)
            moved_in.append(item.name)
    except OSError:  # put the earlier set back as it was
        for name in moved_in:
            with contextlib.suppress(OSError):
                os.replace(out_dir / name, staging / name)
        for name in moved_out:
            with contextlib.suppress(OSError):
                os.replace(aside / name, out_dir / name)
        raise
    finally:
        shutil.rmtree(aside, ignore_errors=True)


@contextlib.contextmanager
def output_set(out_dir: str | Path) -> Iterator[Path]:
    """Yield a temporary folder to write a whole set into; on leaving the block without an
    error, the set replaces whatever set ``out_dir`` held. On an error or an interruption
    the temporary folder is removed and ``out_dir`` is left untouched."""
    check_out_dir(out_dir)
    out_dir = Path(os.path.abspath(out_dir))
    out_dir.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{out_dir.name}.", suffix=".part", dir=out_dir.parent))
    try:
        os.chmod(staging, 0o755)  # mkdtemp makes 0700; results are for sharing
        with deferred():  # a signal while writing acts at the end, and the set is given up
            yield staging
            if not pending():
                if out_dir.is_dir():
                    _replace_set(staging, out_dir)
                else:
                    os.rename(staging, out_dir)
    finally:
        with deferred():  # an interruption must not cut the clean-up short
            shutil.rmtree(staging, ignore_errors=True)


def write_atomically(path: Path, write: Callable[[Path], None]) -> None:
    """Call ``write(tmp)`` on a temporary path beside ``path``, then rename it to ``path``."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".part", dir=path.parent)
    os.close(fd)
    tmp_path = Path(tmp)
    try:
        write(tmp_path)
        os.chmod(tmp_path, 0o644)  # mkstemp makes 0600; results are for sharing (reports, workbooks)
        os.replace(tmp_path, path)
    finally:
        if tmp_path.exists():
            tmp_path.unlink()
