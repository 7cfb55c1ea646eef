"""Surface-form grammars: how a PHI value is written, as data, rendered by a small language-independent engine.

A language folder (`domains/deid/<lang>/`) holds one grammar per PHI type under `grammars/<type>.json` and its
word lists under `lexicons/` (`*.txt`: one entry a line; `*.json`: named lists). A grammar file:

    {"type": "phone", "label": "PHONE", "about": "where the formats come from",
     "choices": {"sep": ["-", "."], "rel": "@people.relations"},       # picked at random, "@file.key" = lexicon
     "dimensions": {"case": {"as_written": 8, "lower": 1, "upper": 1}},  # drawn for every rendering
     "uses": {"pager": ["pager", "beeper"]},                           # slot -> families (default: all)
     "families": {"dashed": {"weight": 4, "forms": ["{area}-{exch}-{line}"], "rules": true}, ...}}

A form is literal text with `{key}` placeholders (values the caller computes for the type, or `choices`), `%` for
a random digit and `^` for a random capital letter. `[[ ... ]]` marks the PHI part; a form without it is PHI as a
whole. Text outside the marks is context ("pager ", "Dr. ", "wife "), never labelled. A PHI part written right
after a symbol of the form's context ("#[[...]]", "([[...]])", "[[3/4]]-[[3/6]]") is glued to it: the note builder
writes no space between them (the grammar's author keeps such glue to what the student's tokenizer splits; the
tests check that every family's spans fall on token boundaries). After a letter, digit or period ("Dr.[[...]]")
the builder keeps its own rule and writes a space, so that a span never starts inside a token. The `case` dimension, when declared, recases the PHI parts:
`lower`, `upper`, `title` or `as_written`.

`render` returns the family and dimension values it drew with the segments `[(text, label-or-None, glued), ...]`,
so that a data card can report the share of each family per type (`medkiln.deid.offline.v7` and later).
"""

from __future__ import annotations

import json
import random
import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Mapping

from medkiln.core.errors import MedkilnError

LANG_ROOT = Path(__file__).resolve().parent.parent  # domains/deid: one folder per language
_PHI = re.compile(r"\[\[(.*?)\]\]")
_KEY = re.compile(r"\{(\w+)\}")
_CASES = ("as_written", "lower", "upper", "title")


@dataclass(frozen=True)
class Family:
    name: str
    weight: float
    forms: tuple[str, ...]
    rules: bool = False  # a rule pattern (domains/deid/patterns.py) is expected to find it


@dataclass(frozen=True)
class Grammar:
    type: str
    label: str
    families: dict[str, Family]
    uses: dict[str, tuple[str, ...]] = field(default_factory=dict)
    choices: dict[str, tuple[str, ...]] = field(default_factory=dict)
    dimensions: dict[str, dict[str, float]] = field(default_factory=dict)
    path: str = ""

    def family_names(self, use: str | None = None) -> tuple[str, ...]:
        if use is None or use == "any":
            return tuple(self.families)
        if use not in self.uses:
            raise MedkilnError("E451", path=self.path, field=f"use '{use}'", problem="is not declared")
        return self.uses[use]


@dataclass(frozen=True)
class Rendered:
    type: str
    family: str
    dims: dict[str, str]
    segs: list[tuple[str, str | None, bool]]

    @property
    def text(self) -> str:
        return "".join(t for t, _, _ in self.segs)

    def tags(self) -> list[str]:
        """'type:family' and 'type.dimension:value' strings, for the data card."""
        return [f"{self.type}:{self.family}"] + [f"{self.type}.{k}:{v}" for k, v in self.dims.items()]


def weighted(rng: random.Random, table: Mapping[str, float]) -> str:
    """A key of `table` drawn with its weight."""
    keys = list(table)
    r = rng.random() * sum(table.values())
    for k in keys:
        r -= table[k]
        if r <= 0:
            return k
    return keys[-1]


