"""Start a real Label Studio server on 127.0.0.1 with its data in a folder and a seeded API token.

Label Studio 1.23 lives in its own venv (`.venv-ls`, `make labelstudio`). Traps handled here: it listens on
`--internal-host` (not `--host`); the legacy API token only works when the organisation is created with
`--enable-legacy-api-token`; the user and token are seeded from environment variables (never the command
line, so `ps` does not show them); a taken port makes it pick another silently, so we pick a free port,
refuse a taken one, and poll `/health` on exactly that port; a fresh database takes ~20 s to answer.

`python -m medkiln.annotation.server --data-dir runs/labelstudio --port 8080` runs one in the foreground.
"""

from __future__ import annotations

import argparse
import os
import secrets
import shutil
import signal
import sys
import socket
import subprocess
import time
from dataclasses import dataclass, field
from pathlib import Path

from medkiln.core.errors import MedkilnError

REPO_ROOT = Path(__file__).resolve().parents[1]
DEFAULT_USER = "reviewer@medkiln.local"
TOKEN_FILE = "medkiln_api_token"
PASSWORD_FILE = "medkiln_password"


@dataclass
class Server:
    """A running Label Studio: its URL, the seeded token and user, the process and its log."""

    url: str
    token: str = field(repr=False)
    username: str
    data_dir: Path
    log_path: Path
    process: subprocess.Popen = field(repr=False)

    def stop(self, timeout: float = 20.0) -> None:
        """Stop the server's process group (the process we started and its children)."""
        if self.process.poll() is not None:
            return
        os.killpg(self.process.pid, signal.SIGTERM)
        try:
            self.process.wait(timeout)
        except subprocess.TimeoutExpired:
            os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait(timeout)


def find_label_studio(path: str | Path | None = None) -> Path:
    """The `label-studio` executable: `path`, $MEDKILN_LABEL_STUDIO, `.venv-ls/bin/label-studio`, or PATH."""
    candidates = [path, os.environ.get("MEDKILN_LABEL_STUDIO"), REPO_ROOT / ".venv-ls" / "bin" / "label-studio",
                  shutil.which("label-studio")]
    for cand in candidates:
        if cand and Path(cand).is_file() and os.access(cand, os.X_OK):
            return Path(cand).absolute()
    raise MedkilnError("E209", path=path or REPO_ROOT / ".venv-ls" / "bin" / "label-studio")


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _port_taken(port: int) -> bool:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        return sock.connect_ex(("127.0.0.1", port)) == 0


def seeded_secret(data_dir: Path, name: str = TOKEN_FILE) -> str:
    """A secret kept in `data_dir/name` (0600), created on first use: the user is seeded only once."""
    path = data_dir / name
    if path.exists() and path.read_text().strip():
        return path.read_text().strip()
    data_dir.mkdir(parents=True, exist_ok=True)
    value = secrets.token_hex(20)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w") as fh:
        fh.write(value + "\n")
    return value


# Label Studio's SSRF guard bans these (and loopback) for ML backends, webhooks and storages. We keep them
# banned but allow loopback, so a local `medkiln serve` can be this local server's ML backend.
_BANNED_BUT_LOOPBACK = (
    "0.0.0.0/8,10.0.0.0/8,100.64.0.0/10,169.254.0.0/16,172.16.0.0/12,192.0.0.0/24,192.0.2.0/24,192.88.99.0/24,"
    "192.168.0.0/16,198.18.0.0/15,198.51.100.0/24,203.0.113.0/24,224.0.0.0/4,233.252.0.0/24,240.0.0.0/4,"
    "255.255.255.255/32,::/128,::ffff:0:0/96,64:ff9b::/96,100::/64,2001:db8::/32,fc00::/7,fe80::/10,ff00::/8")


