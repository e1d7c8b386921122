"""A database and a real `backcoach serve` on loopback, for load and crash runs."""

from __future__ import annotations

import contextlib
import http.client
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import uuid
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import quote

PG_BIN = Path("/usr/lib/postgresql/15/bin")
BASE_DIR = Path(__file__).resolve().parents[2]


def port_outside_ephemeral_range(first: int = 25444, tries: int = 200) -> int:
    """A free loopback port below Linux's ephemeral range (32768 and up by default).

    For a server started after a load run: tens of thousands of short client
    connections cycle through the ephemeral ports, and one of them may hold a
    fixed port like 55444 just then ("Address already in use").
    """
    for port in range(first, first + tries):
        with socket.socket() as sock:
            try:
                sock.bind(("127.0.0.1", port))
            except OSError:
                continue
            return port
    raise RuntimeError(f"no free loopback port in {first}..{first + tries - 1}")


def free_port() -> int:
    """$BACKCOACH_LOAD_PORT when set (a machine with assigned ports), else one the OS gives."""
    if port := os.environ.get("BACKCOACH_LOAD_PORT"):
        return int(port)
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@dataclass
class Deployment:
    """One deployment's settings (the environment) and its data folder."""

    name: str
    data_dir: Path
    database_url: str = ""
    env: dict[str, str] = field(default_factory=dict)

    def environ(self) -> dict[str, str]:
        env = {
            key: value
            for key, value in os.environ.items()
            if not key.startswith(("DJANGO_", "DATABASE_", "PYTEST", "WAITRESS_", "SERVE_"))
        }
        env.update(
            DEBUG="0",
            SECRET_KEY="load-test-key-" + "x" * 40,
            ALLOWED_HOSTS="127.0.0.1,localhost",
            CLINIC_PHONE="0000 000 000",
            BACKCOACH_DATA_DIR=str(self.data_dir),
            LOG_LEVEL="WARNING",
        )
        if self.database_url:
            env["DATABASE_URL"] = self.database_url
        env.update(self.env)
        return env

    def run(self, *args: str, timeout: float = 300) -> str:
        """A `backcoach` command (or `-m module`) in this deployment; its output."""
        command = (
            [sys.executable, *args]
            if args[0] == "-m"
            else [sys.executable, "-m", "backcoach.cli", *args]
        )
        done = subprocess.run(
            command,
            env=self.environ(),
            cwd=BASE_DIR,
            capture_output=True,
            text=True,
            timeout=timeout,
        )
        if done.returncode != 0:
            raise RuntimeError(
                f"{' '.join(args)} failed ({done.returncode}):\n{done.stderr[-3000:]}"
            )
        return done.stdout

    def migrate(self) -> None:
        self.run("manage", "migrate", "--noinput", "-v", "0")

    def patients(self, count: int) -> list[dict[str, Any]]:
        out = self.run("-m", "backcoach.loadtest.fixtures", "patients", str(count))
        return list(json.loads(out.strip().splitlines()[-1]))

    def stored(self) -> dict[str, Any]:
        out = self.run("-m", "backcoach.loadtest.fixtures", "stored")
        return dict(json.loads(out.strip().splitlines()[-1]))


class Server:
    """`backcoach serve` in production mode: gunicorn's master and its workers, one session."""

    def __init__(self, deployment: Deployment, port: int | None = None) -> None:
        self.deployment = deployment
        self.port = port or free_port()
        self.process: subprocess.Popen[bytes] | None = None
        self.log = deployment.data_dir / f"server-{self.port}.log"

    def start(self, timeout: float = 120) -> None:
        command = [sys.executable, "-m", "backcoach.cli", "serve", "--port", str(self.port)]
        with self.log.open("ab") as log:
            self.process = subprocess.Popen(
                command,
                env=self.deployment.environ(),
                cwd=BASE_DIR,
                stdout=log,
                stderr=log,
                # Its own session and process group: kill() reaches the workers too.
                start_new_session=True,
            )
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(
                    f"server exited ({self.process.returncode}): {self.log.read_text()[-3000:]}"
                )
            if self._healthy():
                return
            time.sleep(0.2)
        self.stop()
        raise RuntimeError(f"server did not answer within {timeout:.0f} s")

    def _healthy(self) -> bool:
        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=2)
        try:
            conn.request("GET", "/healthz")
            return conn.getresponse().status == 200
        except (OSError, http.client.HTTPException):
            return False
        finally:
            conn.close()

    def kill(self) -> None:
        """SIGKILL to the master and every worker: no clean shutdown, as a crash would."""
        if self.process is None:
            return
        with contextlib.suppress(ProcessLookupError):
            os.killpg(self.process.pid, signal.SIGKILL)
        self.process.wait(timeout=30)

    def stop(self, timeout: float = 40) -> None:
        """SIGTERM to the master, which lets its workers finish their requests; then wait."""
        if self.process is None:
            return
        if self.process.poll() is None:
            self.process.terminate()
            with contextlib.suppress(subprocess.TimeoutExpired):
                self.process.wait(timeout=timeout)
        # Whatever is left of the group (a worker the master lost) goes too.
        self.kill()


