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
