"""Issue 7: the micro-cache, tested through the built binary in front of the real example app under uWSGI. The
app counts the requests it receives per page (a JSON file in the uWSGI run dir), so every test can check how many
requests reached the backend, not only what the client saw."""
import asyncio
import hashlib
import http.client
import json
import ssl
import time
import urllib.parse

import pytest

from conftest import free_port

TOKEN = "cache-test-token"


def cache_config(admin_port, cache_extra="", rules="", posts_ttl="60s", upstream_extra=None, lock_timeout="20s"):
    upstream = "" if upstream_extra is None else f"""
[[upstream]]
name = "app"
servers = ["unix:/nonexistent/replaced-by-the-command-line.sock"]
{upstream_extra}
"""
    return f"""
[listen]
admin = "127.0.0.1:{admin_port}"

[admin]
token = "{TOKEN}"

[cache]
enabled = true
lock_timeout = "{lock_timeout}"
{cache_extra}

[[cache.rule]]
prefix = "/posts/"
ttl = "{posts_ttl}"
{rules}
{upstream}
"""


class Response:
    def __init__(self, status, headers, body):
        self.status, self.headers, self.body = status, headers, body

    @property
    def cache(self):
        return self.headers.get("x-cache-status")

    def __repr__(self):
        return f"<{self.status} {self.cache} {self.body[:80]!r}>"


class Site:
    """A Gatehouse with the cache on, in front of one uWSGI app; an HTTPS client, the admin API and the app's
    request counters."""

    def __init__(self, gh, uwsgi, admin_port, pki):
        self.gh, self.uwsgi, self.admin_port = gh, uwsgi, admin_port
        self.ctx = ssl.create_default_context(cafile=str(pki.cert_path))

    def get(self, path, headers=None, method="GET"):
        conn = http.client.HTTPSConnection("localhost", self.gh.https_port, context=self.ctx, timeout=30)
        try:
            conn.request(method, path, headers=headers or {})
            r = conn.getresponse()
            body = r.read()
            return Response(r.status, {k.lower(): v for k, v in r.getheaders()}, body)
        finally:
            conn.close()

    def admin(self, method, path, token=None):
        conn = http.client.HTTPConnection("127.0.0.1", self.admin_port, timeout=10)
        try:
            conn.request(method, path, headers={"Authorization": f"Bearer {token}"} if token else {})
            r = conn.getresponse()
            return r.status, r.read().decode()
        finally:
            conn.close()

    def metrics(self):
        status, text = self.admin("GET", "/metrics")
        assert status == 200, text
        out = {}
        for line in text.splitlines():
            if line.startswith("gatehouse_cache_"):
                name, value = line.rsplit(" ", 1)
                out[name[len("gatehouse_cache_"):]] = float(value)
        return out

    def backend_count(self, key):
        """How many requests the app received for `key` (its path, or path?query for the query-counted pages)."""
        try:
            return json.loads((self.uwsgi.run_dir / "gatehouse-app-counters.json").read_text()).get(key, 0)
        except FileNotFoundError:
            return 0


@pytest.fixture
def site_factory(gatehouse_factory, uwsgi_factory, pki):
    def make(processes=2, **config):
        u = uwsgi_factory(processes=processes)
        admin_port = free_port()
        gh = gatehouse_factory(certs=[pki.localhost[:2]], args=["--upstream", f"unix:{u.socket}"],
                               config=cache_config(admin_port, **config))
        return Site(gh, u, admin_port, pki)
    return make


@pytest.fixture
def site(site_factory):
    return site_factory()


def cc(value, **extra):
    """The app's /cc page answering `Cache-Control: value` (counted per query)."""
    q = urllib.parse.urlencode({"value": value, **extra})
    return f"/cc?{q}"


def wait_until(predicate, timeout=10.0):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(0.05)
    return predicate()


# ----------------------------------------------------------------------------------------------------------------
# Concurrent clients over asyncio + TLS (one connection each)

async def _read_response(reader):
    head = await reader.readuntil(b"\r\n\r\n")
    lines = head.decode("latin-1").split("\r\n")
    status = int(lines[0].split()[1])
    headers = {}
    for line in lines[1:]:
        if ":" in line:
            k, v = line.split(":", 1)
            headers[k.strip().lower()] = v.strip()
    body = await reader.readexactly(int(headers.get("content-length", "0")))
    return Response(status, headers, body)


