"""A tiny PNG reader for tests (8-bit RGB/RGBA, non-interlaced: what Chromium and kaleido write),
so "the image is not blank" can be checked without Pillow."""

from __future__ import annotations

import struct
import zlib
from collections import Counter


def decode(png: bytes) -> tuple[int, int, list[bytes]]:
    """(width, height, rows of pixels as bytes) of a PNG; 3 or 4 bytes per pixel."""
    assert png[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG"
    pos, idat, width = 8, b"", 0
    height = color = depth = interlace = 0
    while pos < len(png):
        length, kind = struct.unpack(">I4s", png[pos : pos + 8])
        chunk = png[pos + 8 : pos + 8 + length]
        if kind == b"IHDR":
            width, height, depth, color, _, _, interlace = struct.unpack(">IIBBBBB", chunk)
        elif kind == b"IDAT":
            idat += chunk
        elif kind == b"IEND":
            break
        pos += 12 + length
    assert depth == 8 and color in (2, 6) and interlace == 0, (depth, color, interlace)
    bpp = 4 if color == 6 else 3
    raw = zlib.decompress(idat)
    stride = width * bpp
    rows: list[bytes] = []
    prev = bytearray(stride)
    i = 0
    for _ in range(height):
        ftype = raw[i]
        line = bytearray(raw[i + 1 : i + 1 + stride])
        i += 1 + stride
        for x in range(stride):
            a = line[x - bpp] if x >= bpp else 0
            b = prev[x]
            c = prev[x - bpp] if x >= bpp else 0
            if ftype == 1:
                line[x] = (line[x] + a) & 0xFF
            elif ftype == 2:
                line[x] = (line[x] + b) & 0xFF
            elif ftype == 3:
                line[x] = (line[x] + ((a + b) >> 1)) & 0xFF
            elif ftype == 4:
                p = a + b - c
                pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                pred = a if pa <= pb and pa <= pc else (b if pb <= pc else c)
                line[x] = (line[x] + pred) & 0xFF
        rows.append(bytes(line))
        prev = line
    return width, height, rows


def ink(png: bytes) -> tuple[float, int]:
    """(share of pixels unlike the most common (background) colour, number of distinct colours)."""
    width, height, rows = decode(png)
    bpp = len(rows[0]) // width if rows else 3
    counts: Counter[bytes] = Counter()
    for row in rows[::2]:  # every other row is plenty and twice as fast
        for x in range(0, len(row), bpp * 2):
            counts[row[x : x + 3]] += 1
    total = sum(counts.values())
    background = counts.most_common(1)[0][1] if counts else 0
    return (total - background) / total if total else 0.0, len(counts)
