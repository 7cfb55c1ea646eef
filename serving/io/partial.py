"""The partial output beside OUTPUT, its checkpoint state, resume and the final atomic commit.

Beside OUTPUT live `.NAME.partial` (file or folder), `.NAME.partial.errors`, `.NAME.partial.audit` and
`.NAME.partial.state.json`. The state (written atomically at every checkpoint) records how many input units
were consumed, the byte offsets / part counts of every partial file, the counters so far, and a fingerprint
of the input and options; `--resume` truncates the partial files to the checkpoint and skips that many units.
"""

from __future__ import annotations

import json
import logging
import os
import shutil
from pathlib import Path

from medkiln.core.errors import UsageError

log = logging.getLogger(__name__)


class Partial:
    def __init__(self, output: Path, *, is_dir: bool, audit: bool) -> None:
        stem = output.parent / f".{output.name}.partial"
        self.data = stem
        self.is_dir = is_dir
        self.errors = stem.with_name(stem.name + ".errors")
        self.audit = stem.with_name(stem.name + ".audit") if audit else None
        self.state_path = stem.with_name(stem.name + ".state.json")
        self.spool = stem.with_name(stem.name + ".spans")  # offsets of a run-wide propagation's first pass

    def load(self, fingerprint: dict) -> dict | None:
        """The checkpoint to resume from, or None to start fresh. Raises S009 if it belongs to another run."""
        if not self.state_path.exists():
            return None
        state = json.loads(self.state_path.read_text(encoding="utf-8"))
        if not self.data.exists() or not self.errors.exists() or (self.audit and not self.audit.exists()):
            log.warning("partial output is incomplete; starting over")
            return None
        diff = sorted(k for k in set(fingerprint) | set(state.get("fingerprint", {}))
                      if fingerprint.get(k) != state.get("fingerprint", {}).get(k))
        if diff:
            raise UsageError("S009", partial=self.data.name, what=", ".join(diff))
        return state

    def save(self, state: dict) -> None:
        tmp = self.state_path.with_name(self.state_path.name + ".tmp")
        tmp.write_text(json.dumps(state, sort_keys=True), encoding="utf-8")
        os.replace(tmp, self.state_path)

    def discard(self, *, keep_spool: bool = False) -> None:
        """Remove what a previous, unfinished run left (a fresh start). With `keep_spool`, a first pass's spool
        stays for `Spool` to check and reuse (a run resumed before its writing pass checkpointed)."""
        if self.is_dir:
            shutil.rmtree(self.data, ignore_errors=True)
        spools = () if keep_spool else self.spool_files()
        for path in (self.data, self.errors, self.audit, self.state_path, *spools):
            if path is not None and path.is_file():
                path.unlink()

    def spool_files(self) -> tuple[Path, Path]:
        return self.spool, self.spool.with_name(self.spool.name + ".tmp")

    def commit_side_files(self, errors: Path, audit: Path | None) -> None:
        """Move the errors and audit files into place; the sink moves the output itself afterwards."""
        if audit is not None and self.audit is not None:
            os.replace(self.audit, audit)
        os.replace(self.errors, errors)

    def done(self) -> None:
        self.state_path.unlink(missing_ok=True)
        for path in self.spool_files():
            path.unlink(missing_ok=True)
