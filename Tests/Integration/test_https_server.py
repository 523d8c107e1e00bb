"""Issue 2: the HTTPS edge, tested against the built binary with real clients (curl, openssl s_client, Python
ssl/http.client) over loopback."""
import http.client
import os
import re
import socket
import ssl
import subprocess
import threading
import time

import pytest

from pki import serial_of_der


def curl(*args, timeout=20):
    return subprocess.run(["curl", "-sS", *args], capture_output=True, text=True, timeout=timeout)


def s_client(port, *args, stdin=b"", timeout=20):
    r = subprocess.run(["openssl", "s_client", "-connect", f"127.0.0.1:{port}", *args],
                       input=stdin, capture_output=True, timeout=timeout)
    return r.stdout.decode(errors="replace") + r.stderr.decode(errors="replace")


def client_context(pki, **kw):
    ctx = ssl.create_default_context(cafile=str(pki.cert_path))
    for k, v in kw.items():
        setattr(ctx, k, v)
    return ctx


def peer_serial(port, server_name, pki, check_hostname=True):
    ctx = client_context(pki)
    ctx.check_hostname = check_hostname
    with socket.create_connection(("127.0.0.1", port), timeout=5) as raw:
        with ctx.wrap_socket(raw, server_hostname=server_name) as s:
            return serial_of_der(s.getpeercert(binary_form=True))


@pytest.fixture
def gh(gatehouse_factory, pki):
    return gatehouse_factory(certs=[pki.localhost[:2], pki.other[:2], pki.wildcard[:2]])


def test_curl_tls13_and_tls12(gh, pki):
    for extra in (["--tlsv1.3"], ["--tls-max", "1.2"]):
        r = curl("--cacert", str(pki.cert_path), "-o", "/dev/null", "-w", "%{http_code} %{ssl_verify_result}",
                 *extra, gh.url("/_gatehouse/status"))
        assert r.returncode == 0, r.stderr
        assert r.stdout == "200 0"
    out = curl("--cacert", str(pki.cert_path), "-v", "--tls-max", "1.2", "-o", "/dev/null",
               gh.url("/_gatehouse/status")).stderr
    assert "TLSv1.2" in out
    out = curl("--cacert", str(pki.cert_path), "-v", "-o", "/dev/null", gh.url("/_gatehouse/status")).stderr
    assert "TLSv1.3" in out


def test_tls11_refused(gh, pki):
    out = s_client(gh.https_port, "-tls1_1", "-cipher", "DEFAULT@SECLEVEL=0", "-servername", "localhost")
    # s_client prints the version it attempted; a refused handshake has no cipher and no peer certificate.
    assert "Cipher    : 0000" in out and "no peer certificate available" in out, out
    assert re.search(r"alert protocol version|no protocols available|wrong version|unsupported protocol", out), out
    # The server is still serving.
    assert peer_serial(gh.https_port, "localhost", pki) == pki.localhost[2]


def test_sni_selects_certificate(gh, pki):
    assert peer_serial(gh.https_port, "localhost", pki) == pki.localhost[2]
    assert peer_serial(gh.https_port, "other.test", pki) == pki.other[2]
    assert peer_serial(gh.https_port, "a.example.test", pki) == pki.wildcard[2]
    # Unknown name: the default pair (the first configured) is presented.
    assert peer_serial(gh.https_port, "unknown.invalid", pki, check_hostname=False) == pki.localhost[2]
    out = s_client(gh.https_port, "-servername", "other.test", "-CAfile", str(pki.cert_path))
    assert "CN = other.test" in out and "Verify return code: 0 (ok)" in out


def test_request_carries_the_tls_server_name(gh, pki):
    # The status page shows the SNI name the request's connection negotiated (read from the TLS handler).
    for name in ("localhost", "other.test"):
        r = curl("--cacert", str(pki.cert_path), "--resolve", f"{name}:{gh.https_port}:127.0.0.1",
                 f"https://{name}:{gh.https_port}/_gatehouse/status")
        assert r.returncode == 0, r.stderr
        assert f"Server name: {name}." in r.stdout, r.stdout


