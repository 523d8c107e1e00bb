#!/usr/bin/env python3
"""Regenerates the generated parts of the example site (not served: dot-directories are skipped by the build).

    python3 Examples/site/.tools/make_assets.py      # needs: pip install fonttools brotli

Writes js/app.js (a rollup-style bundle of src/*.js plus a generated data module), js/app.js.map,
css/site.css.map, fonts/gatehouse-icons.woff2 and img/hero.png. Deterministic: same output every run.
"""
import json
import os
import re
import struct
import zlib

HERE = os.path.dirname(os.path.abspath(__file__))
SITE = os.path.dirname(HERE)
ORDER = ["util.js", "store.js", "chart.js", "table.js", "data.js", "main.js"]
B64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"


class Rng:
    """A tiny LCG so the data is the same on every machine."""

    def __init__(self, seed):
        self.state = seed

    def next(self):
        self.state = (self.state * 6364136223846793005 + 1442695040888963407) % (1 << 64)
        return self.state >> 33

    def pick(self, items, weights=None):
        if weights is None:
            return items[self.next() % len(items)]
        total = sum(weights)
        roll = self.next() % total
        for item, weight in zip(items, weights):
            if roll < weight:
                return item
            roll -= weight
        return items[-1]


def data_module(count=750):
    rng = Rng(20240611)
    paths = ["/", "/login/", "/logout/", "/api/orders/", "/api/orders/{id}/", "/api/customers/{id}/",
             "/api/search/?q={q}", "/admin/", "/admin/shop/order/", "/admin/shop/order/{id}/change/",
             "/account/settings/", "/cart/", "/checkout/", "/static/css/site.css", "/media/products/{id}.jpg",
             "/healthz", "/api/inventory/{id}/stock/", "/blog/{slug}/", "/feeds/latest.xml"]
    words = ["gate", "house", "lantern", "harbor", "copper", "meadow", "signal", "orchard", "granite", "willow"]
    lines = ["export const REQUESTS = ["]
    t = 1718100000
    for i in range(count):
        t += rng.next() % 4
        path = rng.pick(paths).replace("{id}", str(1000 + rng.next() % 9000)).replace(
            "{q}", rng.pick(words)).replace("{slug}", rng.pick(words) + "-" + rng.pick(words))
        method = "GET" if not path.startswith("/api/") else rng.pick(["GET", "POST", "PUT", "DELETE"], [70, 18, 8, 4])
        status = rng.pick([200, 201, 204, 301, 304, 400, 403, 404, 429, 500, 502, 504],
                          [700, 30, 20, 15, 90, 20, 10, 60, 8, 6, 4, 3])
        duration = round(0.2 + (rng.next() % 4000) / 40.0 * (3 if status >= 500 else 1), 2)
        size = 0 if status in (204, 304) else 180 + rng.next() % 48000
        cache = rng.pick(["MISS", "HIT", "STALE", "BYPASS"], [50, 35, 3, 12]) if method == "GET" else "BYPASS"
        upstream = "static" if path.startswith("/static/") or path.startswith("/media/") else rng.pick(
            ["app-1", "app-2", "app-3"])
        client = "203.0.113.%d" % (1 + rng.next() % 254) if rng.next() % 2 else "198.51.100.%d" % (1 + rng.next() % 254)
        lines.append('  { id: "r-%06d", time: %d, method: "%s", path: "%s", status: %d, durationMs: %s, bytes: %d, '
                     'cache: "%s", upstream: "%s", client: "%s" },'
                     % (i, t, method, path, status, duration, size, cache, upstream, client))
    lines.append("];")
    return "\n".join(lines) + "\n"


def vlq(value):
    value = (-value << 1) | 1 if value < 0 else value << 1
    out = ""
    while True:
        digit = value & 31
        value >>= 5
        out += B64[digit | (32 if value else 0)]
        if not value:
            return out


def bundle():
    sources = {}
    for name in ORDER:
        if name == "data.js":
            sources[name] = data_module()
        else:
            with open(os.path.join(HERE, "src", name), encoding="utf-8") as f:
                sources[name] = f.read()
    out = ["/*! Gatehouse status dashboard — example bundle for the asset pipeline. */",
           "(function () {", '  "use strict";']
    mappings = [""] * len(out)
    prev_source = prev_line = 0
    for index, name in enumerate(ORDER):
        out.append("")
        mappings.append("")
        out.append("  // " + name)
        mappings.append("")
        for line_number, line in enumerate(sources[name].splitlines()):
            if re.match(r"^import .* from ", line):
                continue
            code = re.sub(r"^export (function|const|let|class)", r"\1", line)
            out.append(("  " + code) if code else "")
            if code:
                mappings.append(vlq(2) + vlq(index - prev_source) + vlq(line_number - prev_line) + "A")
                prev_source, prev_line = index, line_number
            else:
                mappings.append("")
    out.append("})();")
    out.append("//# sourceMappingURL=app.js.map")
    source_map = {"version": 3, "file": "app.js", "sources": ["../src/" + n for n in ORDER],
                  "sourcesContent": [sources[n] for n in ORDER], "names": [],
                  "mappings": ";".join(mappings)}
    return "\n".join(out) + "\n", json.dumps(source_map, separators=(",", ":")) + "\n"


