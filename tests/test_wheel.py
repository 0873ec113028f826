"""The built wheel carries factors.yaml and works outside the source tree."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    if shutil.which("hatchling") is None and not _has_hatchling():
        pytest.fail("hatchling is needed to build the wheel: install the 'test' extra")
    out = tmp_path_factory.mktemp("dist")
    subprocess.run(
        [sys.executable, "-m", "hatchling", "build", "-t", "wheel", "-d", str(out)],
        cwd=ROOT,
        check=True,
        capture_output=True,
    )
    (built,) = out.glob("aicost-*.whl")
    return built


def _has_hatchling() -> bool:
    import importlib.util

    return importlib.util.find_spec("hatchling") is not None


def test_wheel_carries_the_factor_table(wheel: Path) -> None:
    with zipfile.ZipFile(wheel) as zf:
        names = zf.namelist()
        assert "aicost/data/factors.yaml" in names
        assert "aicost/units.txt" in names  # the unit registry's definitions
        mo = "aicost/locale/fr/LC_MESSAGES/aicost.mo"  # the French, compiled
        assert zf.read(mo) == (ROOT / mo).read_bytes()
        packaged = zf.read("aicost/data/factors.yaml")
    assert packaged == (ROOT / "factors.yaml").read_bytes()


def test_wheel_runs_outside_the_source_tree(wheel: Path, tmp_path: Path) -> None:
    site = tmp_path / "site"
    with zipfile.ZipFile(wheel) as zf:
        zf.extractall(site)
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    shutil.copy(ROOT / "scenarios" / "marathon.yaml", elsewhere / "marathon.yaml")
    env = {**os.environ, "PYTHONPATH": str(site)}
    code = (
        "import sys, aicost; print(aicost.__file__, file=sys.stderr); "
        "sys.argv = ['aicost', 'scenario', 'marathon.yaml', '--format', 'json']; "
        "from aicost.cli import main; main()"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], cwd=elsewhere, env=env, capture_output=True, text=True
    )
    assert out.returncode == 0, out.stderr
    assert out.stderr.strip().startswith(str(site))  # the wheel's copy, not the checkout
    doc = json.loads(out.stdout)
    assert doc["scenarios"][0]["total"]["energy_wh"] == pytest.approx(2873.5, rel=1e-3)
    french = subprocess.run(
        [sys.executable, "-c", "from aicost.cli import main; main(['grids', '--help'])"],
        cwd=elsewhere,
        env={**env, "LANG": "fr_FR.UTF-8"},
        capture_output=True,
        text=True,
    )
    assert "Affiche ce message et quitte." in french.stdout  # the wheel's catalogue
