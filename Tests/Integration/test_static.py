"""Issue 4: the static server (`gatehouse serve --static PREFIX=DIR`), tested against the built binary with real
clients over HTTPS: curl (negotiation table, validators, ranges, traversal), Python's ssl/http.client (HEAD vs
GET on one connection, slow clients, reload under load) and headless Chromium (in test_static_browser.py).

Every build is made by the binary (`gatehouse assets build`) into pytest's tmp dirs. br bodies are decoded with
Python's `brotli` module and gzip bodies with Python's `gzip`: decoders independent of the server's libraries.

Run:  GATEHOUSE_BIN=$PWD/.build/debug/gatehouse python -m pytest -q Tests/Integration/test_static.py
"""
import email.utils
import gzip
import hashlib
import http.client
import json
import os
import random
import re
import shutil
import socket
import ssl
import subprocess
import tempfile
import threading
import time
from pathlib import Path

import brotli
import pytest

from conftest import BIN

REPO = Path(__file__).resolve().parents[2]
EXAMPLE = REPO / "Examples" / "site"
MANIFEST = "gatehouse-manifest.json"
SECRET = b"GATEHOUSE-SECRET-" + hashlib.sha256(os.urandom(16)).hexdigest().encode()
IMMUTABLE = "public, max-age=31536000, immutable"
MUTABLE = "public, max-age=60"
DISK_CONFIG = "[static_options]\nmemory_max_file = 0\n"


# --------------------------------------------------------------------------------------------------------------------
# Builds


def assets_build(src, out, timeout=600):
    r = subprocess.run([BIN, "assets", "build", str(src), str(out), "--json", "--no-fsync"],
                       capture_output=True, text=True, timeout=timeout)
    assert r.returncode == 0, f"assets build failed:\n{r.stdout}\n{r.stderr}"
    return json.loads(r.stdout)


def words(rng, n):
    vocabulary = "gate house tower lantern bridge moat keep ward postern portcullis".split()
    out, length = [], 0
    while length < n:
        out.append(rng.choice(vocabulary) + rng.choice([" ", " ", "\n", ", "]))
        length += len(out[-1])
    return "".join(out)[:n]


def make_corpus(src, big_size=20 * 1024 * 1024):
    """The example site plus: a directory index, compressible texts of several sizes, incompressible noise, a
    20 MB file (above the in-memory limit), and names that need percent-encoding."""
    rng = random.Random(4)
    shutil.copytree(EXAMPLE, src)
    (src / "docs").mkdir()
    (src / "docs" / "index.html").write_text("<!doctype html><title>docs</title><p>docs index</p>\n")
    (src / "text").mkdir()
    (src / "text" / "lorem.txt").write_text(words(rng, 120_000))
    (src / "text" / "small.txt").write_text(words(rng, 1_000))
    (src / "data").mkdir()
    (src / "data" / "noise.dat").write_bytes(rng.randbytes(30_000))
    (src / "data" / "big.zip").write_bytes(rng.randbytes(big_size))
    (src / "names").mkdir()
    (src / "names" / "with space.txt").write_text(words(rng, 2_000))
    (src / "names" / "café.txt").write_text(words(rng, 2_000))


class Site:
    """A build directory and its manifest."""

    def __init__(self, root, src, out):
        self.root, self.src, self.out = Path(root), Path(src), Path(out)
        self.reload()

    def reload(self):
        self.manifest = json.loads((self.out / MANIFEST).read_text())
        return self

    def entry(self, key):
        return self.manifest["files"][key]

    def variant(self, key, coding):
        return self.entry(key)["variants"].get(coding)

    def bytes(self, key, coding="identity"):
        return (self.out / self.variant(key, coding)["file"]).read_bytes()

    def hashed(self, key):
        return self.manifest["fingerprints"][key]


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    root = tmp_path_factory.mktemp("static-site")
    src, out = root / "src", root / "build"
    make_corpus(src)
    assets_build(src, out)
    # Things that must never be served: a file next to the build directory, an unlisted file, a dotfile and a
    # symlink inside it.
    (root / "secret.txt").write_bytes(SECRET)
    (out / "unlisted.txt").write_bytes(SECRET)
    (out / ".env").write_bytes(SECRET)
    os.symlink(root / "secret.txt", out / "link-to-secret.txt")
    return Site(root, src, out)


def serve(gatehouse_factory, pki, build, config=None, args=()):
    return gatehouse_factory(certs=[pki.localhost[:2]], args=["--static", f"/={build}", *args], config=config)


@pytest.fixture(params=["memory", "disk"])
def gh(request, gatehouse_factory, pki, site):
    """The site served with the default limits (small files from memory) and with every variant from disk."""
    return serve(gatehouse_factory, pki, site.out, config=DISK_CONFIG if request.param == "disk" else None)


# --------------------------------------------------------------------------------------------------------------------
# Clients


class Resp:
    def __init__(self, status, headers, body, rc=0, stderr=""):
        self.status, self.headers, self.body, self.rc, self.stderr = status, headers, body, rc, stderr

    def h(self, name):
        values = [v for n, v in self.headers if n == name]
        return ", ".join(values) if values else None

    def names(self):
        return [n for n, _ in self.headers]

    def __repr__(self):
        return f"<{self.status} {self.headers} {len(self.body)} bytes rc={self.rc} {self.stderr[-300:]}>"


def parse_head(text):
    """The last response head in a `curl -D` dump → (status, [(lower name, value)])."""
    blocks = [b for b in re.split(r"\r?\n\r?\n", text) if b.strip().startswith("HTTP/")]
    if not blocks:
        return 0, []
    lines = blocks[-1].strip().splitlines()
    status = int(lines[0].split()[1])
    headers = []
    for line in lines[1:]:
        name, _, value = line.partition(":")
        headers.append((name.strip().lower(), value.strip()))
    return status, headers


