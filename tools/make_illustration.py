"""Draws content/1_acces-a-l-emploi/insertion.png, the project's own illustration.

Kept so the picture can be redrawn or changed: five figures holding hands on a
path that rises toward a door, in the site's colours. Run once; the PNG is committed.
"""

from pathlib import Path

from PIL import Image, ImageDraw

WIDTH, HEIGHT = 960, 400
OUT = Path(__file__).resolve().parent.parent / "content/1_acces-a-l-emploi/insertion.png"
COLOURS = ["#0b4f9c", "#b3541e", "#2e7d32", "#6a1b9a", "#c62828"]


def main() -> None:
    image = Image.new("RGB", (WIDTH, HEIGHT), "#f3f6fa")
    draw = ImageDraw.Draw(image)
    # The path, rising from left to right.
    draw.polygon([(0, 360), (WIDTH, 250), (WIDTH, HEIGHT), (0, HEIGHT)], fill="#dfe7f1")
    # The door the path leads to.
    draw.rectangle([850, 90, 930, 255], fill="#ffffff", outline="#0b4f9c", width=6)
    draw.ellipse([908, 168, 918, 178], fill="#0b4f9c")
    hands = []
    for index, colour in enumerate(COLOURS):
        x = 110 + index * 150
        ground = 360 - (x / WIDTH) * 110
        draw.ellipse([x - 26, ground - 210, x + 26, ground - 158], fill=colour)
        draw.rounded_rectangle([x - 34, ground - 150, x + 34, ground - 60], 22, fill=colour)
        draw.line([(x - 16, ground - 62), (x - 22, ground)], fill=colour, width=16)
        draw.line([(x + 16, ground - 62), (x + 22, ground)], fill=colour, width=16)
        hands.append((x, ground))
    for (x1, g1), (x2, g2) in zip(hands, hands[1:]):
        draw.line([(x1 + 30, g1 - 130), (x2 - 30, g2 - 130)], fill="#3c3c3c", width=10)
    image.quantize(colors=16).save(OUT, optimize=True)


if __name__ == "__main__":
    main()
