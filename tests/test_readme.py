"""The README's two commands are the ones CI runs."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _commands() -> list[str]:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("## The two commands", 1)[1].split("\n## ", 1)[0]
    return re.findall(r"```sh\n(.+?)\n```", section)


def test_readme_has_the_main_and_test_commands() -> None:
    main, tests = _commands()
    assert main.endswith("aicost scenario scenarios/marathon.yaml")
    assert "pytest" in tests


def test_ci_runs_the_readme_commands_verbatim() -> None:
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8").splitlines()
    for command in _commands():
        assert command in ci


def _shape(value: object) -> object:
    """Keys of every mapping, recursively (first element of lists): the schema, not values."""
    if isinstance(value, dict):
        return {k: _shape(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_shape(value[0])] if value else []
    return None


def test_readme_json_schema_matches_the_committed_example() -> None:
    import json

    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("## JSON output", 1)[1]
    documented = json.loads(re.findall(r"```json\n(.+?)\n```", section, re.S)[0])
    example = json.loads(
        (ROOT / "tests" / "data" / "golden" / "marathon.json").read_text(encoding="utf-8")
    )
    shape_doc, shape_example = _shape(documented), _shape(example)
    assert isinstance(shape_doc, dict) and isinstance(shape_example, dict)
    # scale factors are empty in the marathon; compare everything else exactly
    shape_doc["scenarios"][0]["scale"]["factors"] = []
    # sources are keyed by id: compare the shape of one entry
    shape_doc["sources"] = shape_doc["sources"]["mit-tr-2025"]
    shape_example["sources"] = shape_example["sources"]["mit-tr-2025"]
    assert shape_doc == shape_example
