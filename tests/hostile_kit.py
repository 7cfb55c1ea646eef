"""What the hostile-input suite (tests/hostile/) checks in every case: the sentinel, the file tree, `Outcome`."""

from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass, field
from pathlib import Path

SENTINEL = "Zorbla Quentworth"  # invented; the fake model tags it PATIENT
SENTINEL_WORDS = ("Zorbla", "Quentworth", "zorbla", "quentworth", "ZORBLA")


def note(i: int = 0) -> str:
    return f"Note {i}: {SENTINEL} seen 01/02/2020, call (410) 555-0134."


def tree(root: Path) -> dict[str, str]:
    """Every path under `root` (files, folders, links) with what identifies its content."""
    out = {}
    for folder, dirs, files in os.walk(root, followlinks=False):
        for name in dirs + files:
            path = Path(folder) / name
            rel = path.relative_to(root).as_posix()
            if path.is_symlink():
                out[rel] = "link:" + os.readlink(path)
            elif path.is_dir():
                out[rel] = "dir"
            else:
                try:
                    out[rel] = hashlib.sha256(path.read_bytes()).hexdigest()
                except OSError:
                    out[rel] = "unreadable"
    return out


@dataclass
class Outcome:
    code: int
    stdout: str
    stderr: str
    log: str
    exception: BaseException | None = None
    texts: list[str] = field(default_factory=list)

    def check(self, code: int, *, error: str | None = None, root: Path | None = None,
              before: dict | None = None, allowed: tuple[str, ...] = ()) -> None:
        """The documented exit status (and error code), no traceback, no sentinel anywhere, and under `root`
        nothing changed since `before` but the paths in `allowed` (a folder allows what lies in it)."""
        streams = self.stdout + self.stderr + self.log + "".join(self.texts)
        assert self.code == code, (self.code, self.stderr[-2000:], repr(self.exception))
        assert self.exception is None or isinstance(self.exception, SystemExit), repr(self.exception)
        assert "Traceback" not in streams
        if error is not None:
            assert f"[{error}]" in self.stderr, self.stderr[-2000:]
        for word in SENTINEL_WORDS:
            assert word not in streams
        if root is not None:
            after = tree(root)
            changed = {p for p in set(before) | set(after) if before.get(p) != after.get(p)}
            stray = {p for p in changed if not any(p == a or p.startswith(a + "/") for a in allowed)}
            assert not stray, sorted(stray)
