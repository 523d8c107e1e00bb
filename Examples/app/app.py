"""Gatehouse example application: plain WSGI, standard library only.

Run by Debian's uWSGI with the python3 plugin from uwsgi.ini (see README.md). Pages exist for the tests and the
demo; each is a small function registered in ROUTES. Request counters are kept in a file under the state directory
(GATEHOUSE_APP_STATE_DIR, default: the uWSGI run dir or the system temp dir) so that they are shared by all workers.
"""

import email.parser
import email.policy
import fcntl
import hashlib
import html
import json
import os
import tempfile
import time
import urllib.parse

BACKEND_NAME = os.environ.get("GATEHOUSE_BACKEND_NAME", "app")
STATE_DIR = (os.environ.get("GATEHOUSE_APP_STATE_DIR") or os.environ.get("GATEHOUSE_RUN_DIR")
             or tempfile.gettempdir())
COUNTERS_FILE = os.path.join(STATE_DIR, "gatehouse-app-counters.json")

# WSGI environ keys worth showing in /echo (the HTTP_* keys are listed separately).
INTERESTING_KEYS = [
    "REQUEST_METHOD", "REQUEST_URI", "PATH_INFO", "QUERY_STRING", "CONTENT_TYPE", "CONTENT_LENGTH",
    "SERVER_PROTOCOL", "REQUEST_SCHEME", "HTTPS", "REMOTE_ADDR", "REMOTE_PORT", "SERVER_NAME", "SERVER_PORT",
    "DOCUMENT_ROOT", "SCRIPT_NAME", "wsgi.url_scheme",
]


# ---------------------------------------------------------------------------------------------------------------
# Helpers

def read_body(environ):
    """Read the whole request body (uWSGI gives exactly CONTENT_LENGTH bytes)."""
    length = int(environ.get("CONTENT_LENGTH") or 0)
    stream = environ["wsgi.input"]
    chunks, remaining = [], length
    while remaining > 0:
        chunk = stream.read(min(remaining, 1 << 16))
        if not chunk:
            break
        chunks.append(chunk)
        remaining -= len(chunk)
    return b"".join(chunks)


def query(environ):
    return urllib.parse.parse_qs(environ.get("QUERY_STRING", ""), keep_blank_values=True)


def path_info(environ):
    """PATH_INFO as text: WSGI hands it over as latin-1 decoded bytes; re-decode as UTF-8."""
    raw = environ.get("PATH_INFO", "/")
    try:
        return raw.encode("latin-1").decode("utf-8")
    except (UnicodeEncodeError, UnicodeDecodeError):
        return raw


def respond(start_response, status, body, content_type="text/plain; charset=utf-8", headers=()):
    if isinstance(body, str):
        body = body.encode("utf-8")
    start_response(status, [("Content-Type", content_type), ("Content-Length", str(len(body)))] + list(headers))
    return [body]


def respond_json(start_response, value, status="200 OK", headers=()):
    body = json.dumps(value, sort_keys=True, ensure_ascii=False).encode("utf-8")
    return respond(start_response, status, body, "application/json", headers)


def bump_counter(path):
    """Increment the shared counter of `path` and return its new value (file lock: shared by all workers)."""
    os.makedirs(STATE_DIR, exist_ok=True)
    with open(COUNTERS_FILE + ".lock", "a+") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        counters = load_counters()
        counters[path] = counters.get(path, 0) + 1
        tmp = COUNTERS_FILE + ".tmp"
        with open(tmp, "w") as f:
            json.dump(counters, f)
        os.replace(tmp, COUNTERS_FILE)
        return counters[path]


def load_counters():
    try:
        with open(COUNTERS_FILE) as f:
            return json.load(f)
    except (OSError, ValueError):
        return {}


# ---------------------------------------------------------------------------------------------------------------
# Pages

def page_index(environ, start_response):
    links = ["/echo", "/upload", "/cookie", "/slow?s=1", "/stream", "/error", "/headers", "/count", "/posts/1",
             "/stats", "/cc?value=public,%20max-age=60", "/vary", "/whoami", "/big?n=1000000"]
    items = "".join(f'<li><a href="{html.escape(l)}">{html.escape(l)}</a></li>' for l in links)
    body = ("<!doctype html><html><head><meta charset=\"utf-8\"><title>Gatehouse example app</title></head>"
            f"<body><h1>Gatehouse example app</h1><p>Served by uWSGI ({html.escape(BACKEND_NAME)}, pid {os.getpid()})"
            f" through Gatehouse.</p><ul>{items}</ul></body></html>")
    return respond(start_response, "200 OK", body, "text/html; charset=utf-8")


