"""A client for the project's one interpreter: a long-lived `arcdsl exec --jsonl` subprocess.

Protocol, one JSON object per line each way:
  request  {"id": "...", "program": "<DSL text>", "input": [[...]]}
  response {"id": "...", "output": [[...]]}  or  {"id": "...", "error": {"kind": ..., "message": ..., "range": ...}}
"""

from __future__ import annotations

import itertools
import json
import os
import queue
import shutil
import subprocess
import threading
from dataclasses import dataclass
from pathlib import Path

Grid = list[list[int]]


class ExecutorUnavailable(Exception):
    """The CLI cannot be found or started, or stopped answering."""


@dataclass
class Result:
    output: Grid | None = None
    error: dict | None = None  # {"kind", "message", "range"?}


def cli_path() -> Path:
    """ARCDSL_CLI if set, else <repo>/dist/cli.cjs next to this package's trainer/ folder."""
    env = os.environ.get("ARCDSL_CLI")
    return Path(env) if env else Path(__file__).resolve().parents[2] / "dist" / "cli.cjs"


class Executor:
    """Runs programs on grids through `node <cli> exec --jsonl`; restarts the process after a timeout."""

    def __init__(self, cli: Path | None = None, timeout: float = 10.0, startup_timeout: float = 60.0):
        self.cli = cli or cli_path()
        self.timeout, self.startup_timeout = timeout, startup_timeout
        self.fresh = False  # the next answer is the first from a new process: allow for its start-up
        self.proc: subprocess.Popen | None = None
        self.lines: queue.Queue[str | None] = queue.Queue()
        self.ids = itertools.count()

    def __enter__(self) -> Executor:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def start(self) -> None:
        if not self.cli.is_file():
            raise ExecutorUnavailable(f"{self.cli}: the arcdsl CLI is not built (npm run build, or set ARCDSL_CLI)")
        node = os.environ.get("ARCDSL_NODE") or shutil.which("node")
        if node is None:
            raise ExecutorUnavailable("node is not on PATH (set ARCDSL_NODE)")
        self.proc = subprocess.Popen(
            [node, str(self.cli), "exec", "--jsonl"],
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, bufsize=1,
        )
        self.lines = queue.Queue()
        stderr_tail: list[str] = []
        threading.Thread(target=self._pump, args=(self.proc.stdout, self.lines), daemon=True).start()
        threading.Thread(target=self._drain, args=(self.proc.stderr, stderr_tail), daemon=True).start()
        self.stderr_tail = stderr_tail
        self.fresh = True

    @staticmethod
    def _pump(stream, lines: queue.Queue) -> None:
        for line in stream:
            lines.put(line)
        lines.put(None)  # end of stream: the process died

    @staticmethod
    def _drain(stream, tail: list[str]) -> None:
        for line in stream:
            tail.append(line.rstrip())
            del tail[:-20]

    def run(self, program: str, grid: Grid) -> Result:
        """The program's output on the grid, or its error (a timeout is an error of kind "timeout")."""
        if self.proc is None or self.proc.poll() is not None:
            self.start()
        request_id = str(next(self.ids))
        try:
            self.proc.stdin.write(json.dumps({"id": request_id, "program": program, "input": grid}) + "\n")
            self.proc.stdin.flush()
        except (BrokenPipeError, OSError):
            raise ExecutorUnavailable(self._died()) from None
        timeout = self.startup_timeout if self.fresh else self.timeout
        while True:
            try:
                line = self.lines.get(timeout=timeout)
            except queue.Empty:
                self.close(kill=True)  # a stuck process is replaced on the next call
                return Result(error={"kind": "timeout", "message": f"no answer within {timeout:g} s"})
            if line is None:
                raise ExecutorUnavailable(self._died())
            if not line.strip():
                continue
            try:
                reply = json.loads(line)
            except json.JSONDecodeError:
                raise ExecutorUnavailable(f"{self.cli}: not a JSON line: {line.strip()[:200]}") from None
            self.fresh = False
            if reply.get("id") != request_id:
                continue  # a late answer to a request that timed out
            if "error" in reply:
                return Result(error=reply["error"])
            return Result(output=reply.get("output"))

    def _died(self) -> str:
        code = self.proc.wait(timeout=5) if self.proc else None
        tail = " | ".join(getattr(self, "stderr_tail", [])[-3:])
        return f"{self.cli} exec --jsonl exited (code {code}){': ' + tail if tail else ''}"

    def close(self, kill: bool = False) -> None:
        proc, self.proc = self.proc, None
        if proc is None or proc.poll() is not None:
            return
        if not kill:
            try:
                proc.stdin.close()  # end of input: the CLI exits by itself
                proc.wait(timeout=2)
                return
            except (OSError, subprocess.TimeoutExpired):
                pass
        proc.kill()
        proc.wait()