async def _burst(port, ctx, path, count):
    """Open `count` TLS connections (handshakes first, at most 50 at a time), then send one request on each as
    close together as possible and read every response."""
    gate = asyncio.Semaphore(50)

    async def connect():
        async with gate:
            return await asyncio.open_connection("127.0.0.1", port, ssl=ctx, server_hostname="localhost")

    conns = await asyncio.gather(*(connect() for _ in range(count)))
    request = f"GET {path} HTTP/1.1\r\nHost: localhost\r\n\r\n".encode()
    try:
        for _, writer in conns:
            writer.write(request)
        await asyncio.gather(*(writer.drain() for _, writer in conns))
        return await asyncio.gather(*(_read_response(reader) for reader, _ in conns))
    finally:
        for _, writer in conns:
            writer.close()


def burst(site, path, count, timeout=90):
    return asyncio.run(asyncio.wait_for(_burst(site.gh.https_port, site.ctx, path, count), timeout))


# ----------------------------------------------------------------------------------------------------------------
# Single flight

def test_500_concurrent_requests_for_a_cold_key_reach_the_backend_once(site):
    # The page takes 3 s, so the other 499 requests arrive while the one fetch is in flight.
    path = "/posts/crowd?s=3"
    responses = burst(site, path, 500)
    assert [r.status for r in responses] == [200] * 500
    assert len({r.body for r in responses}) == 1, {r.body for r in responses}
    assert b"rendered 1 times" in responses[0].body
    assert site.backend_count("/posts/crowd") == 1
    statuses = [r.cache for r in responses]
    assert statuses.count("MISS") == 1 and statuses.count("HIT") == 499, statuses
    m = site.metrics()
    assert m["upstream_fetches_total"] == 1
    assert m["coalesced_waiters_total"] >= 1  # the crowd really waited on the fetch rather than arriving after it
    # And afterwards it is simply a hit.
    r = site.get(path)
    assert (r.status, r.cache, r.body) == (200, "HIT", responses[0].body)
    assert site.backend_count("/posts/crowd") == 1


def test_lock_timeout_sends_waiters_to_the_backend(site_factory):
    site = site_factory(processes=3, lock_timeout="500ms")
    responses = burst(site, "/posts/locked?s=1.5", 3)
    assert [r.status for r in responses] == [200] * 3
    # Nothing stale to fall back on: after 0.5 s each waiter fetched for itself.
    assert site.backend_count("/posts/locked") == 3
    m = site.metrics()
    assert (m["lock_timeouts_total"], m["upstream_fetches_total"]) == (2, 3)
    assert site.get("/posts/locked?s=1.5").cache == "HIT"


def test_uncacheable_page_is_never_shared_between_concurrent_clients(site):
    # /setcookie looks cacheable (public, max-age=60) but sets a session cookie: coalesced clients must each get
    # their own response from the backend, never another client's cookie.
    responses = burst(site, "/setcookie", 20)
    assert [r.status for r in responses] == [200] * 20
    cookies = [r.headers.get("set-cookie") for r in responses]
    assert None not in cookies and len(set(cookies)) == 20, cookies
    assert site.backend_count("/setcookie") == 20
    assert "HIT" not in [r.cache for r in responses]


# ----------------------------------------------------------------------------------------------------------------
# Lifetimes

def test_ttl_hit_within_then_expired_after(site):
    path = cc("public, max-age=2, stale-while-revalidate=0")
    key = path
    first = site.get(path)
    assert (first.status, first.cache, first.body) == (200, "MISS", b"count 1\n")
    stored_at = time.monotonic()
    second = site.get(path, headers={"Cache-Control": "no-cache"})  # a browser reload does not bypass
    if time.monotonic() - stored_at < 1.8:
        assert (second.cache, second.body) == ("HIT", b"count 1\n")
        assert int(second.headers["age"]) in (0, 1)
    assert site.backend_count(key) == 1
    time.sleep(max(0.0, stored_at + 2.3 - time.monotonic()))
    third = site.get(path)
    assert (third.status, third.cache, third.body) == (200, "EXPIRED", b"count 2\n")
    assert site.backend_count(key) == 2
    fourth = site.get(path)
    assert (fourth.cache, fourth.body) == ("HIT", b"count 2\n")
    assert site.backend_count(key) == 2


