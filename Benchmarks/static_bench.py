#!/usr/bin/env python3
"""Issue 4 benchmark: Gatehouse's static server vs nginx (Debian 1.22, `gzip_static on`, `brotli_static on` from
libnginx-mod-http-brotli-static, `open_file_cache`), same machine, same files (one `gatehouse assets build` tree
served by both), same ECDSA P-256 certificate, same TLS 1.3 suite order (AES-128-GCM first, server preference),
one worker each pinned to one core; `wrk` over HTTPS keep-alive pinned to the other core. Run by hand.

Scenarios (each: nginx, then Gatehouse, `--rounds` times alternating; the best round of each is kept, since
noise from other processes only ever slows a run down):
  small   ~1 KB brotli asset, `Accept-Encoding: br`, 50 connections: req/s, p99, server CPU µs per request
  medium  ~60 KB brotli asset, `Accept-Encoding: br`, 50 connections: req/s, p99, server CPU µs per request
  large   100 MB identity file (from disk for both), 4 connections: MB/s, server CPU ms per 100 MB

Usage: python3 Benchmarks/static_bench.py [--seconds 10] [--rounds 2]
       GATEHOUSE_BIN=.build/release/gatehouse python3 Benchmarks/static_bench.py   (skips `bash scripts/build-release.sh`)
Results: Benchmarks/RESULTS-static.md.
"""
import argparse
import random
import re
import subprocess
import sys
import time

import common
from common import WORK, table

try:
    import brotli
except ImportError:  # pragma: no cover
    brotli = None

SUITES = "TLS_AES_128_GCM_SHA256:TLS_AES_256_GCM_SHA384:TLS_CHACHA20_POLY1305_SHA256"


def css_text(rng, n):
    """Stylesheet-like text with enough entropy that brotli keeps roughly a third of it."""
    props = ["color", "margin", "padding", "border", "background", "font-size", "line-height", "gap", "width"]
    out, length = [], 0
    while length < n:
        name = "".join(rng.choice("abcdefghijklmnopqrstuvwxyz") for _ in range(rng.randint(4, 10)))
        body = "; ".join(f"{rng.choice(props)}: #{rng.randrange(16 ** 6):06x} {rng.randint(0, 99)}px"
                         for _ in range(rng.randint(1, 4)))
        out.append(f".{name} {{ {body}; }}\n")
        length += len(out[-1])
    return "".join(out)[:n]


def sized_text(rng, target_br):
    """Text whose brotli (q11) size is close to `target_br` bytes."""
    n = target_br * 3
    for _ in range(6):
        text = css_text(random.Random(rng.random()), n)
        size = len(brotli.compress(text.encode(), quality=11)) if brotli else n // 3
        if abs(size - target_br) < target_br * 0.05:
            return text
        n = int(n * target_br / max(size, 1))
    return text


def make_site(src):
    rng = random.Random(11)
    src.mkdir(parents=True, exist_ok=True)
    (src / "small.css").write_text(sized_text(rng, 1024))
    (src / "medium.js").write_text(sized_text(rng, 60 * 1024))
    with open(src / "large.zip", "wb") as f:
        block = random.Random(5).randbytes(1 << 20)
        for i in range(100):
            f.write(block[i:] + block[:i])


def wrk(url, seconds, connections, extra=()):
    r = common.run_wrk(url, seconds, connections, extra)
    return {**r, "errors": r["non2xx"]}


def check(port, path, encoding, cafile):
    """One request with curl: status, content-encoding and length, so both servers are known to send the same."""
    out = subprocess.run(["curl", "-sS", "--cacert", str(cafile), "-o", "/dev/null", "-H",
                          f"Accept-Encoding: {encoding}", "-w",
                          "%{http_code} %{size_download} %header{content-encoding}",
                          f"https://localhost:{port}{path}"], capture_output=True, text=True, timeout=120)
    return out.stdout.strip()


def cipher(port, cafile):
    out = subprocess.run(["openssl", "s_client", "-connect", f"127.0.0.1:{port}", "-servername", "localhost",
                          "-CAfile", str(cafile)], input=b"", capture_output=True, timeout=20).stdout.decode()
    m = re.search(r"Cipher is (\S+)", out)
    return m.group(1) if m else "?"


SCENARIOS = [
    # name, path, accept-encoding, connections
    ("small", "/small.css", "br", 50),
    ("medium", "/medium.js", "br", 50),
    ("large", "/large.zip", "identity", 4),
]


