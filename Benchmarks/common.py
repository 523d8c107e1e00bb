"""Shared pieces of the side-by-side benchmarks: start nginx and Gatehouse pinned to one core with the same
certificate, measure a process tree's CPU time and RSS, and print ratio tables. Run by hand, never in CI."""
import os
import re
import pathlib
import signal
import socket
import subprocess
import time

ROOT = pathlib.Path(__file__).resolve().parents[1]
WORK = ROOT / "Benchmarks" / ".work"
BIN = os.environ.get("GATEHOUSE_BIN", str(ROOT / ".build" / "release" / "gatehouse"))
SERVER_CPU = os.environ.get("BENCH_SERVER_CPU", "0")
CLIENT_CPU = os.environ.get("BENCH_CLIENT_CPU", "1")
TICKS = os.sysconf("SC_CLK_TCK")


def sh(cmd, **kw):
    return subprocess.run(cmd, shell=isinstance(cmd, str), check=True, **kw)


def ensure_tools():
    need = [p for p in ("nginx", "wrk", "libnginx-mod-http-brotli-static")
            if subprocess.run(["dpkg-query", "-W", "-f=${Status}", p], capture_output=True, text=True)
            .stdout.find("install ok installed") < 0]
    if need:
        sh(["apt-get", "install", "-y", "-qq", *need])


def wait_port(port, timeout=15):
    deadline = time.time() + timeout
    while time.time() < deadline:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.5).close()
            return
        except OSError:
            time.sleep(0.05)
    raise TimeoutError(port)


def children(pid):
    out = subprocess.run(["ps", "-o", "pid=", "--ppid", str(pid)], capture_output=True, text=True).stdout
    return [int(x) for x in out.split()]


def tree(pid):
    pids = [pid]
    for c in children(pid):
        pids += tree(c)
    return pids


def cpu_seconds(pids):
    total = 0
    for p in pids:
        try:
            fields = pathlib.Path(f"/proc/{p}/stat").read_text().rsplit(")", 1)[1].split()
            total += int(fields[11]) + int(fields[12])
        except FileNotFoundError:
            pass
    return total / TICKS


def rss_kb(pids):
    total = 0
    for p in pids:
        try:
            for line in pathlib.Path(f"/proc/{p}/status").read_text().splitlines():
                if line.startswith("VmRSS:"):
                    total += int(line.split()[1])
        except FileNotFoundError:
            pass
    return total


class Server:
    def __init__(self, name, cmd, port, env=None):
        self.name, self.cmd, self.port, self.env = name, cmd, port, env
        self.proc = None

    def start(self):
        # Something already answering on the port would be measured instead of this server (its CPU would read 0).
        with socket.socket() as probe:
            if probe.connect_ex(("127.0.0.1", self.port)) == 0:
                raise RuntimeError(f"{self.name}: port {self.port} is already in use by another process")
        self.proc = subprocess.Popen(["taskset", "-c", SERVER_CPU, *self.cmd], stdout=subprocess.DEVNULL,
                                     stderr=open(WORK / f"{self.name}.log", "ab"), env=self.env)
        try:
            wait_port(self.port)
        except BaseException:
            self.stop()   # never leave a half-started server behind
            raise
        time.sleep(0.3)
        return self

    def pids(self):
        return tree(self.proc.pid)

    def stop(self):
        if self.proc and self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
            try:
                self.proc.wait(15)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()


