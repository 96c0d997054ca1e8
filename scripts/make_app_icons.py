"""Draw the app's icons (home-screen icons, maskable icons, apple-touch-icon, favicon).

Run once after changing the design and commit the PNG/ICO files it writes:

    python scripts/make_app_icons.py

The mark is the start of the Thai name, "ใส" (clear), in white Sarabun Bold on the
header's green. A maskable icon fills its whole square and keeps the mark inside the
central 80 % that every launcher shape leaves visible.
"""

from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

STATIC = Path(__file__).resolve().parents[1] / "src" / "saisaat" / "static" / "saisaat"
FONT = STATIC / "fonts" / "Sarabun-Bold.ttf"
OUT = STATIC / "icons"
GREEN = "#1d6b5f"
WHITE = "#ffffff"
MARK = "ใส"
# Draw large and scale down: Pillow's antialiasing of shapes is coarse.
SCALE = 4


def _mark(draw: ImageDraw.ImageDraw, size: int, box: float) -> None:
    """Centre the mark in a square of ``box`` times the canvas."""
    font_size = int(size * box * 0.72)
    font = ImageFont.truetype(str(FONT), font_size)
    left, top, right, bottom = draw.textbbox((0, 0), MARK, font=font)
    x = (size - (right - left)) / 2 - left
    y = (size - (bottom - top)) / 2 - top
    draw.text((x, y), MARK, font=font, fill=WHITE)


def icon(size: int, *, maskable: bool) -> Image.Image:
    big = size * SCALE
    image = Image.new("RGBA", (big, big), (0, 0, 0, 0))
    draw = ImageDraw.Draw(image)
    if maskable:
        draw.rectangle((0, 0, big, big), fill=GREEN)
        _mark(draw, big, 0.62)
    else:
        draw.rounded_rectangle((0, 0, big - 1, big - 1), radius=big // 5, fill=GREEN)
        _mark(draw, big, 0.86)
    return image.resize((size, size), Image.Resampling.LANCZOS)


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    for size in (192, 512):
        icon(size, maskable=False).save(OUT / f"icon-{size}.png", optimize=True)
        icon(size, maskable=True).save(OUT / f"icon-maskable-{size}.png", optimize=True)
    # iOS rounds the corners itself and shows transparency as black: a full square.
    icon(180, maskable=True).convert("RGB").save(OUT / "apple-touch-icon.png", optimize=True)
    icon(256, maskable=False).save(
        OUT / "favicon.ico", sizes=[(16, 16), (32, 32), (48, 48), (64, 64)]
    )


if __name__ == "__main__":
    main()
