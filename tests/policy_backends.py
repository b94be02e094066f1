"""A throw-away PostgreSQL cluster for the policy store's tests, and helpers that work on both backends.

The cluster is Debian's `postgresql` (CI installs it, `.ci/run`): `initdb` in a temporary folder,
`pg_ctl start` listening only on a Unix socket in that folder (no TCP port, so parallel sessions on
one machine never collide), durability switched off because the data is thrown away. CI runs as
root, which PostgreSQL refuses, so the server runs as the `postgres` user via `runuser`.
Each store gets its own schema (the DSN's search_path), which is far cheaper than a database each.
"""

from __future__ import annotations

import glob
import os
import shutil
import subprocess
import tempfile
import uuid
from pathlib import Path

BACKENDS = ("sqlite", "postgres")


def _in_ci() -> bool:
    return os.environ.get("CI", "").lower() in ("1", "true", "yes")


def pg_bin() -> Path | None:
    """The newest installed server's bin folder (/usr/lib/postgresql/<major>/bin)."""
    found = sorted(
        glob.glob(os.environ.get("GSIW_TEST_INITDB_GLOB", "/usr/lib/postgresql/*/bin/initdb")),
        key=lambda p: int(Path(p).parts[-3]),
    )
    return Path(found[-1]).parent if found else None


def missing_reason() -> str | None:
    if pg_bin() is None:
        return "PostgreSQL is not installed (apt-get install postgresql; .ci/run does it in CI)"
    if os.geteuid() == 0 and shutil.which("runuser") is None:
        return "running as root without `runuser`: PostgreSQL refuses to run as root"
    return None


class PgCluster:
    def __init__(self) -> None:
        self.bin = pg_bin()
        self.dir = Path(tempfile.mkdtemp(prefix="gsiw-pg-"))
        self.data = self.dir / "data"
        self.as_root = os.geteuid() == 0
        self.port = 5432
        if self.as_root:
            shutil.chown(self.dir, "postgres", "postgres")

    def _run(self, *args: str) -> None:
        cmd = [str(self.bin / args[0]), *args[1:]]
        if self.as_root:
            cmd = ["runuser", "-u", "postgres", "--", *cmd]
        done = subprocess.run(cmd, capture_output=True, text=True, timeout=120, cwd=self.dir)
        if done.returncode:
            log = (
                (self.dir / "server.log").read_text() if (self.dir / "server.log").exists() else ""
            )
            raise RuntimeError(f"{' '.join(args)} failed: {done.stderr or done.stdout}\n{log}")

    def start(self, *, tcp_port: int | None = None, ssl: tuple[Path, Path] | None = None,
              hba: list[str] | None = None) -> PgCluster:
        """Start the cluster on its Unix socket; with `tcp_port` also on 127.0.0.1 (TLS with the
        (certificate, key) in `ssl`), admitting TCP clients by the `hba` lines (pg_hba.conf)."""
        self._run(
            "initdb",
            "-D",
            str(self.data),
            "-U",
            "postgres",
            "-A",
            "trust",
            "--no-sync",
            "-E",
            "UTF8",
        )
        self.port = tcp_port or 5432  # the Unix socket's name carries the port too
        listen = f"'127.0.0.1' -c port={tcp_port}" if tcp_port else "''"
        opts = f"-c listen_addresses={listen} -k {self.dir} -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=300"
        if ssl:  # the server's key must belong to the server's user, mode 0600
            for src, name in zip(ssl, ("server.crt", "server.key"), strict=True):
                dst = self.dir / name
                shutil.copyfile(src, dst)
                dst.chmod(0o600)
                if self.as_root:
                    shutil.chown(dst, "postgres", "postgres")
            opts += f" -c ssl=on -c ssl_cert_file={self.dir / 'server.crt'} -c ssl_key_file={self.dir / 'server.key'}"
        if hba:  # first match wins: these lines go before initdb's own (local trust) lines
            conf = self.data / "pg_hba.conf"
            conf.write_text("\n".join(hba) + "\n" + conf.read_text(), encoding="utf-8")
        self._run(
            "pg_ctl",
            "-D",
            str(self.data),
            "-l",
            str(self.dir / "server.log"),
            "-w",
            "-o",
            opts,
            "start",
        )
        import psycopg

        with psycopg.connect(self.admin_dsn("postgres"), autocommit=True) as con:
            con.execute("CREATE DATABASE gsiw")
        return self

    def admin_dsn(self, db: str = "gsiw") -> str:
        return f"postgresql://postgres@/{db}?host={self.dir}&port={self.port}"

    def new_dsn(self) -> str:
        """A fresh, empty schema; the DSN points the store at it through search_path."""
        import psycopg

        schema = f"t_{uuid.uuid4().hex[:12]}"
        with psycopg.connect(self.admin_dsn(), autocommit=True) as con:
            con.execute(f"CREATE SCHEMA {schema}")
        return f"{self.admin_dsn()}&options=-csearch_path%3D{schema}"

    def sql(self, statement: str) -> None:
        import psycopg

        with psycopg.connect(self.admin_dsn(), autocommit=True) as con:
            con.execute(statement)

    def tool(self, name: str, *args: str) -> None:
        """Run a client tool of the same release (pg_dump, pg_restore) against the cluster."""
        done = subprocess.run(
            [str(self.bin / name), *args], capture_output=True, text=True, timeout=120
        )
        if done.returncode:
            raise RuntimeError(f"{name} failed: {done.stderr}")

    def stop(self) -> None:
        try:
            self._run("pg_ctl", "-D", str(self.data), "-m", "immediate", "-w", "stop")
        finally:
            shutil.rmtree(self.dir, ignore_errors=True)


def store_env(store) -> dict[str, str]:
    """The environment that makes a page or the CLI open `store`."""
    if store.backend == "sqlite":
        return {"GSIW_POLICY_DB": str(store.path)}
    from policy.store import backup_dir

    # A PostgreSQL store's backups go beside GSIW_POLICY_DB by default; a CLI subprocess would not see
    # this test's temporary GSIW_POLICY_DB and write them into the checkout (the checkout guard caught it).
    return {"GSIW_POLICY_DSN": store.path, "GSIW_POLICY_BACKUPS": str(backup_dir(store.path))}


def raw_connection(store):
    """A plain connection to the store's database, outside the store's own checks (autocommit)."""
    return store._backend.connect()
