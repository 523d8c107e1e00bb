"""Issue 5: dynamic requests proxied to a real uWSGI (Debian's uwsgi + python3 plugin running Examples/app) through
the built `gatehouse` binary over TLS, with real sockets: buffering both ways, limits, slow-client shielding,
backend failures, load sharing, the queue, spool-file hygiene, descriptor leaks and graceful shutdown."""
import hashlib
import http.client
import json
import os
import pathlib
import re
import signal
import socket
import ssl
import threading
import time

import pytest

MiB = 1024 * 1024


# ------------------------------------------------------------------------------------------------------------------
# Setting up: uWSGI backends and a Gatehouse in front of them


class Stack:
    """A Gatehouse in front of one or more uWSGI instances, with its spool directory."""

    def __init__(self, gh, backends, spool, pki):
        self.gh, self.backends, self.spool, self.pki = gh, backends, spool, pki

    def ctx(self):
        return ssl.create_default_context(cafile=str(self.pki.cert_path))

    def connect(self, rcvbuf=None, timeout=30):
        """A TLS socket to the gateway (optionally with a small receive buffer, to make a slow reader)."""
        raw = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        if rcvbuf:
            raw.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, rcvbuf)
        raw.settimeout(timeout)
        raw.connect(("127.0.0.1", self.gh.https_port))
        return self.ctx().wrap_socket(raw, server_hostname="localhost")

    def request(self, method, path, body=None, headers=None, timeout=30, encode_chunked=False):
        """One request on a new connection; returns (status, headers, body bytes, seconds taken)."""
        start = time.monotonic()
        conn = http.client.HTTPSConnection("localhost", self.gh.https_port, context=self.ctx(), timeout=timeout)
        try:
            conn.request(method, path, body=body, headers=headers or {}, encode_chunked=encode_chunked)
            r = conn.getresponse()
            data = r.read()
            return r.status, {k.lower(): v for k, v in r.getheaders()}, data, time.monotonic() - start
        finally:
            conn.close()

    def get_json(self, path, **kw):
        status, headers, body, _ = self.request("GET", path, **kw)
        assert status == 200, (status, body[:300])
        return json.loads(body)

    def spool_files(self):
        return sorted(p.name for p in self.spool.iterdir())

    def wait_spool_empty(self, timeout=5):
        """Spool files are deleted on the thread pool after the exchange: allow it a moment."""
        deadline = time.monotonic() + timeout
        while self.spool_files() and time.monotonic() < deadline:
            time.sleep(0.05)
        assert self.spool_files() == [], "spool files left behind"

    def access_lines(self, count, timeout=5):
        """The access log once it has at least `count` lines (it is written by a background thread)."""
        deadline = time.monotonic() + timeout
        while True:
            text = self.gh.access_log.read_text() if self.gh.access_log.exists() else ""
            lines = text.splitlines()
            if len(lines) >= count or time.monotonic() > deadline:
                return lines
            time.sleep(0.05)

    def wait_log(self, pattern, timeout=5):
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            m = re.search(pattern, self.gh.logs())
            if m:
                return m
            time.sleep(0.05)
        raise AssertionError(f"no log line matching {pattern!r}:\n{self.gh.logs()[-3000:]}")


def toml_value(v):
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, (int, float)):
        return str(v)
    if isinstance(v, (list, tuple)):
        return "[" + ", ".join(toml_value(x) for x in v) + "]"
    return json.dumps(str(v))


def config_text(spool, servers, proxy=None, upstream=None, extra=""):
    lines = ["[[static]]", 'prefix = "/_no_static_/"', f"dir = {toml_value(str(spool.parent / 'no-assets'))}", "",
             "[proxy]", f"spool_dir = {toml_value(str(spool))}"]
    lines += [f"{k} = {toml_value(v)}" for k, v in (proxy or {}).items()]
    lines += ["", "[[upstream]]", 'name = "app"', f"servers = {toml_value(servers)}"]
    lines += [f"{k} = {toml_value(v)}" for k, v in (upstream or {}).items()]
    return "\n".join(lines) + "\n" + extra