def curl_many(gh, pki, requests, extra=(), timeout=120):
    """Sends every request from ONE curl process (`--next`; the connection is reused). A request is a dict:
    path, headers (list of "Name: value"), method, raw_path (send the path as is). Returns a Resp per request."""
    with tempfile.TemporaryDirectory() as d:
        cmd = ["curl", "-sS"]
        for i, r in enumerate(requests):
            if i:
                cmd.append("--next")
            cmd += ["--cacert", str(pki.cert_path), "-D", f"{d}/h{i}", "-o", f"{d}/b{i}", *extra]
            if r.get("raw_path", True):
                cmd.append("--path-as-is")
            method = r.get("method")
            if method == "HEAD":
                cmd.append("--head")
            elif method:
                cmd += ["-X", method]
            if r.get("data") is not None:
                cmd += ["--data-binary", r["data"]]
            for h in r.get("headers", []):
                cmd += ["-H", h]
            cmd.append(gh.url(r["path"]))
        p = subprocess.run(cmd, capture_output=True, timeout=timeout)
        out = []
        for i in range(len(requests)):
            head = Path(f"{d}/h{i}").read_text(errors="replace") if Path(f"{d}/h{i}").exists() else ""
            body = Path(f"{d}/b{i}").read_bytes() if Path(f"{d}/b{i}").exists() else b""
            if requests[i].get("method") == "HEAD":
                body = b""  # curl writes the head there; test_head_has_get_headers_and_no_body checks the wire
            status, headers = parse_head(head)
            out.append(Resp(status, headers, body, p.returncode, p.stderr.decode(errors="replace")))
        return out


def curl(gh, pki, path, headers=(), method=None, extra=(), timeout=120):
    return curl_many(gh, pki, [{"path": path, "headers": list(headers), "method": method}], extra, timeout)[0]


def client_context(pki):
    ctx = ssl.create_default_context(cafile=str(pki.cert_path))
    return ctx


def https_connection(gh, pki, timeout=20):
    return http.client.HTTPSConnection("localhost", gh.https_port, context=client_context(pki), timeout=timeout)


def http_date(t):
    return email.utils.formatdate(t, usegmt=True)


def decode(body, coding):
    if coding == "br":
        return brotli.decompress(body)
    if coding == "gzip":
        return gzip.decompress(body)
    assert coding == "identity"
    return body


# --------------------------------------------------------------------------------------------------------------------
# Negotiation


# (Accept-Encoding or None for no header, expected coding for an asset with br+gzip, for one with identity only)
ACCEPT_ENCODING_TABLE = [
    (None, "identity", "identity"),
    ("", "identity", "identity"),
    ("br", "br", "identity"),
    ("gzip", "gzip", "identity"),
    ("GZIP", "gzip", "identity"),
    ("Br", "br", "identity"),
    ("x-gzip", "gzip", "identity"),
    ("gzip, deflate, br", "br", "identity"),
    ("gzip, deflate, br, zstd", "br", "identity"),
    ("deflate, zstd", "identity", "identity"),
    ("identity", "identity", "identity"),
    ("br;q=0, gzip", "gzip", "identity"),
    ("br;q=0.5, gzip;q=0.8", "gzip", "identity"),
    ("gzip;q=0.5, br;q=0.5", "br", "identity"),
    ("gzip;q=1.0, br;q=0.999", "gzip", "identity"),
    ("gzip;q=0.001, br;q=0", "gzip", "identity"),
    ("br;q=0, gzip;q=0", "identity", "identity"),
    (" br ; q=1 ,\tgzip ;q=0.2", "br", "identity"),
    ("gzip;Q=0.9, br;q=0.1", "gzip", "identity"),
    ("br;q=2, gzip;q=0.5", "gzip", "identity"),          # malformed qvalue: the element is ignored
    ("br;q=0.5555, gzip;q=0.5", "gzip", "identity"),     # more than three decimals: ignored
    ("*", "br", "identity"),
    ("*;q=0.5, br;q=0", "gzip", "identity"),
    ("*;q=0.5, identity;q=0.9", "identity", "identity"),
    ("identity;q=0", 406, 406),
    ("*;q=0", 406, 406),
    ("br, identity;q=0", "br", 406),
    ("gzip;q=0.5, *;q=0", "gzip", 406),
    ("*;q=0, identity", "identity", "identity"),
    ("*, identity;q=0", "br", 406),
    ("br;q=0, gzip;q=0, identity;q=0", 406, 406),
]


def check_representation(site, key, r, coding, label):
    entry = site.entry(key)
    variant = entry["variants"][coding]
    has_variants = len(entry["variants"]) > 1
    assert r.status == 200, (label, r)
    assert r.h("content-encoding") == (None if coding == "identity" else coding), (label, r)
    assert r.h("vary") == ("Accept-Encoding" if has_variants else None), (label, r)
    assert r.h("etag") == variant["etag"], (label, r)
    assert r.h("last-modified") == http_date(entry["mtime"]), (label, r)
    assert r.h("content-type") == entry["contentType"], (label, r)
    assert r.h("x-content-type-options") == "nosniff", (label, r)
    assert r.h("accept-ranges") == "bytes", (label, r)
    assert r.h("cache-control") == (IMMUTABLE if entry["immutable"] else MUTABLE), (label, r)
    assert r.h("content-length") == str(len(r.body)) == str(variant["size"]), (label, r)
    assert r.body == site.bytes(key, coding), label
    assert decode(r.body, coding) == site.bytes(key), f"{label}: does not decode to the identity file"


