"""aicost.records.record behaves as dataclass(frozen=True): the same class written both ways,
compared on construction, defaults, equality, hash, repr, immutability and dataclasses' own
helpers."""

from __future__ import annotations

import copy
import dataclasses
import math
import pickle
from dataclasses import FrozenInstanceError, dataclass, field
from typing import Any

import pytest

from aicost.records import record


@record
class Base:
    name: str
    value: float = 1.0


@record
class Rec(Base):
    tags: tuple[str, ...] = ()
    extra: dict[str, int] = field(default_factory=dict, hash=False)
    line: int | None = field(default=None, compare=False)
    secret: str = field(default="s", repr=False)


@dataclass(frozen=True)
class DBase:
    name: str
    value: float = 1.0


@dataclass(frozen=True)
class DRec(DBase):
    tags: tuple[str, ...] = ()
    extra: dict[str, int] = field(default_factory=dict, hash=False)
    line: int | None = field(default=None, compare=False)
    secret: str = field(default="s", repr=False)


CALLS: list[tuple[tuple[Any, ...], dict[str, Any]]] = [
    (("a",), {}),
    (("a", 2.0), {}),
    (("a",), {"value": 3.0, "tags": ("x",)}),
    ((), {"name": "b", "line": 7}),
    (("a", math.nan), {}),
    (("a", 2.0, ("t",), {"k": 1}, 4, "z"), {}),
]


@pytest.mark.parametrize(("args", "kwargs"), CALLS)
def test_a_record_is_what_a_frozen_dataclass_is(args: Any, kwargs: Any) -> None:
    mine, theirs = Rec(*args, **kwargs), DRec(*args, **kwargs)
    assert [getattr(mine, f.name) for f in dataclasses.fields(mine)] == [
        getattr(theirs, f.name) for f in dataclasses.fields(theirs)
    ] or math.isnan(mine.value)
    assert repr(mine).replace("Rec(", "DRec(", 1) == repr(theirs)
    other, dother = Rec(*args, **kwargs), DRec(*args, **kwargs)
    assert (mine == other) is (theirs == dother)
    assert (mine == mine) is (theirs == theirs)  # NaN fields: equal to themselves, as tuples are
    assert mine != Base("a")
    if not mine.extra:
        assert (hash(mine) == hash(other)) is (hash(theirs) == hash(dother))
    moved = dataclasses.replace(mine, line=99)
    assert moved.line == 99 and moved.name == mine.name and moved == mine  # line: no compare
    assert pickle.loads(pickle.dumps(mine)) == mine or math.isnan(mine.value)
    assert copy.copy(mine).__dict__ == mine.__dict__ or math.isnan(mine.value)


def test_a_record_is_frozen() -> None:
    r = Rec("a")
    with pytest.raises(FrozenInstanceError):
        r.name = "b"  # type: ignore[misc]
    with pytest.raises(FrozenInstanceError):
        del r.name
    assert dataclasses.is_dataclass(r) and [f.name for f in dataclasses.fields(Rec)] == [
        "name", "value", "tags", "extra", "line", "secret"
    ]  # fmt: skip


def test_default_factories_give_each_record_its_own() -> None:
    assert Rec("a").extra is not Rec("a").extra


@pytest.mark.parametrize(
    ("args", "kwargs", "message"),
    [
        ((), {}, "missing required argument: 'name'"),
        (("a",), {"name": "b"}, "multiple values for 'name'"),
        (("a",), {"colour": 1}, "unexpected keyword arguments ['colour']"),
        (("a", 1, (), {}, 1, "s", "too many"), {}, "takes 7 positional arguments but 8"),
    ],
)
def test_wrong_arguments_are_refused(args: Any, kwargs: Any, message: str) -> None:
    with pytest.raises(TypeError, match=message.replace("[", r"\[").replace("]", r"\]")):
        Rec(*args, **kwargs)
    with pytest.raises(TypeError):
        DRec(*args, **kwargs)


def test_identity_records_keep_identity_equality() -> None:
    @record(eq=False, repr=False)
    class Plain:
        x: int

    a, b = Plain(1), Plain(1)
    assert a != b and a == a and hash(a) != hash(b) and repr(a).startswith("<")


def test_fields_outside_init_post_init_and_match_args_are_dataclass_s() -> None:
    @record
    class Later:
        a: int
        seen: list[int] = field(default_factory=list, init=False)
        fixed: str = field(default="f", init=False)

        def __post_init__(self) -> None:
            self.seen.append(self.a)

    @dataclass(frozen=True)
    class DLater:
        a: int
        seen: list[int] = field(default_factory=list, init=False)
        fixed: str = field(default="f", init=False)

        def __post_init__(self) -> None:
            self.seen.append(self.a)

    assert repr(Later(3)).replace("Later", "X") == repr(DLater(3)).replace("DLater", "X")
    assert Later(3) == Later(3) and Later(3).seen == [3]
    match Later(4):
        case Later(a):
            assert a == 4
    with pytest.raises(TypeError, match="keyword-only"):

        @record
        class Keyword:
            a: int = field(default=0, kw_only=True)


def test_hash_rules_follow_dataclass_s() -> None:
    @record
    class OwnEq:
        a: int

        def __eq__(self, other: object) -> bool:
            return True

    @record
    class NoHash:
        a: int
        __hash__ = None  # type: ignore[assignment]

    @dataclass(frozen=True)
    class DOwnEq:
        a: int

        def __eq__(self, other: object) -> bool:
            return True

    assert hash(OwnEq(1)) == hash(DOwnEq(1)) == hash((1,))
    with pytest.raises(TypeError):
        hash(NoHash(1))
