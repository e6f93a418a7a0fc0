"""Start and stop Streamlit servers on loopback for the benchmark (one process, or N behind the deploy/
nginx), and read their memory from /proc.

Each server runs from the repository root, so ``.streamlit/config.toml`` applies
to the dashboard and to the bare page alike. Only the processes started here
are ever stopped, by their own pid.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path
from types import TracebackType

from bench import REPO, RESULTS
from bench.stats import descendants, parse_ppid, parse_vmrss_kb


def free_port() -> int:
    """A free TCP port on 127.0.0.1."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class Server:
    """``streamlit run SCRIPT`` on a free loopback port, as a context manager.

    ``env`` is added to the environment (e.g. ``DASHBOARD_OPEN_DATA_DIR`` for the
    synthetic national data), ``options`` to the command line (``{"server.x": "1"}``).
    The log goes to ``bench/results/logs/``.
    """

    def __init__(
        self, script: Path, name: str, env: dict[str, str] | None = None, options: dict[str, str] | None = None
    ) -> None:
        self.script = script
        self.name = name
        self.env = env or {}
        self.options = options or {}
        self.proc: subprocess.Popen[bytes] | None = None
        self.url = ""

    def __enter__(self) -> Server:
        port = free_port()
        logs = RESULTS / "logs"
        logs.mkdir(parents=True, exist_ok=True)
        self.log_path = logs / f"server-{self.name}.log"
        log = open(self.log_path, "wb")
        self._log = log
        self.proc = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "streamlit",
                "run",
                str(self.script.relative_to(REPO)),
                "--server.port",
                str(port),
                "--server.address",
                "127.0.0.1",
                "--server.headless",
                "true",
                *[arg for key, value in self.options.items() for arg in (f"--{key}", value)],
            ],
            cwd=REPO,
            env={**os.environ, **self.env},
            stdout=log,
            stderr=subprocess.STDOUT,
        )
        self.url = f"http://127.0.0.1:{port}"
        deadline = time.monotonic() + 90
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                break
            try:
                with urllib.request.urlopen(f"{self.url}/_stcore/health", timeout=2) as resp:
                    if resp.status == 200:
                        return self
            except OSError:
                time.sleep(0.3)
        self.__exit__(None, None, None)
        raise RuntimeError(f"streamlit ({self.name}) did not start; see {self.log_path}")

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        if self.proc is not None and self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait(timeout=15)
        self._log.close()

    @property
    def pid(self) -> int:
        """The server's process id."""
        assert self.proc is not None
        return self.proc.pid

    def rss_kb(self) -> int:
        """Resident memory of the server and all its child processes, in kB (from /proc)."""
        return tree_rss_kb(self.pid)


class Cluster:
    """``deploy/start.sh N PORT``: N app processes behind the deploy/ nginx on loopback, as a context manager.

    Ports are picked free; state and logs go to ``bench/results/logs/cluster/``; ``deploy/stop.sh``
    stops exactly what the script started (by the pids it recorded).
    """

    def __init__(self, processes: int) -> None:
        self.processes = processes
        self.run_dir = RESULTS / "logs" / "cluster"
        self.url = ""

    def _env(self) -> dict[str, str]:
        return {**os.environ, "RUN_DIR": str(self.run_dir)}

    def __enter__(self) -> Cluster:
        self.run_dir.mkdir(parents=True, exist_ok=True)
        listen = free_port()
        base = free_port()
        while base + self.processes >= 65_535 or any(_busy(base + i) for i in range(self.processes + 1)):
            base = free_port()
        env = {**self._env(), "BASE_PORT": str(base)}
        started = subprocess.run(
            [str(REPO / "deploy" / "start.sh"), str(self.processes), str(listen)],
            cwd=REPO,
            env=env,
            capture_output=True,
            text=True,
            timeout=180,
            check=False,
        )
        if started.returncode != 0:
            self.__exit__(None, None, None)
            raise RuntimeError(f"deploy/start.sh failed: {started.stderr.strip()[-300:]}")
        self.url = f"http://127.0.0.1:{listen}"
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        subprocess.run(
            [str(REPO / "deploy" / "stop.sh")],
            cwd=REPO,
            env=self._env(),
            capture_output=True,
            timeout=60,
            check=False,
        )


def _busy(port: int) -> bool:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        return s.connect_ex(("127.0.0.1", port)) == 0


def _read(path: Path) -> str:
    try:
        return path.read_text()
    except OSError:  # the process ended between listing and reading
        return ""


def tree_rss_kb(pid: int) -> int:
    """Sum of ``VmRSS`` over a process and its descendants (Linux /proc; psutil is not needed)."""
    parent_of: dict[int, int] = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            ppid = parse_ppid(_read(entry / "stat"))
            if ppid is not None:
                parent_of[int(entry.name)] = ppid
    total = 0
    for p in {pid, *descendants(pid, parent_of)}:
        total += parse_vmrss_kb(_read(Path(f"/proc/{p}/status"))) or 0
    return total
