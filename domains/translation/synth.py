"""Offline parallel-text teacher: aligned multilingual templates filled from bilingual lexicons.

Each language is one resource file, `languages/<lang>.json`, holding the same template ids and lexicon
concept ids as every other language, so one set of choices renders the same sentence correctly in each
language. Adding Romanian, Portuguese, Italian or Turkish means adding `ro.json`, `pt.json`, ... only.

Slots: `{category}`, `{category#2}` (a second, different concept of the category) and
`{category:form}` (a named form of a lexicon entry, e.g. `condition:art` with its article, `form:pl`).
Number slots (`count`, `dose`, `days`, ...) are shared across languages and written with each
language's decimal separator.
"""

from __future__ import annotations

import json
import random
import re
from functools import lru_cache
from pathlib import Path
from typing import Iterator

FOLDER = Path(__file__).parent / "languages"
SLOT = re.compile(r"\{(\w+)(?:#(\d))?(?::(\w+))?\}")
# Lexicon categories whose terms are checked by term accuracy and the glossary constraint.
GLOSSARY_CATEGORIES = ("drug", "condition", "symptom", "anatomy", "lab", "procedure")
# A slot category that renders another category's concept in a phrase (its term is that category's base form).
TERM_OF = {"anatomy_loc": "anatomy"}
NUMBERS = {
    "count": lambda r: str(r.choice((2, 3))),
    "dose": lambda r: str(r.choice((1, 2, 5, 10, 20, 25, 40, 50, 100, 250, 400, 500, 1000))),
    "days": lambda r: str(r.randint(2, 14)),
    "weeks": lambda r: str(r.randint(2, 8)),
    "bp": lambda r: f"{r.randint(95, 185)}/{r.randint(55, 110)}",
    "hr": lambda r: str(r.randint(48, 135)),
    "temp": lambda r: f"{r.randint(360, 401) / 10:.1f}",
    "spo2": lambda r: str(r.randint(86, 99)),
    "value": lambda r: f"{r.randint(5, 1500) / 10:.1f}",
}
TWO_SENTENCE_SHARE = 0.2


def languages() -> list[str]:
    """Language codes with a resource file."""
    return sorted(p.stem for p in FOLDER.glob("*.json"))


@lru_cache(maxsize=None)
def load_language(lang: str) -> dict:
    path = FOLDER / f"{lang}.json"
    if not path.is_file():
        raise KeyError(lang)
    return json.loads(path.read_text(encoding="utf-8"))


def entry_form(entry: object, form: str | None) -> str:
    """A lexicon entry's surface: a string, `[singular, plural]` (form `pl`) or `{"base", <form>...}`."""
    if isinstance(entry, str):
        return entry
    if isinstance(entry, list):
        return entry[1] if form == "pl" else entry[0]
    return entry.get(form or "base", entry["base"])


def term(lang: str, category: str, concept: str) -> str:
    """The glossary term (base form) of a concept in a language."""
    return entry_form(load_language(lang)["lexicon"][category][concept], None)


def glossary(src: str, tgt: str) -> list[dict]:
    """`[{"category", "concept", "src", "tgt"}]` for every glossary concept present in both languages."""
    s, t = load_language(src)["lexicon"], load_language(tgt)["lexicon"]
    rows = []
    for cat in GLOSSARY_CATEGORIES:
        for concept in sorted(set(s.get(cat, {})) & set(t.get(cat, {}))):
            rows.append({"category": cat, "concept": concept, "src": entry_form(s[cat][concept], None),
                         "tgt": entry_form(t[cat][concept], None)})
    return rows


def choose(rng: random.Random, template: str, lexicon: dict) -> dict:
    """Concepts and numbers for the slots of one template: {(category, k): concept or number string}."""
    picks: dict[tuple[str, str], str] = {}
    for cat, k, _form in SLOT.findall(template):
        key = (cat, k or "1")
        if key in picks:
            continue
        if cat in NUMBERS:
            picks[key] = NUMBERS[cat](rng)
            continue
        taken = {v for (c, _), v in picks.items() if c == cat}
        options = sorted(set(lexicon[cat]) - taken)
        picks[key] = rng.choice(options)
    return picks


def render(lang: str, template_id: str, picks: dict) -> str:
    """One sentence in `lang` from shared picks; applies the language's contraction rules."""
    res = load_language(lang)
    lexicon, decimal = res["lexicon"], res.get("decimal", ".")

    def fill(m: re.Match) -> str:
        cat, k, form = m.group(1), m.group(2) or "1", m.group(3)
        value = picks[(cat, k)]
        if cat in NUMBERS:
            return value.replace(".", decimal) if cat in ("temp", "value") else value
        return entry_form(lexicon[cat][value], form)

    text = SLOT.sub(fill, res["templates"][template_id]["text"])
    for pattern, repl in res.get("contractions", []):
        text = re.sub(pattern, repl, text)
    return text[:1].upper() + text[1:]


def _terms(picks: dict) -> list[list[str]]:
    out = []
    for (cat, _), value in picks.items():
        cat = TERM_OF.get(cat, cat)
        if cat in GLOSSARY_CATEGORIES:
            out.append([cat, value])
    return out


def parallel_pairs(src: str, tgt: str, n: int, seed: int = 0) -> Iterator[dict]:
    """`n` aligned pairs `{"id", "src", "ref", "src_lang", "tgt_lang", "terms", "meta"}` (deterministic)."""
    rng = random.Random(f"{src}-{tgt}-{seed}")
    ids = sorted(set(load_language(src)["templates"]) & set(load_language(tgt)["templates"]))
    lexicon = load_language(src)["lexicon"]
    for i in range(n):
        chosen = [rng.choice(ids)] + ([rng.choice(ids)] if rng.random() < TWO_SENTENCE_SHARE else [])
        parts_src, parts_tgt, terms = [], [], []
        for tid in chosen:
            picks = choose(rng, load_language(src)["templates"][tid]["text"], lexicon)
            parts_src.append(render(src, tid, picks))
            parts_tgt.append(render(tgt, tid, picks))
            terms += _terms(picks)
        yield {"id": f"offline-{src}{tgt}-{seed}-{i:06d}", "src": " ".join(parts_src), "ref": " ".join(parts_tgt),
               "src_lang": src, "tgt_lang": tgt, "terms": terms,
               "meta": {"teacher": "offline", "templates": chosen,
                        "category": load_language(src)["templates"][chosen[0]]["category"]}}


def generate_texts(n: int, seed: int) -> Iterator[dict]:
    """The domain's `synthesize(n, seed)`: English sentences with every language's rendering."""
    others = [lang for lang in languages() if lang != "en"]
    for rec in parallel_pairs("en", others[0] if others else "en", n, seed):
        yield {"id": rec["id"], "text": rec["src"], "spans": [], "meta": rec["meta"]}