def test_route_rule_ttl_applies_when_the_app_sends_no_lifetime(site_factory):
    site = site_factory(rules='[[cache.rule]]\nprefix = "/count"\nttl = "1s"\n')
    assert site.get("/count").cache == "MISS"
    assert site.get("/count").cache == "HIT"
    assert site.backend_count("/count") == 1
    time.sleep(1.3)
    # Default stale-while-revalidate (10 s): the expired copy is served at once while one request refreshes it.
    r = site.get("/count")
    assert (r.status, r.cache) == (200, "STALE")
    assert json.loads(r.body)["count"] == 1
    assert wait_until(lambda: site.backend_count("/count") == 2)
    assert wait_until(lambda: json.loads(site.get("/count").body)["count"] == 2)
    assert site.backend_count("/count") == 2


def test_head_is_answered_from_the_get_entry(site):
    get = site.get("/posts/head")
    head = site.get("/posts/head", method="HEAD")
    assert (head.status, head.cache, head.body) == (200, "HIT", b"")
    assert head.headers["content-length"] == str(len(get.body))
    assert site.backend_count("/posts/head") == 1
    # A cold HEAD fills the GET entry (fetched upstream as GET) and gets no body.
    cold = site.get("/posts/head-first", method="HEAD")
    assert (cold.status, cold.cache, cold.body) == (200, "MISS", b"")
    full = site.get("/posts/head-first")
    assert (full.cache, len(full.body)) == ("HIT", int(cold.headers["content-length"]))
    assert site.backend_count("/posts/head-first") == 1


def test_head_and_get_share_a_keep_alive_connection(site):
    # HEAD of an uncacheable page is fetched upstream as GET: no body may leak into the connection.
    conn = http.client.HTTPSConnection("localhost", site.gh.https_port, context=site.ctx, timeout=30)
    try:
        for method, path in (("HEAD", "/setcookie"), ("HEAD", "/posts/ka"), ("HEAD", "/posts/ka"),
                             ("GET", "/posts/ka"), ("HEAD", "/nowhere"), ("GET", "/setcookie")):
            conn.request(method, path)
            r = conn.getresponse()
            body = r.read()
            if method == "HEAD":
                assert body == b""
            else:
                assert int(r.getheader("content-length")) == len(body) > 0
    finally:
        conn.close()
    assert site.backend_count("/posts/ka") == 1
    assert site.backend_count("/setcookie") == 2


def test_404_lifetime_is_capped(site_factory):
    site = site_factory(cache_extra='not_found_ttl = "1s"', rules='[[cache.rule]]\nprefix = "/missing"\nttl = "60s"\n')
    assert [(r.status, r.cache) for r in (site.get("/missing"), site.get("/missing"))] == [(404, "MISS"), (404, "HIT")]
    time.sleep(1.3)
    assert site.get("/missing").cache == "STALE"  # expired after 1 s, not the rule's 60 s


# ----------------------------------------------------------------------------------------------------------------
# Stale on error

def test_stale_on_error_when_the_backend_is_down(site):
    within_grace = cc("public, max-age=1, stale-while-revalidate=0")
    past_grace = cc("public, max-age=1, stale-while-revalidate=0, stale-if-error=1")
    revalidating = cc("public, max-age=1")  # default stale-while-revalidate (10 s) and stale-if-error (1 h)
    for path in (within_grace, past_grace, revalidating, "/posts/fresh"):
        assert site.get(path).cache == "MISS"
    time.sleep(2.3)  # everything with max-age=1 is expired, past_grace is past its 1 s error window
    site.uwsgi.stop()

    for _ in range(2):
        r = site.get(within_grace)
        assert (r.status, r.cache, r.body) == (200, "STALE", b"count 1\n"), r
    r = site.get(revalidating)
    assert (r.status, r.cache, r.body) == (200, "STALE", b"count 1\n"), r
    r = site.get("/posts/fresh")
    assert (r.status, r.cache) == (200, "HIT")
    assert site.get(past_grace).status == 502
    assert site.get("/posts/never-cached").status == 502
    assert site.metrics()["upstream_errors_total"] >= 3


