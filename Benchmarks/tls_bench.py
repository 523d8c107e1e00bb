#!/usr/bin/env python3
"""Issue 2 benchmark: Gatehouse vs nginx, same machine, same ECDSA P-256 certificate, one worker each pinned to
one core, load generators pinned to the other core. Prints a table of ratios (Gatehouse / nginx) from ONE run.

Scenarios:
  full-handshake   new TLS connection per request, never resumed (parallel `openssl s_time -new`);
                   reported as handshakes/s and server CPU per handshake (the client may be the bottleneck).
  resumed          `wrk` with `Connection: close`: every request reconnects and resumes its TLS session.
  keep-alive       `wrk` keep-alive, tiny response: req/s and p99.
  idle-memory      2,000 idle keep-alive TLS connections: server RSS growth per connection.
Usage: python3 Benchmarks/tls_bench.py [--seconds 8]
"""
import argparse
import re
import socket
import ssl
import subprocess
import sys
import time

import common
from common import WORK, table


def s_time(port, seconds, parallel=3):
    procs = [subprocess.Popen(["taskset", "-c", common.CLIENT_CPU, "openssl", "s_time", "-connect",
                               f"127.0.0.1:{port}", "-new", "-time", str(seconds), "-www", "/tiny"],
                              stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
             for _ in range(parallel)]
    total = 0
    for p in procs:
        out = p.communicate()[0]
        m = re.search(r"(\d+) connections in ([\d.]+) real seconds", out)
        if m:
            total += int(m.group(1))
    return total


def wrk(url, seconds, connections, extra=()):
    r = common.run_wrk(url, seconds, connections, extra)
    return r["rps"], r["reqs"], r["p99"], r["non2xx"]


def idle_connections(port, count=2000):
    ctx = ssl.create_default_context()
    ctx.check_hostname = False
    ctx.verify_mode = ssl.CERT_NONE
    conns = []
    for _ in range(count):
        s = ctx.wrap_socket(socket.create_connection(("127.0.0.1", port)), server_hostname="localhost")
        s.sendall(b"GET /tiny HTTP/1.1\r\nHost: localhost\r\n\r\n")
        s.recv(4096)
        conns.append(s)
    return conns


def measure(server, seconds):
    r = {}
    port = server.port
    pids = server.pids()
    c0 = common.cpu_seconds(pids)
    n = s_time(port, seconds)
    c1 = common.cpu_seconds(server.pids())
    r["hs_per_s"] = n / seconds
    r["cpu_per_hs_ms"] = (c1 - c0) * 1000 / max(n, 1)
    c0 = common.cpu_seconds(server.pids())
    rps, reqs, p99, err = wrk(f"https://127.0.0.1:{port}/tiny", seconds, 20, ["-H", "Connection: close"])
    c1 = common.cpu_seconds(server.pids())
    r["resumed_rps"], r["resumed_cpu_ms"] = rps, (c1 - c0) * 1000 / max(reqs, 1)
    c0 = common.cpu_seconds(server.pids())
    rps, reqs, p99, err = wrk(f"https://127.0.0.1:{port}/tiny", seconds, 50)
    c1 = common.cpu_seconds(server.pids())
    r["ka_rps"], r["ka_p99_ms"], r["ka_cpu_us"], r["ka_errors"] = rps, p99, (c1 - c0) * 1e6 / max(reqs, 1), err
    time.sleep(1)
    before = common.rss_kb(server.pids())
    conns = idle_connections(port)
    time.sleep(1)
    after = common.rss_kb(server.pids())
    r["idle_kb_per_conn"] = (after - before) / len(conns)
    for s in conns:
        s.close()
    return r


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--seconds", type=int, default=8)
    args = ap.parse_args()
    cert, key, _ = common.prepare()
    site = WORK / "tiny-site"
    site.mkdir(exist_ok=True)
    (site / "tiny").write_text("x" * 64)
    common.sh([common.BIN, "assets", "build", str(site), str(WORK / "tiny-build"), "--quiet"])
    results = {}
    for name, server in (("nginx", common.nginx_server(19443, cert, key)),
                         ("gatehouse", common.gatehouse_server(19444, cert, key,
                                                               ["--static", f"/={WORK / 'tiny-build'}"]))):
        server.start()
        try:
            results[name] = measure(server, args.seconds)
        finally:
            server.stop()
    g, n = results["gatehouse"], results["nginx"]
    rows = []
    for key_, label, better in (("hs_per_s", "full handshakes/s", "higher"),
                                ("cpu_per_hs_ms", "server CPU ms per full handshake+request", "lower"),
                                ("resumed_rps", "resumed-session req/s (wrk, Connection: close)", "higher"),
                                ("resumed_cpu_ms", "server CPU ms per resumed request", "lower"),
                                ("ka_rps", "keep-alive req/s (64 B body)", "higher"),
                                ("ka_p99_ms", "keep-alive p99 ms", "lower"),
                                ("ka_cpu_us", "server CPU µs per keep-alive request", "lower"),
                                ("idle_kb_per_conn", "RSS KB per idle TLS connection (2,000 open)", "lower")):
        ratio = g[key_] / n[key_] if n[key_] else float("nan")
        rows.append([label, f"{n[key_]:.3f}", f"{g[key_]:.3f}", f"{ratio:.2f}", better])
    print(table(rows, ["scenario", "nginx", "gatehouse", "ratio G/N", "better"]))
    if g["ka_errors"] or n["ka_errors"]:
        print(f"non-2xx responses: gatehouse {g['ka_errors']}, nginx {n['ka_errors']}", file=sys.stderr)


if __name__ == "__main__":
    main()
