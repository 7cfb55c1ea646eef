"""Versioned prompt templates from the domain folder: `<domain>/prompts/<task>.<version>.jinja`.

A template renders the system message, a line `<<user>>`, then the user message. Templates get the
domain's label specs (`labels`, a dict name -> LabelSpec) plus the task's variables.
"""

from __future__ import annotations

from pathlib import Path

from medkiln.domains.base import DomainSpec

from medkiln.core.errors import TeacherError

USER_MARKER = "<<user>>"


def prompt_version(task: str, version: str = "v1") -> str:
    return f"{task}.{version}"


def render_messages(domain: DomainSpec, task: str, version: str = "v1", **variables: object) -> list[dict]:
    """Render a task template into chat messages `[{"role": "system"|"user", "content": ...}]`."""
    import jinja2

    folder = Path(domain.folder or ".") / "prompts"
    name = f"{task}.{version}.jinja"
    if not (folder / name).exists():
        raise TeacherError("E103", template=name, folder=folder)
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(str(folder)), undefined=jinja2.StrictUndefined,
                             autoescape=False, keep_trailing_newline=False)
    text = env.get_template(name).render(labels=domain.labels, domain=domain.name, **variables)
    system, sep, user = text.partition(USER_MARKER)
    if not sep:
        return [{"role": "user", "content": text.strip()}]
    return [{"role": "system", "content": system.strip()}, {"role": "user", "content": user.strip()}]


def entity_schema(labels: list[str]) -> dict:
    return {"type": "object", "properties": {"text": {"type": "string"}, "label": {"type": "string", "enum": labels}},
            "required": ["text", "label"]}


def answer_schema(task: str, labels: list[str]) -> dict:
    """The JSON schema of a task's answer (used as `response_format` where the server supports it)."""
    entities = {"type": "array", "items": entity_schema(labels)}
    if task == "synthesize":
        props = {"text": {"type": "string"}, "entities": entities}
        return {"type": "object", "properties": props, "required": ["text", "entities"]}
    if task == "review":
        props = {"verdict": {"type": "string", "enum": ["accept", "repair", "reject"]}, "entities": entities,
                 "reasons": {"type": "array", "items": {"type": "string"}}}
        return {"type": "object", "properties": props, "required": ["verdict", "entities", "reasons"]}
    return {"type": "object", "properties": {"entities": entities}, "required": ["entities"]}
