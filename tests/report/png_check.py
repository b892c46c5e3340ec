#!/usr/bin/env python3
"""Checks that a PNG screenshot is not blank: decodes it with zlib alone (no imaging library) and
requires a few per cent of its pixels to differ from the background (the most common colour).

usage: png_check.py FILE.png
"""
import struct
import sys
import zlib
from collections import Counter


def pixels(path):
    data = open(path, "rb").read()
    if data[:8] != b"\x89PNG\r\n\x1a\n":
        sys.exit(f"{path}: not a PNG")
    pos, idat, width = 8, b"", 0
    while pos < len(data):
        length, kind = struct.unpack(">I4s", data[pos:pos + 8])
        body = data[pos + 8:pos + 8 + length]
        if kind == b"IHDR":
            width, height, depth, colour, _, _, interlace = struct.unpack(">IIBBBBB", body)
            if depth != 8 or colour not in (2, 6) or interlace:
                sys.exit(f"{path}: expected 8-bit RGB(A) non-interlaced, got {depth}/{colour}")
            bpp = 3 if colour == 2 else 4
        elif kind == b"IDAT":
            idat += body
        pos += 12 + length
    raw = zlib.decompress(idat)
    stride = width * bpp
    rows, prev = [], bytearray(stride)
    for y in range(height):
        f, line = raw[y * (stride + 1)], bytearray(raw[y * (stride + 1) + 1:(y + 1) * (stride + 1)])
        for i in range(stride):  # undo the PNG filter of this row
            a = line[i - bpp] if i >= bpp else 0
            b, c = prev[i], prev[i - bpp] if i >= bpp else 0
            if f == 1:
                line[i] = (line[i] + a) & 255
            elif f == 2:
                line[i] = (line[i] + b) & 255
            elif f == 3:
                line[i] = (line[i] + (a + b) // 2) & 255
            elif f == 4:
                p = a + b - c
                pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                line[i] = (line[i] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)) & 255
        rows.append(bytes(line))
        prev = line
    return width, height, bpp, rows


def main():
    width, height, bpp, rows = pixels(sys.argv[1])
    # Every 4th pixel of every 4th row: enough to tell drawn charts from a blank page.
    counts = Counter(row[x:x + 3] for row in rows[::4] for x in range(0, width * bpp, 4 * bpp))
    total = sum(counts.values())
    background = counts.most_common(1)[0][1]
    share = 1 - background / total
    colours = len(counts)
    print(f"{sys.argv[1]}: {width}x{height}, {share:.1%} non-background pixels, {colours} colours")
    if share < 0.02 or colours < 8:
        sys.exit("the screenshot looks blank")


if __name__ == "__main__":
    main()