def test_stale_on_error_when_the_backend_times_out(site_factory):
    site = site_factory(posts_ttl="1s", cache_extra='stale_while_revalidate = "0"\ninclude_query = false',
                        upstream_extra='read_timeout = "1s"')
    # The query is not part of the key: ?s=3 asks for the same entry, but makes the backend too slow.
    assert site.get("/posts/slowly?s=0").cache == "MISS"
    time.sleep(1.3)
    started = time.monotonic()
    r = site.get("/posts/slowly?s=3")
    assert (r.status, r.cache, r.body.count(b"rendered 1 times")) == (200, "STALE", 1), r
    assert time.monotonic() - started < 2.9  # the read timeout ended the wait, not the backend
    assert site.get("/posts/uncached?s=3").status == 504


def test_stale_on_error_when_the_backend_answers_5xx(site):
    path = "/flaky?" + urllib.parse.urlencode({"value": "public, max-age=1, stale-while-revalidate=0"})
    assert (site.get(path).cache, site.backend_count(path)) == ("MISS", 1)
    time.sleep(1.3)
    r = site.get(path)
    assert (r.status, r.cache, r.body) == (200, "STALE", b"count 1\n"), r
    assert site.backend_count(path) == 2  # the backend was asked and answered 503
    # Without a stored copy the error passes through.
    fresh = "/flaky?" + urllib.parse.urlencode({"value": "no-store"})
    assert site.get(fresh).status == 200
    assert site.get(fresh).status == 503


# ----------------------------------------------------------------------------------------------------------------
# Django-safe rules

def test_set_cookie_is_never_cached(site):
    a, b = site.get("/setcookie"), site.get("/setcookie")
    assert (a.status, b.status) == (200, 200)
    assert a.headers["set-cookie"].startswith("sessionid=s1;") and b.headers["set-cookie"].startswith("sessionid=s2;")
    assert "HIT" not in (a.cache, b.cache)
    assert site.backend_count("/setcookie") == 2


def test_session_cookie_and_authorization_bypass(site):
    assert site.get("/posts/s").cache == "MISS"
    assert site.get("/posts/s", headers={"Cookie": "csrftoken=abc; _ga=1"}).cache == "HIT"  # other cookies ignored
    r = site.get("/posts/s", headers={"Cookie": "csrftoken=abc; sessionid=u1"})
    assert (r.cache, r.body.count(b"rendered 2 times")) == ("BYPASS", 1)
    r = site.get("/posts/s", headers={"Authorization": "Basic dTpw"})
    assert (r.cache, r.body.count(b"rendered 3 times")) == ("BYPASS", 1)
    assert site.backend_count("/posts/s") == 3
    # A bypassing request's answer is not stored either.
    assert site.get("/posts/t", headers={"Cookie": "sessionid=u1"}).cache == "BYPASS"
    assert site.get("/posts/t").cache == "MISS"
    assert site.backend_count("/posts/t") == 2


@pytest.mark.parametrize("value", ["private, max-age=60", "no-store", "no-cache", "public, max-age=0"])
def test_cache_control_that_forbids_storing(site, value):
    path = cc(value)
    first, second = site.get(path), site.get(path)
    assert (first.body, second.body) == (b"count 1\n", b"count 2\n")
    assert "HIT" not in (first.cache, second.cache)
    assert site.backend_count(path) == 2


def test_vary(site):
    # Vary: Accept-Encoding is keyed by encoding class (br / gzip / identity), not by the header's spelling.
    ae = "/vary-on?on=Accept-Encoding"
    assert site.get(ae, {"Accept-Encoding": "gzip, deflate, br"}).cache == "MISS"
    assert site.get(ae, {"Accept-Encoding": "br;q=1.0, gzip;q=0.8"}).cache == "HIT"
    r = site.get(ae, {"Accept-Encoding": "gzip"})
    assert (r.cache, r.body) == ("MISS", b"count 2; Accept-Encoding=gzip\n")
    assert site.get(ae, {"Accept-Encoding": "x-gzip, deflate"}).cache == "HIT"
    assert site.get(ae, {"Accept-Encoding": "identity"}).cache == "MISS"
    r = site.get(ae, {"Accept-Encoding": "deflate"})
    assert (r.cache, r.body) == ("HIT", b"count 3; Accept-Encoding=identity\n")
    assert site.backend_count(ae) == 3
    # Any other header named by Vary is part of the key.
    al = "/vary-on?on=Accept-Language"
    assert site.get(al, {"Accept-Language": "en"}).cache == "MISS"
    assert site.get(al, {"Accept-Language": "fr"}).cache == "MISS"
    r = site.get(al, {"Accept-Language": "en"})
    assert (r.cache, r.body) == ("HIT", b"count 1; Accept-Language=en\n")
    # Vary: Cookie is handled by the session rule: other cookies do not split the cache.
    assert site.get("/vary", {"Cookie": "csrftoken=a"}).cache == "MISS"
    assert site.get("/vary", {"Cookie": "csrftoken=b"}).cache == "HIT"
    assert site.get("/vary").cache == "HIT"
    assert site.get("/vary", {"Cookie": "sessionid=x"}).cache == "BYPASS"
    assert site.backend_count("/vary") == 2
    # Vary: * is never stored.
    star = "/vary-on?on=*"
    assert [site.get(star).cache for _ in range(2)] == ["MISS", "MISS"]
    assert site.backend_count(star) == 2