@pytest.mark.parametrize("key", ["css/site.css", "text/lorem.txt", "data/noise.dat"])
def test_accept_encoding_table(gh, pki, site, key):
    entry = site.entry(key)
    with_variants = set(entry["variants"]) == {"identity", "br", "gzip"}
    assert with_variants or set(entry["variants"]) == {"identity"}, entry
    requests = []
    for ae, _, _ in ACCEPT_ENCODING_TABLE:
        headers = [] if ae is None else ([f"Accept-Encoding: {ae}"] if ae else ["Accept-Encoding;"])
        requests.append({"path": "/" + key, "headers": headers})
    responses = curl_many(gh, pki, requests)
    for (ae, expected_variants, expected_identity_only), r in zip(ACCEPT_ENCODING_TABLE, responses):
        expected = expected_variants if with_variants else expected_identity_only
        label = f"{key} Accept-Encoding: {ae!r}"
        if expected == 406:
            assert r.status == 406, (label, r)
            assert r.h("vary") == "Accept-Encoding", (label, r)
            assert r.h("content-encoding") is None, (label, r)
        else:
            check_representation(site, key, r, expected, label)


def test_original_bytes_after_decoding(gh, pki, site):
    """Files the pipeline does not rewrite decode to the source file itself, in every coding."""
    for key in ["robots.txt", "index.html", "text/lorem.txt", "names/with space.txt", "img/hero.png"]:
        original = (site.src / key).read_bytes()
        path = "/" + key.replace(" ", "%20")
        for coding in site.entry(key)["variants"]:
            r = curl(gh, pki, path, headers=[f"Accept-Encoding: {coding}"])
            assert r.status == 200 and r.h("content-encoding") == (None if coding == "identity" else coding), r
            assert decode(r.body, coding) == original, (key, coding)


def test_cache_control_content_type_and_names(gatehouse_factory, pki, site):
    gh = serve(gatehouse_factory, pki, site.out)
    fingerprinted = [site.hashed(k) for k in ("css/site.css", "js/app.js", "img/logo.svg", "img/hero.png",
                                              "fonts/gatehouse-icons.woff2")]
    requests = [{"path": "/" + k, "headers": ["Accept-Encoding: br, gzip"]} for k in fingerprinted]
    requests += [{"path": "/css/site.css"}, {"path": "/"}, {"path": "/docs/"}, {"path": "/docs"},
                 {"path": "/docs?x=1"}, {"path": "/names/caf%C3%A9.txt"}, {"path": "/names/with%20space.txt"},
                 {"path": "/css/../index.html"}, {"path": "/css/./site.css"}]
    rs = curl_many(gh, pki, requests)
    for key, r in zip(fingerprinted, rs):
        assert r.status == 200, (key, r)
        assert r.h("cache-control") == IMMUTABLE, (key, r)
        assert site.entry(key)["immutable"] is True
    css, root, docs, docs_bare, docs_query, cafe, space, dotdot, dot = rs[len(fingerprinted):]
    assert css.h("cache-control") == MUTABLE and css.h("content-type") == "text/css; charset=utf-8", css
    assert root.status == 200 and root.body == site.bytes("index.html") and root.h("cache-control") == MUTABLE
    assert root.h("content-type") == "text/html; charset=utf-8"
    assert docs.status == 200 and b"docs index" in docs.body, docs
    assert docs_bare.status == 301 and docs_bare.h("location") == "/docs/", docs_bare
    assert docs_query.status == 301 and docs_query.h("location") == "/docs/?x=1", docs_query
    assert cafe.status == 200 and cafe.body == site.bytes("names/café.txt"), cafe
    assert space.status == 200 and space.body == site.bytes("names/with space.txt"), space
    assert dotdot.status == 200 and dotdot.body == site.bytes("index.html"), dotdot
    assert dot.status == 200 and dot.body == site.bytes("css/site.css"), dot


# --------------------------------------------------------------------------------------------------------------------
# Conditional requests


def test_conditional_requests(gh, pki, site):
    key, path = "css/site.css", "/css/site.css"
    br_tag, id_tag = site.variant(key, "br")["etag"], site.variant(key, "identity")["etag"]
    last_modified = http_date(site.entry(key)["mtime"])
    earlier = http_date(site.entry(key)["mtime"] - 86400)
    later = http_date(site.entry(key)["mtime"] + 86400)
    br = "Accept-Encoding: br"
    cases = [
        # (headers, method, expected status)
        ([br, f"If-None-Match: {br_tag}"], None, 304),
        ([br, f"If-None-Match: W/{br_tag}"], None, 304),              # weak comparison
        ([br, f'If-None-Match: "nope", {br_tag}'], None, 304),        # list
        ([br, "If-None-Match: *"], None, 304),
        ([br, f"If-None-Match: {br_tag}"], "HEAD", 304),
        ([br, f"If-None-Match: {id_tag}"], None, 200),                # another representation's tag
        ([f"If-None-Match: {br_tag}"], None, 200),                    # identity selected: its own tag differs
        ([f"If-None-Match: {id_tag}"], None, 304),
        ([br, f"If-Modified-Since: {last_modified}"], None, 304),
        ([br, f"If-Modified-Since: {later}"], None, 304),
        ([br, f"If-Modified-Since: {earlier}"], None, 200),
        ([br, "If-Modified-Since: yesterday"], None, 200),            # invalid date: ignored
        ([br, 'If-None-Match: "nope"', f"If-Modified-Since: {last_modified}"], None, 200),  # INM wins
        ([br, 'If-Match: "nope"'], None, 412),
        ([br, f"If-Match: {br_tag}"], None, 200),
        ([br, f"If-Match: W/{br_tag}"], None, 412),                   # If-Match is a strong comparison
        ([br, "If-Match: *"], None, 200),
        ([br, f"If-Unmodified-Since: {earlier}"], None, 412),
        ([br, f"If-Unmodified-Since: {last_modified}"], None, 200),
        ([br, f"If-Match: {br_tag}", f"If-None-Match: {br_tag}"], None, 304),
    ]
    rs = curl_many(gh, pki, [{"path": path, "headers": h, "method": m} for h, m, _ in cases])
    for (headers, method, expected), r in zip(cases, rs):
        label = f"{method or 'GET'} {headers}"
        assert r.status == expected, (label, r)
        assert r.h("vary") == "Accept-Encoding", (label, r)
        if expected == 304:
            tag = br_tag if br in headers else id_tag
            assert r.h("etag") == tag, (label, r)
            assert r.h("cache-control") == MUTABLE, (label, r)
            assert r.h("last-modified") == last_modified, (label, r)
            assert r.body == b"", (label, r)
            assert r.h("content-encoding") is None and r.h("content-type") is None, (label, r)
        if expected == 412:
            assert r.body == b"" and r.h("content-length") == "0", (label, r)
    # An immutable name's 304 keeps its year-long Cache-Control.
    hashed = site.hashed(key)
    r = curl(gh, pki, "/" + hashed, headers=[br, f"If-None-Match: {site.variant(hashed, 'br')['etag']}"])
    assert r.status == 304 and r.h("cache-control") == IMMUTABLE and r.h("vary") == "Accept-Encoding", r


