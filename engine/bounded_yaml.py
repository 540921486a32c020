"""A YAML loader whose cost is bounded by the size of its input.

YAML aliases (``*name``) let a 1 KB file expand into billions of values ("billion
laughs"), and deep nesting exhausts the parser's recursion. Scenarios and data files have
no use for either (``extends:`` shares settings between scenarios), so this loader refuses
every alias and any nesting deeper than :data:`MAX_DEPTH`, and callers refuse files
larger than :data:`MAX_BYTES` before parsing. A refusal is a
:class:`LimitError`, a marked YAML error that tells what was found and what is expected.
"""

from __future__ import annotations

import yaml
from yaml.composer import Composer
from yaml.constructor import SafeConstructor
from yaml.events import AliasEvent, MappingStartEvent, SequenceStartEvent
from yaml.resolver import Resolver

MAX_BYTES = 1_000_000
"""Largest YAML text read (scenario files are a few kilobytes)."""

MAX_DEPTH = 64
"""Deepest nesting of mappings and lists (the scenario schema needs fewer than ten)."""


class LimitError(yaml.composer.ComposerError):
    """The YAML text uses an alias or nests too deeply; ``found`` and ``expected`` say how."""

    def __init__(self, found: str, expected: str, mark):
        super().__init__(None, None, found, mark)
        self.found, self.expected = found, expected


class _Bounds:
    """The composer's step for one node, refusing aliases and deep nesting."""

    _depth = 0

    def compose_node(self, parent, index):
        if self.check_event(AliasEvent):
            event = self.peek_event()
            raise LimitError(f"an alias '*{event.anchor}'",
                             "every value written out (YAML anchors and aliases are not read; "
                             "use extends: to share settings)", event.start_mark)
        opens = self.check_event(MappingStartEvent, SequenceStartEvent)
        if opens:
            self._depth += 1
            if self._depth > MAX_DEPTH:
                raise LimitError(f"nesting deeper than {MAX_DEPTH} levels",
                                 f"at most {MAX_DEPTH} levels of mappings and lists",
                                 self.peek_event().start_mark)
        try:
            return Composer.compose_node(self, parent, index)
        finally:
            if opens:
                self._depth -= 1


class _PythonLoader(_Bounds, yaml.SafeLoader):
    """Pure-Python parsing (where PyYAML was built without libyaml)."""


try:
    from yaml.cyaml import CParser

    class _LibyamlLoader(_Bounds, CParser, SafeConstructor, Resolver):
        """libyaml's parser (some ten times faster) under the Python composer, so that the
        bounds above apply as the document is composed."""

        def __init__(self, stream):
            CParser.__init__(self, stream)
            SafeConstructor.__init__(self)
            Resolver.__init__(self)
            self.anchors = {}

        get_single_node = Composer.get_single_node
        compose_document = Composer.compose_document
        compose_scalar_node = Composer.compose_scalar_node
        compose_sequence_node = Composer.compose_sequence_node
        compose_mapping_node = Composer.compose_mapping_node

    BoundedLoader = _LibyamlLoader
except ImportError:  # PyYAML without libyaml
    BoundedLoader = _PythonLoader


def too_large(text: str | bytes) -> str | None:
    """What to report when ``text`` exceeds :data:`MAX_BYTES`, else None."""
    size = len(text.encode("utf-8") if isinstance(text, str) else text)
    return f"a file of {size:,} bytes" if size > MAX_BYTES else None


def safe_load(text: str) -> object:
    """``yaml.safe_load`` with the bounds above (for short texts such as ``--set`` values)."""
    if too_large(text):
        raise LimitError(f"a text of {len(text):,} characters", f"at most {MAX_BYTES:,} bytes", None)
    loader = BoundedLoader(text)
    try:
        return loader.get_single_data()
    finally:
        loader.dispose()