@pytest.fixture
def stack(gatehouse_factory, uwsgi_factory, pki, tmp_path):
    """Makes a stack: `stack(backends=1, processes=2, threads=1, proxy={...}, upstream={...}, servers=None)`."""

    def make(backends=1, processes=2, threads=1, proxy=None, upstream=None, servers=None, args=()):
        spool = tmp_path / "spool"
        spool.mkdir(exist_ok=True)
        started = []
        for i in range(backends):
            name = "ab"[i] if i < 2 else f"b{i}"
            started.append(uwsgi_factory(processes=processes, threads=threads,
                                         extra=("--env", f"GATEHOUSE_BACKEND_NAME={name}")))
        addresses = servers or [f"unix:{u.socket}" for u in started]
        gh = gatehouse_factory(certs=[pki.localhost[:2]], args=["--workers", "2", *args],
                               config=config_text(spool, addresses, proxy, upstream))
        return Stack(gh, started, spool, pki)

    return make


def parse_head(raw):
    """Status and lower-case headers of a raw response head (bytes up to the blank line)."""
    lines = raw.decode("latin-1").split("\r\n")
    status = int(lines[0].split()[1])
    headers = {}
    for line in lines[1:]:
        if line:
            k, v = line.split(":", 1)
            headers[k.strip().lower()] = v.strip()
    return status, headers


def read_head(sock, data=b""):
    """Reads exactly one response head, byte by byte (so nothing after it is consumed)."""
    while not data.endswith(b"\r\n\r\n"):
        b = sock.recv(1)
        if not b:
            raise ConnectionError(f"closed after {data!r}")
        data += b
    return parse_head(data)


def poll_recv(sock):
    """Whatever response bytes have arrived, without waiting (b"" if none). A readable socket is not enough: TLS 1.3
    session tickets make it readable without any response byte."""
    timeout = sock.gettimeout()
    sock.setblocking(False)
    data = b""
    try:
        while not data.endswith(b"\r\n\r\n"):
            b = sock.recv(1)
            if not b:
                break
            data += b
    except (ssl.SSLWantReadError, BlockingIOError):
        pass
    finally:
        sock.settimeout(timeout)
    return data


def read_response(sock, method="POST"):
    r = http.client.HTTPResponse(sock, method=method)
    r.begin()
    return r.status, {k.lower(): v for k, v in r.getheaders()}, r.read()


def raw_exchange(st, data, timeout=10):
    """Sends raw bytes, reads until the server closes (or the timeout); returns everything received."""
    s = st.connect(timeout=timeout)
    try:
        s.sendall(data)
        out = b""
        while True:
            try:
                chunk = s.recv(65536)
            except (ConnectionResetError, ssl.SSLError, socket.timeout):
                break
            if not chunk:
                break
            out += chunk
        return out
    finally:
        s.close()


