"""Offline exchange without a server: Label Studio task JSON (with predictions) plus the labeling config.

Import `tasks.json` in Label Studio (Import -> Upload Files) into a project whose labeling config is
`config.xml`; export the result as JSON and turn it into training data with `medkiln review import`.
"""

from __future__ import annotations

from pathlib import Path

from medkiln.core.records import write_json

from .kinds import labeling_config
from .convert import to_task
from .push import _default_version, read_records
from .selection import select


def export_tasks_file(domain: str, data: str | Path, out: str | Path, *, model_version: str | None = None,
                      how: str = "uncertainty", budget: int | None = None, seed: int = 0) -> dict:
    """Write `out/tasks.json` and `out/config.xml`; returns counts and paths."""
    from medkiln.domains import as_spec

    spec = as_spec(domain)
    records = read_records(data, spec.kind)
    version = model_version or _default_version(records, Path(data))
    ordered = select(records, how, budget, seed)
    tasks = [to_task(rec, spec.kind, version, rank) for rank, rec in enumerate(ordered)]
    out = Path(out)
    write_json(out / "tasks.json", tasks)
    (out / "config.xml").write_text(labeling_config(spec), encoding="utf-8")
    return {"domain": spec.registry_name, "tasks": len(tasks), "model_version": version, "selection": how,
            "out": str(out), "files": ["tasks.json", "config.xml"]}
