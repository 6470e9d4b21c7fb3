"""Open a page in headless Chromium over the DevTools protocol (stdlib only).

Chromium's `--remote-debugging-pipe` speaks the DevTools protocol over file
descriptors 3 (commands in) and 4 (replies and events out), one JSON message
per NUL-terminated chunk: no websocket client and no browser download needed,
Debian's /usr/bin/chromium is enough. `open_page` loads a file, collects every
console message, uncaught exception, log entry and network request, and takes a
full-page screenshot in the colour scheme asked for.
"""

from __future__ import annotations

import base64
import contextlib
import json
import os
import shutil
import subprocess
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

CHROMIUM = "/usr/bin/chromium"
FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--hide-scrollbars",
    "--remote-debugging-pipe",
]


def chromium_path() -> str | None:
    """The Chromium binary (Debian's), or None when it is not installed."""
    if Path(CHROMIUM).exists():
        return CHROMIUM
    return shutil.which("chromium")


@dataclass
class PageResult:
    """What happened while a page loaded."""

    console: list[tuple[str, str]] = field(default_factory=list)  # (type, text)
    exceptions: list[str] = field(default_factory=list)
    log_entries: list[tuple[str, str]] = field(default_factory=list)  # (level, text)
    requests: list[str] = field(default_factory=list)
    screenshot: Path | None = None
    width: int = 0
    height: int = 0

    @property
    def errors(self) -> list[str]:
        """Console errors and warnings, uncaught exceptions and error log entries."""
        found = [f"console.{kind}: {text}" for kind, text in self.console if kind in BAD_CONSOLE]
        found += [f"exception: {text}" for text in self.exceptions]
        found += [f"log {level}: {text}" for level, text in self.log_entries if level == "error"]
        return found


BAD_CONSOLE = {"error", "assert", "warning"}


class _Pipe:
    def __init__(self, proc: subprocess.Popen, write_fd: int, read_fd: int) -> None:
        self.proc = proc
        self.write_fd = write_fd
        self.read_fd = read_fd
        self.buffer = b""
        self.next_id = 0
        self.events: list[dict] = []

    def _read_message(self, deadline: float) -> dict:
        while b"\0" not in self.buffer:
            if time.monotonic() > deadline:
                raise TimeoutError("chromium did not answer in time")
            chunk = os.read(self.read_fd, 1 << 20)
            if not chunk:
                raise RuntimeError("chromium closed the DevTools pipe")
            self.buffer += chunk
        raw, self.buffer = self.buffer.split(b"\0", 1)
        return json.loads(raw)

    def send(self, method: str, params: dict | None = None, session: str | None = None) -> dict:
        self.next_id += 1
        message: dict = {"id": self.next_id, "method": method, "params": params or {}}
        if session:
            message["sessionId"] = session
        os.write(self.write_fd, json.dumps(message).encode() + b"\0")
        deadline = time.monotonic() + 60
        while True:
            reply = self._read_message(deadline)
            if reply.get("id") == self.next_id:
                if "error" in reply:
                    raise RuntimeError(f"{method}: {reply['error']}")
                return reply.get("result", {})
            self.events.append(reply)

    def wait_for(self, method: str, timeout: float = 60) -> dict:
        deadline = time.monotonic() + timeout
        for i, event in enumerate(self.events):
            if event.get("method") == method:
                return self.events.pop(i)
        while True:
            event = self._read_message(deadline)
            if event.get("method") == method:
                return event
            self.events.append(event)

    def drain(self, seconds: float) -> None:
        """Read the events that arrive within `seconds` (late console messages)."""
        import select

        deadline = time.monotonic() + seconds
        while True:
            left = deadline - time.monotonic()
            if left <= 0:
                return
            ready, _, _ = select.select([self.read_fd], [], [], left)
            if not ready:
                return
            chunk = os.read(self.read_fd, 1 << 20)
            if not chunk:
                return
            self.buffer += chunk
            while b"\0" in self.buffer:
                raw, self.buffer = self.buffer.split(b"\0", 1)
                self.events.append(json.loads(raw))