def pattern_bytes(n, seed=7):
    """n deterministic, non-repetitive-looking bytes."""
    block = hashlib.sha256(str(seed).encode()).digest() * 2048  # 64 KiB
    return (block * (n // len(block) + 1))[:n]


# ------------------------------------------------------------------------------------------------------------------
# What reaches the app


def test_get_query_unicode_path_headers_and_https(stack):
    st = stack()
    status, headers, body, _ = st.request("GET", "/echo/caf%C3%A9/%E2%9C%93?q=a%20b&x=%C3%A9&empty=",
                                          headers={"X-Custom-Thing": "hello", "Accept-Language": "fr",
                                                   "X_Smuggled": "dropped", "Cookie": "a=1; b=2"})
    assert status == 200, body
    echo = json.loads(body)
    env = echo["environ"]
    assert env["REQUEST_METHOD"] == "GET"
    assert env["PATH_INFO"] == "/echo/café/✓"
    assert env["QUERY_STRING"] == "q=a%20b&x=%C3%A9&empty="
    assert env["REQUEST_URI"] == "/echo/caf%C3%A9/%E2%9C%93?q=a%20b&x=%C3%A9&empty="
    assert env["HTTPS"] == "on"
    assert env["REQUEST_SCHEME"] == "https" and env["wsgi.url_scheme"] == "https"
    assert env["SERVER_PROTOCOL"] == "HTTP/1.1"
    assert env["REMOTE_ADDR"] == "127.0.0.1" and int(env["REMOTE_PORT"]) > 0
    assert env["SERVER_PORT"] == str(st.gh.https_port)
    h = echo["headers"]
    assert h["HTTP_X_CUSTOM_THING"] == "hello"
    assert h["HTTP_ACCEPT_LANGUAGE"] == "fr"
    assert h["HTTP_COOKIE"] == "a=1; b=2"
    assert h["HTTP_HOST"] == f"localhost:{st.gh.https_port}"
    assert h["HTTP_X_FORWARDED_PROTO"] == "https"
    assert h["HTTP_X_FORWARDED_FOR"] == "127.0.0.1"
    # A header name with "_" would fold into the same WSGI key as "X-Smuggled": it never reaches the app.
    assert "HTTP_X_SMUGGLED" not in h
    # The request id reaches the app and comes back.
    assert h["HTTP_X_REQUEST_ID"] == headers["x-request-id"]
    assert headers["server"] == "gatehouse" and "date" in headers


# ------------------------------------------------------------------------------------------------------------------
# Request bodies: spooling, chunked, limits, smuggling, 100-continue


def test_post_20mb_is_spooled_and_arrives_intact(stack):
    st = stack(proxy={"client_max_body_size": "24MiB"})
    body = pattern_bytes(20 * MiB)
    s = st.connect()
    s.sendall(f"POST /echo HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/octet-stream\r\n"
              f"Content-Length: {len(body)}\r\n\r\n".encode())
    half = 10 * MiB
    s.sendall(body[:half])
    # Half-way through the upload the body is already in a spool file (memory holds only 64 KiB).
    deadline = time.monotonic() + 10
    while not any(n.startswith("gatehouse-body-") for n in st.spool_files()):
        assert time.monotonic() < deadline, "no spool file appeared during the upload"
        time.sleep(0.02)
    s.sendall(body[half:])
    status, _, data = read_response(s)
    s.close()
    assert status == 200, data[:300]
    echo = json.loads(data)
    assert echo["length"] == len(body)
    assert echo["sha256"] == hashlib.sha256(body).hexdigest()
    assert echo["environ"]["CONTENT_LENGTH"] == str(len(body))
    st.wait_spool_empty()


def test_fast_large_upload_keeps_gateway_memory_bounded(stack):
    """A client uploading as fast as loopback allows: the body goes to the spool file, and the gateway reads the
    client no faster than the spool is written (its sink's backpressure), so its RSS stays far below the body."""
    size = 160 * MiB
    st = stack(proxy={"client_max_body_size": "200MiB"})
    base = st.gh.rss_kb()
    peak = [base]
    done = threading.Event()

    def sample():
        while not done.is_set():
            peak[0] = max(peak[0], st.gh.rss_kb())
            time.sleep(0.01)

    sampler = threading.Thread(target=sample)
    sampler.start()
    try:
        block = pattern_bytes(MiB)
        s = st.connect(timeout=120)
        s.sendall(f"POST /echo HTTP/1.1\r\nHost: localhost\r\nContent-Length: {size}\r\n\r\n".encode())
        digest = hashlib.sha256()
        for _ in range(size // MiB):
            s.sendall(block)
            digest.update(block)
        status, _, data = read_response(s)
        s.close()
    finally:
        done.set()
        sampler.join()
    assert status == 200, data[:300]
    echo = json.loads(data)
    assert echo["length"] == size and echo["sha256"] == digest.hexdigest()
    grew_mib = (peak[0] - base) / 1024
    assert grew_mib < 64, f"gateway RSS grew by {grew_mib:.0f} MiB during a {size // MiB} MiB upload"
    st.wait_spool_empty()


def test_chunked_upload_is_dechunked_with_content_length(stack):
    st = stack()
    parts = [pattern_bytes(1000, 1), pattern_bytes(70_000, 2), b"x", pattern_bytes(200_000, 3)]
    status, _, data, _ = st.request("POST", "/echo", body=iter(parts), encode_chunked=True,
                                    headers={"Transfer-Encoding": "chunked"})
    assert status == 200, data[:300]
    echo = json.loads(data)
    whole = b"".join(parts)
    assert echo["length"] == len(whole)
    assert echo["environ"]["CONTENT_LENGTH"] == str(len(whole))
    assert echo["sha256"] == hashlib.sha256(whole).hexdigest()
    assert "HTTP_TRANSFER_ENCODING" not in echo["headers"]
    st.wait_spool_empty()


def test_413_on_declared_and_streamed_oversize(stack):
    st = stack(proxy={"client_max_body_size": "1MiB"})
    # Declared: answered from the head alone, before any body byte is sent.
    s = st.connect(timeout=5)
    s.sendall(b"POST /echo HTTP/1.1\r\nHost: localhost\r\nContent-Length: 2000000\r\n\r\n")
    status, _ = read_head(s)
    assert status == 413
    s.close()
    # Streamed (chunked, no length): 413 once the bytes pass the limit.
    s = st.connect(timeout=10)
    s.sendall(b"POST /echo HTTP/1.1\r\nHost: localhost\r\nTransfer-Encoding: chunked\r\n\r\n")
    chunk = pattern_bytes(64 * 1024)
    sent = 0
    early = b""
    while sent < 4 * MiB and not early:
        try:
            s.sendall(b"%x\r\n" % len(chunk) + chunk + b"\r\n")
        except OSError:
            break
        sent += len(chunk)
        early = poll_recv(s)
    assert sent >= MiB
    status, _ = parse_head(early) if early.endswith(b"\r\n\r\n") else read_head(s, early)
    s.close()
    assert status == 413
    # The server is fine afterwards and nothing was spooled for good.
    assert st.request("GET", "/whoami")[0] == 200
    st.wait_spool_empty()
    lines = st.access_lines(3)
    assert sum(1 for line in lines if '" 413 ' in line) == 2, lines
    assert all("upstream_error=body_too_large" in line for line in lines if '" 413 ' in line), lines
    # One line per request: the rest of a rejected body is not taken for another (malformed) request.
    assert len(lines) == 3, lines
    assert "malformed request" not in st.gh.logs()


def test_400_on_content_length_with_transfer_encoding(stack):
    st = stack()
    out = raw_exchange(st, b"POST /echo HTTP/1.1\r\nHost: localhost\r\nContent-Length: 5\r\n"
                           b"Transfer-Encoding: chunked\r\n\r\n0\r\n\r\nGET /count HTTP/1.1\r\nHost: localhost\r\n\r\n")
    assert out.startswith(b"HTTP/1.1 400 "), out[:200]
    # The connection is closed after the 400: the smuggled second request is never answered.
    assert out.count(b"HTTP/1.1 ") == 1, out
    stats = st.get_json("/stats")
    assert "/count" not in stats


def test_expect_100_continue(stack):
    st = stack(proxy={"client_max_body_size": "1MiB"})
    body = pattern_bytes(300_000)
    s = st.connect(timeout=10)
    s.sendall(f"POST /echo HTTP/1.1\r\nHost: localhost\r\nExpect: 100-continue\r\n"
              f"Content-Length: {len(body)}\r\n\r\n".encode())
    status, _ = read_head(s)
    assert status == 100
    s.sendall(body)
    status, _, data = read_response(s)
    assert status == 200
    assert json.loads(data)["sha256"] == hashlib.sha256(body).hexdigest()
    s.close()
    # Too large: 413 at once, never 100.
    s = st.connect(timeout=10)
    s.sendall(b"POST /echo HTTP/1.1\r\nHost: localhost\r\nExpect: 100-continue\r\nContent-Length: 5000000\r\n\r\n")
    status, _ = read_head(s)
    assert status == 413
    s.close()
    # An expectation we do not know: 417.
    s = st.connect(timeout=10)
    s.sendall(b"POST /echo HTTP/1.1\r\nHost: localhost\r\nExpect: something-else\r\nContent-Length: 5\r\n\r\n")
    status, _ = read_head(s)
    assert status == 417
    s.close()


# ------------------------------------------------------------------------------------------------------------------
# The worker is shielded from slow clients


def test_slow_upload_does_not_hold_the_worker(stack):
    st = stack(processes=1, threads=1)
    body = pattern_bytes(MiB)
    result = {}

    def trickle():
        s = st.connect(timeout=60)
        s.sendall(f"POST /echo HTTP/1.1\r\nHost: localhost\r\nContent-Length: {len(body)}\r\n\r\n".encode())
        step = len(body) // 50
        start = time.monotonic()
        for i in range(50):  # 1 MiB over ~10 s
            s.sendall(body[i * step: (i + 1) * step if i < 49 else len(body)])
            time.sleep(max(0.0, start + (i + 1) * 0.2 - time.monotonic()))
        result["sent_at"] = time.monotonic()
        result["response"] = read_response(s)
        result["answered_at"] = time.monotonic()
        s.close()

    t = threading.Thread(target=trickle)
    t.start()
    fast = []
    try:
        for _ in range(4):
            time.sleep(1.5)
            status, _, data, took = st.request("GET", "/whoami", timeout=15)
            fast.append(took)
            assert status == 200
            assert "sent_at" not in result, "the trickle ended too early for the test to mean anything"
    finally:
        t.join(40)
    assert all(took < 1.0 for took in fast), fast
    status, _, data = result["response"]
    assert status == 200
    echo = json.loads(data)
    assert echo["length"] == len(body) and echo["sha256"] == hashlib.sha256(body).hexdigest()
    st.wait_spool_empty()


def test_body_that_stalls_after_a_fast_start_is_408(stack):
    # 100 KB at once, then a byte a second: the average since the start stays far above 1 KiB/s for 100 s, but
    # the rate over the last window drops below it at once, and that is what is judged.
    st = stack(proxy={"min_body_rate": "1KiB", "body_timeout": "60s"})
    s = st.connect(timeout=30)
    s.sendall(b"POST /echo HTTP/1.1\r\nHost: localhost\r\nContent-Length: 1000000\r\n\r\n" + pattern_bytes(100_000))
    start = time.monotonic()
    status = None
    while time.monotonic() - start < 20:
        time.sleep(1)
        early = poll_recv(s)
        if early:
            status, headers = read_head(s, early)
            break
        s.sendall(b"x")
    took = time.monotonic() - start
    s.close()
    assert status == 408 and took < 15, (status, took)
    assert headers.get("connection") == "close"
    st.wait_log(r"request body slower than 1024 bytes/s")
    assert any('" 408 ' in l and "upstream_error=client_body_too_slow" in l for l in st.access_lines(1))
    st.wait_spool_empty()


def test_slow_reader_does_not_hold_the_worker(stack):
    st = stack(processes=1, threads=1)
    size = 16_000_000
    s = st.connect(rcvbuf=4096, timeout=30)
    s.sendall(f"GET /big?n={size} HTTP/1.1\r\nHost: localhost\r\n\r\n".encode())
    status, headers = read_head(s)
    assert status == 200 and headers["content-length"] == str(size)
    # The response is larger than the memory threshold: it waits in a spool file, not in the worker.
    assert any(n.startswith("gatehouse-resp-") for n in st.spool_files())
    got = b""
    for _ in range(3):  # one byte a second
        got += s.recv(1)
        status, _, _, took = st.request("GET", "/whoami", timeout=15)
        assert status == 200 and took < 1.0, took
        time.sleep(1)
    assert got == bytes(range(3))
    s.close()  # abandoned mid-download: the spool file goes too
    st.wait_spool_empty()


# ------------------------------------------------------------------------------------------------------------------
# Backend limits and failures


def test_header_block_over_buffer_size_is_431_with_log(stack):
    st = stack(upstream={"buffer_size": 4096})
    status, headers, _, _ = st.request("GET", "/echo", headers={"X-Big": "b" * 5000})
    assert status == 431
    sock = str(st.backends[0].socket)
    st.wait_log(r"uwsgi request block of \d+ bytes is too big for backend unix:" + re.escape(sock))
    line = [l for l in st.access_lines(1) if '" 431 ' in l]
    assert line and "upstream_error=block_too_big" in line[0]
    # Under the limit it goes through.
    assert st.request("GET", "/echo", headers={"X-Big": "b" * 2000})[0] == 200
    assert "invalid request block size" not in st.backends[0].log_path.read_text()


def test_missing_backend_socket_is_502_fast(stack, tmp_path):
    st = stack(backends=0, servers=[f"unix:{tmp_path / 'nobody-here.sock'}"])
    status, headers, _, took = st.request("GET", "/whoami")
    assert status == 502 and took < 1.0, (status, took)
    st.wait_log(r"connect_refused")
    assert any("upstream_error=connect_refused" in l for l in st.access_lines(1))


def test_backend_killed_mid_response_then_next_goes_to_other(stack):
    st = stack(backends=2, processes=1)
    names = {str(u.socket): n for u, n in zip(st.backends, "ab")}
    status, _, _, _ = st.request("GET", "/die")
    assert status == 502
    m = st.wait_log(r"truncated_response.*?gatehouse\.upstream=unix:(\S+?\.sock)|gatehouse\.upstream=unix:(\S+?\.sock).*?truncated_response")
    dead = names[m.group(1) or m.group(2)]
    # The next request goes to the other backend, and succeeds.
    who = st.get_json("/whoami")
    assert who["backend"] != dead
    # Only that one request failed.
    assert all(st.request("GET", "/whoami")[0] == 200 for _ in range(4))
    # A backend that is gone altogether: its requests are retried on the other one, which serves everything.
    st.backends[["a", "b"].index(dead)].stop()
    served = {st.get_json("/whoami")["backend"] for _ in range(6)}
    assert served == {"ab"[1 - "ab".index(dead)]}


def test_slow_app_past_read_timeout_is_504(stack):
    st = stack(upstream={"read_timeout": "1s"})
    status, _, _, took = st.request("GET", "/slow?s=4")
    assert status == 504 and took < 3.0, (status, took)
    st.wait_log(r"read_timeout")
    assert any("upstream_error=read_timeout" in l for l in st.access_lines(1))


def test_two_backends_share_load(stack):
    st = stack(backends=2, processes=1)
    seen = [st.get_json("/whoami")["backend"] for _ in range(12)]
    assert seen.count("a") >= 4 and seen.count("b") >= 4, seen
    # Concurrent slow requests are spread too: two 1-second requests on two 1-worker backends take ~1 s, not 2.
    results = []
    threads = [threading.Thread(target=lambda: results.append(st.request("GET", "/slow?s=1.5"))) for _ in range(2)]
    start = time.monotonic()
    for t in threads:
        t.start()
    for t in threads:
        t.join(20)
    assert [r[0] for r in results] == [200, 200]
    assert time.monotonic() - start < 2.9


def test_queue_limit_gives_503_with_retry_after(stack):
    # One worker and max_conns 1: one request runs, a queue of N = 2 may wait, and the request after those is
    # refused at once with 503 and Retry-After.
    st = stack(processes=1, upstream={"max_conns": 1, "queue_size": 2, "queue_timeout": "20s"})
    results = {}

    def slow(i):
        results[i] = st.request("GET", "/slow?s=2", timeout=30)

    threads = [threading.Thread(target=slow, args=(i,)) for i in range(3)]
    for t in threads:
        t.start()
    time.sleep(0.8)  # all three are in (one running, two queued) long before the first ends at 2 s
    status, headers, _, took = st.request("GET", "/whoami")
    assert status == 503 and took < 1.0, (status, took)
    assert int(headers["retry-after"]) >= 1
    for t in threads:
        t.join(30)
    assert [results[i][0] for i in range(3)] == [200, 200, 200]
    assert any("upstream_error=queue_full" in l for l in st.access_lines(4))


# ------------------------------------------------------------------------------------------------------------------
# Hygiene and lifecycle


def test_no_spool_file_and_no_fd_leak_after_mixed_traffic(stack):
    st = stack(proxy={"client_max_body_size": "2MiB"})
    gh = st.gh
    for _ in range(5):
        st.request("GET", "/whoami")
    time.sleep(0.5)
    baseline = gh.fd_count()
    big = pattern_bytes(500_000)
    for i in range(40):
        assert st.request("GET", f"/echo?i={i}")[0] == 200
        assert st.request("POST", "/echo", body=big)[0] == 200
        assert st.request("GET", "/big?n=2000000")[0] == 200
        assert st.request("GET", "/error")[0] == 500
        if i % 10 == 0:
            assert raw_exchange(st, b"POST /echo HTTP/1.1\r\nHost: localhost\r\nContent-Length: 9000000\r\n\r\n") \
                .startswith(b"HTTP/1.1 413")
            # A client that vanishes half-way through a spooled upload.
            s = st.connect()
            s.sendall(b"POST /echo HTTP/1.1\r\nHost: localhost\r\nContent-Length: 1000000\r\n\r\n" + big)
            time.sleep(0.1)
            s.close()
            # ... and one that vanishes before reading a spooled response.
            s = st.connect()
            s.sendall(b"GET /big?n=3000000 HTTP/1.1\r\nHost: localhost\r\n\r\n")
            read_head(s)
            s.close()
    st.wait_spool_empty(timeout=10)
    deadline = time.monotonic() + 10
    while gh.fd_count() > baseline and time.monotonic() < deadline:
        time.sleep(0.1)
    assert gh.fd_count() <= baseline, (baseline, sorted(os.listdir(f"/proc/{gh.pid}/fd")))


def test_sigterm_lets_a_slow_request_finish_and_exits_0(stack):
    st = stack()
    result = {}
    sent = threading.Event()

    def slow():
        s = st.connect(timeout=30)
        s.sendall(b"GET /slow?s=2 HTTP/1.1\r\nHost: localhost\r\n\r\n")
        sent.set()
        result["r"] = read_response(s, method="GET")
        s.close()

    t = threading.Thread(target=slow)
    t.start()
    assert sent.wait(10)
    time.sleep(0.5)  # the request is with uWSGI now (it sleeps 2 s)
    st.gh.proc.send_signal(signal.SIGTERM)
    t.join(30)
    assert st.gh.proc.wait(timeout=30) == 0
    status, _, body = result["r"]
    assert status == 200 and body == b"slept 2.0\n"
    st.wait_spool_empty()
