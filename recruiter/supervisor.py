"""One parent process for the whole app: it starts its children, restarts one that crashes
(with a back-off and a limit) and stops them all on SIGTERM or SIGINT.

``flask --app app serve`` uses it for two children, the web server (gunicorn) and the
scheduler. A child that keeps crashing brings everything down with a message saying which one
and how, rather than leaving half an app running. Nothing here knows about Flask.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import logging
import os
import signal
import subprocess
import sys
import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

log = logging.getLogger(__name__)

PR_SET_PDEATHSIG = 1


@dataclass
class Child:
    name: str
    argv: list[str]
    proc: subprocess.Popen | None = None
    crashes: list[float] = field(default_factory=list)  # monotonic times, inside the window
    restart_at: float | None = None

    @property
    def alive(self) -> bool:
        return self.proc is not None and self.proc.poll() is None


@dataclass(frozen=True)
class RestartPolicy:
    """At most ``max_restarts`` crashes of one child in ``window`` seconds; the n-th restart
    waits ``min(backoff * 2**(n-1), max_backoff)`` seconds."""

    max_restarts: int = 5
    window: float = 120.0
    backoff: float = 1.0
    max_backoff: float = 30.0

    def delay(self, crashes: int) -> float:
        return min(self.backoff * 2 ** max(crashes - 1, 0), self.max_backoff)


def describe_exit(code: int) -> str:
    if code < 0:
        try:
            return f"was killed by {signal.Signals(-code).name}"
        except ValueError:
            return f"was killed by signal {-code}"
    return f"exited with status {code}"


def _die_with_parent(parent: int) -> None:
    """In the child, before exec: on Linux, get SIGTERM when the parent dies (even by SIGKILL),
    so a killed supervisor never leaves an orphaned web server or scheduler behind."""
    if not sys.platform.startswith("linux"):
        return
    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6", use_errno=True)
        libc.prctl(PR_SET_PDEATHSIG, signal.SIGTERM)
    except (OSError, AttributeError):
        return
    if os.getppid() != parent:  # the parent died before prctl took effect
        os._exit(1)


class Supervisor:
    def __init__(
        self,
        children: Sequence[tuple[str, list[str]]],
        env: Mapping[str, str] | None = None,
        policy: RestartPolicy | None = None,
        stop_timeout: float = 30.0,
        poll_interval: float = 0.2,
    ) -> None:
        self.children = [Child(name, list(argv)) for name, argv in children]
        self.env = dict(env if env is not None else os.environ)
        self.policy = policy or RestartPolicy()
        self.stop_timeout = stop_timeout
        self.poll_interval = poll_interval
        self.stop_signal: int | None = None

    # --- the loop ---------------------------------------------------------------------------

    def run(self) -> int:
        """Start every child and watch them until a signal (0) or a child gives up (1)."""
        previous = {
            sig: signal.signal(sig, self._on_signal) for sig in (signal.SIGTERM, signal.SIGINT)
        }
        try:
            for child in self.children:
                self._start(child)
            code = self._watch()
        finally:
            self._stop_all()
            for sig, handler in previous.items():
                signal.signal(sig, handler)
        return code

    def _on_signal(self, signum: int, frame: object) -> None:
        self.stop_signal = signum

    def _watch(self) -> int:
        while self.stop_signal is None:
            now = time.monotonic()
            for child in self.children:
                if child.restart_at is not None:
                    if now >= child.restart_at:
                        self._start(child)
                    continue
                code = child.proc.poll() if child.proc is not None else None
                if code is None:
                    continue
                if not self._schedule_restart(child, code, now):
                    return 1
            time.sleep(self.poll_interval)
        log.info("stopping (%s)", signal.Signals(self.stop_signal).name)
        return 0

    def _schedule_restart(self, child: Child, code: int, now: float) -> bool:
        child.crashes = [t for t in child.crashes if now - t < self.policy.window] + [now]
        if len(child.crashes) > self.policy.max_restarts:
            log.error(
                "the %s %s and has crashed %d times in %.0f s: giving up and stopping "
                "everything (its output is above; fix the cause and start again)",
                child.name,
                describe_exit(code),
                len(child.crashes),
                self.policy.window,
            )
            return False
        delay = self.policy.delay(len(child.crashes))
        log.error("the %s %s; restarting it in %.0f s", child.name, describe_exit(code), delay)
        child.restart_at = now + delay
        return True

    # --- children ---------------------------------------------------------------------------

    def _start(self, child: Child) -> None:
        parent = os.getpid()
        child.restart_at = None
        child.proc = subprocess.Popen(  # noqa: S603 - our own interpreter and arguments
            child.argv, env=self.env, preexec_fn=lambda: _die_with_parent(parent)
        )
        log.info("started the %s (pid %d)", child.name, child.proc.pid)

    def _stop_all(self) -> None:
        running = [c for c in self.children if c.alive]
        for child in running:
            child.proc.send_signal(signal.SIGTERM)  # type: ignore[union-attr]
        deadline = time.monotonic() + self.stop_timeout
        for child in running:
            try:
                child.proc.wait(timeout=max(deadline - time.monotonic(), 0.1))  # type: ignore[union-attr]
            except subprocess.TimeoutExpired:
                log.error(
                    "the %s did not stop in %.0f s: killing it", child.name, self.stop_timeout
                )
                child.proc.kill()  # type: ignore[union-attr]
                child.proc.wait()  # type: ignore[union-attr]
        for child in running:
            log.info("the %s %s", child.name, describe_exit(child.proc.returncode))  # type: ignore[union-attr]
