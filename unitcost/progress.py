"""What `unitcost build` shows while dbt works.

On a terminal: one progress line, rewritten in place (nodes done of the run's
total, as dbt numbers them in its "N of M" events, and the elapsed time); failed
tests and models are printed above it. Otherwise (a log file, a pipe, CI): one
plain line per model and seed as dbt finishes it.
"""

from __future__ import annotations

import sys
import time

BAR = 24


class Progress:
    """Receives dbt's JSON log events; counts tests; prints progress."""

    def __init__(self, stream=None, tty: bool | None = None) -> None:
        self.stream = stream or sys.stdout
        self.tty = self.stream.isatty() if tty is None else tty
        self.tests = {"pass": 0, "warn": 0, "fail": 0, "error": 0}
        self.done = 0
        self.total = 0
        self.started = time.monotonic()
        self._drawn = False

    def __call__(self, event: dict) -> None:
        name = event.get("info", {}).get("name", "")
        data = event.get("data", {})
        node = data.get("node_info", {})
        status = node.get("node_status")
        total = data.get("total") or data.get("num_models")
        if isinstance(total, int):
            self.total = max(self.total, total)
        if name.endswith("Result") and status:
            self.done += 1
        if name == "LogTestResult" and status in self.tests:
            self.tests[status] += 1
            if status in ("fail", "error"):
                self._line(status.upper(), node, event)
        elif name in ("LogModelResult", "LogSeedResult") and status and not self.tty:
            self._line("OK" if status == "success" else status.upper(), node, event)
        elif name in ("LogModelResult", "LogSeedResult") and status not in (None, "success"):
            self._line(status.upper(), node, event)
        if self.tty and name.endswith("Result") and status:
            self._draw(node.get("node_name", ""))

    def finish(self) -> None:
        """Clear the progress line (a terminal only)."""
        if self.tty and self._drawn:
            self.stream.write("\r\x1b[K")
            self.stream.flush()
            self._drawn = False

    def _draw(self, current: str) -> None:
        total = max(self.total, self.done, 1)
        filled = round(BAR * self.done / total)
        elapsed = time.monotonic() - self.started
        self.stream.write(
            f"\r\x1b[K  [{'#' * filled}{'.' * (BAR - filled)}] {self.done}/{total} "
            f"nodes  {elapsed:5.1f} s  {current[:40]}"
        )
        self.stream.flush()
        self._drawn = True

    def _line(self, label: str, node: dict, event: dict) -> None:
        timing = event.get("data", {}).get("execution_time")
        seconds = f" {timing:5.1f}s" if isinstance(timing, int | float) else ""
        kind = node.get("resource_type", "")
        self.finish()
        print(f"  {label:<6} {kind:<6} {node.get('node_name', '?')}{seconds}", file=self.stream)
        self.stream.flush()
