#!/usr/bin/env python3
"""Issue 7 benchmark: the micro-cache vs nginx's uwsgi_cache, same machine, same ECDSA P-256 certificate, one worker
each pinned to one core (uWSGI on the same core), wrk pinned to the other. Both sit in front of the same uWSGI app
(Examples/app), which counts the requests it receives per page. Prints tables from ONE run.

nginx: uwsgi_cache (files under Benchmarks/.work/nginx/cache) with `uwsgi_cache_lock on` and
`uwsgi_cache_use_stale updating error timeout`. Gatehouse: `[cache]` with route rules (default
stale-while-revalidate 10 s).

Scenarios:
  cached req/s   wrk keep-alive, 50 connections, one cached page (small HTML page; 16 KiB page).
  surge          wrk, 1,000 connections spread over 10 pages with a 1 s TTL, for --surge-seconds: client req/s,
                 and the backend requests each page received (must stay <= 1 per page per second; the app's
                 counters are sampled every second to find the busiest one-second window).
Usage: python3 Benchmarks/cache_bench.py [--seconds 10] [--surge-seconds 20]
"""
import argparse
import json
import subprocess
import sys
import threading
import time

import common
from common import ROOT, WORK, table

SURGE_PAGES = [f"/posts/surge{i}" for i in range(10)]
PAGES = {"small": "/posts/bench", "16k": "/big?n=16384"}


