"""Shared fixtures for the real-process tests: the built `gatehouse` binary, free loopback ports, test
certificates, a Gatehouse process and a real uWSGI process, each stopped by PID."""
import os
import pathlib
import signal
import socket
import subprocess
import time

import pytest

from pki import CA

REPO = pathlib.Path(__file__).resolve().parents[2]
BIN = os.environ.get("GATEHOUSE_BIN", str(REPO / ".build" / "debug" / "gatehouse"))


_handed_out = set()


def free_port():
    """A loopback port nothing listens on, never the same one twice in this test session: two picks of the kernel's
    `bind(0)` may return the same port once the first probe socket is closed, and a server given the same port for
    two listeners binds the first, fails on the second and exits (a client that connected in between sees a reset)."""
    while True:
        with socket.socket() as s:
            s.bind(("127.0.0.1", 0))
            port = s.getsockname()[1]
        if port not in _handed_out:
            _handed_out.add(port)
            return port


def wait_for_port(port, timeout=15.0, proc=None):
    deadline = time.time() + timeout
    while time.time() < deadline:
        if proc is not None and proc.poll() is not None:
            raise RuntimeError(f"process exited with {proc.returncode} before listening on {port}")
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.5):
                pass
        except OSError:
            time.sleep(0.05)
            continue
        # The port answers, but a server binds its listeners one by one and exits if a later one fails: give it a
        # moment and make sure it is still there.
        time.sleep(0.1)
        if proc is not None and proc.poll() is not None:
            raise RuntimeError(f"process exited with {proc.returncode} right after listening on {port}")
        return
    raise TimeoutError(f"nothing listening on {port}")


class Gatehouse:
    """A `gatehouse serve` process on free loopback ports."""

    def __init__(self, workdir, args=(), config=None, tls=True, certs=None):
        self.workdir = pathlib.Path(workdir)
        self.https_port = free_port()
        self.http_port = free_port()
        self.access_log = self.workdir / "access.log"
        self.log_path = self.workdir / "gatehouse.log"
        cmd = [BIN, "serve", "--https", f"127.0.0.1:{self.https_port}", "--http", f"127.0.0.1:{self.http_port}",
               "--access-log", str(self.access_log)]
        if config:
            cfg = self.workdir / "gatehouse.toml"
            cfg.write_text(config)
            cmd += ["-c", str(cfg)]
        for cert, key in (certs or []):
            cmd += ["--cert", str(cert), "--key", str(key)]
        if not tls:
            cmd.append("--insecure-plaintext")
        cmd += list(args)
        self.cmd = cmd
        self.proc = None

    def start(self):
        self.log = open(self.log_path, "ab")
        self.proc = subprocess.Popen(self.cmd, stdout=self.log, stderr=subprocess.STDOUT, cwd=self.workdir)
        wait_for_port(self.https_port, proc=self.proc)
        return self

    @property
    def pid(self):
        return self.proc.pid

    def url(self, path="/"):
        return f"https://localhost:{self.https_port}{path}"

    def stop(self, sig=signal.SIGTERM, timeout=20):
        if self.proc and self.proc.poll() is None:
            self.proc.send_signal(sig)
            try:
                self.proc.wait(timeout=timeout)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
        if self.proc:
            self.log.close()
        return self.proc.returncode if self.proc else None

    def logs(self):
        return self.log_path.read_text(errors="replace") if self.log_path.exists() else ""

    def fd_count(self):
        return len(os.listdir(f"/proc/{self.pid}/fd"))

    def rss_kb(self):
        for line in pathlib.Path(f"/proc/{self.pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
        return 0


class UWSGI:
    """The example app under Debian's uWSGI on a Unix socket."""

    def __init__(self, workdir, processes=2, threads=1, extra=()):
        self.workdir = pathlib.Path(workdir)
        self.run_dir = self.workdir / f"uwsgi-{free_port()}"
        self.socket = self.run_dir / "app.sock"
        self.log_path = self.workdir / "uwsgi.log"
        self.cmd = ["uwsgi", "--set-ph", f"run_dir={self.run_dir}", "--ini", str(REPO / "Examples" / "app" / "uwsgi.ini"),
                    "--processes", str(processes), "--threads", str(threads), *extra]
        self.proc = None

    def start(self):
        self.log = open(self.log_path, "ab")
        self.proc = subprocess.Popen(self.cmd, stdout=self.log, stderr=subprocess.STDOUT, cwd=self.workdir)
        deadline = time.time() + 15
        while not self.socket.exists():
            if self.proc.poll() is not None or time.time() > deadline:
                raise RuntimeError("uWSGI did not start: " + self.log_path.read_text(errors="replace")[-2000:])
            time.sleep(0.05)
        return self

    def stop(self):
        if self.proc and self.proc.poll() is None:
            self.proc.send_signal(signal.SIGINT)
            try:
                self.proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
            self.log.close()


@pytest.fixture(scope="session")
def pki(tmp_path_factory):
    """A test CA with an ECDSA localhost leaf, a second name, a wildcard and an RSA pair for localhost."""
    d = tmp_path_factory.mktemp("pki")
    ca = CA(d)
    ca.localhost = ca.issue("localhost", ["localhost", "127.0.0.1", "::1"])
    ca.localhost_rsa = ca.issue("localhost-rsa", ["localhost", "127.0.0.1", "::1"], kind="rsa")
    ca.other = ca.issue("other", ["other.test"])
    ca.wildcard = ca.issue("wild", ["*.example.test"])
    return ca


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    """Keeps each phase's report on the test item, so fixtures can tell at teardown whether the test failed."""
    outcome = yield
    setattr(item, f"report_{outcome.get_result().when}", outcome.get_result())


@pytest.fixture
def gatehouse_factory(tmp_path, request):
    started = []

    def make(**kwargs):
        g = Gatehouse(tmp_path, **kwargs)
        started.append(g)
        return g.start()

    yield make
    # A Gatehouse that died on its own (a signal other than the SIGTERM/SIGKILL sent here) is a crash: fail the
    # test even if its assertions passed. On any failure, show what the server logged.
    crashed = [(g, g.proc.returncode) for g in started
               if g.proc and g.proc.poll() is not None
               and g.proc.returncode < 0 and -g.proc.returncode not in (signal.SIGTERM, signal.SIGKILL)]
    for g in started:
        g.stop()
    report = getattr(request.node, "report_call", None)
    if crashed or (report is not None and report.failed):
        for g in started:
            tail = g.logs()[-6000:]
            print(f"--- gatehouse pid {g.pid} exit {g.proc.returncode} log tail ---\n{tail}")
    assert not crashed, f"gatehouse exited on its own: {[(g.pid, code) for g, code in crashed]}"


@pytest.fixture
def uwsgi_factory(tmp_path):
    started = []

    def make(**kwargs):
        u = UWSGI(tmp_path, **kwargs)
        started.append(u)
        return u.start()

    yield make
    for u in started:
        u.stop()
