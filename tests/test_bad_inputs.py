"""The bad-input corpus (tests/data/bad/): every file gives exactly one `Error: ` line on
stderr naming the file and the place, nothing on stdout, and exit code 2."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml

BAD = Path(__file__).resolve().parent / "data" / "bad"
EXPECTED: dict[str, dict[str, Any]] = yaml.safe_load(
    (BAD / "expected.yaml").read_text(encoding="utf-8")
)
Run = Callable[..., Any]


def test_the_corpus_lists_every_file_and_nothing_else() -> None:
    on_disk = {p.name for p in BAD.iterdir()} - {"expected.yaml"}
    listed = {name for name in EXPECTED if name.endswith(".yaml")}
    assert on_disk == listed - {"no-such-file.yaml"}
    assert len(EXPECTED) >= 150


def _arguments(name: str) -> list[str]:
    """The command line of a case: `args` as given (with {bad} for this folder), a claims file
    checked, a factor table under the marathon, or a scenario file."""
    path = f"tests/data/bad/{name}"
    case = EXPECTED[name]
    if "args" in case:
        return [str(a).replace("{bad}", "tests/data/bad") for a in case["args"]]
    if name.startswith("claims-"):
        return ["check", path]
    if name.startswith("factors-"):
        return ["scenario", "scenarios/marathon.yaml", "--factors", path]
    return ["scenario", path]


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_bad_input_gives_one_located_line(run: Run, name: str) -> None:
    result = run(*_arguments(name))
    expected = EXPECTED[name]
    assert result.exit_code == expected["exit"]
    assert result.stdout == ""
    assert result.stderr.count("\n") == 1
    assert result.stderr.startswith("Error: ")
    assert expected["message"] in result.stderr
    prefix = "" if "args" in expected else "tests/data/bad/"
    assert result.stderr == f"Error: {prefix}{expected['message']}\n"


def test_a_file_over_the_size_limit_is_refused(run: Run, tmp_path: Path) -> None:
    from aicost.yamlfile import MAX_BYTES

    big = tmp_path / "big.yaml"
    big.write_text("# padding\n" * (MAX_BYTES // 10 + 1))
    result = run("scenario", str(big))
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr == (
        f"Error: {big}: is 2,097,160 bytes; a scenario file may be at most 2,097,152 bytes\n"
    )