@contextlib.contextmanager
def sqlite_deployment(**env: str) -> Iterator[Deployment]:
    with tempfile.TemporaryDirectory(prefix="backcoach-load-") as folder:
        yield Deployment("SQLite", Path(folder), env=dict(env))


def postgres_available() -> bool:
    return (PG_BIN / "initdb").exists() and shutil.which("runuser") is not None


@contextlib.contextmanager
def throwaway_postgres(port: int, **env: str) -> Iterator[Deployment]:
    """A PostgreSQL 15 cluster of its own on a loopback port, as .ci/run makes one,
    that the deployment reaches through its Unix socket."""
    folder = Path(tempfile.mkdtemp(prefix="backcoach-load-pg-"))
    folder.chmod(0o755)
    shutil.chown(folder, "postgres", "postgres")

    def as_postgres(*command: str) -> None:
        done = subprocess.run(
            ["runuser", "-u", "postgres", "--", *command],
            capture_output=True,
            text=True,
            timeout=120,
        )
        if done.returncode != 0:
            log = folder / "log"
            tail = log.read_text()[-2000:] if log.exists() else ""
            raise RuntimeError(f"{Path(command[0]).name} failed: {done.stderr[-2000:]}\n{tail}")

    try:
        as_postgres(
            str(PG_BIN / "initdb"),
            "-D",
            f"{folder}/data",
            "-U",
            "postgres",
            "--auth=trust",
            "-E",
            "UTF8",
            "--locale=C.UTF-8",
        )
        # max_connections above the clients: each server thread holds one connection.
        options = f"-p {port} -c listen_addresses=127.0.0.1 -k {folder} -c max_connections=300"
        as_postgres(
            str(PG_BIN / "pg_ctl"),
            "-D",
            f"{folder}/data",
            "-l",
            f"{folder}/log",
            "-w",
            "-o",
            options,
            "start",
        )
        # Through the cluster's Unix socket, as docs/deploy.md advises for a PostgreSQL
        # on the server's own machine: a round trip costs both sides about a quarter
        # less CPU than over TCP on loopback (the port names the socket's file).
        url = f"postgres://postgres@{quote(str(folder), safe='')}:{port}/postgres"
        data = folder / "app"
        data.mkdir()
        yield Deployment("PostgreSQL 15", data, database_url=url, env=dict(env))
    finally:
        with contextlib.suppress(Exception):
            as_postgres(str(PG_BIN / "pg_ctl"), "-D", f"{folder}/data", "-m", "immediate", "stop")
        shutil.rmtree(folder, ignore_errors=True)


@contextlib.contextmanager
def database_on(url: str, **env: str) -> Iterator[Deployment]:
    """A fresh database on the PostgreSQL server `url` names (CI's cluster), dropped afterwards."""
    import psycopg

    name = f"backcoach_load_{uuid.uuid4().hex[:10]}"
    base, _, _ = url.rpartition("/")
    admin = psycopg.connect(f"{base}/postgres", autocommit=True)
    admin.execute(f'CREATE DATABASE "{name}"')
    try:
        with tempfile.TemporaryDirectory(prefix="backcoach-load-") as folder:
            yield Deployment(
                "PostgreSQL", Path(folder), database_url=f"{base}/{name}", env=dict(env)
            )
    finally:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        admin.close()


@contextlib.contextmanager
def ci_deployment(**env: str) -> Iterator[Deployment]:
    """For CI: PostgreSQL when the suite runs on it ($DATABASE_URL), SQLite otherwise."""
    url = os.environ.get("DATABASE_URL", "")
    if url.startswith(("postgres://", "postgresql://")):
        with database_on(url, **env) as deployment:
            yield deployment
    else:
        with sqlite_deployment(**env) as deployment:
            yield deployment
