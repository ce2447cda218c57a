"""A headless Chromium driven over the DevTools protocol through a pipe (no port, no extra package):
enough to load a local page, see every request it makes, evaluate a check in it and take a
screenshot. Used by the HTML report's browser test; skipped where no Chromium is installed."""

from __future__ import annotations

import base64
import fcntl
import json
import os
import select
import shutil
import subprocess
import time
from pathlib import Path

CANDIDATES = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")


def find_chromium() -> str | None:
    """The browser to use: $SMARTLINT_CHROMIUM, else the first one on PATH."""
    named = os.environ.get("SMARTLINT_CHROMIUM")
    if named:
        return named if Path(named).exists() else shutil.which(named)
    return next((p for p in map(shutil.which, CANDIDATES) if p), None)


class BrowserError(Exception):
    pass


class Browser:
    """One headless browser with one page. Requests go nowhere: every host name resolves to
    nothing, so a page that tried the network would show it in `requests` and fail to load it."""

    def __init__(self, executable: str, profile: Path, width: int = 1280, height: int = 900, timeout: float = 60.0):
        self.timeout = timeout
        read_ours, write_theirs = os.pipe()  # chromium writes on its fd 4
        read_theirs, write_ours = os.pipe()  # chromium reads on its fd 3
        flags = ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--no-default-browser-check",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync",
                 "--disable-extensions", "--disable-dev-shm-usage", "--host-resolver-rules=MAP * ~NOTFOUND",
                 "--hide-scrollbars", "--force-device-scale-factor=1", f"--window-size={width},{height}",
                 f"--user-data-dir={profile}", "--remote-debugging-pipe", "about:blank"]

        # In the child: the protocol's fds 3 and 4 (moved high first: no clash). Python opens its
        # own fds close-on-exec, so close_fds=False passes these two and nothing else of note.
        def plug() -> None:
            high_read, high_write = (fcntl.fcntl(fd, fcntl.F_DUPFD, 10) for fd in (read_theirs, write_theirs))
            os.dup2(high_read, 3)
            os.dup2(high_write, 4)

        self.process = subprocess.Popen([executable, *flags], stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                                        stderr=subprocess.DEVNULL, close_fds=False, preexec_fn=plug)
        os.close(read_theirs)
        os.close(write_theirs)
        self._in = os.fdopen(read_ours, "rb", buffering=0)
        self._out = os.fdopen(write_ours, "wb", buffering=0)
        self._buffer = b""
        self._next_id = 0
        self.events: list[dict] = []
        self.requests: list[str] = []
        target = self.call("Target.createTarget", url="about:blank")["targetId"]
        self.session = self.call("Target.attachToTarget", targetId=target, flatten=True)["sessionId"]
        for domain in ("Page.enable", "Network.enable", "Runtime.enable"):
            self.call(domain, session=True)
        self.call("Emulation.setDeviceMetricsOverride", session=True, width=width, height=height,
                  deviceScaleFactor=1, mobile=False)

    # -- protocol
    def _read_message(self, deadline: float) -> dict:
        while b"\0" not in self._buffer:
            left = deadline - time.monotonic()
            if left <= 0 or not select.select([self._in], [], [], left)[0]:
                raise BrowserError("the browser did not answer in time")
            chunk = self._in.read(65536)
            if not chunk:
                raise BrowserError("the browser closed its pipe")
            self._buffer += chunk
        message, self._buffer = self._buffer.split(b"\0", 1)
        data = json.loads(message)
        if data.get("method") == "Network.requestWillBeSent":
            self.requests.append(data["params"]["request"]["url"])
        if "method" in data:
            self.events.append(data)
        return data

    def call(self, method: str, session: bool = False, **params) -> dict:
        self._next_id += 1
        message = {"id": self._next_id, "method": method, "params": params}
        if session:
            message["sessionId"] = self.session
        self._out.write(json.dumps(message).encode() + b"\0")
        deadline = time.monotonic() + self.timeout
        while True:
            data = self._read_message(deadline)
            if data.get("id") == self._next_id:
                if "error" in data:
                    raise BrowserError(f"{method}: {data['error']}")
                return data.get("result", {})

    def wait_for(self, method: str) -> dict:
        seen = next((e for e in self.events if e["method"] == method), None)
        deadline = time.monotonic() + self.timeout
        while seen is None:
            data = self._read_message(deadline)
            if data.get("method") == method:
                seen = data
        self.events.remove(seen)
        return seen

    # -- what a test needs
    def open(self, url: str) -> None:
        self.events.clear()
        self.call("Page.navigate", session=True, url=url)
        self.wait_for("Page.loadEventFired")

    def evaluate(self, expression: str):
        result = self.call("Runtime.evaluate", session=True, expression=expression, returnByValue=True)
        if "exceptionDetails" in result:
            raise BrowserError(f"{expression[:60]}...: {result['exceptionDetails']}")
        return result["result"].get("value")

    def screenshot(self, path: Path, full_page: bool = True) -> Path:
        """A PNG of the page (the whole length of it with full_page)."""
        params = {"format": "png"}
        if full_page:
            size = self.call("Page.getLayoutMetrics", session=True)["cssContentSize"]
            params.update(captureBeyondViewport=True, clip={"x": 0, "y": 0, "width": size["width"],
                                                            "height": size["height"], "scale": 1})
        data = self.call("Page.captureScreenshot", session=True, **params)["data"]
        path.write_bytes(base64.b64decode(data))
        return path

    def close(self) -> None:
        try:
            self.call("Browser.close")
        except (BrowserError, OSError):
            pass
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        self._in.close()
        self._out.close()

    def __enter__(self) -> Browser:
        return self

    def __exit__(self, *exc) -> None:
        self.close()
