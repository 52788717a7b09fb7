"""Start Wegwijzer's services, wait until all are healthy, stop them together.

`make run`, the end-to-end tests and the benchmarks all start the product
through this module, so they run exactly what a steunpunt runs:

    browser -> gateway (FastAPI) -> Rasa server -> action server

Two profiles. `single` (the default): everything in SQLite files in var/.
`scaled` (`make run PROFILE=scaled`): PostgreSQL holds Rasa's tracker store and
the gateway's data, Redis is Rasa's lock store, and several Rasa processes
answer turns round-robin (scripts/datastores.py runs both servers).

Everything but the gateway listens on 127.0.0.1 only; the gateway is the only
public surface. Each service logs to var/log/<name>.log, so Rasa's and
TensorFlow's start-up noise stays out of the terminal.
"""

from __future__ import annotations

import json
import os
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from datastores import PostgresCluster, RedisServer, scratch_dir

ROOT = Path(__file__).resolve().parent.parent
RASA_BIN = ROOT / ".venv" / "rasa" / "bin"
WEB_BIN = ROOT / ".venv" / "web" / "bin"

QUIET_ENV = {
    "RASA_TELEMETRY_ENABLED": "false",
    "TF_CPP_MIN_LOG_LEVEL": "3",
    "LOG_LEVEL_LIBRARIES": "ERROR",
    "PYTHONWARNINGS": "ignore",
    "SQLALCHEMY_SILENCE_UBER_WARNING": "1",
    # A 2-core machine: one TensorFlow thread per pool leaves a core for the rest.
    "TF_INTRA_OP_PARALLELISM_THREADS": "1",
    "TF_INTER_OP_PARALLELISM_THREADS": "1",
    # And one thread for numpy's BLAS and OpenMP: by default each process starts
    # one per core, and two Rasa processes then fight over the cores (measured,
    # 20 conversations at once: 2.5 -> 17.2 messages/s scaled, 8.3 -> 10.0 single).
    "OMP_NUM_THREADS": "1",
    "OPENBLAS_NUM_THREADS": "1",
    "MKL_NUM_THREADS": "1",
}


