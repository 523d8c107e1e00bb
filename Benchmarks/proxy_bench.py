#!/usr/bin/env python3
"""Issue 5 benchmark: the same uWSGI app (Examples/app) behind Gatehouse, behind nginx (`uwsgi_pass`), and served by
bare uWSGI (`--https`, its own HTTP router), from ONE run, same ECDSA P-256 certificate. Run by hand, never in CI.

Placement on this 2-core machine: the gateway (Gatehouse, nginx's master + 1 worker, or bare uWSGI's HTTP router
process) alone on core BENCH_SERVER_CPU (0); the uWSGI app workers, wrk and slowhttptest on BENCH_CLIENT_CPU (1).
So "gateway CPU per request" is exactly the gateway's own work (TLS, HTTP, the uwsgi hop), app time excluded.

Scenarios, per target:
  page          wrk keep-alive over HTTPS, GET / (the app's small HTML page): req/s, p99, gateway CPU µs/request.
  under attack  the same wrk run while slowhttptest holds slowloris connections (slow headers, `-H`) and
                slow-body connections (`-B`, POST /echo with Content-Length 8192, a few bytes every 5 s);
                req/s, p99, how many attack connections were open on the gateway's port, and the ratio of
                under-attack to unattacked req/s.
Usage: python3 Benchmarks/proxy_bench.py [--seconds 10] [--attack 3000] [--rate 100] [--rounds 3]
Needs: nginx, wrk, slowhttptest, uwsgi + uwsgi-plugin-python3 (installed with apt-get when missing).
"""
import argparse
import pathlib
import re
import shutil
import signal
import subprocess
import sys
import time

import common
from common import ROOT, WORK, table

APP_INI = ROOT / "Examples" / "app" / "uwsgi.ini"
PAGE = "/"


def ensure_tools():
    common.ensure_tools()
    need = [p for p in ("slowhttptest", "uwsgi", "uwsgi-plugin-python3")
            if subprocess.run(["dpkg-query", "-W", "-f=${Status}", p], capture_output=True, text=True)
            .stdout.find("install ok installed") < 0]
    if need:
        common.sh(["apt-get", "install", "-y", "-qq", *need])


class UWSGIApp:
    """The example app under uWSGI, pinned to the client core; optionally with its own HTTPS router (bare uWSGI),
    whose router process is then moved to the server core."""

    def __init__(self, name, processes=2, https=None):
        self.name = name
        self.run_dir = WORK / f"uwsgi-{name}"
        self.socket = self.run_dir / "app.sock"
        self.log_path = WORK / f"uwsgi-{name}.log"
        self.https = https
        cmd = ["taskset", "-c", common.CLIENT_CPU, "uwsgi"]
        if https:
            cmd += ["--plugin", "http"]
        cmd += ["--set-ph", f"run_dir={self.run_dir}", "--ini", str(APP_INI), "--processes", str(processes),
                "--threads", "1", "--disable-logging", "--chmod-socket=666", "--listen", "1024"]
        if https:
            port, cert, key = https
            cmd += ["--https", f"127.0.0.1:{port},{cert},{key}", "--http-keepalive=1"]
        self.cmd = cmd
        self.proc = None
        self.router_pid = None

    def start(self):
        if self.run_dir.exists():
            shutil.rmtree(self.run_dir)
        self.log_path.write_text("")
        self.proc = subprocess.Popen(self.cmd, stdout=open(self.log_path, "ab"), stderr=subprocess.STDOUT)
        deadline = time.time() + 20
        while not self.socket.exists():
            if self.proc.poll() is not None or time.time() > deadline:
                raise RuntimeError(f"uWSGI {self.name} did not start:\n" + self.log_path.read_text()[-2000:])
            time.sleep(0.05)
        if self.https:
            common.wait_port(self.https[0])
            m = None
            while m is None and time.time() < deadline:
                m = re.search(r"spawned uWSGI http 1 \(pid: (\d+)\)", self.log_path.read_text())
                time.sleep(0.05)
            self.router_pid = int(m.group(1))
            subprocess.run(["taskset", "-pc", common.SERVER_CPU, str(self.router_pid)], capture_output=True,
                           check=True)
        time.sleep(0.5)
        return self

    def stop(self):
        if self.proc and self.proc.poll() is None:
            self.proc.send_signal(signal.SIGINT)
            try:
                self.proc.wait(15)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()


class Target:
    """What the benchmark talks to: a port, and the process ids whose CPU counts as the gateway's."""

    def __init__(self, name, port, start, stop, gateway_pids):
        self.name, self.port, self._start, self._stop, self.gateway_pids = name, port, start, stop, gateway_pids

    def __enter__(self):
        self._start()
        return self

    def __exit__(self, *exc):
        self._stop()


def wrk(port, seconds, connections=50):
    r = common.run_wrk(f"https://127.0.0.1:{port}{PAGE}", seconds, connections)
    return {"rps": r["rps"], "requests": r["reqs"], "p99_ms": r["p99"], "non2xx": r["non2xx"],
            "socket_errors": r["socket_errors"]}