def test_alpn_http11(gh, pki):
    out = s_client(gh.https_port, "-alpn", "h2,http/1.1", "-servername", "localhost")
    assert "ALPN protocol: http/1.1" in out


def test_session_resumption_tls12_s_client(gh, pki, tmp_path):
    sess = tmp_path / "sess.pem"
    first = s_client(gh.https_port, "-tls1_2", "-servername", "localhost", "-sess_out", str(sess))
    assert "New, TLSv1.2" in first
    second = s_client(gh.https_port, "-tls1_2", "-servername", "localhost", "-sess_in", str(sess))
    assert "Reused, TLSv1.2" in second


def test_session_resumption_tls13_python(gh, pki):
    ctx = client_context(pki)
    ctx.minimum_version = ssl.TLSVersion.TLSv1_3

    def fetch(session=None):
        raw = socket.create_connection(("127.0.0.1", gh.https_port), timeout=5)
        s = ctx.wrap_socket(raw, server_hostname="localhost", session=session)
        s.sendall(b"GET /_gatehouse/status HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n")
        data = b""
        while chunk := s.recv(65536):
            data += chunk
        reused, sess = s.session_reused, s.session
        s.close()
        return data, reused, sess

    data, reused, session = fetch()
    assert data.startswith(b"HTTP/1.1 200") and not reused
    data, reused, _ = fetch(session)
    assert data.startswith(b"HTTP/1.1 200") and reused


def test_keepalive_50_requests_one_connection(gh, pki):
    conn = http.client.HTTPSConnection("localhost", gh.https_port, context=client_context(pki), timeout=10)
    ports = set()
    for _ in range(50):
        conn.request("GET", "/_gatehouse/status")
        r = conn.getresponse()
        body = r.read()
        assert r.status == 200 and b"Gatehouse" in body
        assert r.getheader("date") and r.getheader("server") == "gatehouse"
        assert r.getheader("strict-transport-security") == "max-age=63072000"
        ports.add(conn.sock.getsockname()[1])
    conn.close()
    assert len(ports) == 1


def test_pipelined_requests_answered_in_order_and_head(gh, pki):
    ctx = client_context(pki)
    with ctx.wrap_socket(socket.create_connection(("127.0.0.1", gh.https_port)), server_hostname="localhost") as s:
        s.sendall(b"GET /nope-1 HTTP/1.1\r\nHost: localhost\r\n\r\n"
                  b"HEAD /_gatehouse/status HTTP/1.1\r\nHost: localhost\r\n\r\n"
                  b"GET /nope-2 HTTP/1.1\r\nHost: localhost\r\n\r\n"
                  b"GET /_gatehouse/status HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n")
        data = b""
        while chunk := s.recv(65536):
            data += chunk
    statuses = re.findall(rb"HTTP/1.1 (\d{3})", data)
    assert statuses == [b"404", b"200", b"404", b"200"]
    # HEAD: same content-length as GET, no body (the next response follows the HEAD head directly).
    head_part = data.split(b"HTTP/1.1 200", 1)[1].split(b"HTTP/1.1 404", 1)[0]
    assert head_part.endswith(b"\r\n\r\n")
    lengths = re.findall(rb"content-length: (\d+)", data)
    assert lengths[1] == lengths[3]


def test_http_redirects_to_https(gh):
    r = curl("-i", f"http://127.0.0.1:{gh.http_port}/a/b?c=1", "-H", f"Host: localhost:{gh.http_port}")
    assert r.stdout.startswith("HTTP/1.1 301")
    assert f"location: https://localhost:{gh.https_port}/a/b?c=1" in r.stdout
    assert "strict-transport-security" not in r.stdout.lower()
    r = curl("-i", "-X", "POST", "-d", "x=1", f"http://127.0.0.1:{gh.http_port}/form", "-H", "Host: localhost")
    assert r.stdout.startswith("HTTP/1.1 308")