def open_page(
    page: Path,
    screenshot: Path,
    *,
    width: int = 1280,
    height: int = 900,
    color_scheme: str = "light",
    media: str = "screen",
    segment_height: int | None = None,
) -> PageResult:
    """Load `page` in headless Chromium; save a full-page PNG screenshot to `screenshot`.

    With `segment_height`, the page is also saved in pieces of that height
    (`<name>-1.png`, `<name>-2.png`, ...), easier to look at than one tall image.
    """
    binary = chromium_path()
    if binary is None:
        raise FileNotFoundError("chromium is not installed (make browser)")
    to_chrome_r, to_chrome_w = os.pipe()
    from_chrome_r, from_chrome_w = os.pipe()

    def _child_fds() -> None:
        # Copies first: a pipe end may already be fd 3 or 4, and dup2 onto itself
        # would leave it close-on-exec.
        commands, replies = os.dup(to_chrome_r), os.dup(from_chrome_w)
        os.dup2(commands, 3)
        os.dup2(replies, 4)

    with tempfile.TemporaryDirectory(prefix="chromium-profile-") as profile:
        proc = subprocess.Popen(
            [binary, *FLAGS, f"--user-data-dir={profile}", "about:blank"],
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            preexec_fn=_child_fds,  # noqa: PLW1509 (single-threaded test helper)
            close_fds=False,
        )
        os.close(to_chrome_r)
        os.close(from_chrome_w)
        pipe = _Pipe(proc, to_chrome_w, from_chrome_r)
        try:
            return _drive(
                pipe, page, screenshot, width, height, color_scheme, media, segment_height
            )
        finally:
            with contextlib.suppress(RuntimeError, OSError, TimeoutError):
                pipe.send("Browser.close")
            try:
                proc.wait(timeout=20)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()
            os.close(to_chrome_w)
            os.close(from_chrome_r)


def _drive(
    pipe: _Pipe,
    page: Path,
    screenshot: Path,
    width: int,
    height: int,
    color_scheme: str,
    media: str,
    segment_height: int | None,
) -> PageResult:
    target = pipe.send("Target.createTarget", {"url": "about:blank"})["targetId"]
    session = pipe.send("Target.attachToTarget", {"targetId": target, "flatten": True})["sessionId"]
    for domain in ("Page", "Runtime", "Log", "Network"):
        pipe.send(f"{domain}.enable", session=session)
    pipe.send(
        "Emulation.setEmulatedMedia",
        {"media": media, "features": [{"name": "prefers-color-scheme", "value": color_scheme}]},
        session=session,
    )
    pipe.send(
        "Emulation.setDeviceMetricsOverride",
        {"width": width, "height": height, "deviceScaleFactor": 1, "mobile": False},
        session=session,
    )
    pipe.events.clear()
    pipe.send("Page.navigate", {"url": page.resolve().as_uri()}, session=session)
    pipe.wait_for("Page.loadEventFired")
    pipe.drain(0.3)
    metrics = pipe.send("Page.getLayoutMetrics", session=session)
    content = metrics.get("cssContentSize") or metrics["contentSize"]
    full_height = int(content["height"])

    def capture(path: Path, top: int, tall: int) -> None:
        shot = pipe.send(
            "Page.captureScreenshot",
            {
                "format": "png",
                "captureBeyondViewport": True,
                "clip": {"x": 0, "y": top, "width": width, "height": tall, "scale": 1},
            },
            session=session,
        )
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(base64.b64decode(shot["data"]))

    capture(screenshot, 0, full_height)
    if segment_height:
        for number, top in enumerate(range(0, full_height, segment_height), start=1):
            part = screenshot.with_name(f"{screenshot.stem}-{number}{screenshot.suffix}")
            capture(part, top, min(segment_height, full_height - top))
    result = PageResult(screenshot=screenshot)
    result.width, result.height = png_size(screenshot)
    for event in pipe.events:
        method, params = event.get("method"), event.get("params", {})
        if method == "Runtime.consoleAPICalled":
            text = " ".join(str(a.get("value", a.get("description", ""))) for a in params["args"])
            result.console.append((params["type"], text))
        elif method == "Runtime.exceptionThrown":
            details = params["exceptionDetails"]
            result.exceptions.append(
                details.get("exception", {}).get("description") or details.get("text", "")
            )
        elif method == "Log.entryAdded":
            entry = params["entry"]
            result.log_entries.append((entry["level"], f"{entry['text']} {entry.get('url', '')}"))
        elif method == "Network.requestWillBeSent":
            result.requests.append(params["request"]["url"])
    return result


def png_size(path: Path) -> tuple[int, int]:
    """(width, height) of a PNG file, from its IHDR chunk; (0, 0) if it is not a PNG."""
    head = path.read_bytes()[:24]
    if len(head) < 24 or head[:8] != b"\x89PNG\r\n\x1a\n" or head[12:16] != b"IHDR":
        return 0, 0
    return int.from_bytes(head[16:20], "big"), int.from_bytes(head[20:24], "big")
