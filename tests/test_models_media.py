"""Image and video entries of the model catalogue: their settings, checked when read."""

from __future__ import annotations

from pathlib import Path

import pytest

from aicost.errors import InputError
from aicost.factors import load_factors
from aicost.models import check_against, load_catalogue, parse_file

ENTRY = """schema: 1
locations:
  open-us: {site: huggingface.us, grid: US, source: aicost, status: assumption}
answers: {}
models:
  m:
    kind: KIND
    en: M
    provider: p
    family: f
    open_weights: true
    total_params_b: 2
    location: open-us
SETTINGS
    source: aicost
    status: assumption
    as_of: "2025-01"
    checked: "2025-01"
"""


def parse(tmp_path: Path, kind: str, settings: str) -> None:
    path = tmp_path / "models.yaml"
    path.write_text(ENTRY.replace("KIND", kind).replace("SETTINGS", settings), encoding="utf-8")
    parse_file(str(path), "models.yaml")


def test_shipped_media_entries() -> None:
    catalogue = load_catalogue()
    images = catalogue.search(kind="image")
    videos = catalogue.search(kind="video")
    assert len(images) >= 15
    assert len(videos) >= 15
    for m in images:
        assert {"width", "height", "steps"} <= set(m.settings), m.id
    for m in videos:
        needed = {"service", "server", "seconds"} if "service" in m.settings else {"frames", "fps"}
        assert needed | {"width", "height"} <= set(m.settings), m.id
    check_against(catalogue, load_factors())
    assert catalogue.model("sora").id == "sora-2"
    assert catalogue.model("veo-3").settings["service"] == "veo-3"
    assert catalogue.model("sd3-medium").disclosures == (
        "image.sd3-medium",
        "image.sd3-medium.50-steps",
    )
    assert catalogue.model("cogvideox-1.5-5b").disclosures == ("video.cogvideox.5s",)


def test_a_good_entry_reads(tmp_path: Path) -> None:
    settings = "    width: 512\n    height: 512\n    steps: 20\n    architecture: dit"
    parse(tmp_path, "image", settings)


@pytest.mark.parametrize(
    ("kind", "settings", "message"),
    [
        (
            "image",
            "    width: 512\n    height: 512\n    steps: 20\n    architecture: diffusion",
            "models.yaml:17: models.m.architecture must be one of linear-attention, dit, mm-dit,"
            " u-net, got 'diffusion'",
        ),
        (
            "image",
            "    width: 512\n    height: 512",
            "models.yaml:6: models.m needs 'steps' (a setting of its method)",
        ),
        (
            "video",
            "    width: 512\n    height: 512\n    steps: 20\n    fps: 8",
            "models.yaml:6: models.m needs 'frames' (a setting of its method)",
        ),
        (
            "video",
            "    width: 512\n    height: 512\n    service: sora-2-pro",
            "models.yaml:6: models.m needs 'seconds' (a setting of its method)",
        ),
        (
            "image",
            "    width: 512\n    height: 512\n    steps: 20\n    fps: 8",
            "models.yaml:17: models.m.fps is a setting of video models, not of image models",
        ),
    ],
)
def test_bad_entries(tmp_path: Path, kind: str, settings: str, message: str) -> None:
    with pytest.raises(InputError) as err:
        parse(tmp_path, kind, settings)
    assert str(err.value) == message
