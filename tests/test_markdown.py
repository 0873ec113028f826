"""`--format markdown`: equivalences, intervals, and sources as footnotes, in both languages."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

Run = Callable[..., Any]


def test_markdown_has_equivalences_and_footnoted_sources(run: Run) -> None:
    result = run("scenario", "scenarios/marathon.yaml", "-f", "markdown")
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert "Site: As reported by each source (no conversion) (`as-reported`)[^aicost]" in lines
    assert (
        "| Questions about the event (Llama 3.1 405B) | `text.llama-3.1-405b`[^mit-tr-2025] "
        "| 15 | 6.71 kJ | 27.9 Wh |" in lines
    )
    # 2,873.5 Wh at 800 W = 3.59 h; / 180 Wh per km = 16 km (two equivalences that read well)
    assert "**What that amounts to**" in lines
    assert "| Energy | 2.87 kWh | ≈ 3.6 h of a microwave oven[^aicost] |" in lines
    # every reference has exactly one definition, with the full citation and the status
    refs = {part.split("]")[0] for part in result.stdout.split("[^")[1:]}
    definitions = [line for line in lines if line.startswith("[^")]
    assert sorted(d.split("]")[0][2:] for d in definitions) == sorted(refs)
    assert (
        "[^mit-tr-2025]: James O'Donnell, Casey Crownhart (2025-05-20). We did the math on AI's "
        "energy footprint. Here's the story you haven't heard. MIT Technology Review. "
        "https://www.technologyreview.com/2025/05/20/1116327/ai-energy-usage-climate-footprint-"
        "big-tech/ (secondary)"
    ) in lines


def test_markdown_footnotes_once_for_several_scenarios(run: Run) -> None:
    out = run(
        "scenario", "scenarios/marathon.yaml", "scenarios/chatgpt-day.yaml", "-f", "markdown"
    ).stdout
    assert out.count("\n[^mit-tr-2025]: ") == 1
    assert out.count("[^mit-tr-2025]") > 3


def test_markdown_own_source_in_french(run: Run) -> None:
    out = run("scenario", "scenarios/local-model.yaml", "-f", "markdown", "--lang", "fr").stdout
    lines = out.splitlines()
    assert any(line.startswith("| Answer") and "| (saisi)[^own-1] |" in line for line in lines)
    assert (
        "[^own-1]: Votre propre chiffre ; sa source : example figures, to replace with a "
        "measurement"
    ) in lines
    assert "**Ce que cela représente**" in lines


def test_markdown_own_figure_without_source(run: Run) -> None:
    out = run("estimate", "0.3 Wh=10", "-f", "markdown").stdout
    assert "[^own-1]: Your own figure, given without a source" in out.splitlines()


def test_markdown_intervals_with_uncertainty(run: Run) -> None:
    out = run(
        "scenario", "scenarios/marathon.yaml", "-f", "markdown", "-u", "--samples", "1000"
    ).stdout
    lines = out.splitlines()
    assert "**90 % intervals (Monte Carlo, 1,000 samples, seed 20251120)**" in lines
    title = lines.index("**90 % intervals (Monte Carlo, 1,000 samples, seed 20251120)**")
    row = next(line for line in lines[title:] if line.startswith("| Energy | 2.87 kWh | "))
    low, high = row.split(" | ")[2].rstrip(" |").split(" – ")
    assert low.endswith(" kWh") and high.endswith(" kWh")
    assert float(low.split()[0]) < 2.87 < float(high.split()[0])
    assert (
        "**90 % intervals"
        not in run("scenario", "scenarios/marathon.yaml", "-f", "markdown").stdout
    )
