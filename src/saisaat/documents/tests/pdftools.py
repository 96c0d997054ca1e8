"""Helpers for tests that look at a PDF from outside: its text layer and its rendered ink."""

from __future__ import annotations

import shutil
import subprocess
import tempfile
import unittest
from pathlib import Path

import uharfbuzz as hb
from fontTools.pens.basePen import BasePen
from fontTools.ttLib import TTFont
from PIL import Image, ImageChops, ImageDraw, ImageFilter

from saisaat.core.thaipdf import FONT_DIR


def require_tool(name: str) -> str:
    path = shutil.which(name)
    if path is None:
        raise unittest.SkipTest(f"{name} (poppler-utils) is not installed on this machine")
    return path


def pdftotext(pdf: bytes, *mode: str) -> str:
    tool = require_tool("pdftotext")
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "doc.pdf"
        path.write_bytes(pdf)
        result = subprocess.run(
            [tool, *mode, "-enc", "UTF-8", str(path), "-"], capture_output=True, check=True
        )
    return result.stdout.decode("utf-8")


def render_page(pdf: bytes, *, dpi: int, page: int = 1) -> Image.Image:
    """Render one page with pdftoppm as an 8-bit grayscale image."""
    tool = require_tool("pdftoppm")
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "doc.pdf"
        path.write_bytes(pdf)
        subprocess.run(
            [
                tool,
                "-gray",
                "-r",
                str(dpi),
                "-f",
                str(page),
                "-l",
                str(page),
                "-png",
                str(path),
                str(Path(tmp) / "page"),
            ],
            check=True,
        )
        (png,) = Path(tmp).glob("page*.png")
        with Image.open(png) as image:
            return image.convert("L").copy()


class _FlatteningPen(BasePen):
    """Collect a glyph's contours as polygons, curves cut into short straight pieces."""

    STEPS = 12

    def __init__(self, glyph_set):
        super().__init__(glyph_set)
        self.contours: list[list[tuple[float, float]]] = []
        self._current: list[tuple[float, float]] = []

    def _moveTo(self, pt):
        self._current = [pt]

    def _lineTo(self, pt):
        self._current.append(pt)

    def _qCurveToOne(self, pt1, pt2):
        (x0, y0), (x1, y1), (x2, y2) = self._current[-1], pt1, pt2
        for i in range(1, self.STEPS + 1):
            t = i / self.STEPS
            u = 1 - t
            self._current.append(
                (u * u * x0 + 2 * u * t * x1 + t * t * x2, u * u * y0 + 2 * u * t * y1 + t * t * y2)
            )

    def _curveToOne(self, pt1, pt2, pt3):
        (x0, y0), (x1, y1), (x2, y2), (x3, y3) = self._current[-1], pt1, pt2, pt3
        for i in range(1, self.STEPS + 1):
            t = i / self.STEPS
            u = 1 - t
            self._current.append(
                (
                    u**3 * x0 + 3 * u * u * t * x1 + 3 * u * t * t * x2 + t**3 * x3,
                    u**3 * y0 + 3 * u * u * t * y1 + 3 * u * t * t * y2 + t**3 * y3,
                )
            )

    def _closePath(self):
        if len(self._current) > 2:
            self.contours.append(self._current)
        self._current = []

    _endPath = _closePath


def reference_glyphs(
    text: str,
    *,
    size_pt: float,
    dpi: int,
    canvas: tuple[int, int],
    origin: tuple[float, float],
    font: str = "Sarabun-Regular.ttf",
) -> list[tuple[str, Image.Image]]:
    """Shape ``text`` with HarfBuzz directly and draw each glyph's outline as a 1-bit mask.

    Independent of fpdf2: glyph choice and positions come from HarfBuzz, outlines from the font
    file, filled even-odd. ``origin`` is the pen position on the baseline, in pixels.
    """
    path = FONT_DIR / font
    hb_font = hb.Font(hb.Face(path.read_bytes()))
    buffer = hb.Buffer()
    buffer.add_str(text)
    buffer.guess_segment_properties()
    hb.shape(hb_font, buffer, {})
    tt = TTFont(str(path))
    glyph_set = tt.getGlyphSet()
    order = tt.getGlyphOrder()
    scale = size_pt / tt["head"].unitsPerEm * dpi / 72
    pen_x = 0
    masks = []
    for info, pos in zip(buffer.glyph_infos, buffer.glyph_positions, strict=True):
        name = order[info.codepoint]
        pen = _FlatteningPen(glyph_set)
        glyph_set[name].draw(pen)
        if pen.contours:
            mask = Image.new("1", canvas, 0)
            for contour in pen.contours:
                layer = Image.new("1", canvas, 0)
                points = [
                    (
                        origin[0] + (pen_x + pos.x_offset + x) * scale,
                        origin[1] - (pos.y_offset + y) * scale,
                    )
                    for x, y in contour
                ]
                ImageDraw.Draw(layer).polygon(points, fill=1)
                mask = ImageChops.logical_xor(mask, layer)
            masks.append((name, mask))
        pen_x += pos.x_advance
    return masks


def ink_mask(image: Image.Image, threshold: int = 128) -> Image.Image:
    return image.point(lambda v: 255 if v < threshold else 0).convert("1")


def _count(mask: Image.Image) -> int:
    return mask.convert("L").histogram()[255]


def placement_errors(image: Image.Image, text: str, *, size_pt: float, dpi: int) -> list[str]:
    """Compare the rendered ink of ``text`` with HarfBuzz's glyph placement; list mismatches.

    ``image`` holds only this one word. The reference is aligned on the left and bottom edges
    of the ink (the base consonants), so the check does not depend on where the PDF library
    puts the baseline; marks are then where HarfBuzz put them or the check fails. A glyph is
    misplaced when under 95 % of its reference pixels are inked (1 px tolerance for
    anti-aliasing); ink far from every reference glyph is reported too.
    """
    rendered = ink_mask(image)
    box = rendered.getbbox()
    if box is None:
        return ["nothing was drawn"]
    canvas = image.size
    # Draw once at a provisional origin to learn the reference's own left and bottom edges.
    probe_origin = (canvas[0] / 4, canvas[1] * 3 / 4)
    probe = reference_glyphs(text, size_pt=size_pt, dpi=dpi, canvas=canvas, origin=probe_origin)
    probe_union = Image.new("1", canvas, 0)
    for _, mask in probe:
        probe_union = ImageChops.logical_or(probe_union, mask)
    ref_box = probe_union.getbbox()
    origin = (probe_origin[0] + box[0] - ref_box[0], probe_origin[1] + box[3] - ref_box[3])
    glyphs = reference_glyphs(text, size_pt=size_pt, dpi=dpi, canvas=canvas, origin=origin)
    grown = rendered.convert("L").filter(ImageFilter.MaxFilter(3)).convert("1")
    errors = []
    union = Image.new("1", canvas, 0)
    for name, mask in glyphs:
        union = ImageChops.logical_or(union, mask)
        total = _count(mask)
        covered = _count(ImageChops.logical_and(mask, grown))
        if total and covered / total < 0.95:
            errors.append(
                f"{name}: only {covered / total:.0%} of its ink is where HarfBuzz puts it"
            )
    near = union.convert("L").filter(ImageFilter.MaxFilter(5)).convert("1")
    stray = _count(ImageChops.logical_and(rendered, ImageChops.invert(near)))
    if stray > 0.01 * _count(rendered):
        errors.append(f"{stray} inked pixels lie away from every glyph HarfBuzz placed")
    return errors
