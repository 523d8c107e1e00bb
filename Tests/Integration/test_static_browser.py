"""Issue 4: a real browser. Headless Chromium (Debian's `chromium`, installed by scripts/deps.sh) loads the
example site from `gatehouse serve --static` over HTTPS, driven through the DevTools protocol on a pipe
(devtools.py). The test reads every response's headers from the `Network.responseReceived` events and checks
that the CSS and JS came brotli-encoded, then checks in the page that the stylesheet (and its @import) applied,
the script ran and rendered the dashboard, and the font and images loaded. Everything is bounded by timeouts.

The browser trusts nothing: certificate errors are ignored for this test only (`--ignore-certificate-errors`);
TLS itself is covered by test_https_server.py.
"""
import base64
import json
import shutil

import pytest

from devtools import Browser, chromium_binary
from test_static import EXAMPLE, MANIFEST, assets_build, serve


@pytest.fixture
def chromium():
    binary = chromium_binary()
    if binary is None:
        pytest.fail("chromium is not installed: run scripts/deps.sh (apt-get install -y chromium)")
    return binary


def test_chromium_loads_the_example_site_with_brotli(gatehouse_factory, pki, tmp_path, chromium):
    src, out = tmp_path / "src", tmp_path / "build"
    shutil.copytree(EXAMPLE, src)
    assets_build(src, out)
    manifest = json.loads((out / MANIFEST).read_text())
    gh = serve(gatehouse_factory, pki, out)
    url = gh.url("/")
    with Browser(chromium, tmp_path / "profile", extra_args=["--ignore-certificate-errors"],
                 log_path=tmp_path / "chromium.log") as browser:
        session = browser.open_page()
        browser.send("Network.enable", session=session)
        browser.send("Network.setCacheDisabled", {"cacheDisabled": True}, session=session)
        browser.send("Page.enable", session=session)
        browser.send("Page.navigate", {"url": url}, session=session, timeout=30)
        browser.wait_for_event("Page.loadEventFired", session=session, timeout=60)
        # app.js renders on DOMContentLoaded; wait (bounded) until the dashboard is there.
        rendered = browser.evaluate(session, """
            new Promise((resolve) => {
              const deadline = Date.now() + 15000;
              (function poll() {
                const ok = document.querySelectorAll('#cards > *').length > 0
                        && document.querySelectorAll('#table table tbody tr').length > 0;
                if (ok || Date.now() > deadline) resolve(ok); else setTimeout(poll, 50);
              })();
            })""", timeout=30)
        page = browser.evaluate(session, """(async () => {
            await document.fonts.ready;
            const masthead = document.querySelector('.masthead');
            return {
              title: document.title,
              bodyBackground: getComputedStyle(document.body).backgroundColor,
              accent: getComputedStyle(document.documentElement).getPropertyValue('--accent').trim(),
              mastheadDisplay: masthead ? getComputedStyle(masthead).display : null,
              cards: document.querySelectorAll('#cards > *').length,
              rows: document.querySelectorAll('#table table tbody tr').length,
              methodOptions: document.querySelectorAll('#method option').length,
              iconFont: [...document.fonts].filter(f => f.status === 'loaded').map(f => f.family),
            };
        })()""")
        shot = browser.send("Page.captureScreenshot", {"format": "png"}, session=session, timeout=30)
        (tmp_path / "screenshot.png").write_bytes(base64.b64decode(shot["data"]))
        responses = {p["response"]["url"]: p for p in browser.session_events(session, "Network.responseReceived")}
        sent = {p["requestId"]: p["headers"] for p in browser.session_events(session, "Network.requestWillBeSentExtraInfo")}
        failures = browser.session_events(session, "Network.loadingFailed")

    assert not failures, failures
    origin = url.rstrip("/")
    by_path = {u[len(origin):]: p["response"] for u, p in responses.items() if u.startswith(origin)}
    request_ids = {u[len(origin):]: p["requestId"] for u, p in responses.items() if u.startswith(origin)}
    assert "/" in by_path, sorted(by_path)
    for path, encoding in [("/css/site.css", "br"), ("/js/app.js", "br"), ("/", "br")]:
        response = by_path.get(path)
        assert response is not None, (path, sorted(by_path))
        headers = {k.lower(): v for k, v in response["headers"].items()}
        assert response["status"] == 200, (path, response["status"])
        assert headers.get("content-encoding") == encoding, (path, headers)
        assert headers.get("vary") == "Accept-Encoding", (path, headers)
        assert response["protocol"] == "http/1.1", response["protocol"]
        # What the browser asked for, as it went on the wire.
        request_headers = {k.lower(): v for k, v in sent.get(request_ids[path], {}).items()}
        assert "br" in request_headers.get("accept-encoding", ""), (path, request_headers)
    # site.css @imports theme.css by its fingerprinted name (rewritten by the pipeline), immutable and br.
    theme = "/" + manifest["fingerprints"]["css/theme.css"]
    assert theme in by_path, sorted(by_path)
    theme_headers = {k.lower(): v for k, v in by_path[theme]["headers"].items()}
    assert theme_headers.get("content-encoding") == "br", theme_headers
    assert "immutable" in theme_headers.get("cache-control", ""), theme_headers
    # The font and the images (not compressible: identity).
    font = "/" + manifest["fingerprints"]["fonts/gatehouse-icons.woff2"]
    assert by_path.get(font, {}).get("status") == 200, sorted(by_path)
    assert "content-encoding" not in {k.lower() for k in by_path[font]["headers"]}
    hero = "/" + manifest["fingerprints"]["img/hero.png"]
    assert any(p.split("?")[0] == hero and r["status"] == 200 for p, r in by_path.items()), sorted(by_path)

    assert rendered is True, page
    assert page["title"] == "Gatehouse — status", page
    assert page["bodyBackground"] == "rgb(246, 247, 249)", page   # --bg from theme.css, through site.css
    assert page["accent"] == "#2f6fed", page
    assert page["mastheadDisplay"] == "flex", page
    assert page["cards"] > 0 and page["rows"] > 0 and page["methodOptions"] > 1, page
    assert (tmp_path / "screenshot.png").stat().st_size > 10_000
    # Every request the browser made was answered from the static build and logged.
    log = gh.access_log.read_text()
    assert " 200 " in log and "/js/app.js" in log
