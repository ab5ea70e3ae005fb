#!/usr/bin/env python3
"""Draws the app icons into app/static/ (run once; the PNGs are committed).

appIcon.png 36x36 and appIcon_2x.png 72x72: a white envelope on a blue rounded square.
appIconAlt.png / appIconAlt_2x.png: the same envelope in blue on a transparent background.
Python standard library only (zlib + struct); the output is deterministic.
"""
import os
import struct
import sys
import zlib

BLUE = (60, 110, 143, 255)
WHITE = (255, 255, 255, 255)
CLEAR = (0, 0, 0, 0)


def png(width, height, pixels):
    def chunk(kind, data):
        return (struct.pack(">I", len(data)) + kind + data
                + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF))
    raw = b"".join(b"\x00" + b"".join(bytes(p) for p in row) for row in pixels)
    return (b"\x89PNG\r\n\x1a\n"
            + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 6, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(raw, 9))
            + chunk(b"IEND", b""))


def inside_rounded(x, y, size, radius):
    cx = min(max(x, radius), size - 1 - radius)
    cy = min(max(y, radius), size - 1 - radius)
    return (x - cx) ** 2 + (y - cy) ** 2 <= radius ** 2


def on_segment(x, y, x0, y0, x1, y1, width):
    dx, dy = x1 - x0, y1 - y0
    t = max(0.0, min(1.0, ((x - x0) * dx + (y - y0) * dy) / float(dx * dx + dy * dy)))
    px, py = x0 + t * dx, y0 + t * dy
    return (x - px) ** 2 + (y - py) ** 2 <= (width / 2.0) ** 2


def icon(size, background, ink):
    s = size / 36.0
    left, right, top, bottom = 7 * s, 29 * s, 10 * s, 26 * s
    stroke = 2.2 * s
    rows = []
    for y in range(size):
        row = []
        for x in range(size):
            fx, fy = x + 0.5, y + 0.5
            colour = background if background[3] == 0 or inside_rounded(fx, fy, size, 6 * s) else CLEAR
            edges = [(left, top, right, top), (right, top, right, bottom),
                     (right, bottom, left, bottom), (left, bottom, left, top),
                     (left, top, (left + right) / 2, 19 * s), ((left + right) / 2, 19 * s, right, top)]
            if any(on_segment(fx, fy, *e, stroke) for e in edges):
                colour = ink
            row.append(colour)
        rows.append(row)
    return png(size, size, rows)


def main(folder):
    os.makedirs(folder, exist_ok=True)
    for name, size, bg, ink in [("appIcon.png", 36, BLUE, WHITE), ("appIcon_2x.png", 72, BLUE, WHITE),
                                ("appIconAlt.png", 36, CLEAR, BLUE), ("appIconAlt_2x.png", 72, CLEAR, BLUE)]:
        with open(os.path.join(folder, name), "wb") as f:
            f.write(icon(size, bg, ink))


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else os.path.join(os.path.dirname(__file__), "..", "app", "static"))
