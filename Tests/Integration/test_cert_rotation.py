"""Issue 6: certificates rotate without a restart, tested against the built binary.

Real clients (Python ssl + http.client) make new TLS connections and keep-alive requests while the test rewrites
the certificate files the way renewal tools do; the peer certificate's serial shows which pair is serving. The admin
listener's /metrics gives the reload and failure counters, so the tests wait for events instead of sleeping."""
import http.client
import os
import pathlib
import signal
import socket
import ssl
import threading
import time
import urllib.error
import urllib.request

import pytest

from conftest import free_port
from pki import serial_of_der, serial_of_pem

NAMES = ["localhost", "127.0.0.1", "::1"]
TOKEN = "rotation-test-token"
SWAP_DEADLINE = 2.0          # issue 6: new handshakes present the new serial within 2 s of a good rotation


def wait_for_port(port, timeout=15.0):
    deadline = time.monotonic() + timeout
    while True:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1):
                return
        except OSError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.05)


def client_context(pki):
    return ssl.create_default_context(cafile=str(pki.cert_path))


class Connection(http.client.HTTPSConnection):
    """HTTPS to 127.0.0.1 with SNI and verification for `localhost` (no ::1 attempt first)."""

    def __init__(self, port, ctx, server_name="localhost", timeout=15):
        super().__init__(server_name, port, context=ctx, timeout=timeout)
        self.server_name = server_name

    def connect(self):
        raw = socket.create_connection(("127.0.0.1", self.port), self.timeout)
        self.sock = self._context.wrap_socket(raw, server_hostname=self.server_name)

    def serial(self):
        return serial_of_der(self.sock.getpeercert(binary_form=True))

    def status(self, path="/_gatehouse/status"):
        self.request("GET", path)
        response = self.getresponse()
        response.read()
        return response.status


def presented_serial(port, ctx, server_name="localhost"):
    conn = Connection(port, ctx, server_name)
    try:
        conn.connect()
        return conn.serial()
    finally:
        conn.close()


def wait_for_serial(port, ctx, serial, since, deadline=SWAP_DEADLINE, server_name="localhost"):
    """Polls new handshakes until `serial` is presented; returns the delay from `since`. Fails after `deadline`."""
    seen = None
    while True:
        seen = presented_serial(port, ctx, server_name)
        now = time.monotonic()
        if seen == serial:
            return now - since
        if now - since > deadline:
            pytest.fail(f"serial {serial:x} not presented {deadline}s after the rotation (still {seen:x})")
        time.sleep(0.05)


def write_in_place(path, data):
    with open(path, "wb") as f:
        f.write(data)


def write_rename(path, data):
    tmp = pathlib.Path(str(path) + ".tmp")
    tmp.write_bytes(data)
    os.replace(tmp, path)


class Layout:
    """The served files: tls/current/{cert,key}.pem with `current` a symlink to one of tls/v*/ (so a directory
    flip, as with Kubernetes' ..data, is one of the ways to rotate)."""

    def __init__(self, root, pair):
        self.root = pathlib.Path(root) / "tls"
        self.root.mkdir()
        self.generation = 0
        target = self._new_directory(pair)
        os.symlink(target.name, self.root / "current")
        self.cert = self.root / "current" / "cert.pem"
        self.key = self.root / "current" / "key.pem"

    def _new_directory(self, pair):
        self.generation += 1
        d = self.root / f"v{self.generation}"
        d.mkdir()
        (d / "cert.pem").write_bytes(pair.cert)
        (d / "key.pem").write_bytes(pair.key)
        return d

    def in_place(self, pair):
        write_in_place(self.cert, pair.cert)
        write_in_place(self.key, pair.key)

    def rename(self, pair):
        write_rename(self.cert, pair.cert)
        write_rename(self.key, pair.key)

    def flip(self, pair):
        target = self._new_directory(pair)
        link = self.root / "current.tmp"
        os.symlink(target.name, link)
        os.replace(link, self.root / "current")

    def apart(self, pair):
        write_in_place(self.cert, pair.cert)
        time.sleep(1.0)
        write_in_place(self.key, pair.key)