def page_echo(environ, start_response):
    body = read_body(environ)
    keys = {k: environ[k] for k in INTERESTING_KEYS if k in environ and isinstance(environ[k], str)}
    keys["PATH_INFO"] = path_info(environ)
    headers = {k: v for k, v in environ.items() if k.startswith("HTTP_")}
    return respond_json(start_response, {
        "sha256": hashlib.sha256(body).hexdigest(),
        "length": len(body),
        "environ": keys,
        "headers": headers,
        "backend": BACKEND_NAME,
    })


def page_headers(environ, start_response):
    return respond_json(start_response, {k: v for k, v in environ.items() if k.startswith("HTTP_")})


UPLOAD_FORM = ("<!doctype html><html><head><meta charset=\"utf-8\"><title>Upload</title></head><body>"
               "<h1>Upload a file</h1><form method=\"post\" enctype=\"multipart/form-data\">"
               "<input type=\"file\" name=\"file\" multiple> <input type=\"text\" name=\"note\">"
               "<button type=\"submit\">Upload</button></form></body></html>")


def page_upload(environ, start_response):
    if environ["REQUEST_METHOD"] != "POST":
        return respond(start_response, "200 OK", UPLOAD_FORM, "text/html; charset=utf-8")
    content_type = environ.get("CONTENT_TYPE", "")
    if not content_type.startswith("multipart/form-data"):
        return respond(start_response, "400 Bad Request", "expected multipart/form-data\n")
    body = read_body(environ)
    message = email.parser.BytesParser(policy=email.policy.HTTP).parsebytes(
        b"Content-Type: " + content_type.encode("latin-1") + b"\r\n\r\n" + body)
    files, fields = [], {}
    for part in message.iter_parts():
        name = part.get_param("name", header="content-disposition")
        data = part.get_payload(decode=True) or b""
        filename = part.get_filename()
        if filename is not None:
            files.append({"field": name, "filename": filename, "length": len(data),
                          "sha256": hashlib.sha256(data).hexdigest()})
        else:
            fields[name] = data.decode("utf-8", "replace")
    return respond_json(start_response, {"files": files, "fields": fields, "length": len(body)})


def page_cookie(environ, start_response):
    value = query(environ).get("value", [str(int(time.time()))])[0]
    return respond(start_response, "200 OK", "cookie set\n",
                   headers=[("Set-Cookie", f"demo={value}; Path=/; HttpOnly; SameSite=Lax")])


def page_slow(environ, start_response):
    try:
        seconds = float(query(environ).get("s", ["1"])[0])
    except ValueError:
        return respond(start_response, "400 Bad Request", "s must be a number\n")
    time.sleep(max(0.0, min(seconds, 300.0)))
    return respond(start_response, "200 OK", f"slept {seconds}\n")


def page_stream(environ, start_response):
    q = query(environ)
    count = int(q.get("n", ["5"])[0])
    delay = float(q.get("delay", ["0.5"])[0])
    start_response("200 OK", [("Content-Type", "text/event-stream"), ("Cache-Control", "no-cache"),
                              ("X-Accel-Buffering", "no")])

    def chunks():
        for i in range(count):
            yield f"data: chunk {i}\n\n".encode()
            time.sleep(delay)
    return chunks()


def page_die(environ, start_response):
    """Write part of a response, then kill the worker (uWSGI's master respawns it)."""
    start_response("200 OK", [("Content-Type", "text/plain"), ("Content-Length", "1000000")])

    def chunks():
        yield b"x" * 1000
        os._exit(1)
    return chunks()


def page_error(environ, start_response):
    return respond(start_response, "500 Internal Server Error", "something broke\n")


def page_count(environ, start_response):
    n = bump_counter(path_info(environ))
    return respond_json(start_response, {"path": path_info(environ), "count": n})


def page_post(environ, start_response):
    """A counting page; `?s=N` makes it take N seconds first (at most 30), for request-coalescing tests."""
    path = path_info(environ)
    try:
        delay = float(query(environ).get("s", ["0"])[0])
    except ValueError:
        delay = 0.0
    time.sleep(max(0.0, min(delay, 30.0)))
    n = bump_counter(path)
    body = (f"<!doctype html><html><head><meta charset=\"utf-8\"><title>{html.escape(path)}</title></head>"
            f"<body><h1>{html.escape(path)}</h1><p>rendered {n} times</p></body></html>")
    return respond(start_response, "200 OK", body, "text/html; charset=utf-8")


