"""Server settings and API keys. Safe by default: loopback only, keys required anywhere else."""

from __future__ import annotations

import ipaddress
import os
from dataclasses import dataclass, field
from pathlib import Path

from medkiln.core.errors import UsageError
from ..keys import check_private

API_KEYS_ENV = "MEDKILN_API_KEYS"
LOOPBACK_NAMES = ("localhost",)


@dataclass(frozen=True)
class Settings:
    """What the app enforces; the CLI fills it from options. Sizes are per request."""

    host: str = "127.0.0.1"
    api_keys: frozenset[str] = field(default_factory=frozenset)
    max_body_bytes: int = 10 * 1024 * 1024
    max_records: int = 256
    max_text_chars: int = 200_000
    batch_size: int = 64
    operator: str = "redact"
    seed: int | None = None
    key_file: Path | None = None
    allow_client_seed: bool = False


def is_loopback(host: str) -> bool:
    if host in LOOPBACK_NAMES:
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def load_api_keys(key_file: Path | None = None, env: dict[str, str] | None = None) -> frozenset[str]:
    """Keys from MEDKILN_API_KEYS (comma-separated) and/or a file (one per line, '#' comments)."""
    env = os.environ if env is None else env
    keys = {k.strip() for k in env.get(API_KEYS_ENV, "").split(",") if k.strip()}
    if key_file is not None:
        path = Path(key_file)
        if not path.is_file():
            raise UsageError("S056", path=path, reason="does not exist")
        check_private(path, "S056")
        lines = path.read_text(encoding="utf-8").splitlines()
        keys |= {line.strip() for line in lines if line.strip() and not line.lstrip().startswith("#")}
    short = [k for k in keys if len(k) < 16]
    if short:
        raise UsageError("S056", path=key_file or API_KEYS_ENV, reason=f"holds {len(short)} key(s) shorter "
                         "than 16 characters")
    return frozenset(keys)


def check_bind(host: str, api_keys: frozenset[str]) -> None:
    """Refuse to listen beyond loopback without API keys (S055)."""
    if not is_loopback(host) and not api_keys:
        raise UsageError("S055", host=host)
