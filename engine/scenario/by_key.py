"""Blocks with one value per NSSF scheme or per sub-fund: the generic by-key models.

A block such as ``benefits.old_age.accrual_rate`` holds one parameter per scheme
(``civil_servant``, ``enterprise``, ``voluntary``), so that ``--set
benefits.old_age.accrual_rate.enterprise=0.02`` changes one of them; a block such as
``funds.initial.reserves`` holds one per sub-fund (``health``, ``short_term``,
``long_term``). Each block is an explicit subclass of :class:`ByScheme` or :class:`ByFund`,
parametrised by its value type, whose fields are declared with :func:`key_param`: the
default, unit, status and source come from one mapping entry of an embedded data file,
and the description is the class's docstring followed by the key, for example
``"Pension age of men (civil servant)"``.
"""

from typing import Any, Generic, TypeVar

from pydantic import BaseModel

from engine.scenario.params import STRICT, data_param

V = TypeVar("V")


class ByKey(BaseModel, Generic[V]):
    """A frozen block of values of type ``V``, one field per key."""

    model_config = STRICT

    def of(self, key: str) -> V:
        """The value of one key (a scheme or a sub-fund)."""
        return getattr(self, key)


class ByScheme(ByKey[V], Generic[V]):
    """One value per NSSF scheme (see :data:`engine.dims.SCHEMES`)."""

    civil_servant: V
    enterprise: V
    voluntary: V


class ByFund(ByKey[V], Generic[V]):
    """One value per sub-fund (see :data:`engine.dims.FUNDS`)."""

    health: V
    short_term: V
    long_term: V


def key_param(file: str, name: str, key: str, description: str, **options: Any) -> Any:
    """The parameter of one ``key`` of the mapping entry ``name`` in ``file``, described as
    ``"<description> (<key in words>)"``; ``options`` as for
    :func:`engine.scenario.params.data_param` (``as_path``, ``cast``, bounds)."""
    label = key.replace("_", " ")
    return data_param(file, name, key=key, description=f"{description.strip()} ({label})", **options)