# --------------------------------------------------------------------------------------------------------------------
# Ranges


def parse_multipart(r):
    m = re.match(r"multipart/byteranges; boundary=(\S+)$", r.h("content-type") or "")
    assert m, r
    boundary = m.group(1).encode()
    parts = []
    body = r.body
    assert body.startswith(b"--" + boundary + b"\r\n") or body.startswith(b"\r\n--" + boundary + b"\r\n"), body[:200]
    assert body.endswith(b"--" + boundary + b"--\r\n"), body[-200:]
    for chunk in body.split(b"--" + boundary)[1:-1]:
        head, _, payload = chunk.lstrip(b"\r\n").partition(b"\r\n\r\n")
        assert payload.endswith(b"\r\n"), chunk[-50:]
        fields = dict(line.split(b": ", 1) for line in head.split(b"\r\n"))
        parts.append((fields[b"Content-Type"].decode() if b"Content-Type" in fields else
                      fields.get(b"content-type", b"").decode(),
                      (fields.get(b"Content-Range") or fields.get(b"content-range")).decode(), payload[:-2]))
    return parts


def test_ranges(gh, pki, site):
    key, path = "text/lorem.txt", "/text/lorem.txt"
    data = site.bytes(key)
    size = len(data)
    br_data = site.bytes(key, "br")
    tag = site.variant(key, "identity")["etag"]
    last_modified = http_date(site.entry(key)["mtime"])
    cases = [
        ("bytes=0-99", [], (0, 99)),
        ("bytes=-100", [], (size - 100, size - 1)),
        ("bytes=100-", [], (100, size - 1)),
        (f"bytes={size - 10}-{size + 1000}", [], (size - 10, size - 1)),
        ("bytes=5-5", [], (5, 5)),
        ("bytes=0-9", ["Accept-Encoding: br"], (0, 9)),                         # a range of the br bytes
        ("bytes=0-9,20-29,1000-1999", [], [(0, 9), (20, 29), (1000, 1999)]),
        ("bytes=-5,0-4", [], [(size - 5, size - 1), (0, 4)]),
        ("bytes=0-50,10-60", [], "whole"),                                      # overlapping → 200
        ("bytes=" + ",".join(f"{i * 100}-{i * 100 + 9}" for i in range(17)), [], "whole"),  # too many → 200
        (f"bytes={size}-", [], 416),
        (f"bytes={size + 5}-{size + 10}", [], 416),
        ("bytes=abc", [], "whole"),                                             # unparsable → ignored
        ("items=0-5", [], "whole"),                                             # other unit → ignored
        ("bytes=0-9", [f"If-Range: {tag}"], (0, 9)),
        ("bytes=0-9", ['If-Range: "stale"'], "whole"),
        ("bytes=0-9", [f"If-Range: W/{tag}"], "whole"),                         # weak never matches
        ("bytes=0-9", [f"If-Range: {last_modified}"], (0, 9)),
        ("bytes=0-9", [f"If-Range: {http_date(site.entry(key)['mtime'] - 60)}"], "whole"),
    ]
    rs = curl_many(gh, pki, [{"path": path, "headers": [f"Range: {rng}", *h]} for rng, h, _ in cases])
    for (rng, headers, expected), r in zip(cases, rs):
        label = f"Range: {rng} {headers}"
        assert r.h("vary") == "Accept-Encoding", (label, r)
        if expected == "whole":
            assert r.status == 200 and r.body == data and r.h("accept-ranges") == "bytes", (label, r)
        elif expected == 416:
            assert r.status == 416 and r.h("content-range") == f"bytes */{size}", (label, r)
        elif isinstance(expected, tuple):
            source = br_data if "Accept-Encoding: br" in headers else data
            a, b = expected
            assert r.status == 206, (label, r)
            assert r.h("content-range") == f"bytes {a}-{b}/{len(source)}", (label, r)
            assert r.h("content-length") == str(b - a + 1), (label, r)
            assert r.body == source[a:b + 1], label
            assert r.h("etag") == site.variant(key, "br" if source is br_data else "identity")["etag"], (label, r)
            assert r.h("content-encoding") == ("br" if source is br_data else None), (label, r)
        else:
            assert r.status == 206 and r.h("content-length") == str(len(r.body)), (label, r)
            parts = parse_multipart(r)
            assert len(parts) == len(expected), (label, parts)
            for (ctype, crange, payload), (a, b) in zip(parts, expected):
                assert ctype == site.entry(key)["contentType"], label
                assert crange == f"bytes {a}-{b}/{size}", label
                assert payload == data[a:b + 1], label
    # HEAD ignores Range (defined for GET only) and answers like a plain HEAD.
    head = curl(gh, pki, path, headers=["Range: bytes=0-9"], method="HEAD")
    assert head.status == 200 and head.h("content-length") == str(size), head


