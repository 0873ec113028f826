"""Which hardware an item occupies, for its embodied (manufacturing) impacts.

The arithmetic (aicost.arithmetic) allocates the manufacturing of the hardware by the time one
generation holds it: hardware-seconds = energy / power, times the hardware's impacts per second
of its lifetime (factors.yaml `embodied:`). This module says, per item, which hardware and which
power, so that any kind of item plugs in the same way:

- a method at the accelerator boundary (the text method; the image and video diffusion methods
  alike): its GPU energy / the text method's mean power per GPU while serving = GPU-seconds
  (the text method's `gpu_seconds`), on an H100 with its share of the server (for diffusion
  the same power is an assumption);
- a video service's latency fit (whole server at the IT boundary): energy / (the server's power
  / 8) = GPU-seconds, counted on H100s (an assumption for H800, H200 and TPU servers);
- a fixed figure (a task): its IT energy / (that power × the host factor): derived, on the same
  hardware (an assumption for tasks measured elsewhere);
- a model on the user's device (`device:`): the device's energy / its power = the hours it runs,
  times the device's impacts per hour of use;
- an inline figure: none (its hardware is unknown; the scope says so).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from aicost.records import record

if TYPE_CHECKING:
    from aicost.arithmetic import HardwarePlan
    from aicost.factors import Conversion, Embodied, FactorTable
    from aicost.scenarios import Item

SERVER_HARDWARE = "h100"  # the hardware class of the text method's default (H100-class serving)
GPUS_PER_SERVER = 8  # DGX/HGX H100, H200, H800 and 8 x TPU v6e: eight accelerators a server


@record
class HardwareUse:
    """The hardware an item occupies: its embodied figures and the power that turns the item's
    energy into time (W per GPU at the accelerator boundary, or the device's power)."""

    embodied: Embodied
    power_w: float
    power_key: str = ""  # a drawn power that the energy shares (a device's): time is free of it
    host: Conversion | None = None  # for a figure known only at the IT boundary

    def plan(self) -> HardwarePlan:
        from aicost.arithmetic import HardwarePlan
        from aicost.units import magnitude_in

        seconds = magnitude_in(self.embodied.lifetime, "s")
        e = self.embodied
        return HardwarePlan(
            key=f"embodied:{e.id}",
            gwp_g_per_s=magnitude_in(e.gwp, "g") / seconds,
            adpe_g_per_s=magnitude_in(e.adpe, "g") / seconds if e.adpe is not None else 0.0,
            pe_j_per_s=magnitude_in(e.pe, "J") / seconds if e.pe is not None else 0.0,
            power_w=self.power_w,
            power_key=self.power_key,
            host=self.host.value if self.host is not None else None,
            host_key=f"conversion:{self.host.id}" if self.host is not None else "",
        )


def hardware_of(item: Item, table: FactorTable) -> HardwareUse | None:
    """The hardware `item` occupies (None: not known, no embodied impacts counted)."""
    from aicost.units import magnitude_in

    text = item.text
    if text is not None and text.device is not None:
        device = text.device
        found = table.embodied.get(device.id)
        if found is None:
            return None
        return HardwareUse(found, magnitude_in(device.power, "W"), f"device:{device.id}:power")
    if text is None and item.task is None:
        return None  # an inline figure
    embodied = table.embodied.get(SERVER_HARDWARE)
    if embodied is None or "text" not in table.methods:
        return None
    from aicost.methods.text import TextCoefficients

    latency = getattr(text, "latency", None)
    if latency is not None:  # a video service: the whole server busy for the clip's latency
        server = getattr(text, "server", "")
        watts = latency.servers[server].mean / GPUS_PER_SERVER
        return HardwareUse(embodied, watts, f"{getattr(text, 'prefix', '')}:server")
    coef = TextCoefficients.from_table(table)
    hardware = getattr(text, "hardware", SERVER_HARDWARE)
    power = coef.gpu_power_w.get(hardware, coef.gpu_power_w[SERVER_HARDWARE])
    if (text.boundary if text is not None else item.boundary) == "accelerator":
        return HardwareUse(embodied, power)
    from aicost.scenarios import HOST

    host = table.conversions.get(HOST)
    if host is None:
        return None
    return HardwareUse(embodied, power, host=host)