def _environment(data_dir: Path, username: str, password: str, token: str, allow_loopback: bool) -> dict:
    home = data_dir / "home"
    home.mkdir(parents=True, exist_ok=True)
    guard = {"USE_DEFAULT_BANNED_SUBNETS": "false", "USER_ADDITIONAL_BANNED_SUBNETS": _BANNED_BUT_LOOPBACK} \
        if allow_loopback else {}
    return {**os.environ, **guard, "HOME": str(home), "LABEL_STUDIO_BASE_DATA_DIR": str(data_dir),
            "LABEL_STUDIO_USERNAME": username, "LABEL_STUDIO_PASSWORD": password,
            "LABEL_STUDIO_USER_TOKEN": token, "LABEL_STUDIO_ENABLE_LEGACY_API_TOKEN": "true",
            "LABEL_STUDIO_DISABLE_SIGNUP_WITHOUT_LINK": "true", "COLLECT_ANALYTICS": "false",
            "SENTRY_DSN": "", "FRONTEND_SENTRY_DSN": "", "PYTHONUNBUFFERED": "1"}


def _wait_ready(url: str, token: str, process: subprocess.Popen, log_path: Path, timeout: float) -> None:
    import httpx

    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            break
        try:
            health = httpx.get(f"{url}/health", timeout=2.0)
            if health.status_code == 200:
                who = httpx.get(f"{url}/api/current-user/whoami", timeout=5.0,
                                headers={"Authorization": f"Token {token}"})
                if who.status_code == 200:
                    return
        except httpx.HTTPError:
            pass
        time.sleep(1.0)
    raise MedkilnError("E210", url=url, seconds=int(timeout), log=log_path)


def start_server(data_dir: str | Path, *, port: int | None = None, token: str | None = None,
                 username: str = DEFAULT_USER, password: str | None = None, executable: str | Path | None = None,
                 timeout: float = 180.0, allow_loopback_backends: bool = True) -> Server:
    """Start Label Studio on 127.0.0.1:`port` (a free one by default) and wait until the token works.
    `allow_loopback_backends` lets it reach an ML backend on 127.0.0.1 (other reserved networks stay banned)."""
    exe = find_label_studio(executable)
    data_dir = Path(data_dir).resolve()
    data_dir.mkdir(parents=True, exist_ok=True)
    port = port or free_port()
    if _port_taken(port):
        raise MedkilnError("E211", port=port)
    token = token or seeded_secret(data_dir, TOKEN_FILE)
    password = password or seeded_secret(data_dir, PASSWORD_FILE)
    log_path = data_dir / "labelstudio.log"
    cmd = [str(exe), "start", "--internal-host", "127.0.0.1", "--port", str(port), "--no-browser",
           "--enable-legacy-api-token"]
    with log_path.open("ab") as log:
        env = _environment(data_dir, username, password, token, allow_loopback_backends)
        process = subprocess.Popen(cmd, env=env, stdout=log, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL,
                                   start_new_session=True, cwd=data_dir)
    server = Server(url=f"http://127.0.0.1:{port}", token=token, username=username, data_dir=data_dir,
                    log_path=log_path, process=process)
    try:
        _wait_ready(server.url, token, process, log_path, timeout)
    except BaseException:
        server.stop()
        raise
    return server


def main(argv: list[str] | None = None) -> None:
    """Run a server in the foreground until Ctrl-C (what `make labelstudio` calls)."""
    parser = argparse.ArgumentParser(description="Start Label Studio on 127.0.0.1 for medkiln review.")
    parser.add_argument("--data-dir", default="runs/labelstudio")
    parser.add_argument("--port", type=int, default=8080)
    parser.add_argument("--username", default=DEFAULT_USER)
    args = parser.parse_args(argv)
    server = start_server(args.data_dir, port=args.port, username=args.username)
    token_file = server.data_dir / TOKEN_FILE
    # The token stays in its 0600 file: shown on screen it would end up in terminal logs.
    sys.stdout.write(f"Label Studio is ready at {server.url} (log: {server.log_path})\n"
                     f"user: {server.username} (password in {server.data_dir / PASSWORD_FILE})\n"
                     f"export LABEL_STUDIO_URL={server.url}\n"
                     f"export LABEL_STUDIO_API_KEY=$(cat {token_file})\n")
    sys.stdout.flush()
    signal.signal(signal.SIGTERM, _interrupt)
    try:
        server.process.wait()
    except KeyboardInterrupt:
        server.stop()


def _interrupt(signum, frame) -> None:
    raise KeyboardInterrupt


if __name__ == "__main__":
    main()
