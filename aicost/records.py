"""Frozen records, as `@dataclass(frozen=True)` makes them, without its cost at import.

`dataclass` writes the source of `__init__`, `__repr__`, `__eq__`, `__hash__`, `__setattr__`
and `__delattr__` for every class and compiles each: 1.3-1.8 ms a class on the benchmark
machine, and a scenario run defines more than forty (half of aicost's own start-up:
benchmarks/RESULTS.md). `record` lets `dataclass` collect the fields (so `dataclasses.fields`,
`replace` and `is_dataclass` work as before) but has it write no method; the methods are the
shared functions below, which read the class's fields instead of being written for each.
They mean what dataclass's mean: positional or keyword arguments in field order with their
defaults and default factories; equality of the same class on the fields that compare; the
hash of those fields; the repr of those shown; no attribute assigned or deleted after
`__init__` (FrozenInstanceError).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from dataclasses import MISSING, FrozenInstanceError
from typing import Any, TypeVar, dataclass_transform, overload

T = TypeVar("T")


def _init(self: Any, *args: Any, **kwargs: Any) -> None:
    """Positional arguments in field order, then keywords; defaults and default factories
    for the rest (set operations and dict updates: a record is made in about a microsecond)."""
    cls = type(self)
    if args:
        order: tuple[str, ...] = cls.__record_order__
        if len(args) > len(order):
            raise TypeError(
                f"{cls.__name__}.__init__() takes {len(order) + 1} positional arguments"
                f" but {len(args) + 1} were given"
            )
        for name, value in zip(order, args, strict=False):
            if name in kwargs:
                raise TypeError(f"{cls.__name__}.__init__() got multiple values for {name!r}")
            kwargs[name] = value
    given = kwargs.keys()
    if not given <= cls.__record_names__:
        unknown = [k for k in kwargs if k not in cls.__record_names__]
        raise TypeError(f"{cls.__name__}.__init__() got unexpected keyword arguments {unknown}")
    if not cls.__record_required__ <= given:
        missing = [n for n in cls.__record_order__ if n in cls.__record_required__ - given]
        raise TypeError(f"{cls.__name__}.__init__() missing required argument: {missing[0]!r}")
    values = self.__dict__
    values.update(cls.__record_defaults__)
    values.update(kwargs)
    for name, factory in cls.__record_factories__:
        if name not in kwargs:
            values[name] = factory()
    if cls.__record_post_init__:
        self.__post_init__()


def _setattr(self: Any, name: str, value: Any) -> None:
    raise FrozenInstanceError(f"cannot assign to field {name!r}")


def _delattr(self: Any, name: str) -> None:
    raise FrozenInstanceError(f"cannot delete field {name!r}")


def _eq(self: Any, other: Any) -> Any:
    if other.__class__ is not self.__class__:
        return NotImplemented
    names: tuple[str, ...] = self.__record_compare__
    mine, theirs = self.__dict__, other.__dict__
    return tuple(mine[n] for n in names) == tuple(theirs[n] for n in names)


def _hash(self: Any) -> int:
    values = self.__dict__
    return hash(tuple(values[n] for n in self.__record_hash__))


def _repr(self: Any) -> str:
    values = self.__dict__
    shown = ", ".join(f"{n}={values[n]!r}" for n in self.__record_repr__)
    return f"{type(self).__qualname__}({shown})"


def _make(cls: type[T], eq: bool, repr: bool) -> type[T]:
    undocumented = not cls.__doc__
    if undocumented:  # else dataclass writes one with inspect.signature: tokenize, ~1 ms
        cls.__doc__ = cls.__name__
    made: Any = dataclasses.dataclass(cls, init=False, repr=False, eq=False, match_args=False)
    fields = dataclasses.fields(made)
    init = [f for f in fields if f.init]
    if any(f.kw_only is True for f in fields):
        raise TypeError(f"{cls.__name__}: @record has no keyword-only fields; use @dataclass")
    if undocumented:
        cls.__doc__ = f"{cls.__name__}({', '.join(f.name for f in fields if f.init)})"
    own = cls.__dict__
    methods: dict[str, Any] = {
        "__record_order__": tuple(f.name for f in init),
        "__record_names__": frozenset(f.name for f in init),
        "__record_required__": frozenset(
            f.name for f in init if f.default is MISSING and f.default_factory is MISSING
        ),
        "__record_defaults__": {f.name: f.default for f in fields if f.default is not MISSING},
        "__record_factories__": tuple(
            (f.name, f.default_factory) for f in fields if f.default_factory is not MISSING
        ),
        "__record_post_init__": hasattr(made, "__post_init__"),
        "__match_args__": tuple(f.name for f in init),
        "__record_compare__": tuple(f.name for f in fields if f.compare),
        "__record_hash__": tuple(
            f.name for f in fields if (f.compare if f.hash is None else f.hash)
        ),
        "__record_repr__": tuple(f.name for f in fields if f.repr),
        "__init__": _init,
        "__setattr__": _setattr,
        "__delattr__": _delattr,
    }
    # dataclass's rules for frozen records: a field hash unless the class writes its own
    # (`__hash__ = None` written with an `__eq__` is Python's doing, not the class's).
    own_hash = own.get("__hash__", MISSING)
    explicit_hash = not (own_hash is MISSING or (own_hash is None and "__eq__" in own))
    if eq:
        if "__eq__" not in own:
            methods["__eq__"] = _eq
        if not explicit_hash:
            methods["__hash__"] = _hash
    if repr and "__repr__" not in own:
        methods["__repr__"] = _repr
    for name, value in methods.items():
        type.__setattr__(made, name, value)
    return cls


@overload
def record(cls: type[T], /) -> type[T]: ...
@overload
def record(*, eq: bool = True, repr: bool = True) -> Callable[[type[T]], type[T]]: ...


@dataclass_transform(frozen_default=True, field_specifiers=(dataclasses.field,))
def record(
    cls: type[T] | None = None, /, *, eq: bool = True, repr: bool = True
) -> type[T] | Callable[[type[T]], type[T]]:
    """`@record` is `@dataclass(frozen=True)`; `@record(eq=False, repr=False)` keeps a class's
    identity equality and default repr, as dataclass's own arguments do."""
    if cls is None:
        return lambda c: _make(c, eq, repr)
    return _make(cls, eq, repr)