# ----------------------------------------------------------------------------------------------------------------
# Purge

def test_purge_requires_the_token_and_removes_entries(site):
    for path in ("/posts/p1", "/posts/p2", "/posts/q1"):
        assert site.get(path).cache == "MISS"
    assert site.admin("POST", "/purge?url=/posts/p1")[0] == 401
    assert site.admin("POST", "/purge?url=/posts/p1", token="wrong")[0] == 401
    assert site.admin("GET", "/purge?url=/posts/p1", token=TOKEN)[0] == 405
    assert site.get("/posts/p1").cache == "HIT"  # nothing was purged by the refused calls

    assert site.admin("POST", "/purge?url=" + urllib.parse.quote("https://localhost/posts/p1", safe=""),
                      token=TOKEN) == (200, "purged 1\n")
    r = site.get("/posts/p1")
    assert (r.cache, r.body.count(b"rendered 2 times")) == ("MISS", 1)
    assert site.get("/posts/p2").cache == "HIT"

    assert site.admin("POST", "/purge?prefix=/posts/p", token=TOKEN) == (200, "purged 2\n")
    assert site.get("/posts/p1").cache == "MISS"
    assert site.get("/posts/p2").cache == "MISS"
    assert site.get("/posts/q1").cache == "HIT"
    assert site.backend_count("/posts/p1") == 3 and site.backend_count("/posts/q1") == 1
    assert site.metrics()["purged_total"] == 3


# ----------------------------------------------------------------------------------------------------------------
# Memory bound

def test_memory_cap_with_many_keys(site_factory):
    cap = 64 * 1024
    site = site_factory(cache_extra='max_size = "64KiB"\nmax_entry_size = "16KiB"',
                        rules='[[cache.rule]]\nprefix = "/big"\nttl = "60s"\n')
    keys = [f"/big?n=4000&k={i}" for i in range(60)]
    for path in keys:
        r = site.get(path)
        assert (r.status, r.cache, len(r.body)) == (200, "MISS", 4000)
    m = site.metrics()
    assert m["stores_total"] == 60
    assert 0 < m["bytes"] <= cap
    assert 4 <= m["entries"] < 16  # about 4.3 KB each: the cap, not the key count, bounds them
    assert m["evictions_total"] == 60 - m["entries"]
    assert site.get(keys[-1]).cache == "HIT"   # most recent survives
    assert site.get(keys[0]).cache == "MISS"   # least recent was evicted
    # A response over max_entry_size is passed through and never stored.
    assert [site.get("/big?n=20000").cache for _ in range(2)] == ["MISS", "MISS"]
    m = site.metrics()
    assert m["oversized_entries_total"] >= 1 and m["bytes"] <= cap


def test_spooled_responses_pass_through_intact_and_are_not_stored(site_factory):
    # Bodies over [proxy] response_memory_threshold (1 MiB) are spooled to a file by the proxy: the cache passes
    # them on (to every coalesced client) without storing them.
    site = site_factory(rules='[[cache.rule]]\nprefix = "/big"\nttl = "60s"\n')
    responses = burst(site, "/big?n=1100000", 3)
    for r in responses:
        assert r.status == 200 and len(r.body) == 1100000
        assert hashlib.sha256(r.body).hexdigest() == r.headers["x-content-sha256"]
    assert "HIT" not in [r.cache for r in responses]
    m = site.metrics()
    assert m["unbuffered_bodies_total"] >= 1 and m["entries"] == 0
