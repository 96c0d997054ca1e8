"""The radar chart of an office's sections, drawn on the server as SVG geometry."""

import math
from dataclasses import dataclass
from fractions import Fraction

# Wider than high: the labels of the side axes need room.
WIDTH = 380
HEIGHT = 300
CENTRE_X = WIDTH / 2
CENTRE_Y = HEIGHT / 2
RADIUS = 95
LABEL_RADIUS = RADIUS + 20
RINGS = (0.25, 0.5, 0.75, 1.0)


@dataclass(frozen=True)
class Axis:
    label: str
    share: Fraction
    x: str
    y: str
    label_x: str
    label_y: str
    anchor: str


@dataclass(frozen=True)
class Radar:
    width: int
    height: int
    centre_x: str
    centre_y: str
    axes: list[Axis]
    rings: list[str]
    polygon: str


def _point(index: int, count: int, radius: float) -> tuple[float, float]:
    # The first axis points straight up; the others follow clockwise.
    angle = -math.pi / 2 + 2 * math.pi * index / count
    return CENTRE_X + radius * math.cos(angle), CENTRE_Y + radius * math.sin(angle)


def _fmt(value: float) -> str:
    return f"{value:.1f}"


def _polygon(points) -> str:
    return " ".join(f"{_fmt(x)},{_fmt(y)}" for x, y in points)


def radar(sections: list[tuple[str, Fraction]]) -> Radar:
    """One axis per ``(label, share 0..1)``, the share drawn as the distance from the
    centre; rings at a quarter, half, three quarters and the full mark."""
    count = max(len(sections), 3)
    axes = []
    for index, (label, share) in enumerate(sections):
        x, y = _point(index, count, RADIUS)
        lx, ly = _point(index, count, LABEL_RADIUS)
        anchor = "middle" if abs(lx - CENTRE_X) < 1 else ("start" if lx > CENTRE_X else "end")
        axes.append(Axis(label, share, _fmt(x), _fmt(y), _fmt(lx), _fmt(ly + 4), anchor))
    rings = [
        _polygon(_point(i, count, RADIUS * ring) for i in range(len(sections))) for ring in RINGS
    ]
    shape = _polygon(
        _point(i, count, RADIUS * float(min(max(share, 0), 1)))
        for i, (_label, share) in enumerate(sections)
    )
    return Radar(
        width=WIDTH,
        height=HEIGHT,
        centre_x=_fmt(CENTRE_X),
        centre_y=_fmt(CENTRE_Y),
        axes=axes,
        rings=rings,
        polygon=shape,
    )


# ---------------------------------------------------------------------------- trend


@dataclass(frozen=True)
class Bar:
    label: str
    value: object  # the figure shown, or None
    x: str
    y: str
    width: str
    height: str
    label_x: str
    value_y: str


@dataclass(frozen=True)
class Bars:
    width: int
    height: int
    baseline: str
    bars: list[Bar]
    gridlines: list[tuple[str, str]]  # (y, label)


BAR_WIDTH, BAR_HEIGHT, BAR_TOP, BAR_BOTTOM, BAR_LEFT = 340, 180, 20, 150, 34


def quarter_bars(values, *, maximum=100, labels=("ไตรมาส 1", "ไตรมาส 2", "ไตรมาส 3", "ไตรมาส 4")):
    """One bar per quarter, 0..``maximum`` drawn from the baseline up; a quarter without
    a value has no bar (its label stays)."""
    span = BAR_BOTTOM - BAR_TOP
    slot = (BAR_WIDTH - BAR_LEFT) / len(labels)
    bars = []
    for index, (label, value) in enumerate(zip(labels, values, strict=True)):
        share = min(max(float(value) / maximum, 0.0), 1.0) if value is not None else 0.0
        height = span * share
        x = BAR_LEFT + slot * index + slot * 0.2
        bars.append(
            Bar(
                label=label,
                value=value,
                x=_fmt(x),
                y=_fmt(BAR_BOTTOM - height),
                width=_fmt(slot * 0.6),
                height=_fmt(height),
                label_x=_fmt(x + slot * 0.3),
                value_y=_fmt(BAR_BOTTOM - height - 4),
            )
        )
    grid = [(_fmt(BAR_BOTTOM - span * step / 4), str(maximum * step // 4)) for step in range(5)]
    return Bars(BAR_WIDTH, BAR_HEIGHT, _fmt(BAR_BOTTOM), bars, grid)


@dataclass(frozen=True)
class Sparkline:
    width: int
    height: int
    points: str
    dots: list[tuple[str, str]]


def sparkline(values, *, maximum=100, width=96, height=28):
    """A small line through the quarters that have a value (0..``maximum`` bottom to top)."""
    step = (width - 8) / 3
    dots = []
    for index, value in enumerate(values):
        if value is None:
            continue
        share = min(max(float(value) / maximum, 0.0), 1.0)
        dots.append((_fmt(4 + step * index), _fmt(height - 4 - (height - 8) * share)))
    return Sparkline(width, height, " ".join(f"{x},{y}" for x, y in dots), dots)
