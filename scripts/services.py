"""Start Wegwijzer's three services, wait until all are healthy, stop them together.

`make run`, the end-to-end tests and the benchmarks all start the product
through this module, so they run exactly what a steunpunt runs:

    browser -> gateway (FastAPI) -> Rasa server -> action server

Rasa and the action server listen on 127.0.0.1 only; the gateway is the only
public surface. Each service logs to var/log/<name>.log, so Rasa's and
TensorFlow's start-up noise stays out of the terminal.
"""

from __future__ import annotations

import json
import os
import secrets
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

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
}


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on right now (tests, benchmarks)."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@dataclass
class StackConfig:
    var_dir: Path = ROOT / "var"
    host: str = "127.0.0.1"
    port: int = 8000
    rasa_port: int = 5005
    actions_port: int = 5055
    model: Path = ROOT / "models" / "wegwijzer.tar.gz"
    rasa_token: str = ""
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
        )

    @property
    def url(self) -> str:
        shown = "127.0.0.1" if self.host in ("0.0.0.0", "::") else self.host  # noqa: S104
        return f"http://{shown}:{self.port}/"

    @property
    def rasa_url(self) -> str:
        return f"http://127.0.0.1:{self.rasa_port}"

    @property
    def actions_url(self) -> str:
        return f"http://127.0.0.1:{self.actions_port}"

    def token(self) -> str:
        """The shared Rasa token: from the environment, else generated once and kept in var/."""
        if self.rasa_token:
            return self.rasa_token
        path = self.var_dir / "rasa-token"
        if not path.exists():
            self.var_dir.mkdir(parents=True, exist_ok=True)
            path.touch(mode=0o600)
            path.write_text(secrets.token_urlsafe(32))
        self.rasa_token = path.read_text().strip()
        return self.rasa_token


@dataclass
class Service:
    name: str
    command: list[str]
    health_url: str
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

    def healthy(self) -> bool:
        try:
            with urllib.request.urlopen(self.health_url, timeout=3) as response:  # noqa: S310 - our own http URL
                body = response.read()
        except (urllib.error.URLError, OSError):
            return False
        if self.name == "rasa":
            # /status answers before the model is loaded; wait for the model.
            return bool(json.loads(body or b"{}").get("model_file"))
        return True

    def log_tail(self, lines: int = 30) -> str:
        try:
            return "\n".join(self.log_path.read_text(errors="replace").splitlines()[-lines:])
        except OSError:
            return ""


class StartupError(RuntimeError):
    pass


class Stack:
    """The three services of one Wegwijzer installation."""

    def __init__(self, config: StackConfig) -> None:
        self.config = config
        token = config.token()
        log_dir = config.var_dir / "log"
        base = {
            **os.environ,
            **QUIET_ENV,
            "PYTHONPATH": str(ROOT),
            "WEGWIJZER_VAR_DIR": str(config.var_dir),
            "WEGWIJZER_RASA_TOKEN": token,
            "WEGWIJZER_ACTIONS_PORT": str(config.actions_port),
            "WEGWIJZER_TRACKER_DB": str(config.var_dir / "rasa-tracker.db"),
            "WEGWIJZER_SOP_DB": str(config.var_dir / "sop.db"),
            "WEGWIJZER_RASA_URL": config.rasa_url,
            "WEGWIJZER_ACTIONS_URL": config.actions_url,
        }
        self.base_env = base
        self.services = {
            "actions": Service(
                "actions",
                [
                    str(RASA_BIN / "python"),
                    "-m",
                    "rasa_sdk",
                    "--actions",
                    "actions",
                    "-p",
                    str(config.actions_port),
                ],
                f"{config.actions_url}/health",
                {**base, "SANIC_HOST": "127.0.0.1"},
                log_dir / "actions.log",
            ),
            "rasa": Service(
                "rasa",
                [
                    str(RASA_BIN / "rasa"),
                    "run",
                    "--enable-api",
                    # One argument: a token that starts with "-" must not read as an option.
                    f"--auth-token={token}",
                    "-i",
                    "127.0.0.1",
                    "-p",
                    str(config.rasa_port),
                    "--model",
                    str(config.model),
                    "--endpoints",
                    "bot/endpoints.yml",
                    "--credentials",
                    "bot/credentials.yml",
                ],
                f"{config.rasa_url}/status?token={token}",
                base,
                log_dir / "rasa.log",
            ),
            "gateway": Service(
                "gateway",
                # No access log: request paths carry conversation ids.
                [
                    str(WEB_BIN / "python"),
                    "-m",
                    "uvicorn",
                    "web.main:create_app",
                    "--factory",
                    "--host",
                    config.host,
                    "--port",
                    str(config.port),
                    "--no-access-log",
                ],
                f"http://127.0.0.1:{config.port}/healthz",
                {**base, **config.gateway_env},
                log_dir / "gateway.log",
            ),
        }

    def start(self, timeout: float = 240) -> None:
        if not self.config.model.is_file():
            # Rasa would silently load another model from the same folder.
            raise StartupError(f"no trained model at {self.config.model}; run `make train`")
        self.load_demo_profiles()
        for service in self.services.values():
            service.start()
        self.wait_healthy(timeout)

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
                if service.healthy():
                    pending.remove(name)
            if pending and time.monotonic() > deadline:
                raise StartupError(f"not healthy after {timeout:.0f} s: {', '.join(pending)}")
            if pending:
                time.sleep(0.5)

    def restart(self, name: str, timeout: float = 240, env: dict[str, str] | None = None) -> None:
        """Stop and start one service; `env` changes its environment from now on
        (tests: another moment for the gateway's clock)."""
        service = self.services[name]
        service.stop()
        if env:
            service.env = {**service.env, **env}
        service.start()
        self.wait_healthy(timeout, [name])

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


def _interrupt(signum: int, frame: object) -> None:
    raise KeyboardInterrupt


def main() -> int:
    config = StackConfig.from_env()
    stack = Stack(config)
    # SIGTERM stops the services like Ctrl-C does; the services run in their own
    # process groups and would otherwise outlive the supervisor. SIGINT is set
    # explicitly because a shell without job control starts us with it ignored.
    signal.signal(signal.SIGTERM, _interrupt)
    signal.signal(signal.SIGINT, _interrupt)
    print("Starting the action server, Rasa and the gateway (Rasa loads its model) ...", flush=True)
    started = time.monotonic()
    try:
        stack.start()
        print(f"Healthy after {time.monotonic() - started:.0f} s. Logs: {config.var_dir / 'log'}")
        print(f"\n  Wegwijzer is running: {config.url}\n\n(Ctrl-C stops all three services)", flush=True)
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