def page_stats(environ, start_response):
    if query(environ).get("reset"):
        with open(COUNTERS_FILE + ".lock", "a+") as lock:
            fcntl.flock(lock, fcntl.LOCK_EX)
            try:
                os.unlink(COUNTERS_FILE)
            except FileNotFoundError:
                pass
    return respond_json(start_response, load_counters(), headers=[("Cache-Control", "no-store")])


def page_cc(environ, start_response):
    n = bump_counter(path_info(environ) + "?" + environ.get("QUERY_STRING", ""))
    value = query(environ).get("value", ["no-cache"])[0]
    return respond(start_response, "200 OK", f"count {n}\n", headers=[("Cache-Control", value)])


def page_vary(environ, start_response):
    n = bump_counter(path_info(environ))
    cookie = environ.get("HTTP_COOKIE", "")
    return respond(start_response, "200 OK", f"count {n}; cookie {cookie}\n",
                   headers=[("Vary", "Cookie"), ("Cache-Control", "public, max-age=60")])


def page_vary_on(environ, start_response):
    """A cacheable counter page answering `Vary: <on>` (default Accept-Encoding) and showing the request's values
    of those headers, so a cache that keys by them can be checked."""
    q = query(environ)
    on = q.get("on", ["Accept-Encoding"])[0]
    n = bump_counter(path_info(environ) + "?" + environ.get("QUERY_STRING", ""))
    names = [v.strip() for v in on.split(",") if v.strip()]
    shown = "; ".join(f"{name}={environ.get('HTTP_' + name.upper().replace('-', '_'), '')}" for name in names)
    return respond(start_response, "200 OK", f"count {n}; {shown}\n",
                   headers=[("Vary", on), ("Cache-Control", "public, max-age=60")])


def page_flaky(environ, start_response):
    """Per query: the first request gets 200 with `Cache-Control: <value>`, every later one a 503 (a backend that
    breaks after a page was cached, for stale-if-error tests)."""
    n = bump_counter(path_info(environ) + "?" + environ.get("QUERY_STRING", ""))
    if n > 1:
        return respond(start_response, "503 Service Unavailable", f"broken (request {n})\n")
    value = query(environ).get("value", ["public, max-age=1"])[0]
    return respond(start_response, "200 OK", f"count {n}\n", headers=[("Cache-Control", value)])


def page_setcookie(environ, start_response):
    """A cacheable-looking page that also sets a cookie: a cache must never store it."""
    n = bump_counter(path_info(environ))
    return respond(start_response, "200 OK", f"count {n}\n",
                   headers=[("Cache-Control", "public, max-age=60"), ("Set-Cookie", f"sessionid=s{n}; Path=/")])


def page_whoami(environ, start_response):
    return respond_json(start_response, {"backend": BACKEND_NAME, "pid": os.getpid()})


def page_big(environ, start_response):
    n = max(0, min(int(query(environ).get("n", ["1000000"])[0]), 1 << 30))
    block = bytes(range(256)) * 256
    data = (block * (n // len(block) + 1))[:n]
    return respond(start_response, "200 OK", data, "application/octet-stream",
                   headers=[("X-Content-SHA256", hashlib.sha256(data).hexdigest())])


ROUTES = {
    "/": page_index, "/echo": page_echo, "/headers": page_headers, "/upload": page_upload, "/cookie": page_cookie,
    "/slow": page_slow, "/stream": page_stream, "/error": page_error, "/count": page_count, "/stats": page_stats,
    "/cc": page_cc, "/vary": page_vary, "/vary-on": page_vary_on, "/flaky": page_flaky, "/setcookie": page_setcookie, "/whoami": page_whoami, "/big": page_big,
    "/die": page_die,
}


def application(environ, start_response):
    path = path_info(environ)
    handler = ROUTES.get(path)
    if handler is None and path.startswith("/posts/"):
        handler = page_post
    if handler is None and path.startswith("/echo/"):
        handler = page_echo
    if handler is None:
        return respond(start_response, "404 Not Found", "not found\n")
    return handler(environ, start_response)
