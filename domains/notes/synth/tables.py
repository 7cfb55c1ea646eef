"""The note synthesizer's data, read from the language folder (`domains/notes/<lang>/*.json`): sentence templates
(`templates.json`), assertion cues (`cues.json`), word lists (`lexicons.json`) and biomedical prose
(`prose.json`). Read once, on first use; JSON lists become tuples (the tables are constants).

`templates.json` holds named template `groups`, `composed` groups (concatenations of groups, e.g. HPI), the
`sections` (which groups a section draws from, `NAME` or a slice `NAME[a:b]` of a group of any file; how many
sentences; one per line or not) and the `note_types` (weight, type, sections in order)."""

from __future__ import annotations

import json
import re
from functools import lru_cache
from pathlib import Path

from medkiln.core.errors import MedkilnError

NOTES_ROOT = Path(__file__).resolve().parent.parent  # domains/notes: one folder per language
LANG = "en"
FILES = ("templates", "cues", "lexicons", "prose")
_SLICE = re.compile(r"^(?P<name>[A-Z_]+)(?:\[(?P<start>\d*):(?P<stop>\d*)\])?$")


def _frozen(value):
    """JSON lists as tuples, all the way down (dict keys and scalars as they are)."""
    if isinstance(value, list):
        return tuple(_frozen(v) for v in value)
    if isinstance(value, dict):
        return {k: _frozen(v) for k, v in value.items()}
    return value


@lru_cache(maxsize=None)
def load(name: str, lang: str = LANG) -> dict:
    """The tables of `<lang>/<name>.json` (E453 names the file when it is missing or not JSON)."""
    path = NOTES_ROOT / lang / f"{name}.json"
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise MedkilnError("E453", path=path, where="file", reason="does not exist", loader=__name__) from None
    except json.JSONDecodeError as e:
        raise MedkilnError("E453", path=path, where=f"line {e.lineno}", reason=f"is not valid JSON ({e.msg})",
                           loader=__name__) from None
    return templates(data, path, lang) if name == "templates" else _frozen(data)


def _group(ref: str, groups: dict, path: Path, lang: str) -> tuple:
    """A section's template reference: a group of templates.json, or of another file of the folder (prose's
    NOTE_NEGATIVES), optionally sliced."""
    match = _SLICE.match(ref)
    found = groups.get(match["name"]) if match else None
    if match and found is None:
        found = next((load(other, lang)[match["name"]] for other in FILES[1:] if match["name"] in load(other, lang)),
                     None)
    if found is None:
        raise MedkilnError("E453", path=path, where=f"template reference {ref!r}", reason="names no table",
                           loader=__name__)
    start, stop = (int(match[k]) if match[k] else None for k in ("start", "stop"))
    return found[start:stop]


def templates(data: dict, path: Path, lang: str) -> dict:
    """The groups (plain and composed) by name, plus SECTIONS {name: (templates, min, max, one per line)} and
    NOTE_TYPES ((weight, type, sections), ...), as the synthesizer reads them."""
    groups = _frozen(data["groups"])
    for name, parts in data.get("composed", {}).items():
        groups[name] = sum((groups[part] for part in parts), ())
    sections = {}
    for name, section in data["sections"].items():
        chosen = sum((_group(ref, groups, path, lang) for ref in section["templates"]), ())
        low, high = section["sentences"]
        sections[name] = (chosen, low, high, bool(section["one_per_line"]))
    note_types = tuple((t["weight"], t["type"], tuple(t["sections"])) for t in data["note_types"])
    return {**groups, "SECTIONS": sections, "NOTE_TYPES": note_types}


def table(file: str, name: str):
    """One named table of a file (AttributeError when the file has none, as for a module attribute)."""
    tables = load(file)
    if name not in tables:
        raise AttributeError(f"no table {name!r} in {file}.json")
    return tables[name]
