"""Issue 2: the CLI's answers to bad input (one line naming the file or address, non-zero exit, no stack
trace), `gatehouse check`, `gatehouse certs dev`, and graceful shutdown."""
import http.client
import os
import signal
import socket
import ssl
import stat
import subprocess
import time

from conftest import BIN, Gatehouse, free_port


def run(*args, cwd=None, timeout=30):
    return subprocess.run([BIN, *args], capture_output=True, text=True, cwd=cwd, timeout=timeout)


def serve_fails(tmp_path, *args):
    r = run("serve", "--https", f"127.0.0.1:{free_port()}", "--http", "off", *args, cwd=tmp_path, timeout=20)
    assert r.returncode != 0
    out = (r.stdout + r.stderr).strip()
    assert "Backtrac" not in out and "Fatal error" not in out, out
    return out


def test_missing_certificate_names_the_file(tmp_path, pki):
    out = serve_fails(tmp_path, "--cert", str(tmp_path / "nope.pem"), "--key", str(pki.localhost[1]))
    assert "nope.pem" in out and len(out.splitlines()) == 1


def test_mismatched_key_names_both_files(tmp_path, pki):
    out = serve_fails(tmp_path, "--cert", str(pki.localhost[0]), "--key", str(pki.other[1]))
    assert str(pki.other[1]) in out and "does not match" in out


def test_expired_certificate_is_refused(tmp_path, pki):
    cert, key, _ = pki.issue("expired", ["localhost"], days=-1, not_before_days=-10)
    out = serve_fails(tmp_path, "--cert", str(cert), "--key", str(key))
    assert str(cert) in out and "expired" in out


def test_port_in_use_names_the_address(tmp_path, pki):
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        s.listen()
        port = s.getsockname()[1]
        r = run("serve", "--https", f"127.0.0.1:{port}", "--http", "off", "--cert", str(pki.localhost[0]),
                "--key", str(pki.localhost[1]), cwd=tmp_path, timeout=20)
    assert r.returncode != 0
    assert f"127.0.0.1:{port}" in r.stderr and "in use" in r.stderr


def test_check_reports_every_error_with_file_and_line(tmp_path):
    cfg = tmp_path / "gatehouse.toml"
    cfg.write_text('[http]\nmax_header_size = true\nbogus = 1\n\n[listen]\nhttps = ["nope"]\n')
    r = run("check", "-c", str(cfg))
    assert r.returncode != 0
    lines = r.stderr.strip().splitlines()
    assert lines[0].startswith(f"{cfg}:2: http.max_header_size:")
    assert lines[1] == f"{cfg}:3: http.bogus: unknown key"
    assert lines[2].startswith(f"{cfg}:6: listen.https:")
    good = tmp_path / "good.toml"
    good.write_text("")
    assert run("check", "-c", str(good)).returncode == 0


def test_empty_config_file_serves_defaults_with_dev_certificate(tmp_path):
    r = run("certs", "dev", "--dir", "certs", cwd=tmp_path)
    assert r.returncode == 0, r.stderr
    for name in ("ca-key.pem", "localhost-key.pem"):
        assert stat.S_IMODE(os.stat(tmp_path / "certs" / name).st_mode) == 0o600
    assert "--cacert" in r.stdout
    (tmp_path / "gatehouse.toml").write_text("")
    port = free_port()
    p = subprocess.Popen([BIN, "serve", "--https", f"127.0.0.1:{port}", "--http", "off"], cwd=tmp_path,
                         stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        deadline = time.time() + 15
        while True:
            try:
                socket.create_connection(("127.0.0.1", port), timeout=0.5).close()
                break
            except OSError:
                assert time.time() < deadline and p.poll() is None
                time.sleep(0.05)
        out = subprocess.run(["curl", "-sS", "--cacert", str(tmp_path / "certs" / "ca.pem"), "-o", "/dev/null", "-w",
                              "%{http_code}", f"https://localhost:{port}/_gatehouse/status"],
                             capture_output=True, text=True, timeout=20)
        assert out.stdout == "200"
    finally:
        p.send_signal(signal.SIGTERM)
        assert p.wait(20) == 0


def test_sigterm_closes_idle_keepalive_connections_and_exits_0(gatehouse_factory, pki):
    gh = gatehouse_factory(certs=[pki.localhost[:2]], config='[server]\nshutdown_grace = "20s"\n')
    ctx = ssl.create_default_context(cafile=str(pki.cert_path))
    conn = http.client.HTTPSConnection("localhost", gh.https_port, context=ctx, timeout=10)
    conn.request("GET", "/_gatehouse/status")
    assert conn.getresponse().read()
    start = time.time()
    gh.proc.send_signal(signal.SIGTERM)
    assert gh.proc.wait(15) == 0
    # Idle connections do not hold the shutdown for the 20 s grace period.
    assert time.time() - start < 5
    # New connections are refused after shutdown.
    try:
        socket.create_connection(("127.0.0.1", gh.https_port), timeout=1).close()
        refused = False
    except OSError:
        refused = True
    assert refused


def test_json_access_log(gatehouse_factory, pki, tmp_path):
    import json
    gh = gatehouse_factory(certs=[pki.localhost[:2]], config='[log]\naccess_format = "json"\n')
    subprocess.run(["curl", "-sS", "--cacert", str(pki.cert_path), "-o", "/dev/null", "-A", "probe/1",
                    gh.url("/_gatehouse/status?x=1")], check=True, timeout=20)
    deadline = time.time() + 5
    while time.time() < deadline and not gh.access_log.exists():
        time.sleep(0.1)
    time.sleep(0.3)
    line = json.loads(gh.access_log.read_text().strip().splitlines()[-1])
    assert line["status"] == 200 and line["uri"] == "/_gatehouse/status?x=1" and line["user_agent"] == "probe/1"