def _bad(path: str, where: str, problem: str) -> MedkilnError:
    return MedkilnError("E451", path=path, field=where, problem=problem)


def _check_form(path: str, where: str, form: str) -> None:
    if not isinstance(form, str) or not form:
        raise _bad(path, where, "must be a non-empty string")
    outside = _PHI.sub("", form)
    if "[[" in outside or "]]" in outside:
        raise _bad(path, where, "has unbalanced [[ ]] marks")


def parse_grammar(data: dict, path: str, lexicon) -> Grammar:
    """A `Grammar` from a grammar file's JSON object; `lexicon(name)` resolves "@file.key" choices."""
    for key in ("type", "label", "families"):
        if key not in data:
            raise _bad(path, f"field '{key}'", "is missing")
    families: dict[str, Family] = {}
    if not isinstance(data["families"], dict) or not data["families"]:
        raise _bad(path, "field 'families'", "must be a non-empty object")
    for name, spec in data["families"].items():
        where = f"families.{name}"
        if not isinstance(spec, dict) or not isinstance(spec.get("forms"), list) or not spec["forms"]:
            raise _bad(path, where, "needs a non-empty list 'forms'")
        weight = spec.get("weight", 1)
        if not isinstance(weight, (int, float)) or weight <= 0:
            raise _bad(path, f"{where}.weight", "must be a positive number")
        for i, form in enumerate(spec["forms"]):
            _check_form(path, f"{where}.forms[{i}]", form)
        families[name] = Family(name, float(weight), tuple(spec["forms"]), bool(spec.get("rules", False)))
    uses = {}
    for use, names in data.get("uses", {}).items():
        unknown = [n for n in names if n not in families]
        if unknown or not names:
            raise _bad(path, f"uses.{use}", f"names unknown families {unknown}" if unknown else "is empty")
        uses[use] = tuple(names)
    choices = {}
    for key, values in data.get("choices", {}).items():
        if isinstance(values, str) and values.startswith("@"):
            values = lexicon(values[1:])
        if not isinstance(values, (list, tuple)) or not values:
            raise _bad(path, f"choices.{key}", "must be a non-empty list or an '@lexicon' reference")
        choices[key] = tuple(values)
    dims = {}
    for dim, table in data.get("dimensions", {}).items():
        if not isinstance(table, dict) or not table or any(not isinstance(w, (int, float)) or w <= 0
                                                           for w in table.values()):
            raise _bad(path, f"dimensions.{dim}", "must map values to positive weights")
        if dim == "case" and set(table) - set(_CASES):
            raise _bad(path, "dimensions.case", f"may only hold {list(_CASES)}")
        dims[dim] = {k: float(w) for k, w in table.items()}
    return Grammar(data["type"], data["label"], families, uses, choices, dims, path)


def recase(text: str, case: str) -> str:
    if case == "lower":
        return text.lower()
    if case == "upper":
        return text.upper()
    if case == "title":
        return " ".join(w[:1].upper() + w[1:].lower() for w in text.split(" "))
    return text


def _fill(g: Grammar, rng: random.Random, text: str, values: Mapping[str, str], family: str) -> str:
    """The form's own '%' and '^' become random digits and capitals first; then `{key}`s are filled, so that a
    value or a choice is written as it is."""
    if "%" in text or "^" in text:
        text = "".join(rng.choice("0123456789") if ch == "%" else rng.choice("ABCDEFGHJKLMNPRSTUVWXYZ") if ch == "^"
                       else ch for ch in text)

    def one(m: re.Match) -> str:
        key = m.group(1)
        if key in values:
            return str(values[key])
        if key in g.choices:
            return rng.choice(g.choices[key])
        raise _bad(g.path, f"families.{family}", f"uses '{{{key}}}', which neither the caller nor 'choices' gives")

    return _KEY.sub(one, text)