def test_limits_414_431_and_connection_closes(gh, pki):
    r = curl("--cacert", str(pki.cert_path), "-o", "/dev/null", "-w", "%{http_code}", gh.url("/" + "a" * 9000))
    assert r.stdout == "414"
    r = curl("--cacert", str(pki.cert_path), "-o", "/dev/null", "-w", "%{http_code}", "-H", "X-Big: " + "b" * 17000,
             gh.url("/"))
    assert r.stdout == "431"
    ctx = client_context(pki)
    with ctx.wrap_socket(socket.create_connection(("127.0.0.1", gh.https_port)), server_hostname="localhost") as s:
        s.sendall(b"GET / HTTP/1.1\r\nHost: localhost\r\nBad Header Without Colon\r\n\r\n")
        data = b""
        while chunk := s.recv(65536):
            data += chunk
    assert data.startswith(b"HTTP/1.1 400") and b"connection: close" in data


def test_header_timeout_408(gatehouse_factory, pki):
    gh = gatehouse_factory(certs=[pki.localhost[:2]], config='[http]\nheader_timeout = "1s"\n')
    ctx = client_context(pki)
    with ctx.wrap_socket(socket.create_connection(("127.0.0.1", gh.https_port)), server_hostname="localhost") as s:
        s.sendall(b"GET / HTTP/1.1\r\nHost: loc")
        start = time.time()
        data = b""
        while chunk := s.recv(65536):
            data += chunk
        assert data.startswith(b"HTTP/1.1 408")
        assert time.time() - start < 5


def test_garbage_instead_of_client_hello(gh, pki):
    with socket.create_connection(("127.0.0.1", gh.https_port), timeout=5) as s:
        s.sendall(b"\x16\x03\x01\x00\x05hello" + os.urandom(2000))
        s.settimeout(5)
        try:
            while s.recv(65536):
                pass
        except ConnectionResetError:
            pass
    with socket.create_connection(("127.0.0.1", gh.https_port), timeout=5) as s:
        s.sendall(b"GET / HTTP/1.1\r\nHost: x\r\n\r\n")  # plain HTTP on the TLS port
        s.settimeout(5)
        try:
            while s.recv(65536):
                pass
        except ConnectionResetError:
            pass
    assert peer_serial(gh.https_port, "localhost", pki) == pki.localhost[2]
    assert gh.proc.poll() is None


def test_no_fd_leak_after_1000_connections(gh, pki):
    ctx = client_context(pki)
    def one():
        with ctx.wrap_socket(socket.create_connection(("127.0.0.1", gh.https_port)), server_hostname="localhost") as s:
            s.sendall(b"GET /_gatehouse/status HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n")
            while s.recv(65536):
                pass
    one()
    time.sleep(0.3)
    before = gh.fd_count()
    threads = []
    for i in range(1000):
        one()
    # Also 50 connections abandoned mid-handshake or mid-request.
    for i in range(50):
        s = socket.create_connection(("127.0.0.1", gh.https_port))
        if i % 2:
            s.sendall(b"\x16\x03\x01")
        s.close()
    deadline = time.time() + 10
    while gh.fd_count() > before and time.time() < deadline:
        time.sleep(0.2)
    assert gh.fd_count() <= before


def test_unknown_name_rejected_when_configured(gatehouse_factory, pki):
    gh = gatehouse_factory(certs=[pki.localhost[:2]], config="[tls]\nreject_unknown_names = true\n")
    assert peer_serial(gh.https_port, "localhost", pki) == pki.localhost[2]
    with pytest.raises(ssl.SSLError):
        peer_serial(gh.https_port, "unknown.invalid", pki, check_hostname=False)


def test_rsa_and_ecdsa_for_one_name(gatehouse_factory, pki):
    gh = gatehouse_factory(certs=[pki.localhost[:2], pki.localhost_rsa[:2]])
    out = s_client(gh.https_port, "-servername", "localhost", "-tls1_2", "-sigalgs", "RSA-PSS+SHA256:RSA+SHA256")
    assert "Server public key is 2048 bit" in out
    out = s_client(gh.https_port, "-servername", "localhost")
    assert "Server public key is 256 bit" in out