def measure(server, scenario, seconds):
    name, path, encoding, connections = scenario
    url = f"https://localhost:{server.port}{path}"
    extra = ["-H", f"Accept-Encoding: {encoding}", "--timeout", "30s"]
    wrk(url, 2, connections, extra)  # warm-up: caches, allocator, TLS sessions
    c0 = common.cpu_seconds(server.pids())
    r = wrk(url, seconds, connections, extra)
    c1 = common.cpu_seconds(server.pids())
    r["cpu_us"] = (c1 - c0) * 1e6 / max(r["reqs"], 1)
    return r


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--seconds", type=int, default=10)
    ap.add_argument("--rounds", type=int, default=2)
    ap.add_argument("--only", choices=[s[0] for s in SCENARIOS])
    args = ap.parse_args()
    cert, key, ca = common.prepare()
    src, build = WORK / "static-src", WORK / "static-build"
    if not (src / "large.zip").exists():
        make_site(src)
    common.sh([common.BIN, "assets", "build", str(src), str(build), "--quiet"])
    nginx_http = f"""
  open_file_cache max=1000 inactive=60s;
  open_file_cache_valid 60s;
  open_file_cache_errors on;
  gzip_static on;
  brotli_static on;
  gzip_vary on;
  sendfile on;
  tcp_nopush on;
  ssl_prefer_server_ciphers on;
  ssl_conf_command Ciphersuites {SUITES};
  ssl_conf_command Options ServerPreference;
"""
    nginx_server_block = 'add_header Cache-Control "public, max-age=60";\n    add_header X-Content-Type-Options nosniff;'
    servers = {
        "nginx": common.nginx_server(19453, cert, key, extra_http=nginx_http, extra_server=nginx_server_block,
                                     root=build),
        "gatehouse": common.gatehouse_server(19454, cert, key, ["--static", f"/={build}"]),
    }
    scenarios = [s for s in SCENARIOS if args.only in (None, s[0])]
    best = {(s[0], n): None for s in scenarios for n in servers}
    info = {}
    for name, server in servers.items():
        server.start()
        try:
            info[name] = {"cipher": cipher(server.port, ca)}
            for s in scenarios:
                info[name][s[0]] = check(server.port, s[1], s[2], ca)
        finally:
            server.stop()
    for name in servers:
        print(f"{name}: {info[name]}", file=sys.stderr)
    for round_ in range(args.rounds):
        for s in scenarios:
            for name, server in servers.items():
                server.start()
                try:
                    r = measure(server, s, args.seconds)
                finally:
                    server.stop()
                print(f"round {round_ + 1} {s[0]:6} {name:9} {r}", file=sys.stderr)
                key_ = "mbps" if s[0] == "large" else "rps"
                if best[(s[0], name)] is None or r[key_] > best[(s[0], name)][key_]:
                    best[(s[0], name)] = r
                time.sleep(0.5)
    rows = []
    for s in scenarios:
        n, g = best[(s[0], "nginx")], best[(s[0], "gatehouse")]
        if s[0] == "large":
            rows.append([f"{s[0]}: MB/s ({s[1]}, 100 MB identity, {s[3]} conns)", f"{n['mbps']:.0f}",
                         f"{g['mbps']:.0f}", f"{g['mbps'] / n['mbps']:.2f}", "higher"])
            rows.append([f"{s[0]}: server CPU ms per 100 MB", f"{n['cpu_us'] / 1000:.1f}", f"{g['cpu_us'] / 1000:.1f}",
                         f"{g['cpu_us'] / n['cpu_us']:.2f}", "lower"])
            continue
        rows.append([f"{s[0]}: req/s ({s[1]}, br, {s[3]} conns)", f"{n['rps']:.0f}", f"{g['rps']:.0f}",
                     f"{g['rps'] / n['rps']:.2f}", "higher"])
        rows.append([f"{s[0]}: p99 ms", f"{n['p99']:.2f}", f"{g['p99']:.2f}", f"{g['p99'] / n['p99']:.2f}", "lower"])
        rows.append([f"{s[0]}: server CPU µs per request", f"{n['cpu_us']:.1f}", f"{g['cpu_us']:.1f}",
                     f"{g['cpu_us'] / n['cpu_us']:.2f}", "lower"])
    print(table(rows, ["scenario", "nginx", "gatehouse", "ratio G/N", "better"]))
    for name in servers:
        print(f"- {name}: TLS {info[name]['cipher']}; checks (status bytes encoding): "
              + "; ".join(f"{s[1]} → {info[name][s[0]]}" for s in scenarios))
    errors = {k: (v["errors"], v["socket_errors"]) for k, v in best.items() if v["errors"] or v["socket_errors"]}
    if errors:
        print(f"errors: {errors}", file=sys.stderr)


if __name__ == "__main__":
    main()