def core_busy(cpu):
    """Busy jiffies of one core so far (from /proc/stat)."""
    for line in pathlib.Path("/proc/stat").read_text().splitlines():
        fields = line.split()
        if fields[0] == f"cpu{cpu}":
            values = [int(v) for v in fields[1:9]]
            return (sum(values) - values[3] - values[4]) / common.TICKS
    return 0.0


def wait_for_quiet(limit_seconds, threshold=15.0):
    """Waits (up to `limit_seconds`) until both cores are less than `threshold` % busy while we are idle: other
    benchmarks on this shared machine would otherwise be measured too."""
    deadline = time.monotonic() + limit_seconds
    while True:
        b0 = (core_busy(common.SERVER_CPU), core_busy(common.CLIENT_CPU))
        time.sleep(1)
        b1 = (core_busy(common.SERVER_CPU), core_busy(common.CLIENT_CPU))
        busy = max(b1[0] - b0[0], b1[1] - b0[1]) * 100
        if busy < threshold or time.monotonic() > deadline:
            return busy
        time.sleep(2)


def timed_wrk(target, seconds):
    """wrk plus what it cost: the gateway's CPU per request, and how busy the server core was with OTHER processes
    (this machine is shared: a busy core makes a run worthless, and the table says so)."""
    pids = target.gateway_pids()
    c0, b0, t0 = common.cpu_seconds(pids), core_busy(common.SERVER_CPU), time.monotonic()
    r = wrk(target.port, seconds)
    c1, b1, t1 = common.cpu_seconds(pids), core_busy(common.SERVER_CPU), time.monotonic()
    r["cpu_us"] = (c1 - c0) * 1e6 / max(r["requests"], 1)
    r["foreign_pct"] = max(0.0, ((b1 - b0) - (c1 - c0)) / (t1 - t0) * 100)
    return r


def open_connections(port):
    """Established TCP connections on the server side of `port`."""
    out = subprocess.run(["ss", "-Htn", "state", "established", f"( sport = :{port} )"], capture_output=True,
                         text=True).stdout
    return len(out.splitlines())


def start_attack(port, connections, rate, seconds):
    """slowloris and slow-body, each with `connections` in total opened at `rate` per second."""
    common_args = ["-c", str(connections), "-r", str(rate), "-i", "5", "-l", str(seconds), "-p", "10"]
    procs = []
    for mode, extra in (("-H", ["-u", f"https://127.0.0.1:{port}/"]),
                        ("-B", ["-u", f"https://127.0.0.1:{port}/echo", "-s", "8192", "-x", "10"])):
        procs.append(subprocess.Popen(["taskset", "-c", common.CLIENT_CPU, "slowhttptest", mode, *common_args,
                                       *extra], stdout=open(WORK / f"slowhttptest{mode}.log", "ab"),
                                      stderr=subprocess.STDOUT))
    return procs


def stop_attack(procs):
    for p in procs:
        if p.poll() is None:
            p.send_signal(signal.SIGINT)
    for p in procs:
        try:
            p.wait(10)
        except subprocess.TimeoutExpired:
            p.kill()
            p.wait()


def measure(target, args):
    r = {}
    wrk(target.port, 2)  # warm-up
    wait_for_quiet(args.quiet_wait)
    r["page"] = timed_wrk(target, args.seconds)
    wait_for_quiet(args.quiet_wait)
    attack = start_attack(target.port, args.attack, args.rate, args.ramp + args.seconds + 10)
    try:
        time.sleep(args.ramp)
        held_before = open_connections(target.port)
        r["attack"] = timed_wrk(target, args.seconds)
        held_after = open_connections(target.port)
        r["held"] = min(held_before, held_after)
    finally:
        stop_attack(attack)
    time.sleep(2)
    r["ratio"] = r["attack"]["rps"] / r["page"]["rps"] if r["page"]["rps"] else 0.0
    return r


