"""Draw the extension's toolbar icons: a blue shield with a white check, at 16, 32, 48 and 128 px.

    .venv/bin/python scripts/make_icons.py      # writes extension/icons/icon-<size>.png

Drawn with Pillow (already a companion dependency) at 8x and scaled down with Lanczos, so every size is
anti-aliased; the 16 px one gets a thicker check so it still reads in the toolbar. The output is
deterministic: run it again after changing the drawing and commit the PNGs with it.
"""

from __future__ import annotations

from pathlib import Path

from PIL import Image, ImageDraw

OUT = Path(__file__).resolve().parents[1] / "extension" / "icons"
SIZES = (16, 32, 48, 128)
BLUE = (59, 91, 219, 255)  # the panel's accent (#3b5bdb)
DARK = (38, 62, 168, 255)
WHITE = (255, 255, 255, 255)
SCALE = 8


def shield(size: int) -> Image.Image:
    s = size * SCALE
    img = Image.new("RGBA", (s, s), (0, 0, 0, 0))
    d = ImageDraw.Draw(img)
    m = s * 0.06  # margin
    top, bottom, left, right = m, s - m * 0.6, m * 1.3, s - m * 1.3
    mid = s / 2
    # Outline: a flat top with shoulders, straight sides, then two curves meeting at the point.
    pts = [(mid, top), (right, top + s * 0.12), (right, top + s * 0.42)]
    steps = 24
    for i in range(1, steps + 1):  # right side curving down to the point
        t = i / steps
        x = right + (mid - right) * t
        y = top + s * 0.42 + (bottom - top - s * 0.42) * (t ** 0.7)
        pts.append((x, y))
    for i in range(1, steps):  # left side back up
        t = 1 - i / steps
        x = left + (mid - left) * t
        y = top + s * 0.42 + (bottom - top - s * 0.42) * (t ** 0.7)
        pts.append((x, y))
    pts += [(left, top + s * 0.42), (left, top + s * 0.12)]
    d.polygon(pts, fill=DARK)
    # Inner face, a little smaller: the rim reads as a border at large sizes.
    inset = s * (0.045 if size >= 32 else 0.0)
    if inset:
        cx, cy = mid, s * 0.5
        inner = [(cx + (x - cx) * (1 - inset / s * 2.4), cy + (y - cy) * (1 - inset / s * 2.4)) for x, y in pts]
        d.polygon(inner, fill=BLUE)
    # The check mark.
    w = s * (0.13 if size <= 16 else 0.1)
    check = [(s * 0.29, s * 0.50), (s * 0.44, s * 0.65), (s * 0.72, s * 0.35)]
    d.line(check, fill=WHITE, width=int(w), joint="curve")
    for x, y in (check[0], check[-1]):
        d.ellipse([x - w / 2, y - w / 2, x + w / 2, y + w / 2], fill=WHITE)
    return img.resize((size, size), Image.LANCZOS)


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    for size in SIZES:
        shield(size).save(OUT / f"icon-{size}.png", optimize=True)
        print(OUT / f"icon-{size}.png")


if __name__ == "__main__":
    main()