def test_ranges_of_a_large_disk_file(gatehouse_factory, pki, site):
    gh = serve(gatehouse_factory, pki, site.out)
    data = site.bytes("data/big.zip")
    size = len(data)
    rs = curl_many(gh, pki, [
        {"path": "/data/big.zip", "headers": ["Range: bytes=10000000-10000099"]},
        {"path": "/data/big.zip", "headers": [f"Range: bytes=0-9,{size // 2}-{size // 2 + 70000},-3"]},
        {"path": "/data/big.zip", "headers": ["Range: bytes=-1"]},
    ])
    assert rs[0].status == 206 and rs[0].body == data[10000000:10000100], rs[0]
    parts = parse_multipart(rs[1])
    assert [p[2] for p in parts] == [data[0:10], data[size // 2:size // 2 + 70001], data[-3:]]
    assert rs[2].status == 206 and rs[2].body == data[-1:], rs[2]


# --------------------------------------------------------------------------------------------------------------------
# HEAD


def test_head_has_get_headers_and_no_body(gh, pki, site):
    """HEAD then GET on ONE keep-alive connection: if the HEAD response carried body bytes, the GET's response
    would not parse. The header lists must match except Date."""
    cases = [("/css/site.css", {"Accept-Encoding": "br"}), ("/css/site.css", {"Accept-Encoding": "gzip"}),
             ("/css/site.css", {}), ("/data/big.zip", {}), ("/text/lorem.txt", {"Accept-Encoding": "gzip, br"}),
             ("/" + site.hashed("js/app.js"), {"Accept-Encoding": "br"}), ("/docs", {}), ("/", {}),
             ("/text/lorem.txt", {"Accept-Encoding": "identity;q=0"}),
             ("/css/site.css", {"If-None-Match": site.variant("css/site.css", "identity")["etag"]})]
    conn = https_connection(gh, pki)
    try:
        for path, headers in cases:
            conn.request("HEAD", path, headers=headers)
            head = conn.getresponse()
            head_body = head.read()
            head_headers = [(n.lower(), v) for n, v in head.getheaders() if n.lower() != "date"]
            conn.request("GET", path, headers=headers)
            get = conn.getresponse()
            get_body = get.read()
            get_headers = [(n.lower(), v) for n, v in get.getheaders() if n.lower() != "date"]
            assert head.status == get.status, path
            assert head_body == b""
            assert head_headers == get_headers, (path, headers)
            if get.status == 200:
                assert int(get.getheader("content-length")) == len(get_body) > 0
        # The connection is still in sync after all the HEADs.
        conn.request("GET", "/robots.txt")
        r = conn.getresponse()
        assert r.status == 200 and r.read() == site.bytes("robots.txt")
    finally:
        conn.close()


# --------------------------------------------------------------------------------------------------------------------
# Safety


TRAVERSALS = [
    "/../secret.txt", "/../../secret.txt", "/css/../../secret.txt", "/%2e%2e/secret.txt", "/%2E%2E/secret.txt",
    "/.%2e/secret.txt", "/%2e%2e%2fsecret.txt", "/..%2fsecret.txt", "/..%2Fsecret.txt", "/css/..%2f..%2fsecret.txt",
    "/..\\secret.txt", "/css\\..\\..\\secret.txt", "/..%5csecret.txt", "/..%5Csecret.txt", "/secret.txt%00",
    "/%00", "/css/site.css%00.txt", "/css/site.css%00", "/%2e%2e/%2e%2e/%2e%2e/etc/passwd", "/../../../../etc/passwd",
    "/..;/secret.txt", "/....//secret.txt", "/%252e%252e/secret.txt", "/..%c0%afsecret.txt", "/%c0%ae%c0%ae/secret.txt",
    "/./../secret.txt", "//../secret.txt", "/css/%2e%2e/%2e%2e/secret.txt", "/unlisted.txt", "/.env", "/%2eenv",
    "/css/../.env", "/link-to-secret.txt", "/gatehouse-manifest.json", "/.gatehouse-cache/", "/.gatehouse.lock",
    "/css/.././../secret.txt", "/%2fsecret.txt", "/css%2f..%2f..%2fsecret.txt",
]


def test_traversal_attempts_never_leak_a_file(gatehouse_factory, pki, site):
    gh = serve(gatehouse_factory, pki, site.out)
    passwd = Path("/etc/passwd").read_bytes()
    rs = curl_many(gh, pki, [{"path": p} for p in TRAVERSALS])
    for path, r in zip(TRAVERSALS, rs):
        assert r.status in (400, 404), (path, r)
        assert SECRET not in r.body and passwd not in r.body and b"root:" not in r.body, path
    # Targets a URL parser would not send: relative, NUL and backslash bytes, absolute form.
    raw_targets = [b"../secret.txt", b"/..\x00/secret.txt", b"/\x00", b"/..\\secret.txt", b"secret.txt",
                   b"https://localhost/../secret.txt", b"/%2e%2e/secret.txt"]
    for target in raw_targets:
        status, body = raw_request(gh, pki, b"GET " + target + b" HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n")
        assert status in (400, 404), (target, status, body[:200])
        assert SECRET not in body and b"root:" not in body, target
    # Still serving.
    assert curl(gh, pki, "/robots.txt").status == 200
    log = gh.access_log.read_text()
    assert "/../secret.txt" in log


def raw_request(gh, pki, data, timeout=10):
    ctx = client_context(pki)
    with socket.create_connection(("127.0.0.1", gh.https_port), timeout=timeout) as raw:
        with ctx.wrap_socket(raw, server_hostname="localhost") as s:
            s.sendall(data)
            received = b""
            while True:
                try:
                    chunk = s.recv(65536)
                except (ssl.SSLError, ConnectionResetError):
                    break
                if not chunk:
                    break
                received += chunk
    m = re.match(rb"HTTP/1\.1 (\d{3}) ", received)
    return (int(m.group(1)) if m else 0), received


def test_methods_other_than_get_and_head(gatehouse_factory, pki, site):
    gh = serve(gatehouse_factory, pki, site.out)
    requests = []
    for method in ["POST", "PUT", "DELETE", "PATCH", "OPTIONS", "TRACE", "PROPFIND"]:
        for path in ["/index.html", "/css/site.css", "/docs", "/"]:
            requests.append({"path": path, "method": method, "data": "x=1" if method in ("POST", "PUT") else None})
    rs = curl_many(gh, pki, requests)
    for req, r in zip(requests, rs):
        assert r.status == 405, (req, r)
        assert r.h("allow") == "GET, HEAD", (req, r)
        assert SECRET not in r.body
    # A path no mount lists is not static: 404 (the dynamic backend's business once it exists).
    r = curl_many(gh, pki, [{"path": "/nothing-here", "method": "POST", "data": "x"}])[0]
    assert r.status == 404, r


# --------------------------------------------------------------------------------------------------------------------
# Large files and memory


def test_large_file_streams_from_disk(gatehouse_factory, pki, site):
    gh = serve(gatehouse_factory, pki, site.out)
    want = hashlib.sha256(site.bytes("data/big.zip")).hexdigest()
    with tempfile.TemporaryDirectory() as d:
        for _ in range(2):
            p = subprocess.run(["curl", "-sS", "--cacert", str(pki.cert_path), "-o", f"{d}/big", "-w",
                                "%{http_code} %{size_download}", gh.url("/data/big.zip")],
                               capture_output=True, text=True, timeout=120)
            assert p.returncode == 0, p.stderr
            assert p.stdout == f"200 {20 * 1024 * 1024}", p.stdout
            assert hashlib.sha256(Path(f"{d}/big").read_bytes()).hexdigest() == want


def make_sparse_build(root, size):
    """A build holding one large file: the binary builds a small tree, then the large file is put in place as a
    sparse file with a random first 4 MiB, and the manifest entry is written by this test (hashing 200 MB in a
    debug build would take minutes; the manifest is the truth either way)."""
    src, out = root / "src", root / "build"
    src.mkdir(parents=True)
    (src / "index.html").write_text("<!doctype html><title>big</title>\n")
    assets_build(src, out)
    head = os.urandom(4 * 1024 * 1024)
    path = out / "huge.zip"
    with open(path, "wb") as f:
        f.write(head)
        f.truncate(size)
    h = hashlib.sha256(head)
    zeros = bytes(1 << 20)
    left = size - len(head)
    while left:
        n = min(left, len(zeros))
        h.update(zeros[:n])
        left -= n
    digest = h.hexdigest()
    manifest = json.loads((out / MANIFEST).read_text())
    manifest["files"]["huge.zip"] = {"contentType": "application/zip", "immutable": False, "mtime": int(time.time()),
                                     "variants": {"identity": {"file": "huge.zip", "size": size, "sha256": digest,
                                                               "etag": '"' + digest[:20] + '"'}}}
    tmp = out / (MANIFEST + ".tmp")
    tmp.write_text(json.dumps(manifest, sort_keys=True))
    os.rename(tmp, out / MANIFEST)
    return out, head


class SlowClient(threading.Thread):
    """Downloads `path` at about `rate` bytes/s until `stop` is set; keeps a hash of what it received."""

    def __init__(self, gh, pki, path, rate, stop):
        super().__init__(daemon=True)
        self.gh, self.pki, self.path, self.rate, self.stop = gh, pki, path, rate, stop
        self.received = 0
        self.body = bytearray()
        self.error = None
        self.status = None

    def run(self):
        try:
            raw = socket.socket()
            raw.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 16384)
            raw.settimeout(30)
            raw.connect(("127.0.0.1", self.gh.https_port))
            s = client_context(self.pki).wrap_socket(raw, server_hostname="localhost")
            s.sendall(f"GET {self.path} HTTP/1.1\r\nHost: localhost\r\n\r\n".encode())
            buf = b""
            while b"\r\n\r\n" not in buf:
                chunk = s.recv(4096)
                if not chunk:
                    raise RuntimeError("closed before the head")
                buf += chunk
            head, _, rest = buf.partition(b"\r\n\r\n")
            self.status = int(head.split()[1])
            self.body += rest
            step = 4096
            while not self.stop.is_set():
                chunk = s.recv(step)
                if not chunk:
                    raise RuntimeError("closed early")
                self.body += chunk
                time.sleep(step / self.rate)
            s.close()
        except Exception as e:  # reported by the test
            self.error = e


def test_slow_clients_keep_rss_flat(gatehouse_factory, pki, tmp_path):
    size = 200 * 1024 * 1024
    out, head = make_sparse_build(tmp_path / "huge", size)
    gh = serve(gatehouse_factory, pki, out)
    # Warm up (allocator, thread pool, TLS) with a few requests and a ranged read of the big file.
    for _ in range(3):
        r = curl(gh, pki, "/huge.zip", headers=["Range: bytes=0-1048575"])
        assert r.status == 206 and r.body == head[:1048576]
    time.sleep(0.5)
    fds_before = gh.fd_count()
    rss_before = gh.rss_kb()
    stop = threading.Event()
    clients = [SlowClient(gh, pki, "/huge.zip", rate=64 * 1024, stop=stop) for _ in range(100)]
    for c in clients:
        c.start()
    samples = []
    t0 = time.monotonic()
    while time.monotonic() - t0 < 10:
        time.sleep(0.5)
        samples.append(gh.rss_kb())
    stop.set()
    for c in clients:
        c.join(timeout=30)
    errors = [c.error for c in clients if c.error]
    assert not errors, errors[:5]
    assert all(c.status == 200 for c in clients)
    received = sum(len(c.body) for c in clients)
    # Every client got a correct prefix of the file, and the clients really were slow (the server could not
    # have pushed more than a small window ahead of them).
    for c in clients:
        assert len(c.body) > 64 * 1024, len(c.body)
        assert bytes(c.body) == head[:len(c.body)]
    growth_mb = (max(samples) - rss_before) / 1024
    late_growth_mb = (samples[-1] - samples[len(samples) // 3]) / 1024
    print(f"slow clients: received {received / 1e6:.1f} MB, RSS before {rss_before / 1024:.1f} MB, "
          f"max growth {growth_mb:.1f} MB, growth over the last two thirds {late_growth_mb:.1f} MB")
    # 100 connections × (one 128 KiB read chunk + its TLS records) is about 26 MB; a server that buffered the
    # file would grow by gigabytes.
    assert growth_mb < 64, (rss_before, samples)
    assert late_growth_mb < 16, (rss_before, samples)
    # The clients went away mid-download: every file descriptor is released.
    deadline = time.monotonic() + 15
    while gh.fd_count() > fds_before + 2 and time.monotonic() < deadline:
        time.sleep(0.2)
    assert gh.fd_count() <= fds_before + 2, (fds_before, gh.fd_count())


def test_file_replaced_behind_the_index(gatehouse_factory, pki, tmp_path):
    """A large disk-backed file with a plain name is replaced by the next build before the manifest is renamed.
    A request served from the old index in that window must never get wrong bytes under the old headers: either
    the right bytes or a broken connection."""
    src, out = tmp_path / "src", tmp_path / "build"
    (src / "data").mkdir(parents=True)
    original = os.urandom(2 * 1024 * 1024)
    (src / "data" / "blob.zip").write_bytes(original)
    assets_build(src, out)
    gh = serve(gatehouse_factory, pki, out)
    r = curl(gh, pki, "/data/blob.zip")
    assert r.status == 200 and r.body == original
    target = out / "data" / "blob.zip"
    for replacement in [os.urandom(1024 * 1024), os.urandom(3 * 1024 * 1024)]:
        tmp = out / "data" / ".replacement"
        tmp.write_bytes(replacement)
        os.rename(tmp, target)
        r = curl(gh, pki, "/data/blob.zip", timeout=60, extra=["--max-time", "20"])
        assert r.body != replacement and not (r.rc == 0 and r.status == 200 and r.body != original), r
        assert r.rc != 0 or r.body == original, r
        # Range requests, too.
        r = curl(gh, pki, "/data/blob.zip", headers=["Range: bytes=0-99"], extra=["--max-time", "20"])
        assert r.body in (b"", original[:100]) or r.rc != 0, r
        # The server still serves other requests (and this path once the manifest matches again).
        assert curl(gh, pki, "/data/blob.zip", method="HEAD").status == 200
    assert "response body file changed on disk" in gh.logs(), gh.logs()[-2000:]


def test_plain_name_replaced_with_same_size_reads_the_fingerprinted_copy(gatehouse_factory, pki, tmp_path):
    """Same size, other bytes under a plain name (the worst case: no size check can see it). Disk-backed variants
    of a plain name are read from the fingerprinted copy of the same content, which no build ever rewrites."""
    src, out = tmp_path / "src", tmp_path / "build"
    shutil.copytree(EXAMPLE, src)
    assets_build(src, out)
    site = Site(tmp_path, src, out)
    gh = serve(gatehouse_factory, pki, out, config=DISK_CONFIG)
    for coding in ["identity", "br"]:
        plain = out / site.variant("css/site.css", coding)["file"]
        original = plain.read_bytes()
        tmp = plain.with_name(".replacement")
        tmp.write_bytes(bytes(b ^ 0x55 for b in original))
        os.rename(tmp, plain)
        r = curl(gh, pki, "/css/site.css", headers=[f"Accept-Encoding: {coding}"])
        assert r.status == 200 and r.rc == 0 and r.body == original, (coding, r)
        assert r.h("etag") == site.variant("css/site.css", coding)["etag"]


# --------------------------------------------------------------------------------------------------------------------
# Hot reload


def wait_for(predicate, timeout, interval=0.02):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = predicate()
        if value:
            return value
        time.sleep(interval)
    return predicate()


class ManifestWatch(threading.Thread):
    """Records the moment the manifest's inode changes (the pipeline renames a new one into place)."""

    def __init__(self, path):
        super().__init__(daemon=True)
        self.path = path
        self.stop = threading.Event()
        self.renames = []
        self.inode = os.stat(path).st_ino

    def run(self):
        while not self.stop.is_set():
            try:
                inode = os.stat(self.path).st_ino
            except FileNotFoundError:
                inode = None
            if inode is not None and inode != self.inode:
                self.renames.append(time.monotonic())
                self.inode = inode
            time.sleep(0.002)


class Looper(threading.Thread):
    """Loops GETs of `paths` on one keep-alive connection, checking every response is self-consistent (its body
    decodes to content whose hash matches its ETag in the manifest that was current)."""

    def __init__(self, gh, pki, paths, accept_encoding, known, stop):
        super().__init__(daemon=True)
        self.gh, self.pki, self.paths, self.ae, self.known, self.stop = gh, pki, paths, accept_encoding, known, stop
        self.seen = []  # (time, path, etag)
        self.errors = []
        self.count = 0

    def run(self):
        conn = None
        while not self.stop.is_set():
            for path in self.paths:
                try:
                    if conn is None:
                        conn = https_connection(self.gh, self.pki, timeout=10)
                    headers = {"Accept-Encoding": self.ae} if self.ae else {}
                    conn.request("GET", path, headers=headers)
                    r = conn.getresponse()
                    body = r.read()
                    now = time.monotonic()
                    self.count += 1
                    etag = r.getheader("etag")
                    if r.status != 200:
                        self.errors.append(f"{path}: status {r.status}")
                        continue
                    digest = hashlib.sha256(body).hexdigest()
                    if etag != '"' + digest[:20] + '"':
                        self.errors.append(f"{path}: body does not match its ETag {etag}")
                    if etag not in self.known:
                        self.errors.append(f"{path}: ETag {etag} of no build")
                    self.seen.append((now, path, etag))
                except Exception as e:
                    self.errors.append(f"{path}: {type(e).__name__}: {e}")
                    if conn is not None:
                        conn.close()
                    conn = None
        if conn is not None:
            conn.close()


def etags(manifest):
    return {v["etag"] for e in manifest["files"].values() for v in e["variants"].values()}


def test_hot_reload_under_load(gatehouse_factory, pki, tmp_path):
    src, out = tmp_path / "src", tmp_path / "build"
    shutil.copytree(EXAMPLE, src)
    assets_build(src, out)
    site = Site(tmp_path, src, out)
    gh = serve(gatehouse_factory, pki, out)
    known = set(etags(site.manifest))
    old_hashed = "/" + site.hashed("css/site.css")
    unchanged_hashed = "/" + site.hashed("js/app.js")
    stop = threading.Event()
    loopers = [Looper(gh, pki, ["/css/site.css", "/index.html", "/robots.txt"], "br, gzip", known, stop),
               Looper(gh, pki, ["/css/site.css", unchanged_hashed, "/"], None, known, stop)]
    watch = ManifestWatch(out / MANIFEST)
    watch.start()
    for l in loopers:
        l.start()
    t0 = time.monotonic()
    versions = []
    try:
        for n in range(2):
            time.sleep(2.0)
            marker = f"/* build {n} {os.urandom(4).hex()} */\n"
            with open(src / "css" / "site.css", "a") as f:
                f.write(marker)
            (src / "robots.txt").write_text(f"User-agent: *\nDisallow: /build-{n}\n")
            # The new ETags are known before the rename, so no response can be ahead of them.
            before = len(watch.renames)
            assets_build(src, out)
            site.reload()
            known |= etags(site.manifest)
            assert wait_for(lambda: len(watch.renames) > before, 5), "manifest not renamed?"
            versions.append((watch.renames[-1], site.variant("css/site.css", "br")["etag"],
                             site.variant("css/site.css", "identity")["etag"],
                             site.variant("robots.txt", "identity")["etag"]))
        while time.monotonic() - t0 < 10:
            time.sleep(0.1)
    finally:
        stop.set()
        for l in loopers:
            l.join(timeout=30)
        watch.stop.set()
        watch.join(timeout=5)
    for l in loopers:
        assert not l.errors, l.errors[:10]
        assert l.count > 50, l.count
    print(f"hot reload: {sum(l.count for l in loopers)} requests, 0 errors")
    for renamed_at, br_tag, id_tag, robots_tag in versions:
        for looper, tag, path in [(loopers[0], br_tag, "/css/site.css"), (loopers[1], id_tag, "/css/site.css"),
                                  (loopers[0], robots_tag, "/robots.txt")]:
            first = next((t for t, p, e in looper.seen if p == path and e == tag), None)
            assert first is not None, f"{path}: new content {tag} never served"
            print(f"hot reload: {path} ({tag}) new content served {first - renamed_at:.3f} s after the rename")
            assert first - renamed_at < 1.0, f"{path}: new content served {first - renamed_at:.2f} s after the rename"
    # The first build's fingerprinted CSS is in no current manifest any more: not served.
    assert curl(gh, pki, old_hashed).status == 404
    assert curl(gh, pki, unchanged_hashed).status == 200


def test_broken_manifest_keeps_the_old_index(gatehouse_factory, pki, tmp_path):
    src, out = tmp_path / "src", tmp_path / "build"
    shutil.copytree(EXAMPLE, src)
    assets_build(src, out)
    site = Site(tmp_path, src, out)
    gh = serve(gatehouse_factory, pki, out, config="[static_options]\nreload_interval = \"100ms\"\n")
    good = (out / MANIFEST).read_bytes()
    css_tag = site.variant("css/site.css", "identity")["etag"]

    def still_old():
        r = curl(gh, pki, "/css/site.css")
        assert r.status == 200 and r.h("etag") == css_tag and r.body == site.bytes("css/site.css"), r
        assert curl(gh, pki, "/robots.txt").status == 200

    def replace_manifest(data):
        tmp = out / (MANIFEST + ".new")
        tmp.write_bytes(data)
        os.rename(tmp, out / MANIFEST)

    failures_logged = lambda n: gh.logs().count("static index reload failed") >= n
    # 1. Half-written JSON renamed into place.
    replace_manifest(good[:len(good) // 2])
    assert wait_for(lambda: failures_logged(1), 5), gh.logs()[-2000:]
    still_old()
    # 2. Valid JSON listing a file that does not exist.
    broken = json.loads(good)
    broken["files"]["css/site.css"]["variants"]["identity"]["file"] = "css/missing.css"
    replace_manifest(json.dumps(broken).encode())
    assert wait_for(lambda: failures_logged(2), 5), gh.logs()[-2000:]
    still_old()
    # 3. A size that does not match the file.
    broken = json.loads(good)
    broken["files"]["css/site.css"]["variants"]["identity"]["size"] += 1
    replace_manifest(json.dumps(broken).encode())
    assert wait_for(lambda: failures_logged(3), 5), gh.logs()[-2000:]
    still_old()
    # 4. Written in place, in two steps: the half-written state is refused, the complete file is picked up.
    (src / "robots.txt").write_text("User-agent: *\nDisallow: /after-repair\n")
    staging = tmp_path / "staging"
    shutil.copytree(out, staging, ignore=shutil.ignore_patterns(MANIFEST, ".gatehouse*"))
    assets_build(src, staging)
    # The pipeline's order: every file first (plain names overwritten), the manifest last.
    for f in staging.rglob("*"):
        if f.is_file() and f.name != MANIFEST:
            (out / f.relative_to(staging)).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(f, out / f.relative_to(staging))
    new = (staging / MANIFEST).read_bytes()
    robots_new = Site(tmp_path, src, staging).variant("robots.txt", "identity")
    with open(out / MANIFEST, "r+b") as f:
        f.truncate(0)
        f.write(new[:len(new) // 3])
        f.flush()
        assert wait_for(lambda: failures_logged(4), 5), gh.logs()[-2000:]
        still_old()
        f.write(new[len(new) // 3:])
    assert wait_for(lambda: curl(gh, pki, "/robots.txt").h("etag") == robots_new["etag"], 5), gh.logs()[-2000:]
    assert b"after-repair" in curl(gh, pki, "/robots.txt").body
