"""The secret key behind hashes, surrogates and date shifts, and the files that hold secrets.

A key file must be readable by its owner only (like ssh's private keys): a key others can read lets them
re-identify every hashed value and undo every date shift. Its trailing line break is not part of the key, so
`echo KEY > file` and a file written by a program give the same key.
"""

from __future__ import annotations

import hashlib
import os
import stat
from pathlib import Path

from medkiln.core.errors import UsageError

MIN_KEY_BYTES = 16


def check_private(path: Path, code: str) -> None:
    """Refuse (`code`, a usage error with `path` and `reason`) a file other users can read or write."""
    mode = path.stat().st_mode
    if mode & (stat.S_IRWXG | stat.S_IRWXO):
        raise UsageError(code, path=path, reason=f"can be read by other users (mode {stat.S_IMODE(mode):04o}); "
                         f"make it private with: chmod 600 {path}")


def read_key_file(path: Path) -> bytes:
    """The key a --key-file holds (S006 when missing, readable by others or shorter than 16 bytes)."""
    path = Path(path)
    if not path.is_file():
        raise UsageError("S006", path=path, reason="does not exist")
    check_private(path, "S006")
    data = path.read_bytes().rstrip(b"\r\n")
    if len(data) < MIN_KEY_BYTES:
        raise UsageError("S006", path=path, reason=f"holds {len(data)} bytes")
    return data


def resolve_key(seed: int | None, key_file: Path | None) -> bytes:
    """The HMAC key: from --key-file, derived from --seed, or random (not reproducible) when neither."""
    if seed is not None and key_file is not None:
        raise UsageError("S010", option="--seed", reason="cannot be used together with --key-file")
    if key_file is not None:
        return read_key_file(key_file)
    if seed is not None:
        return hashlib.sha256(f"medkiln-seed|{int(seed)}".encode()).digest()
    return os.urandom(32)


__all__ = ["MIN_KEY_BYTES", "check_private", "read_key_file", "resolve_key"]
