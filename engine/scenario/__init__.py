"""Scenario files: YAML with ``extends:`` and ``--set`` overrides, validated and frozen."""
