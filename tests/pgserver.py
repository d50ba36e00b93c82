"""A real PostgreSQL server for the test session, in a temporary folder, on a Unix socket.

Debian's `postgresql` package (installed by .ci/run) provides the binaries. initdb refuses to
run as root, and CI runs as root: the server then runs as the `postgres` account the package
creates (`runuser`), in a folder it owns. Password authentication (scram-sha-256) is on, so
a wrong password is refused as it would be at HQ. fsync is off: a test server need not survive
a power cut. One server per session; each test gets a fresh database cloned from a template
that already holds the schema.
"""

from __future__ import annotations

import glob
import os
import shutil
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote

USER = "fieldsurvey"
PASSWORD = "s3cret-pw"
PORT = 54329
SERVICE_ACCOUNT = "postgres"


def binaries() -> Path | None:
    """The newest installed PostgreSQL's bin folder (Debian keeps them versioned)."""
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"), key=_version)
    if found:
        return Path(found[-1]).parent
    initdb = shutil.which("initdb")
    return Path(initdb).parent if initdb else None


def _version(path: str) -> int:
    part = Path(path).parent.parent.name
    return int(part) if part.isdigit() else 0


@dataclass
class Server:
    folder: Path
    bin: Path
    as_root: bool

    def url(self, database: str = "postgres", *, user: str = USER, password: str = PASSWORD) -> str:
        auth = f"{quote(user)}:{quote(password)}@" if password else f"{quote(user)}@"
        return f"postgresql://{auth}/{database}?host={self.folder}&port={PORT}"

    def run(self, *args: str) -> subprocess.CompletedProcess[str]:
        command = [str(self.bin / args[0]), *args[1:]]
        if self.as_root:
            command = ["runuser", "-u", SERVICE_ACCOUNT, "--", *command]
        return subprocess.run(command, check=True, capture_output=True, text=True, timeout=120)

    def stop(self) -> None:
        try:
            self.run("pg_ctl", "-D", str(self.folder / "data"), "-m", "immediate", "stop")
        finally:
            shutil.rmtree(self.folder, ignore_errors=True)


def start() -> Server:
    found = binaries()
    if found is None:
        raise RuntimeError("PostgreSQL is not installed (apt-get install postgresql)")
    as_root = os.geteuid() == 0
    # as root, in /tmp whatever $TMPDIR says: the postgres account must reach the folder
    folder = Path(tempfile.mkdtemp(prefix="fieldsurvey-pg-", dir="/tmp" if as_root else None))
    folder.chmod(0o755)
    (folder / "pw").write_text(PASSWORD + "\n")
    if as_root:
        shutil.chown(folder, SERVICE_ACCOUNT)
        shutil.chown(folder / "pw", SERVICE_ACCOUNT)
    server = Server(folder, found, as_root)
    data = str(folder / "data")
    server.run("initdb", "-D", data, "-U", USER, "--auth=scram-sha-256",
               f"--pwfile={folder / 'pw'}", "-E", "UTF8", "--locale=C.UTF-8")  # fmt: skip
    options = (
        f"-k {folder} -p {PORT} -c listen_addresses='' -c fsync=off "
        "-c synchronous_commit=off -c full_page_writes=off -c max_connections=50"
    )
    server.run("pg_ctl", "-D", data, "-o", options, "-l", str(folder / "log"), "-w", "start")
    return server