class Pair:
    counter = 0

    def __init__(self, pki, names=NAMES, **kw):
        Pair.counter += 1
        cert_path, key_path, serial = pki.issue(f"rot{Pair.counter}", names, **kw)
        self.cert = cert_path.read_bytes()
        self.key = key_path.read_bytes()
        self.serial = serial
        assert serial_of_pem(self.cert) == serial


class Admin:
    def __init__(self, port):
        self.base = f"http://127.0.0.1:{port}"

    def metrics(self):
        with urllib.request.urlopen(self.base + "/metrics", timeout=15) as r:
            text = r.read().decode()
        values = {}
        for line in text.splitlines():
            if line and not line.startswith("#"):
                key, _, value = line.rpartition(" ")
                values[key] = float(value)
        return values

    def counter(self, name):
        return self.metrics().get(name, 0)

    def reload(self, token=TOKEN):
        req = urllib.request.Request(self.base + "/reload", method="POST", data=b"")
        if token:
            req.add_header("Authorization", f"Bearer {token}")
        try:
            with urllib.request.urlopen(req, timeout=30) as r:
                return r.status, r.read().decode()
        except urllib.error.HTTPError as e:
            return e.code, e.read().decode()

    def wait_counter(self, name, above, timeout=8.0):
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            value = self.counter(name)
            if value > above:
                return value
            time.sleep(0.05)
        pytest.fail(f"{name} did not rise above {above} within {timeout}s")


def config(admin_port, cert, key, extra_tls=""):
    return (f'[listen]\nadmin = "127.0.0.1:{admin_port}"\n\n[admin]\ntoken = "{TOKEN}"\n\n'
            f'[tls]\n{extra_tls}\n[[tls.certificate]]\ncert = "{cert}"\nkey = "{key}"\n')


def start(gatehouse_factory, tmp_path, pki, extra_tls, first=None):
    first = first or Pair(pki)
    layout = Layout(tmp_path, first)
    admin_port = free_port()
    gh = gatehouse_factory(config=config(admin_port, layout.cert, layout.key, extra_tls))
    wait_for_port(admin_port)
    return gh, layout, Admin(admin_port), first


class Load:
    """Clients running until stopped: workers making new connections (3 keep-alive requests each), and one
    connection opened before the rotations and reused throughout. Every failure and every serial is recorded."""

    def __init__(self, port, ctx, workers=3):
        self.port, self.ctx = port, ctx
        self.stop = threading.Event()
        self.lock = threading.Lock()
        self.errors = []
        self.handshakes = []          # (monotonic start, serial)
        self.requests = 0
        self.keepalive = Connection(port, ctx)
        self.keepalive.connect()
        self.keepalive_serial = self.keepalive.serial()
        assert self.keepalive.status() == 200
        self.keepalive_requests = 1
        self.threads = [threading.Thread(target=self._new_connections, daemon=True) for _ in range(workers)]
        self.threads.append(threading.Thread(target=self._keepalive, daemon=True))

    def __enter__(self):
        for t in self.threads:
            t.start()
        return self

    def __exit__(self, *exc):
        self.stop.set()
        for t in self.threads:
            t.join(timeout=30)
        # The connection opened before everything still answers afterwards.
        try:
            status = self.keepalive.status()
            if status != 200:
                self._record_error("keep-alive (last)", f"status {status}")
            self.keepalive_requests += 1
        except Exception as e:  # noqa: BLE001
            self._record_error("keep-alive (last)", e)
        self.keepalive.close()

    def _record_error(self, what, error):
        with self.lock:
            self.errors.append(f"{what}: {error!r}")

    def _new_connections(self):
        while not self.stop.is_set():
            started = time.monotonic()
            conn = Connection(self.port, self.ctx)
            try:
                conn.connect()
                serial = conn.serial()
                with self.lock:
                    self.handshakes.append((started, serial))
                for _ in range(3):
                    status = conn.status()
                    if status != 200:
                        self._record_error("request", f"status {status}")
                    with self.lock:
                        self.requests += 1
            except Exception as e:  # noqa: BLE001 - every failure is a test failure
                self._record_error("new connection", e)
            finally:
                conn.close()

    def _keepalive(self):
        while not self.stop.is_set():
            try:
                status = self.keepalive.status()
                if status != 200:
                    self._record_error("keep-alive", f"status {status}")
                self.keepalive_requests += 1
            except Exception as e:  # noqa: BLE001
                self._record_error("keep-alive", e)
                return
            self.stop.wait(0.1)


