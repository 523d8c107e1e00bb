"""A minimal Chrome DevTools Protocol client over `--remote-debugging-pipe` (file descriptors 3 and 4, messages
are JSON terminated by NUL), so the browser test needs no WebSocket package. Every wait is bounded."""
import fcntl
import json
import os
import select
import shutil
import subprocess
import time


def chromium_binary():
    for name in ("chromium", "chromium-browser", "google-chrome"):
        path = shutil.which(name)
        if path:
            return path
    return None


class DevToolsError(RuntimeError):
    pass


class Browser:
    """A headless Chromium driven through the DevTools pipe. Use as a context manager; the process is always
    stopped (Browser.close, then SIGKILL by PID) on exit."""

    def __init__(self, binary, user_data_dir, extra_args=(), log_path=None):
        # Our end writes to the browser's fd 3 and reads from its fd 4.
        to_browser_r, self._to_browser = os.pipe()
        self._from_browser, from_browser_w = os.pipe()
        args = [binary, "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--no-first-run", "--no-default-browser-check", "--disable-extensions",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--mute-audio", "--remote-debugging-pipe", f"--user-data-dir={user_data_dir}",
                "--window-size=1280,900", *extra_args, "about:blank"]
        log = open(log_path, "ab") if log_path else subprocess.DEVNULL

        def child_fds():
            # Move both ends above 3 and 4 first (either may currently be 3 or 4), then onto 3 and 4. The
            # originals are close-on-exec (PEP 446), so the browser keeps exactly fds 3 and 4 of these pipes.
            r = fcntl.fcntl(to_browser_r, fcntl.F_DUPFD, 10)
            w = fcntl.fcntl(from_browser_w, fcntl.F_DUPFD, 10)
            os.dup2(r, 3)
            os.dup2(w, 4)
            os.close(r)
            os.close(w)

        self.proc = subprocess.Popen(args, stdin=subprocess.DEVNULL, stdout=log, stderr=log, close_fds=False,
                                     preexec_fn=child_fds)
        os.close(to_browser_r)
        os.close(from_browser_w)
        self._log = log
        self._buffer = b""
        self._next_id = 0
        self.events = []  # (sessionId, method, params) in arrival order

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()

    def close(self):
        if self.proc.poll() is None:
            try:
                self.send("Browser.close", timeout=5)
            except Exception:
                pass
            try:
                self.proc.wait(timeout=5)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait(timeout=10)
        for fd in (self._to_browser, self._from_browser):
            try:
                os.close(fd)
            except OSError:
                pass
        if self._log is not subprocess.DEVNULL:
            self._log.close()

    def _read_message(self, deadline):
        while b"\0" not in self._buffer:
            left = deadline - time.monotonic()
            if left <= 0:
                raise DevToolsError("timed out waiting for the browser")
            ready, _, _ = select.select([self._from_browser], [], [], left)
            if not ready:
                continue
            chunk = os.read(self._from_browser, 1 << 20)
            if not chunk:
                raise DevToolsError(f"browser closed the pipe (exit code {self.proc.poll()})")
            self._buffer += chunk
        raw, self._buffer = self._buffer.split(b"\0", 1)
        return json.loads(raw)

    def send(self, method, params=None, session=None, timeout=30):
        """Sends a command and returns its result; events that arrive meanwhile are recorded."""
        self._next_id += 1
        msg = {"id": self._next_id, "method": method, "params": params or {}}
        if session:
            msg["sessionId"] = session
        os.write(self._to_browser, json.dumps(msg).encode() + b"\0")
        deadline = time.monotonic() + timeout
        while True:
            reply = self._read_message(deadline)
            if reply.get("id") == self._next_id:
                if "error" in reply:
                    raise DevToolsError(f"{method}: {reply['error']}")
                return reply.get("result", {})
            if "method" in reply:
                self.events.append((reply.get("sessionId"), reply["method"], reply.get("params", {})))

    def wait_for_event(self, method, session=None, timeout=30):
        """Returns the params of the first recorded or arriving event `method` (for `session`)."""
        deadline = time.monotonic() + timeout
        seen = 0
        while True:
            for sid, name, params in self.events[seen:]:
                if name == method and (session is None or sid == session):
                    return params
            seen = len(self.events)
            reply = self._read_message(deadline)
            if "method" in reply:
                self.events.append((reply.get("sessionId"), reply["method"], reply.get("params", {})))

    def open_page(self):
        """Creates a page target and attaches to it; returns the session id."""
        target = self.send("Target.createTarget", {"url": "about:blank"})["targetId"]
        return self.send("Target.attachToTarget", {"targetId": target, "flatten": True})["sessionId"]

    def evaluate(self, session, expression, timeout=30):
        result = self.send("Runtime.evaluate", {"expression": expression, "returnByValue": True,
                                                "awaitPromise": True}, session=session, timeout=timeout)
        if "exceptionDetails" in result:
            raise DevToolsError(f"page script failed: {result['exceptionDetails']}")
        return result["result"].get("value")

    def session_events(self, session, method):
        return [p for sid, name, p in self.events if sid == session and name == method]
