"""Errors that report a user's mistake: one line per problem, no traceback.

A :class:`Problem` names the file, the line where known, the dotted key, what was found,
what was expected, and for an unknown key the closest valid key. An :class:`InputError`
carries one or more problems; the command line prints them and exits with status 2.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from dataclasses import dataclass


@dataclass(frozen=True)
class Problem:
    """One thing wrong with the input."""

    file: str | None
    line: int | None
    key: str
    found: str
    expected: str
    suggestion: str | None = None

    def __str__(self) -> str:
        where = self.file or "<input>"
        if self.line is not None:
            where += f":{self.line}"
        key = self.key or "(top level)"
        text = f"{where}: {key}: found {self.found}; expected {self.expected}"
        if self.suggestion:
            text += f" (did you mean '{self.suggestion}'?)"
        return text


class InputError(Exception):
    """The input (scenario, override or data file) is wrong; exit status 2."""

    def __init__(self, problems: Iterable[Problem]):
        self.problems = list(problems)
        super().__init__("\n".join(str(p) for p in self.problems))


def closest(word: str, candidates: Iterable[str]) -> str | None:
    """The candidate most similar to ``word``, or None when nothing is close."""
    matches = difflib.get_close_matches(str(word), [str(c) for c in candidates], n=1, cutoff=0.6)
    return matches[0] if matches else None


def describe(value: object) -> str:
    """Short, quoted rendering of a value found in the input."""
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    if value is None:
        return "nothing (null)"
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "..."


@dataclass(frozen=True)
class Message(Problem):
    """A problem already written as one line (its file first), printed as it is."""

    text: str = ""

    def __str__(self) -> str:
        return self.text


class DataFileError(InputError, ValueError):
    """A data file (embedded or the user's) is missing, malformed, or holds values outside
    its schema; exit status 2. Built from problems, or from one message naming the file."""

    def __init__(self, problems: Iterable[Problem] | str):
        if isinstance(problems, str):
            problems = [Message(problems.partition(": ")[0], None, "", "", "", text=problems)]
        super().__init__(problems)


class ResultsError(Exception):
    """The model produced results that must not be written (NaN or infinity where a finite
    value is expected); exit status 1, nothing written."""
