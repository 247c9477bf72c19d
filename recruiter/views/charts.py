"""Geometry for server-rendered SVG charts: no JavaScript, no CDN, readable without colour
(each series also has its own fill pattern, and every chart has its numbers in a table)."""

from __future__ import annotations

import math
from typing import Any

PLOT = {"width": 520, "height": 220, "left": 40, "right": 10, "top": 10, "bottom": 30}


def _nice_max(value: float) -> float:
    if value <= 0:
        return 1
    exponent = 10 ** math.floor(math.log10(value))
    for step in (1, 2, 2.5, 5, 10):
        if value <= step * exponent:
            return step * exponent
    return 10 * exponent


def _frame(max_value: float) -> dict[str, Any]:
    top = _nice_max(max_value)
    inner_h = PLOT["height"] - PLOT["top"] - PLOT["bottom"]
    # Five intervals: every "nice" maximum (1, 2, 2.5, 5, 10 x 10^k) divides into round ticks.
    ticks = [
        {"value": round(top * i / 5, 2), "y": PLOT["top"] + inner_h * (1 - i / 5)} for i in range(6)
    ]
    for tick in ticks:
        if float(tick["value"]).is_integer():
            tick["value"] = int(tick["value"])
    return {
        **PLOT,
        "max": top,
        "inner_h": inner_h,
        "ticks": ticks,
        "inner_w": PLOT["width"] - PLOT["left"] - PLOT["right"],
    }


def stacked_bars(labels: list[str], series: list[list[int]]) -> dict[str, Any]:
    totals = [sum(column) for column in zip(*series, strict=True)] if series else []
    frame = _frame(max(*totals, 5) if totals else 5)  # counts: keep ticks whole numbers
    slot = frame["inner_w"] / max(len(labels), 1)
    bars = []
    for i, label in enumerate(labels):
        y = frame["top"] + frame["inner_h"]
        for s, values in enumerate(series):
            h = frame["inner_h"] * values[i] / frame["max"]
            if values[i]:
                y -= h
                bars.append(
                    {
                        "x": frame["left"] + i * slot + slot * 0.15,
                        "y": y,
                        "w": slot * 0.7,
                        "h": h,
                        "series": s,
                        "value": values[i],
                        "label": label,
                    }
                )
    axis = [
        {"x": frame["left"] + (i + 0.5) * slot, "label": label} for i, label in enumerate(labels)
    ]
    return {**frame, "bars": bars, "axis": axis}


def line(labels: list[str], values: list[float | None]) -> dict[str, Any]:
    frame = _frame(max((v for v in values if v is not None), default=0))
    slot = frame["inner_w"] / max(len(labels), 1)
    points = []
    for i, value in enumerate(values):
        if value is None:
            continue
        points.append(
            {
                "x": frame["left"] + (i + 0.5) * slot,
                "y": frame["top"] + frame["inner_h"] * (1 - value / frame["max"]),
                "value": value,
                "label": labels[i],
            }
        )
    path = " ".join(
        f"{'M' if n == 0 else 'L'}{p['x']:.1f},{p['y']:.1f}" for n, p in enumerate(points)
    )
    axis = [
        {"x": frame["left"] + (i + 0.5) * slot, "label": label} for i, label in enumerate(labels)
    ]
    return {**frame, "points": points, "path": path, "axis": axis}