PROFILES = ("single", "scaled")


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on right now (tests, benchmarks)."""
    return free_ports(1)[0]


def free_ports(count: int) -> list[int]:
    """`count` different free ports: all sockets are held open until each has its port."""
    sockets = [socket.socket() for _ in range(count)]
    try:
        for sock in sockets:
            sock.bind(("127.0.0.1", 0))
        return [sock.getsockname()[1] for sock in sockets]
    finally:
        for sock in sockets:
            sock.close()


@dataclass
class StackConfig:
    var_dir: Path = ROOT / "var"
    host: str = "127.0.0.1"
    port: int = 8000
    rasa_port: int = 5005
    actions_port: int = 5055
    model: Path = ROOT / "models" / "wegwijzer.tar.gz"
    rasa_token: str = ""
    # "single" or "scaled" (several Rasa processes, see rasa_ports).
    profile: str = "single"
    rasa_workers: int = 2
    # Tests and benchmarks name each Rasa process's port (from free_ports);
    # empty: rasa_port, rasa_port + 1, ...
    rasa_worker_ports: list[int] = field(default_factory=list)
    postgres_port: int = 5433
    redis_port: int = 6380
    # Where PostgreSQL and Redis keep their files (default: var_dir/scaled).
    datastore_dir: Path | None = None
    # Extra settings for the gateway only (tests: WEGWIJZER_CLOCK_START).
    gateway_env: dict[str, str] = field(default_factory=dict)

    @staticmethod
    def one_client_env() -> dict[str, str]:
        """Tests and benchmarks send everything from one address: lift the
        per-address limits (the per-conversation limit stays)."""
        return {"WEGWIJZER_RATE_CLIENT_CONVERSATIONS": "1000000", "WEGWIJZER_RATE_CLIENT_MESSAGES": "1000000"}

    @classmethod
    def from_env(cls) -> StackConfig:
        env = os.environ
        default = cls()
        return cls(
            var_dir=Path(env.get("WEGWIJZER_VAR_DIR", default.var_dir)).resolve(),
            host=env.get("WEGWIJZER_HOST", default.host),
            port=int(env.get("WEGWIJZER_PORT", default.port)),
            rasa_port=int(env.get("WEGWIJZER_RASA_PORT", default.rasa_port)),
            actions_port=int(env.get("WEGWIJZER_ACTIONS_PORT", default.actions_port)),
            model=Path(env.get("WEGWIJZER_MODEL", default.model)).resolve(),
            rasa_token=env.get("WEGWIJZER_RASA_TOKEN", ""),
            profile=env.get("WEGWIJZER_PROFILE") or default.profile,
            rasa_workers=int(env.get("WEGWIJZER_RASA_WORKERS", default.rasa_workers)),
            postgres_port=int(env.get("WEGWIJZER_POSTGRES_PORT", default.postgres_port)),
            redis_port=int(env.get("WEGWIJZER_REDIS_PORT", default.redis_port)),
        )

    @property
    def scaled(self) -> bool:
        return self.profile == "scaled"

    @property
    def rasa_ports(self) -> list[int]:
        if not self.scaled:
            return [self.rasa_port]
        return self.rasa_worker_ports or [self.rasa_port + n for n in range(self.rasa_workers)]

    @property
    def url(self) -> str:
        shown = "127.0.0.1" if self.host in ("0.0.0.0", "::") else self.host  # noqa: S104
        return f"http://{shown}:{self.port}/"

    @property
    def rasa_url(self) -> str:
        """The first (or only) Rasa process."""
        return self.rasa_urls[0]

    @property
    def rasa_urls(self) -> list[str]:
        return [f"http://127.0.0.1:{port}" for port in self.rasa_ports]

    @property
    def actions_url(self) -> str:
        return f"http://127.0.0.1:{self.actions_port}"

    def token(self) -> str:
        """The shared Rasa token: from the environment, else generated once and kept in var/."""
        if not self.rasa_token:
            self.rasa_token = self.secret("rasa-token")
        return self.rasa_token

    def secret(self, name: str) -> str:
        """A random secret generated once and kept in var/<name> (mode 600)."""
        path = self.var_dir / name
        if not path.exists():
            self.var_dir.mkdir(parents=True, exist_ok=True)
            path.touch(mode=0o600)
            path.write_text(secrets.token_urlsafe(32))
        return path.read_text().strip()

    def postgres(self) -> PostgresCluster:
        base = self.datastore_dir or self.var_dir / "scaled"
        return PostgresCluster(base / "postgres", self.postgres_port, self.secret("postgres-password"))

    def redis(self) -> RedisServer:
        base = self.datastore_dir or self.var_dir / "scaled"
        return RedisServer(base / "redis", self.redis_port, self.secret("redis-password"))


def _fetch(url: str) -> bytes | None:
    """The body of a 2xx answer, or None when the service does not answer (yet)."""
    try:
        with urllib.request.urlopen(url, timeout=3) as response:  # noqa: S310 - our own http URL
            return response.read()
    except (urllib.error.URLError, OSError):
        return None


def http_ready(url: str) -> Callable[[], bool]:
    return lambda: _fetch(url) is not None


def rasa_ready(url: str) -> Callable[[], bool]:
    """/status answers before the model is loaded; wait for the model."""

    def ready() -> bool:
        try:
            return bool(json.loads(_fetch(url) or b"{}").get("model_file"))
        except ValueError:
            return False

    return ready


class StartupError(RuntimeError):
    pass


@dataclass
class Service:
    name: str
    command: list[str]
    ready: Callable[[], bool]
    env: dict[str, str]
    log_path: Path
    process: subprocess.Popen | None = field(default=None, repr=False)

    def start(self) -> None:
        self.log_path.parent.mkdir(parents=True, exist_ok=True)
        with open(self.log_path, "ab") as log:
            self.process = subprocess.Popen(
                self.command,
                cwd=ROOT,
                env=self.env,
                stdin=subprocess.DEVNULL,
                stdout=log,
                stderr=subprocess.STDOUT,
                # Own process group: Ctrl-C reaches only the supervisor, which
                # then stops the services in order.
                start_new_session=True,
            )

    def stop(self, timeout: float = 15) -> None:
        if self.process is None or self.process.poll() is not None:
            return
        os.killpg(self.process.pid, signal.SIGTERM)
        try:
            self.process.wait(timeout)
        except subprocess.TimeoutExpired:
            os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait()

    def exited(self) -> bool:
        return self.process is not None and self.process.poll() is not None

    def wait_ready(self, timeout: float = 60) -> None:
        deadline = time.monotonic() + timeout
        while not self.ready():
            if self.exited() or time.monotonic() > deadline:
                raise StartupError(f"{self.name} did not start:\n{self.log_tail()}")
            time.sleep(0.25)

    def log_tail(self, lines: int = 30) -> str:
        try:
            return "\n".join(self.log_path.read_text(errors="replace").splitlines()[-lines:])
        except OSError:
            return ""


class Stack:
    """The services of one Wegwijzer installation, in start order."""

    def __init__(self, config: StackConfig) -> None:
        self.config = config
        token = config.token()
        self.log_dir = config.var_dir / "log"
        self.base_env = {
            **os.environ,
            **QUIET_ENV,
            "PYTHONPATH": str(ROOT),
            "WEGWIJZER_VAR_DIR": str(config.var_dir),
            "WEGWIJZER_RASA_TOKEN": token,
            "WEGWIJZER_ACTIONS_PORT": str(config.actions_port),
            "WEGWIJZER_TRACKER_DB": str(config.var_dir / "rasa-tracker.db"),
            "WEGWIJZER_SOP_DB": str(config.var_dir / "sop.db"),
            # The gateway's list of Rasa processes; one in the single profile.
            "WEGWIJZER_RASA_URL": ",".join(config.rasa_urls),
            "WEGWIJZER_ACTIONS_URL": config.actions_url,
        }
        # Datastores first: Rasa and the gateway connect to them at start-up.
        self.datastores: dict[str, Service] = self._datastores() if config.scaled else {}
        self.services: dict[str, Service] = {
            **self.datastores,
            "actions": self._service(
                "actions",
                [str(RASA_BIN / "python"), "-m", "actions.serve", "--actions", "actions",
                 "-p", str(config.actions_port)],
                http_ready(f"{config.actions_url}/health"),
                # Sanic closes idle keep-alive connections after 5 s; Rasa's aiohttp client
                # keeps them 15 s and then writes into a closing socket ("Cannot write to
                # closing transport": the action fails, the turn is empty). With the server
                # keeping them longer, the client always closes first (rasa-sdk PR #1047).
                {"SANIC_HOST": "127.0.0.1", "SANIC_KEEP_ALIVE_TIMEOUT": "120"},
            ),
            **{name: self._rasa(name, port) for name, port in self._rasa_names()},
            "gateway": self._service(
                "gateway",
                # No access log: request paths carry conversation ids.
                [str(WEB_BIN / "python"), "-m", "uvicorn", "web.main:create_app", "--factory",
                 "--host", config.host, "--port", str(config.port), "--no-access-log"],
                http_ready(f"http://127.0.0.1:{config.port}/healthz"),
                config.gateway_env,
            ),
        }  # fmt: skip

    def _service(
        self, name: str, command: list[str], ready: Callable[[], bool], env: dict[str, str]
    ) -> Service:
        return Service(name, command, ready, {**self.base_env, **env}, self.log_dir / f"{name}.log")

    def _rasa_names(self) -> list[tuple[str, int]]:
        """The first process is "rasa", the others "rasa-2", "rasa-3" ..."""
        return [
            ("rasa" if n == 0 else f"rasa-{n + 1}", port) for n, port in enumerate(self.config.rasa_ports)
        ]

    def _rasa(self, name: str, port: int) -> Service:
        endpoints = "bot/endpoints.scaled.yml" if self.config.scaled else "bot/endpoints.yml"
        token = self.config.token()
        # `rasa run` through bot/serve.py, which first installs our fixes to Rasa.
        command = [str(RASA_BIN / "python"), "-m", "bot.serve", "run", "--enable-api",
                   # One argument: a token that starts with "-" must not read as an option.
                   f"--auth-token={token}", "-i", "127.0.0.1", "-p", str(port),
                   "--model", str(self.config.model),
                   "--endpoints", endpoints, "--credentials", "bot/credentials.yml"]  # fmt: skip
        # One core per E5 embedding. Two halve one turn's NLU time, but with other
        # turns, the gateway and the action server busy on a 2-core machine the two
        # threads wait for each other: p95 at 10 conversations went 272 -> 2,297 ms
        # (bench/RESULTS.md, "Latency by layer"). scripts/env.sh's training setting
        # (every core) must not reach the server.
        env = {"WEGWIJZER_E5_THREADS": "1"}
        return self._service(name, command, rasa_ready(f"http://127.0.0.1:{port}/status?token={token}"), env)

    def _datastores(self) -> dict[str, Service]:
        postgres, redis = self.config.postgres(), self.config.redis()
        # Rasa's endpoints.scaled.yml and the gateway read these.
        self.base_env.update({
            "WEGWIJZER_POSTGRES_PORT": str(postgres.port),
            "WEGWIJZER_POSTGRES_PASSWORD": postgres.password,
            "WEGWIJZER_REDIS_PORT": str(redis.port),
            "WEGWIJZER_REDIS_PASSWORD": redis.password,
            "WEGWIJZER_DATABASE_URL": postgres.url("wegwijzer"),
        })  # fmt: skip
        return {
            "postgres": self._service("postgres", postgres.command(), postgres.ready, {}),
            "redis": self._service("redis", redis.command(), redis.ready, {}),
        }

    def members(self, name: str) -> list[str]:
        """The services a name stands for: "rasa" is every Rasa process."""
        return [n for n in self.services if n == name or (name == "rasa" and n.startswith("rasa-"))]

    def start(self, timeout: float = 240) -> None:
        if not self.config.model.is_file():
            # Rasa would silently load another model from the same folder.
            raise StartupError(f"no trained model at {self.config.model}; run `make train`")
        self.load_demo_profiles()
        if self.datastores:
            self.prepare_datastores(timeout)
        for name, service in self.services.items():
            if name not in self.datastores:
                service.start()
        self.wait_healthy(timeout)

    def prepare_datastores(self, timeout: float) -> None:
        postgres = self.config.postgres()
        try:
            postgres.initialise()
        except RuntimeError as error:
            raise StartupError(str(error)) from error
        for service in self.datastores.values():
            service.start()
        self.wait_healthy(timeout, list(self.datastores))
        # The gateway's tables and Rasa's tracker store live in separate databases.
        postgres.create_databases("wegwijzer", "rasa")

    def load_demo_profiles(self) -> None:
        """A new installation starts with the fictional demo SWV's school profiles;
        the SWV replaces them with `python -m actions.sop import` (README)."""
        database = self.config.var_dir / "sop.db"
        if database.exists():
            return
        demo = ROOT / "knowledge" / "sop" / "demo-scholen.json"
        command = [str(RASA_BIN / "python"), "-m", "actions.sop", "import", str(demo), "--db", str(database)]
        result = subprocess.run(command, env=self.base_env, capture_output=True, text=True)
        if result.returncode != 0:
            raise StartupError(f"the demo school profiles did not load:\n{result.stderr}")

    def wait_healthy(self, timeout: float = 240, names: list[str] | None = None) -> None:
        deadline = time.monotonic() + timeout
        pending = list(names or self.services)
        while pending:
            for name in list(pending):
                service = self.services[name]
                if service.exited():
                    raise StartupError(f"{name} stopped during start-up:\n{service.log_tail()}")
                if service.ready():
                    pending.remove(name)
            if pending and time.monotonic() > deadline:
                raise StartupError(f"not healthy after {timeout:.0f} s: {', '.join(pending)}")
            if pending:
                time.sleep(0.5)

    def stop_services(self, name: str) -> None:
        for member in self.members(name):
            self.services[member].stop()

    def start_services(self, name: str, timeout: float = 240) -> None:
        members = self.members(name)
        for member in members:
            self.services[member].start()
        self.wait_healthy(timeout, members)

    def restart(self, name: str, timeout: float = 240, env: dict[str, str] | None = None) -> None:
        """Stop and start a service ("rasa": all Rasa processes); `env` changes its
        environment from now on (tests: another moment for the gateway's clock)."""
        self.stop_services(name)
        if env:
            for member in self.members(name):
                self.services[member].env.update(env)
        self.start_services(name, timeout)

    def stop(self) -> None:
        for service in reversed(list(self.services.values())):
            service.stop()

    def __enter__(self) -> Stack:
        try:
            self.start()
        except BaseException:
            self.stop()
            raise
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.stop()


@contextmanager
def throwaway_stack(var_dir: Path, profile: str = "single", **fields: Any) -> Iterator[Stack]:
    """A running Wegwijzer for tests and benchmarks: every service on its own free
    port; on the scaled profile two Rasa processes, and PostgreSQL's and Redis's
    files in a scratch folder (the postgres user may not enter `var_dir`) that is
    removed afterwards. `fields` sets any other StackConfig field."""
    port, rasa, second_rasa, actions, postgres, redis = free_ports(6)
    datastores = scratch_dir() if profile == "scaled" else None
    config = StackConfig(var_dir=var_dir, port=port, rasa_port=rasa, rasa_worker_ports=[rasa, second_rasa],
                         actions_port=actions, profile=profile, postgres_port=postgres, redis_port=redis,
                         datastore_dir=datastores, **fields)  # fmt: skip
    try:
        with Stack(config) as stack:
            yield stack
    finally:
        if datastores:
            shutil.rmtree(datastores, ignore_errors=True)


def _interrupt(signum: int, frame: object) -> None:
    raise KeyboardInterrupt


def main() -> int:
    config = StackConfig.from_env()
    if config.profile not in PROFILES:
        print(f"Unknown profile {config.profile!r}: choose {' or '.join(PROFILES)}.", file=sys.stderr)
        return 2
    stack = Stack(config)
    # SIGTERM stops the services like Ctrl-C does; the services run in their own
    # process groups and would otherwise outlive the supervisor. SIGINT is set
    # explicitly because a shell without job control starts us with it ignored.
    signal.signal(signal.SIGTERM, _interrupt)
    signal.signal(signal.SIGINT, _interrupt)
    what = f"PostgreSQL, Redis, {len(config.rasa_ports)} Rasa processes" if config.scaled else "Rasa"
    print(f"Starting the action server, {what} and the gateway (Rasa loads its model) ...", flush=True)
    started = time.monotonic()
    try:
        stack.start()
        print(f"Healthy after {time.monotonic() - started:.0f} s. Logs: {config.var_dir / 'log'}")
        print(f"\n  Wegwijzer is running: {config.url}\n\n(Ctrl-C stops all services)", flush=True)
        while True:
            for service in stack.services.values():
                if service.exited():
                    print(f"{service.name} stopped unexpectedly:\n{service.log_tail()}", file=sys.stderr)
                    return 1
            time.sleep(0.5)
    except StartupError as error:
        print(f"Could not start Wegwijzer: {error}\nLogs: {config.var_dir / 'log'}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("\nStopping ...", flush=True)
        return 0
    finally:
        # A second Ctrl-C or SIGTERM must not interrupt the orderly stop and
        # orphan a service; stop() itself escalates to SIGKILL after a timeout.
        signal.signal(signal.SIGINT, signal.SIG_IGN)
        signal.signal(signal.SIGTERM, signal.SIG_IGN)
        stack.stop()


if __name__ == "__main__":
    sys.exit(main())
