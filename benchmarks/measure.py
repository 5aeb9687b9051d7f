"""Figures, their floors, and the Markdown table they are reported in.

Every figure is compared with a floor measured in the same run, on the same
machine, interleaved with it (floor, figure, floor, figure...) so that a burst
of load from a neighbour hits both: on a shared machine absolute times are
noise, their ratios much less so.
"""

from __future__ import annotations

import math
import statistics
import time
from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class Figure:
    section: str
    name: str
    value: float
    floor: float
    unit: str  # of value and floor: "s", "ms", "MB", "articles/s"
    floor_name: str
    target: str  # e.g. "≤ 1.5x"; "" when the figure is only reported
    limit: float | None = None  # the ratio the target allows
    detail: str = ""
    difference: bool = False  # compare value - floor (memory) rather than value / floor
    higher_is_better: bool = False  # throughput
    ceiling: float | None = None  # an absolute bound on value the target also sets

    @property
    def ratio(self) -> float:
        if self.difference:
            return self.value - self.floor
        if self.higher_is_better:
            return self.floor / self.value if self.value else math.inf
        return self.value / self.floor if self.floor else math.inf

    @property
    def met(self) -> bool | None:
        if self.limit is None:
            return None
        return self.ratio <= self.limit and (self.ceiling is None or self.value < self.ceiling)


def median(values: list[float]) -> float:
    return statistics.median(values)


def percentile(values: list[float], p: float) -> float:
    """Nearest-rank percentile (p in 0..100): an observed value, no interpolation."""
    ordered = sorted(values)
    rank = max(1, math.ceil(p / 100 * len(ordered)))
    return ordered[rank - 1]


def timed(fn: Callable[[], object]) -> float:
    t0 = time.perf_counter()
    fn()
    return time.perf_counter() - t0


def _number(value: float, unit: str) -> str:
    if unit == "s":
        return f"{value:.3f} s" if value < 10 else f"{value:.1f} s"
    if unit == "ms":
        return f"{value:.2f} ms" if value < 10 else f"{value:.1f} ms"
    if unit == "MB":
        return f"{value:.1f} MB"
    return f"{value:,.0f} {unit}"


def _ratio(f: Figure) -> str:
    if f.difference:
        return f"{f.ratio:+.1f} {f.unit}"
    return f"{f.ratio:.2f}x"


def table(figures: list[Figure]) -> str:
    lines = [
        "| section | figure | value | floor | ratio | target | met | detail |",
        "|---|---|---|---|---|---|---|---|",
    ]
    for f in figures:
        met = {True: "yes", False: "**no**", None: "–"}[f.met]
        lines.append(
            f"| {f.section} | {f.name} | {_number(f.value, f.unit)} | "
            f"{_number(f.floor, f.unit)} ({f.floor_name}) | {_ratio(f)} | {f.target or '–'} | {met} | {f.detail} |"
        )
    return "\n".join(lines)