def test_rotation_under_load(gatehouse_factory, tmp_path, pki):
    gh, layout, admin, first = start(gatehouse_factory, tmp_path, pki, 'debounce = "300ms"\n')
    ctx = client_context(pki)
    good = [first.serial]
    timeline = [(time.monotonic(), first.serial)]     # (when observed, serial) for each good rotation
    methods = [layout.in_place, layout.rename, layout.flip, layout.apart]
    other = Pair(pki)
    expired = Pair(pki, days=-1, not_before_days=-30)
    wrong = Pair(pki, names=["wrong.test"])
    truncated = Pair(pki)
    broken = {
        2: ("key of another certificate", lambda: write_in_place(layout.key, other.key)),
        6: ("truncated PEM", lambda: write_in_place(layout.cert, truncated.cert[: len(truncated.cert) // 2])),
        10: ("expired certificate", lambda: layout.rename(expired)),
        14: ("certificate for the wrong name", lambda: layout.rename(wrong)),
        18: ("empty file", lambda: write_in_place(layout.cert, b"")),
    }
    refusals = []
    delays = []
    begin = time.monotonic()
    with Load(gh.https_port, ctx) as load:
        for i in range(20):
            if i in broken:
                label, act = broken[i]
                failures = admin.counter("gatehouse_tls_reload_failures_total")
                act()
                admin.wait_counter("gatehouse_tls_reload_failures_total", failures)
                assert presented_serial(gh.https_port, ctx) == good[-1], label
                refusals.append(label)
            pair = Pair(pki)
            methods[i % 4](pair)
            done = time.monotonic()
            delays.append(wait_for_serial(gh.https_port, ctx, pair.serial, done))
            good.append(pair.serial)
            timeline.append((time.monotonic(), pair.serial))
        # Keep the clients running for the full 20 s the issue asks for.
        load.stop.wait(max(0.0, 20.0 - (time.monotonic() - begin)))
    elapsed = time.monotonic() - begin
    assert load.errors == [], load.errors[:10]
    assert len(refusals) == 5
    assert max(delays) <= SWAP_DEADLINE
    assert elapsed >= 20.0
    # Only good certificates were ever presented, and never an older one once a newer one had been observed.
    index = {serial: i for i, serial in enumerate(good)}
    assert all(serial in index for _, serial in load.handshakes), "a refused certificate was presented"
    for started, serial in load.handshakes:
        observed = [i for i, (when, _) in enumerate(timeline) if when < started]
        assert index[serial] >= max(observed), f"handshake at {started - begin:.2f}s got an older certificate"
    assert len(load.handshakes) >= 40 and load.requests >= 120, (len(load.handshakes), load.requests)
    # The keep-alive connection opened before the rotations kept working, on the pair it was given.
    assert load.keepalive_requests >= 50
    assert load.keepalive_serial == first.serial
    metrics = admin.metrics()
    assert metrics["gatehouse_tls_reloads_total"] == 20
    assert metrics["gatehouse_tls_reload_failures_total"] >= 5
    logs = gh.logs()
    assert "certificate reload refused" in logs and str(layout.key) in logs and "does not match" in logs
    assert "expired on" in logs and "does not cover name 'localhost'" in logs
    assert gh.proc.poll() is None


def test_default_debounce_takes_cert_and_key_written_apart_as_one_pair(gatehouse_factory, tmp_path, pki):
    # Default [tls] settings: watch on, 2 s debounce. The certificate lands 1 s before its key; the quiet period
    # must cover the gap, so nothing is refused and the new pair arrives once, about 2 s after the key.
    gh, layout, admin, first = start(gatehouse_factory, tmp_path, pki, "")
    ctx = client_context(pki)
    pair = Pair(pki)
    write_rename(layout.cert, pair.cert)
    time.sleep(1.0)
    write_rename(layout.key, pair.key)
    last_write = time.monotonic()
    delay = wait_for_serial(gh.https_port, ctx, pair.serial, last_write, deadline=2.0 + 4.0)
    assert delay >= 1.9, f"swapped {delay:.2f}s after the last write, before the 2 s quiet period"
    metrics = admin.metrics()
    assert metrics["gatehouse_tls_reload_failures_total"] == 0
    assert metrics["gatehouse_tls_reloads_total"] == 1
    assert metrics['gatehouse_tls_certificate_expiry_timestamp_seconds{name="localhost"}'] > time.time() + 20 * 86400


def test_certbot_live_archive_links_and_kubernetes_data_swap(gatehouse_factory, tmp_path, pki):
    ctx = client_context(pki)
    # certbot: live/site/*.pem are symlinks into archive/site/*N.pem, re-pointed one at a time on renewal.
    live, archive = tmp_path / "le" / "live" / "site", tmp_path / "le" / "archive" / "site"
    live.mkdir(parents=True)
    archive.mkdir(parents=True)
    first = Pair(pki)
    (archive / "cert1.pem").write_bytes(first.cert)
    (archive / "privkey1.pem").write_bytes(first.key)
    os.symlink("../../archive/site/cert1.pem", live / "cert.pem")
    os.symlink("../../archive/site/privkey1.pem", live / "privkey.pem")
    # Kubernetes secret volume: tls.crt -> ..data/tls.crt, ..data -> ..<timestamp>, swapped by renaming ..data_tmp.
    mount = tmp_path / "secret"
    mount.mkdir()
    k8s_first = Pair(pki, names=["other.test"])
    (mount / "..t1").mkdir()
    (mount / "..t1" / "tls.crt").write_bytes(k8s_first.cert)
    (mount / "..t1" / "tls.key").write_bytes(k8s_first.key)
    os.symlink("..t1", mount / "..data")
    os.symlink("..data/tls.crt", mount / "tls.crt")
    os.symlink("..data/tls.key", mount / "tls.key")

    admin_port = free_port()
    cfg = config(admin_port, live / "cert.pem", live / "privkey.pem", 'debounce = "300ms"\n')
    cfg += f'\n[[tls.certificate]]\ncert = "{mount / "tls.crt"}"\nkey = "{mount / "tls.key"}"\n'
    gh = gatehouse_factory(config=cfg)
    wait_for_port(admin_port)
    assert presented_serial(gh.https_port, ctx) == first.serial
    assert presented_serial(gh.https_port, ctx, "other.test") == k8s_first.serial

    for n in (2, 3):
        pair = Pair(pki)
        (archive / f"cert{n}.pem").write_bytes(pair.cert)
        (archive / f"privkey{n}.pem").write_bytes(pair.key)
        for link, target in (("cert.pem", f"cert{n}.pem"), ("privkey.pem", f"privkey{n}.pem")):
            os.unlink(live / link)
            os.symlink(f"../../archive/site/{target}", live / link)
        wait_for_serial(gh.https_port, ctx, pair.serial, time.monotonic())

    for n in (2, 3):
        pair = Pair(pki, names=["other.test"])
        (mount / f"..t{n}").mkdir()
        (mount / f"..t{n}" / "tls.crt").write_bytes(pair.cert)
        (mount / f"..t{n}" / "tls.key").write_bytes(pair.key)
        os.symlink(f"..t{n}", mount / "..data_tmp")
        os.replace(mount / "..data_tmp", mount / "..data")
        for old in (mount / f"..t{n - 1}").iterdir():
            old.unlink()
        (mount / f"..t{n - 1}").rmdir()
        wait_for_serial(gh.https_port, ctx, pair.serial, time.monotonic(), server_name="other.test")
    # Rotating one name never touched the other.
    assert presented_serial(gh.https_port, ctx) == pair_serial_of(live / "cert.pem")
    assert Admin(admin_port).counter("gatehouse_tls_reload_failures_total") == 0


def pair_serial_of(path):
    return serial_of_pem(pathlib.Path(path).read_bytes())


def test_sighup_reloads_in_the_same_process(gatehouse_factory, tmp_path, pki):
    gh, layout, admin, first = start(gatehouse_factory, tmp_path, pki, "watch = false\n")
    ctx = client_context(pki)
    pid = gh.pid
    with Load(gh.https_port, ctx, workers=2) as load:
        pair = Pair(pki)
        layout.rename(pair)
        # With watching off, nothing changes until the signal.
        assert admin.counter("gatehouse_tls_reloads_total") == 0
        assert presented_serial(gh.https_port, ctx) == first.serial
        sent = time.monotonic()
        os.kill(pid, signal.SIGHUP)
        wait_for_serial(gh.https_port, ctx, pair.serial, sent)

        failures = admin.counter("gatehouse_tls_reload_failures_total")
        layout.rename(Pair(pki, days=-1, not_before_days=-30))
        os.kill(pid, signal.SIGHUP)
        admin.wait_counter("gatehouse_tls_reload_failures_total", failures)
        assert presented_serial(gh.https_port, ctx) == pair.serial
    assert load.errors == [], load.errors[:10]
    assert {serial for _, serial in load.handshakes} <= {first.serial, pair.serial}
    assert load.keepalive_serial == first.serial and load.keepalive_requests >= 2
    assert "expired on" in gh.logs() and "certificates: reloaded localhost" in gh.logs()
    assert gh.proc.poll() is None and gh.pid == pid
    assert pathlib.Path(f"/proc/{pid}/exe").resolve() == pathlib.Path(gh.cmd[0]).resolve()


def test_admin_reload_is_synchronous_and_reports(gatehouse_factory, tmp_path, pki):
    gh, layout, admin, first = start(gatehouse_factory, tmp_path, pki, "watch = false\n")
    ctx = client_context(pki)
    pid = gh.pid
    status, body = admin.reload(token=None)
    assert status == 401
    status, body = admin.reload(token="wrong")
    assert status == 401

    with Load(gh.https_port, ctx, workers=2) as load:
        pair = Pair(pki)
        layout.flip(pair)
        status, body = admin.reload()
        assert status == 200 and "certificates: reloaded localhost" in body, body
        assert f"{pair.serial:X}".lstrip("0") in body
        # The swap happened before the answer: the very next handshake presents the new pair.
        assert presented_serial(gh.https_port, ctx) == pair.serial

        wrong = Pair(pki, names=["wrong.test"])
        layout.rename(wrong)
        status, body = admin.reload()
        assert status == 200
        assert f"refused {layout.cert}: certificate does not cover name 'localhost'" in body, body
        assert presented_serial(gh.https_port, ctx) == pair.serial

        layout.rename(pair)                 # back to what is serving: nothing to do
        status, body = admin.reload()
        assert "certificates: 1 unchanged" in body, body
    assert load.errors == [], load.errors[:10]
    assert {serial for _, serial in load.handshakes} <= {first.serial, pair.serial}
    assert load.keepalive_serial == first.serial

    metrics = admin.metrics()
    assert metrics["gatehouse_tls_reloads_total"] == 1
    assert metrics["gatehouse_tls_reload_failures_total"] == 1
    not_after = metrics['gatehouse_tls_certificate_expiry_timestamp_seconds{name="localhost"}']
    assert abs(not_after - (time.time() + 30 * 86400)) < 600
    assert gh.proc.poll() is None and gh.pid == pid


def test_100_rotations_keep_memory_flat(gatehouse_factory, tmp_path, pki):
    gh, layout, admin, first = start(gatehouse_factory, tmp_path, pki, "watch = false\n")
    ctx = client_context(pki)
    pairs = [Pair(pki) for _ in range(120)]
    held = []                           # each pair stays in use by a live connection for 5 more rotations

    def rotate(pair):
        layout.rename(pair)
        status, body = admin.reload()
        assert status == 200 and "reloaded" in body, body
        conn = Connection(gh.https_port, ctx)
        conn.connect()
        assert conn.serial() == pair.serial
        assert conn.status() == 200
        held.append(conn)
        if len(held) > 5:
            old = held.pop(0)
            assert old.status() == 200  # an old pair's connection still works after 5 swaps
            old.close()

    for pair in pairs[:20]:             # warm-up: allocator arenas, caches, thread pools
        rotate(pair)
    before = gh.rss_kb()
    fds_before = gh.fd_count()
    for pair in pairs[20:]:
        rotate(pair)
    for conn in held:
        conn.close()
    after = gh.rss_kb()
    assert after - before < 3 * 1024, f"RSS grew by {after - before} kB over 100 rotations"
    assert gh.fd_count() <= fds_before + 2
    assert admin.counter("gatehouse_tls_reloads_total") == 120