def render(g: Grammar, rng: random.Random, values: Mapping[str, str], *, use: str | None = None,
           label: str | None = None, family: str | None = None) -> Rendered:
    """Draw a family (of `use`, by weight) and a form, fill it with `values`, and split it into segments."""
    names = g.family_names(use)
    name = family or weighted(rng, {n: g.families[n].weight for n in names})
    form = rng.choice(g.families[name].forms)
    dims = {dim: weighted(rng, table) for dim, table in g.dimensions.items()}
    case = dims.get("case", "as_written")
    label = label or g.label
    segs: list[tuple[str, str | None, bool]] = []
    pos = 0
    marks = list(_PHI.finditer(form))
    if not marks:
        return Rendered(g.type, name, dims, [(recase(_fill(g, rng, form, values, name), case), label, False)])
    for m in marks:
        before = _fill(g, rng, form[pos:m.start()], values, name)
        if before:
            segs.append((before, None, False))
        glued = bool(before) and not (before[-1].isspace() or before[-1].isalnum() or before[-1] == ".")
        segs.append((recase(_fill(g, rng, m.group(1), values, name), case), label, glued))
        pos = m.end()
    if form[pos:]:
        segs.append((_fill(g, rng, form[pos:], values, name), None, False))
    return Rendered(g.type, name, dims, segs)


class Language:
    """A language folder: its grammars and lexicons, read lazily and cached."""

    def __init__(self, folder: str | Path) -> None:
        self.folder = Path(folder)
        self.code = self.folder.name
        self._grammars: dict[str, Grammar] = {}
        self._lexicons: dict[str, object] = {}

    def grammar_types(self) -> tuple[str, ...]:
        return tuple(sorted(p.stem for p in (self.folder / "grammars").glob("*.json")))

    def grammar(self, type_: str) -> Grammar:
        if type_ not in self._grammars:
            path = self.folder / "grammars" / f"{type_}.json"
            try:
                data = json.loads(path.read_text(encoding="utf-8"))
            except FileNotFoundError:
                raise _bad(str(path), "file", "does not exist") from None
            except json.JSONDecodeError as e:
                raise _bad(str(path), f"line {e.lineno}", f"is not valid JSON ({e.msg})") from None
            self._grammars[type_] = parse_grammar(data, str(path), self.lexicon)
        return self._grammars[type_]

    def lexicon(self, name: str):
        """`name` is a `lexicons/<name>.txt` list (a tuple of its lines, blank lines and '#' comments left out)
        or `<file>.<key>` in `lexicons/<file>.json`."""
        if name not in self._lexicons:
            txt = self.folder / "lexicons" / f"{name}.txt"
            if txt.exists():
                lines = txt.read_text(encoding="utf-8").splitlines()
                self._lexicons[name] = tuple(dict.fromkeys(
                    s.strip() for s in lines if s.strip() and not s.startswith("#") and s.isascii()))
            else:
                file, _, key = name.partition(".")
                path = self.folder / "lexicons" / f"{file}.json"
                try:
                    data = json.loads(path.read_text(encoding="utf-8"))
                    value = data[key] if key else data
                except (FileNotFoundError, KeyError):
                    raise _bad(str(path), f"lexicon '{name}'", "does not exist") from None
                self._lexicons[name] = tuple(value) if isinstance(value, list) else value
        return self._lexicons[name]


@lru_cache(maxsize=16)
def language(code: str = "en") -> Language:
    """The language folder `domains/deid/<code>/` (it must hold a `grammars/` folder)."""
    folder = LANG_ROOT / code
    if not (folder / "grammars").is_dir():
        available = sorted(p.name for p in LANG_ROOT.iterdir() if (p / "grammars").is_dir())
        raise MedkilnError("E452", lang=code, folder=str(LANG_ROOT), available=available)
    return Language(folder)


__all__ = ["Family", "Grammar", "LANG_ROOT", "Language", "Rendered", "language", "parse_grammar", "recase",
           "render", "weighted"]