class UWSGIApp:
    def __init__(self, processes=2):
        self.run_dir = WORK / "uwsgi"
        self.socket = self.run_dir / "app.sock"
        self.counters = self.run_dir / "gatehouse-app-counters.json"
        self.cmd = ["taskset", "-c", common.SERVER_CPU, "uwsgi", "--set-ph", f"run_dir={self.run_dir}", "--ini",
                    str(ROOT / "Examples" / "app" / "uwsgi.ini"), "--processes", str(processes), "--threads", "1",
                    "--disable-logging"]
        self.proc = None

    def start(self):
        self.run_dir.mkdir(parents=True, exist_ok=True)
        for stale in (self.socket, self.counters):
            stale.unlink(missing_ok=True)
        self.proc = subprocess.Popen(self.cmd, stdout=subprocess.DEVNULL, stderr=open(WORK / "uwsgi.log", "ab"))
        deadline = time.time() + 15
        while not self.socket.exists():
            if self.proc.poll() is not None or time.time() > deadline:
                raise RuntimeError("uWSGI did not start; see " + str(WORK / "uwsgi.log"))
            time.sleep(0.05)
        return self

    def read_counters(self):
        try:
            return json.loads(self.counters.read_text())
        except (OSError, ValueError):
            return {}

    def stop(self):
        if self.proc and self.proc.poll() is None:
            self.proc.send_signal(2)
            try:
                self.proc.wait(10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()


def nginx(port, cert, key, sock):
    cache_dir = WORK / "nginx" / "cache"
    common.sh(["rm", "-rf", str(cache_dir)])
    uwsgi = f"""
      include /etc/nginx/uwsgi_params;
      uwsgi_pass unix:{sock};
      uwsgi_cache gh;
      uwsgi_cache_key $scheme$host$request_uri;
      uwsgi_cache_lock on;
      uwsgi_cache_use_stale updating error timeout;
"""
    return common.nginx_server(
        port, cert, key, extra_main="user root;",
        extra_http=f"uwsgi_cache_path {cache_dir} levels=1:2 keys_zone=gh:10m max_size=128m inactive=10m;",
        extra_server=f"""
    location /posts/surge {{ {uwsgi} uwsgi_cache_valid 200 1s; }}
    location / {{ {uwsgi} uwsgi_cache_valid 200 60s; }}
""")


def gatehouse(port, cert, key, sock):
    config = WORK / "cache-bench.toml"
    config.write_text("""
[http]
# as nginx's keepalive_requests in common.py
max_requests_per_connection = 100000

[cache]
enabled = true

[[cache.rule]]
prefix = "/posts/surge"
ttl = "1s"

[[cache.rule]]
prefix = "/posts/"
ttl = "60s"

[[cache.rule]]
prefix = "/big"
ttl = "60s"
""")
    return common.gatehouse_server(port, cert, key, ["-c", str(config), "--upstream", f"unix:{sock}"])


def wrk(url, seconds, connections, script=None):
    return common.run_wrk(url, seconds, connections, ["-s", str(script)] if script else [])


def warm(port, path):
    subprocess.run(["curl", "-sk", "-o", "/dev/null", f"https://127.0.0.1:{port}{path}"], check=True)


def surge(server, app, seconds):
    script = WORK / "surge.lua"
    paths = ", ".join(f'"{p}"' for p in SURGE_PAGES)
    script.write_text(f"""
local paths = {{ {paths} }}
local i = 0
request = function()
  i = i + 1
  return wrk.format("GET", paths[(i % #paths) + 1])
end
""")
    samples = []
    done = threading.Event()

    def sample():
        while not done.is_set():
            samples.append((time.monotonic(), app.read_counters()))
            done.wait(1.0)

    sampler = threading.Thread(target=sample)
    before = app.read_counters()
    sampler.start()
    result = wrk(f"https://127.0.0.1:{server.port}/", seconds, 1000, script)
    done.set()
    sampler.join()
    after = app.read_counters()
    per_page = [after.get(p, 0) - before.get(p, 0) for p in SURGE_PAGES]
    busiest = 0
    for (t0, c0), (t1, c1) in zip(samples, samples[1:]):
        for p in SURGE_PAGES:
            busiest = max(busiest, c1.get(p, 0) - c0.get(p, 0))
    result.update(backend_total=sum(per_page), backend_max_page=max(per_page),
                  backend_per_page_s=max(per_page) / seconds, busiest_window=busiest)
    return result


def measure(server, app, seconds, surge_seconds):
    r = {}
    for name, path in PAGES.items():
        warm(server.port, path)
        c0 = common.cpu_seconds(server.pids())
        res = wrk(f"https://127.0.0.1:{server.port}{path}", seconds, 50)
        c1 = common.cpu_seconds(server.pids())
        res["cpu_us"] = (c1 - c0) * 1e6 / max(res["reqs"], 1)
        r[name] = res
    time.sleep(1)
    r["surge"] = surge(server, app, surge_seconds)
    return r


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--seconds", type=int, default=10)
    ap.add_argument("--surge-seconds", type=int, default=20)
    args = ap.parse_args()
    cert, key, _ = common.prepare()
    results = {}
    for name, make, port in (("nginx", nginx, 19453), ("gatehouse", gatehouse, 19454)):
        app = UWSGIApp().start()
        server = make(port, cert, key, app.socket)
        server.start()
        try:
            results[name] = measure(server, app, args.seconds, args.surge_seconds)
        finally:
            server.stop()
            app.stop()
    g, n = results["gatehouse"], results["nginx"]
    rows = []
    for page in PAGES:
        for field, label, better in (("rps", "req/s", "higher"), ("p99", "p99 ms", "lower"),
                                     ("cpu_us", "server CPU µs/req", "lower")):
            ratio = g[page][field] / n[page][field] if n[page][field] else float("nan")
            rows.append([f"cached {page} page: {label}", f"{n[page][field]:.1f}", f"{g[page][field]:.1f}",
                         f"{ratio:.2f}", better])
    s_g, s_n = g["surge"], n["surge"]
    for field, label in (("rps", "surge: client req/s"), ("p99", "surge: p99 ms"),
                         ("backend_total", "surge: backend requests, all 10 pages"),
                         ("backend_max_page", "surge: backend requests, busiest page"),
                         ("backend_per_page_s", "surge: backend req per page per second (busiest page)"),
                         ("busiest_window", "surge: most backend req for one page in a sampled 1 s window")):
        ratio = s_g[field] / s_n[field] if s_n[field] else float("nan")
        rows.append([label, f"{s_n[field]:.2f}", f"{s_g[field]:.2f}", f"{ratio:.2f}", ""])
    print(table(rows, ["scenario", "nginx", "gatehouse", "ratio G/N", "better"]))
    for name, r in results.items():
        bad = {k: (v["non2xx"], v["socket_errors"]) for k, v in r.items() if v["non2xx"] or v["socket_errors"]}
        if bad:
            print(f"{name}: non-2xx / socket errors: {bad}", file=sys.stderr)
    limit_ok = s_g["backend_per_page_s"] <= 1.0 + 1.0 / args.surge_seconds and s_g["busiest_window"] <= 2
    print(f"gatehouse surge: {'OK' if limit_ok else 'OVER LIMIT'} "
          f"({s_g['backend_max_page']} backend requests for the busiest page in {args.surge_seconds} s)")


if __name__ == "__main__":
    main()