def nginx_server(port, cert, key, extra_http="", extra_server="", root=None, extra_main=""):
    """Debian's nginx with one worker, the same certificate and TLS settings as Gatehouse. `extra_main` goes at the
    top level (e.g. `user root;` so the worker can reach a root-owned uWSGI socket)."""
    conf_dir = WORK / "nginx"
    conf_dir.mkdir(parents=True, exist_ok=True)
    (conf_dir / "tiny.txt").write_text("x" * 64)
    root = root or conf_dir
    conf = f"""
load_module /usr/lib/nginx/modules/ngx_http_brotli_static_module.so;
{extra_main}
worker_processes 1;
daemon off;
master_process on;
pid {conf_dir}/nginx.pid;
error_log {conf_dir}/error.log warn;
events {{ worker_connections 8192; }}
worker_rlimit_nofile 20000;
http {{
  access_log off;
  include /etc/nginx/mime.types;
  ssl_protocols TLSv1.2 TLSv1.3;
  ssl_ciphers ECDHE-ECDSA-AES128-GCM-SHA256:ECDHE-RSA-AES128-GCM-SHA256:ECDHE-ECDSA-AES256-GCM-SHA384:ECDHE-RSA-AES256-GCM-SHA384:ECDHE-ECDSA-CHACHA20-POLY1305:ECDHE-RSA-CHACHA20-POLY1305;
  ssl_ecdh_curve X25519:prime256v1;
  ssl_session_cache shared:SSL:10m;
  ssl_session_tickets on;
  keepalive_requests 100000;
  {extra_http}
  server {{
    listen 127.0.0.1:{port} ssl;
    ssl_certificate {cert};
    ssl_certificate_key {key};
    root {root};
    location = /tiny {{ default_type text/plain; alias {conf_dir}/tiny.txt; }}
    {extra_server}
  }}
}}
"""
    (conf_dir / "nginx.conf").write_text(conf)
    return Server("nginx", ["nginx", "-c", str(conf_dir / "nginx.conf"), "-e", str(conf_dir / "error.log")], port)


def gatehouse_server(port, cert, key, args=()):
    return Server("gatehouse", [BIN, "serve", "--workers", "1", "--https", f"127.0.0.1:{port}", "--http", "off",
                                "--access-log", "off", "--log-level", "warning", "--cert", str(cert), "--key",
                                str(key), *args], port)


def run_wrk(url, seconds, connections, extra=()):
    """One `wrk -t1` run pinned to the client core, parsed: rps, reqs, p99 (ms), mbps, non2xx, socket_errors."""
    out = subprocess.run(["taskset", "-c", CLIENT_CPU, "wrk", "-t1", f"-c{connections}", f"-d{seconds}s",
                          "--latency", *extra, url], capture_output=True, text=True).stdout
    m = re.search(r"Requests/sec:\s+([\d.]+)", out)
    if not m:
        raise RuntimeError("wrk failed:\n" + out)
    p99 = re.search(r"99%\s+([\d.]+)(us|ms|s)\b", out)
    t = re.search(r"Transfer/sec:\s+([\d.]+)(B|KB|MB|GB)", out)
    non2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    socket_errors = re.search(r"Socket errors: (.*)", out)
    return {
        "rps": float(m.group(1)),
        "reqs": int(re.search(r"(\d+) requests in", out).group(1)),
        "p99": float(p99.group(1)) * {"us": 0.001, "ms": 1.0, "s": 1000.0}[p99.group(2)] if p99 else float("nan"),
        "mbps": float(t.group(1)) * {"B": 1 / 1048576, "KB": 1 / 1024, "MB": 1, "GB": 1024}[t.group(2)] if t else 0.0,
        "non2xx": int(non2xx.group(1)) if non2xx else 0,
        "socket_errors": socket_errors.group(1).strip() if socket_errors else "",
    }


def table(rows, headers):
    widths = [max(len(str(r[i])) for r in rows + [headers]) for i in range(len(headers))]
    line = lambda r: "| " + " | ".join(str(c).ljust(w) for c, w in zip(r, widths)) + " |"
    out = [line(headers), "|" + "|".join("-" * (w + 2) for w in widths) + "|"]
    out += [line(r) for r in rows]
    return "\n".join(out)


def prepare(check_tools=None):
    """What every benchmark does first: a high fd limit, the tools (`check_tools` overrides `ensure_tools`), the
    release binary, the work dir and a dev certificate. Returns (cert, key, ca) paths."""
    import resource
    resource.setrlimit(resource.RLIMIT_NOFILE, (20000, 20000))
    (check_tools or ensure_tools)()
    build_release()
    WORK.mkdir(parents=True, exist_ok=True)
    certs = WORK / "certs"
    if not (certs / "localhost.pem").exists():
        sh([BIN, "certs", "dev", "--dir", str(certs)])
    return certs / "localhost.pem", certs / "localhost-key.pem", certs / "ca.pem"


def build_release():
    if not os.environ.get("GATEHOUSE_BIN"):
        sh(["bash", "scripts/build-release.sh"], cwd=ROOT)
