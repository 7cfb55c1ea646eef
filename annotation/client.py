"""The Label Studio connection (label-studio-sdk 2.x `LabelStudio`), imported lazily.

The URL comes from `--url` or `LABEL_STUDIO_URL`; the token from `LABEL_STUDIO_API_KEY` or `--token-file`
(never from the command line, so it stays out of shell history and `ps`). Nothing here logs the token or
task text; SDK and HTTP failures become coded errors (E204/E205) that carry only the URL, the action and the
status code.
"""

from __future__ import annotations

import json
import os
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

from medkiln.core.errors import MedkilnError


def resolve_url(url: str | None = None) -> str:
    value = url or os.environ.get("LABEL_STUDIO_URL")
    if not value:
        raise MedkilnError("E201")
    return value.rstrip("/")


def resolve_token(token_file: str | Path | None = None) -> str:
    """The API token from `token_file` when given, else from $LABEL_STUDIO_API_KEY."""
    if token_file is not None:
        path = Path(token_file)
        token = path.read_text(encoding="utf-8").strip() if path.is_file() else ""
        if not token:
            raise MedkilnError("E203", path=path)
        return token
    token = os.environ.get("LABEL_STUDIO_API_KEY", "").strip()
    if not token:
        raise MedkilnError("E202")
    return token


def connect(url: str | None = None, token_file: str | Path | None = None, *, token: str | None = None):
    """A `LabelStudio` client (`token` is for library callers such as tests; the CLI never takes one)."""
    try:
        from label_studio_sdk import LabelStudio
    except ImportError:
        raise MedkilnError("E208") from None
    base = resolve_url(url)
    client = LabelStudio(base_url=base, api_key=token or resolve_token(token_file), timeout=120)
    client.medkiln_url = base  # for error messages only
    return client


@contextmanager
def api_errors(client, action: str) -> Iterator[None]:
    """Turn SDK/HTTP failures into E204 (no answer) or E205 (refused), without bodies or tracebacks."""
    import httpx
    from label_studio_sdk.core.api_error import ApiError

    url = getattr(client, "medkiln_url", "?")
    try:
        yield
    except ApiError as err:
        body = err.body if isinstance(err.body, dict) else {}
        fields = sorted((body.get("validation_errors") or {}).keys())
        status = f"{err.status_code}, invalid: {', '.join(fields)}" if fields else err.status_code
        raise MedkilnError("E205", action=action, status=status) from None
    except httpx.HTTPError as err:
        raise MedkilnError("E204", url=url, reason=type(err).__name__) from None


def _as_dict(obj) -> dict:
    return obj.model_dump(mode="json") if hasattr(obj, "model_dump") else dict(obj)


def find_project(client, title: str) -> dict | None:
    """The project titled `title` (exact match), None when there is none; E207 when several."""
    with api_errors(client, "listing projects"):
        found = [p for p in client.projects.list(title=title) if p.title == title]
    if len(found) > 1:
        raise MedkilnError("E207", project=title, ids=", ".join(str(p.id) for p in found))
    return _as_dict(found[0]) if found else None


def require_project(client, title: str) -> dict:
    project = find_project(client, title)
    if project is None:
        raise MedkilnError("E206", project=title, url=getattr(client, "medkiln_url", "?"))
    return project


def ensure_project(client, title: str, label_config: str, description: str = "") -> tuple[dict, str]:
    """Create the project, or update its labeling config when it changed. Returns (project, action)."""
    project = find_project(client, title)
    if project is None:
        with api_errors(client, "creating the project"):
            created = client.projects.create(title=title, label_config=label_config, description=description)
        return _as_dict(created), "created"
    if (project.get("label_config") or "").strip() == label_config.strip():
        return project, "unchanged"
    with api_errors(client, "updating the labeling config"):
        updated = client.projects.update(id=project["id"], label_config=label_config)
    return _as_dict(updated), "updated"


def export_tasks(client, project_id: int) -> list[dict]:
    """Every task as Label Studio JSON export, with each task's `predictions` expanded to full objects
    (the export lists only their ids)."""
    with api_errors(client, "exporting the project"):
        chunks = client.projects.exports.download_sync(project_id, export_type="JSON", download_all_tasks=True,
                                                       download_resources=False)
        tasks = json.loads(b"".join(chunks))
        predictions = [_as_dict(p) for p in client.predictions.list(project=project_id)]
    by_task: dict[int, list[dict]] = {}
    for pred in predictions:
        by_task.setdefault(pred["task"], []).append(pred)
    for task in tasks:
        task["predictions"] = by_task.get(task["id"], [])
    return tasks


def import_tasks(client, project_id: int, tasks: list[dict]) -> list[int]:
    """Import one batch of tasks (with predictions); returns the new task ids."""
    with api_errors(client, "importing tasks"):
        response = client.projects.import_tasks(id=project_id, request=tasks, return_task_ids=True)
    return list(response.task_ids or [])


def add_predictions(client, project_id: int, predictions: list[dict]) -> int:
    """Attach one batch of predictions (each with its `task` id) to existing tasks; returns the count."""
    with api_errors(client, "importing predictions"):
        client.projects.import_predictions(id=project_id, request=predictions)
    return len(predictions)
