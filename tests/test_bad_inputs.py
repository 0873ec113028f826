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
    listed = set(EXPECTED) - {"no-such-file.yaml"}
    assert on_disk == listed
    assert len(on_disk) >= 40


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_bad_input_gives_one_located_line(run: Run, name: str) -> None:
    path = f"tests/data/bad/{name}"
    if name.startswith("factors-"):
        result = run("scenario", "scenarios/marathon.yaml", "--factors", path)
    else:
        result = run("scenario", path)
    expected = EXPECTED[name]
    assert result.exit_code == expected["exit"]
    assert result.stdout == ""
    assert result.stderr.count("\n") == 1
    assert result.stderr.startswith("Error: ")
    assert expected["message"] in result.stderr
    assert result.stderr == f"Error: tests/data/bad/{expected['message']}\n"


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
