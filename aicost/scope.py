"""What an estimate counts and what it leaves out, in one plain line (English or French) and
as a JSON object: every output carries it (README, "Scope").

Counted, when the estimate has them: inference electricity (at the data centre with its
overhead, or as each source reported it), on-site cooling water, the water of electricity
generation (off site), the manufacturing of the hardware (servers and GPUs; the user's device
for a model run locally). Never counted: training, the network, the user's own device unless a
model runs on it, and manufacturing behind an inline figure (its hardware is unknown).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from aicost.i18n import N_, speaking, tr
from aicost.records import record

if TYPE_CHECKING:
    from aicost.engine import Estimate

# id -> its words (a tr() template); the order of the line
PARTS = {
    "electricity_facility": N_("inference electricity at the data centre"),
    "electricity_as_reported": N_("inference electricity as each source reported it"),
    "electricity_device": N_("the electricity of your device"),
    "overhead": N_("data-centre overhead (PUE)"),
    "water_onsite": N_("cooling water on site"),
    "water_offsite": N_("water of electricity generation (off site)"),
    "manufacturing": N_("manufacturing of servers and GPUs (per second of use)"),
    "manufacturing_device": N_("manufacturing of your device (per hour of use)"),
    "training": N_("training"),
    "network": N_("the network"),
    "user_device": N_("your own device"),
    "manufacturing_inline": N_("manufacturing behind your own figures"),
    "water_manufacturing": N_("water used in manufacturing"),
}


@record
class Scope:
    counted: tuple[str, ...]
    not_counted: tuple[str, ...]

    def line(self, lang: str = "en") -> str:
        """'Counted: ... Not counted: ...' in `lang`."""
        with speaking(lang):
            return tr(
                "Counted: {counted}. Not counted: {left}.",
                counted=", ".join(tr(PARTS[p]) for p in self.counted),
                left=", ".join(tr(PARTS[p]) for p in self.not_counted),
            )

    def to_dict(self) -> dict[str, Any]:
        return {
            "counted": list(self.counted),
            "not_counted": list(self.not_counted),
            "text": self.line("en"),
        }


def scope(est: Estimate) -> Scope:
    """The scope of `est`, from the sites, items and hardware it used."""
    sc = est.scenario
    sites = [r.site if r.site is not None else sc.site for r in est.items]
    device = [r.item.text is not None and bool(r.item.text.device) for r in est.items]
    on_device = [r for r, d in zip(est.items, device, strict=True) if d]
    served = [r for r, d in zip(est.items, device, strict=True) if not d]
    counted: list[str] = []
    if served:  # (items compared by position: an item's == walks all its fields)
        as_reported = all(s.as_reported for s, d in zip(sites, device, strict=True) if not d)
        counted.append("electricity_as_reported" if as_reported else "electricity_facility")
        overhead = any(not s.as_reported and (s.pue or 1) > 1 for s in sites) or any(
            r.item.text is not None
            and r.item.text.default_site is not None
            and (r.item.text.default_site.pue or 1) > 1
            for r in served
        )
        if overhead:
            counted.append("overhead")
    if on_device:
        counted.append("electricity_device")
    if any(not s.as_reported and s.wue is not None and s.wue.magnitude > 0 for s in sites):
        counted.append("water_onsite")
    counted.append("water_offsite")
    made = [r.embodied_per_item is not None for r in est.items]
    hardware = any(made)
    if any(m and not d for m, d in zip(made, device, strict=True)):
        counted.append("manufacturing")
    if any(m and d for m, d in zip(made, device, strict=True)):
        counted.append("manufacturing_device")
    left = ["training", "network"]
    if not on_device:
        left.append("user_device")
    if any(r.embodied_per_item is None for r in est.items):
        left.append("manufacturing_inline")
    if hardware:
        left.append("water_manufacturing")
    return Scope(tuple(counted), tuple(left))
