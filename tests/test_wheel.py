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


def test_wheel_carries_the_factor_table_and_the_model_catalogue(wheel: Path) -> None:
    with zipfile.ZipFile(wheel) as zf:
        names = zf.namelist()
        assert "aicost/data/factors.yaml" in names
        assert "aicost/units.txt" in names  # the unit registry's definitions
        mo = "aicost/locale/fr/LC_MESSAGES/aicost.mo"  # the French, compiled
        assert zf.read(mo) == (ROOT / mo).read_bytes()
        packaged = zf.read("aicost/data/factors.yaml")
        models = zf.read("aicost/data/models.yaml")
        cache = zf.read("aicost/models.cache.json")
        factors_cache = zf.read("aicost/factors.cache.json")
    assert factors_cache == (ROOT / "aicost" / "factors.cache.json").read_bytes()
    assert packaged == (ROOT / "factors.yaml").read_bytes()
    assert models == (ROOT / "models.yaml").read_bytes()
    assert cache == (ROOT / "aicost" / "models.cache.json").read_bytes()


def _run_installed(
    wheel: Path, tmp_path: Path, code: str, cwd: Path, **env_vars: str
) -> subprocess.CompletedProcess[str]:
    """Run `code` with the wheel's files (extracted) as the only aicost on the path."""
    site = tmp_path / "site"
    with zipfile.ZipFile(wheel) as zf:
        zf.extractall(site)
    env = {**os.environ, "PYTHONPATH": str(site), **env_vars}
    out = subprocess.run(
        [sys.executable, "-c", code], cwd=cwd, env=env, capture_output=True, text=True
    )
    assert out.returncode == 0, out.stderr
    return out


def test_wheel_runs_outside_the_source_tree(wheel: Path, tmp_path: Path) -> None:
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    shutil.copy(ROOT / "scenarios" / "marathon.yaml", elsewhere / "marathon.yaml")
    code = (
        "import sys, aicost; print(aicost.__file__, file=sys.stderr); "
        "sys.argv = ['aicost', 'scenario', 'marathon.yaml', '--format', 'json']; "
        "from aicost.cli import main; main()"
    )
    out = _run_installed(wheel, tmp_path, code, elsewhere)
    # the wheel's copy, not the checkout
    assert out.stderr.strip().startswith(str(tmp_path / "site"))
    doc = json.loads(out.stdout)
    assert doc["scenarios"][0]["total"]["energy_wh"] == pytest.approx(2873.5, rel=1e-3)
    code = "from aicost.cli import main; main(['grids', '--help'])"
    french = _run_installed(wheel, tmp_path, code, elsewhere, LANG="fr_FR.UTF-8")
    assert "Affiche ce message et quitte." in french.stdout  # the wheel's catalogue


def test_wheel_lists_models_outside_the_source_tree(wheel: Path, tmp_path: Path) -> None:
    code = (
        "import sys, aicost.models as m; "
        "c = m.load_catalogue(); print(m.default_models_path(), file=sys.stderr); "
        "print(c.model('claude-sonnet-4.5').id, len(c) >= 300, 'yaml' in sys.modules)"
    )
    out = _run_installed(wheel, tmp_path, code, tmp_path)
    assert out.stderr.strip() == str(tmp_path / "site" / "aicost" / "data" / "models.yaml")
    # read from the compact cache: the YAML parser was not even imported
    assert out.stdout == "claude-sonnet-4-5 True False\n"