def median(values):
    values = sorted(values)
    return values[len(values) // 2]


def gatehouse_target(port, cert, key, app):
    conf = WORK / "gatehouse-proxy.toml"
    conf.write_text(f"""
[http]
max_requests_per_connection = 100000

[[static]]
prefix = "/_bench_static_/"
dir = "{WORK / 'no-such-build'}"

[proxy]
spool_dir = "{WORK / 'spool'}"

[[upstream]]
servers = ["unix:{app.socket}"]
""")
    (WORK / "spool").mkdir(exist_ok=True)
    server = common.gatehouse_server(port, cert, key, ["-c", str(conf)])
    return Target("gatehouse", port, server.start, server.stop, server.pids)


def nginx_target(port, cert, key, app):
    location = f"""
    client_body_buffer_size 64k;
    location / {{ include /etc/nginx/uwsgi_params; uwsgi_pass unix:{app.socket}; }}
"""
    server = common.nginx_server(port, cert, key, extra_server=location)
    return Target("nginx", port, server.start, server.stop, server.pids)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--seconds", type=int, default=10, help="length of each wrk run")
    ap.add_argument("--attack", type=int, default=3000, help="slowhttptest connections per attack mode")
    ap.add_argument("--rate", type=int, default=100, help="new attack connections per second per mode")
    ap.add_argument("--rounds", type=int, default=3, help="rounds (targets interleaved); the table shows medians")
    ap.add_argument("--ramp", type=int, default=12, help="seconds of attack before measuring")
    ap.add_argument("--max-foreign", type=float, default=20.0,
                    help="a round whose server core was busier than this (%%) with other processes is left out")
    ap.add_argument("--quiet-wait", type=int, default=120,
                    help="seconds to wait for other load on the machine to stop before each measurement")
    ap.add_argument("--only", default="", help="comma-separated subset of gatehouse,nginx,uwsgi")
    args = ap.parse_args()
    cert, key, _ = common.prepare(ensure_tools)

    app = UWSGIApp("app")
    bare = UWSGIApp("bare", https=(19447, cert, key))
    targets = {
        "gatehouse": lambda: gatehouse_target(19445, cert, key, app),
        "nginx": lambda: nginx_target(19446, cert, key, app),
        "uwsgi": lambda: Target("uwsgi", 19447, bare.start, bare.stop, lambda: [bare.router_pid]),
    }
    chosen = [t for t in targets if not args.only or t in args.only.split(",")]
    runs = {name: [] for name in chosen}
    app.start()
    try:
        for round_ in range(args.rounds):
            for name in chosen:
                with targets[name]() as target:
                    runs[name].append(measure(target, args))
                    print(f"round {round_ + 1} {name}: {runs[name][-1]}", file=sys.stderr, flush=True)
    finally:
        app.stop()
    # A round counts only when no other process kept the server core busy during either wrk run (this machine is
    # shared); if no round is clean, all are used and the table says so ("0/3").
    def is_clean(r):
        return r["page"]["foreign_pct"] < args.max_foreign and r["attack"]["foreign_pct"] < args.max_foreign

    results = {}
    for name, rs in runs.items():
        clean = [r for r in rs if is_clean(r)]
        used = clean or rs
        results[name] = {
            "page": {k: median([r["page"][k] for r in used]) for k in ("rps", "p99_ms", "cpu_us", "non2xx")},
            "attack": {k: median([r["attack"][k] for r in used]) for k in ("rps", "p99_ms", "non2xx")},
            "held": median([r["held"] for r in used]),
            "ratio": median([r["ratio"] for r in used]),
            "clean": f"{len(clean)}/{len(rs)}",
        }

    names = [n for n in ("gatehouse", "nginx", "uwsgi") if n in results]
    label = {"gatehouse": "Gatehouse", "nginx": "nginx uwsgi_pass", "uwsgi": "bare uWSGI --https"}
    rows = []
    def row(title, f):
        rows.append([title] + [f(results[n]) for n in names])
    row("page req/s (wrk -c50 keep-alive, GET /)", lambda r: f"{r['page']['rps']:.0f}")
    row("page p99 ms", lambda r: f"{r['page']['p99_ms']:.1f}")
    row("gateway CPU µs per request", lambda r: f"{r['page']['cpu_us']:.0f}")
    row("attack connections open on the port (min)", lambda r: f"{r['held']}")
    row("page req/s under attack", lambda r: f"{r['attack']['rps']:.0f}")
    row("page p99 ms under attack", lambda r: f"{r['attack']['p99_ms']:.1f}")
    row("under attack / unattacked", lambda r: f"{r['ratio'] * 100:.0f} %")
    row("non-2xx (unattacked, attack)", lambda r: f"{r['page']['non2xx']}, {r['attack']['non2xx']}")
    row("clean rounds (server core < {:.0f} % busy with others)".format(args.max_foreign), lambda r: r["clean"])
    print(table(rows, ["scenario"] + [label[n] for n in names]))
    detail = []
    for name in names:
        for i, r in enumerate(runs[name]):
            detail.append([label[name], i + 1, f"{r['page']['rps']:.0f}", f"{r['page']['cpu_us']:.0f}",
                           f"{r['attack']['rps']:.0f}", f"{r['ratio'] * 100:.0f} %", r["held"],
                           f"{r['page']['foreign_pct']:.0f} % / {r['attack']['foreign_pct']:.0f} %"])
    print("\nper round:")
    print(table(detail, ["target", "round", "req/s", "CPU µs/req", "req/s attacked", "ratio", "attack conns",
                         "others on server core (page / attack)"]))
    print(f"\nmedians of {args.rounds} rounds; wrk {args.seconds} s; slowhttptest -H and -B, {args.attack} connections "
          f"each at {args.rate}/s, measured after {args.ramp} s of attack")
    if "gatehouse" in results and "nginx" in results:
        g, n = results["gatehouse"], results["nginx"]
        print(f"Gatehouse/nginx: req/s {g['page']['rps'] / n['page']['rps']:.2f}x, "
              f"CPU per request {g['page']['cpu_us'] / n['page']['cpu_us']:.2f}x")


if __name__ == "__main__":
    main()
