"""PostgreSQL and Redis for the scaled profile: our own instances on 127.0.0.1,
with their data in a folder we choose, so `make run PROFILE=scaled` and the tests
never touch (or need) a system-wide server.

Debian's packages provide the programs (scripts/install_debian.sh installs
them). PostgreSQL refuses to run as root, so under root its commands run as the
`postgres` user that the package creates, and its folder belongs to that user.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path

USER = "wegwijzer"


def postgres_bin() -> Path | None:
    """The newest PostgreSQL server programs Debian installed, if any."""
    found = sorted(
        Path("/usr/lib/postgresql").glob("*/bin/postgres"), key=lambda p: int(p.parent.parent.name)
    )
    return found[-1].parent if found else None


def missing_programs() -> list[str]:
    """What the scaled profile needs and this machine lacks."""
    missing = [] if postgres_bin() else ["postgresql"]
    return missing + ([] if shutil.which("redis-server") else ["redis-server"])


def scratch_dir() -> Path:
    """A fresh folder for throw-away servers (tests) that the postgres user may use."""
    path = Path(tempfile.mkdtemp(prefix="wegwijzer-datastores-"))
    if os.geteuid() == 0:
        shutil.chown(path, "postgres", "postgres")
    return path


def _program(name: str) -> str:
    """A PostgreSQL program by name (initdb, postgres, pg_isready, createdb)."""
    bin_dir = postgres_bin()
    if bin_dir is None:
        raise RuntimeError("PostgreSQL is not installed: apt-get install postgresql")
    return str(bin_dir / name)


def _as_postgres(command: list[str]) -> list[str]:
    if os.geteuid() != 0:
        return command
    # util-linux's runuser lives in /usr/sbin, which a user's PATH may lack.
    return [shutil.which("runuser") or "/usr/sbin/runuser", "-u", "postgres", "--", *command]


@dataclass
class PostgresCluster:
    """One cluster in `base`/data with a password-protected superuser `wegwijzer`."""

    base: Path
    port: int
    password: str

    @property
    def data(self) -> Path:
        return self.base / "data"

    def url(self, database: str) -> str:
        return f"postgresql://{USER}:{self.password}@127.0.0.1:{self.port}/{database}"

    def initialise(self) -> None:
        """initdb once; a second start reuses the cluster."""
        if (self.data / "PG_VERSION").is_file():
            return
        initdb = _program("initdb")
        self.base.mkdir(parents=True, exist_ok=True)
        password_file = self.base / "initdb-password"
        password_file.write_text(self.password)
        password_file.chmod(0o600)
        if os.geteuid() == 0:
            shutil.chown(self.base, "postgres", "postgres")
            shutil.chown(password_file, "postgres", "postgres")
        try:
            command = [initdb, "-D", str(self.data), "-U", USER, f"--pwfile={password_file}",
                       "--auth=scram-sha-256", "--encoding=UTF8", "--no-locale"]  # fmt: skip
            done = subprocess.run(_as_postgres(command), capture_output=True, text=True)
        finally:
            password_file.unlink()
        if done.returncode != 0:
            raise RuntimeError(f"initdb failed in {self.data}:\n{done.stderr}")

    def command(self) -> list[str]:
        """The server in the foreground, TCP on loopback only, no Unix socket."""
        command = [_program("postgres"), "-D", str(self.data), "-p", str(self.port),
                   "-c", "listen_addresses=127.0.0.1", "-c", "unix_socket_directories="]  # fmt: skip
        return _as_postgres(command)

    def ready(self) -> bool:
        done = subprocess.run([_program("pg_isready"), "-q", "-h", "127.0.0.1", "-p", str(self.port)])
        return done.returncode == 0

    def create_databases(self, *names: str) -> None:
        """The gateway's and Rasa's databases, if they are not there yet."""
        env = {**os.environ, "PGPASSWORD": self.password}
        for name in names:
            command = [_program("createdb"), "-h", "127.0.0.1", "-p", str(self.port), "-U", USER, name]
            done = subprocess.run(command, env=env, capture_output=True, text=True)
            if done.returncode != 0 and "already exists" not in done.stderr:
                raise RuntimeError(f"createdb {name} failed:\n{done.stderr}")


@dataclass
class RedisServer:
    """A Redis for Rasa's lock store only: nothing is written to disk."""

    base: Path
    port: int
    password: str

    def command(self) -> list[str]:
        # A config file rather than arguments: the password stays out of `ps`.
        self.base.mkdir(parents=True, exist_ok=True)
        config = self.base / "redis.conf"
        config.touch(mode=0o600)
        config.write_text(
            f"bind 127.0.0.1\nport {self.port}\nrequirepass {self.password}\n"
            f'save ""\nappendonly no\ndir {self.base}\n'
        )
        return ["redis-server", str(config)]

    def ready(self) -> bool:
        try:
            with socket.create_connection(("127.0.0.1", self.port), timeout=2) as connection:
                connection.sendall(f"AUTH {self.password}\r\nPING\r\n".encode())
                reply = b""
                while b"PONG" not in reply and len(reply) < 200:
                    chunk = connection.recv(100)
                    if not chunk:
                        break
                    reply += chunk
        except OSError:
            return False
        return b"+PONG" in reply