def css_map():
    with open(os.path.join(SITE, "css", "site.css"), encoding="utf-8") as f:
        css = f.read()
    lines = css.splitlines()
    mappings, prev = [], 0
    for number, line in enumerate(lines):
        if line.strip() and not line.startswith("/*#"):
            mappings.append("A" + vlq(0) + vlq(number - prev) + "A")
            prev = number
        else:
            mappings.append("")
    return json.dumps({"version": 3, "file": "site.css", "sources": ["../src/site.src.css"],
                       "sourcesContent": [css], "names": [], "mappings": ";".join(mappings)},
                      separators=(",", ":")) + "\n"


def png(width, height, pixel):
    raw = bytearray()
    for y in range(height):
        raw.append(0)
        for x in range(width):
            raw.extend(pixel(x, y))

    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)

    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(bytes(raw), 9)) + chunk(b"IEND", b""))


def hero():
    rng = Rng(7)
    width, height = 400, 160
    noise = [rng.next() % 5 for _ in range(width * height)]

    def pixel(x, y):
        n = noise[y * width + x] - 2
        ground = 120 + int(12 * ((x / 37.0) % 1))
        if y > ground:
            return (max(0, 40 + n), max(0, 58 + n), max(0, 44 + n))
        gate = 150 <= x <= 250 and y > 50 and not (175 <= x <= 225 and y > 75)
        if gate:
            return (52 + n, 48 + n, 60 + n)
        t = y / ground
        return (int(246 - 120 * t) + n, int(178 - 60 * t) + n, int(107 + 110 * t) + n)

    return png(width, height, lambda x, y: bytes(max(0, min(255, c)) for c in pixel(x, y)))


def icon_font():
    from fontTools.fontBuilder import FontBuilder
    from fontTools.pens.ttGlyphPen import TTGlyphPen

    def polygon(*shapes):
        pen = TTGlyphPen(None)
        for points in shapes:
            pen.moveTo(points[0])
            for point in points[1:]:
                pen.lineTo(point)
            pen.closePath()
        return pen.glyph()

    glyphs = {
        ".notdef": polygon([(50, 0), (50, 700), (450, 700), (450, 0)]),
        "space": TTGlyphPen(None).glyph(),
        "gate": polygon([(60, 0), (60, 620), (400, 760), (740, 620), (740, 0), (560, 0), (560, 420), (240, 420), (240, 0)]),
        "lock": polygon([(120, 0), (120, 420), (680, 420), (680, 0)], [(220, 420), (220, 640), (580, 640), (580, 420), (500, 420), (500, 560), (300, 560), (300, 420)]),
        "check": polygon([(60, 380), (300, 120), (740, 620), (660, 700), (300, 300), (140, 460)]),
        "cross": polygon([(100, 160), (320, 400), (100, 640), (180, 720), (400, 480), (620, 720), (700, 640), (480, 400), (700, 160), (620, 80), (400, 320), (180, 80)]),
        "arrow": polygon([(80, 330), (480, 330), (480, 160), (740, 400), (480, 640), (480, 470), (80, 470)]),
        "clock": polygon([(400, 40), (120, 160), (40, 400), (120, 640), (400, 760), (680, 640), (760, 400), (680, 160)]),
    }
    order = list(glyphs)
    builder = FontBuilder(1000, isTTF=True)
    builder.setupGlyphOrder(order)
    builder.setupCharacterMap({0x20: "space", 0xE001: "gate", 0xE002: "lock", 0xE003: "check", 0xE004: "cross",
                               0xE005: "arrow", 0xE006: "clock"})
    builder.setupGlyf(glyphs)
    builder.setupHorizontalMetrics({name: (800 if name != "space" else 300, 40) for name in order})
    builder.setupHorizontalHeader(ascent=800, descent=-200)
    builder.setupNameTable({"familyName": "Gatehouse Icons", "styleName": "Regular"})
    builder.setupOS2(sTypoAscender=800, usWinAscent=800, usWinDescent=200)
    builder.setupPost()
    builder.font["head"].created = builder.font["head"].modified = 3_000_000_000
    builder.font.flavor = "woff2"
    path = os.path.join(SITE, "fonts", "gatehouse-icons.woff2")
    builder.save(path)


def write(relative, data):
    path = os.path.join(SITE, relative)
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "wb") as f:
        f.write(data if isinstance(data, bytes) else data.encode("utf-8"))


if __name__ == "__main__":
    js, js_map = bundle()
    write("js/app.js", js)
    write("js/app.js.map", js_map)
    write("css/site.css.map", css_map())
    write("img/hero.png", hero())
    icon_font()
    for name in ["js/app.js", "js/app.js.map", "css/site.css.map", "img/hero.png", "fonts/gatehouse-icons.woff2"]:
        print("%-30s %8d bytes" % (name, os.path.getsize(os.path.join(SITE, name))))
