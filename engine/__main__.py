"""``python -m engine``: the ``laosim`` program."""

from engine.cli import entry

entry()
