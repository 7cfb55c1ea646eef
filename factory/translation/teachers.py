"""Teachers of the translation domain, and how several of them are combined.

- `template`: the offline teacher (`domains/translation/synth.py`): aligned templates and lexicons. It
  writes its own sentence pairs; it cannot translate a sentence it did not write.
- `apertium`: the rule-based engine (`apertium.py`), direct or pivoted through installed pairs.
- `openai`: an OpenAI-compatible LLM (`llm.py`): translate -> back-translate -> review.

`apertium` and `openai` translate source sentences (the user's documents, the English corpora, and for
an LLM alone the template teacher's source sentences). With more than one of them, every sentence gets a
candidate from each; the review step chooses: an LLM teacher, when there is one, is asked which candidate
is best (`choose` prompt), otherwise the candidate closest to the others (highest mean chrF) wins. The
pair keeps `teacher_agreement` (the best chrF between two candidates), which the disagreement filter reads.
"""

from __future__ import annotations

import logging

from medkiln.core.errors import MedkilnError

from .consensus import agreement, consensus

log = logging.getLogger(__name__)
TEACHERS = ("template", "apertium", "openai")


def resolve(names: list[str] | None, src: str, tgt: str) -> list[str]:
    """Teacher names in a stable order; `auto` (the default) = template + apertium where Apertium can
    translate `src` -> `tgt`, else template alone."""
    names = list(names or ["auto"])
    out: list[str] = []
    for name in names:
        if name == "auto":
            from . import apertium

            ok = apertium.available() and apertium.route(src, tgt, apertium.list_modes()) is not None
            out += ["template"] + (["apertium"] if ok else [])
        elif name in TEACHERS:
            out.append(name)
        else:
            raise MedkilnError("E411", name=name, available=", ".join(("auto",) + TEACHERS))
    return [t for t in TEACHERS if t in out]


def build_translators(names: list[str], src: str, tgt: str, *, domain, llm_settings: dict | None = None,
                      real: bool = True) -> dict:
    """{name: translator} for the teachers that translate given sentences (apertium, openai)."""
    translators = {}
    if "apertium" in names:
        from .apertium import ApertiumTeacher

        translators["apertium"] = ApertiumTeacher(src, tgt)
    if "openai" in names:
        from medkiln.factory.teachers import OpenAITeacher

        from .llm import TranslationTeacher

        settings = dict(llm_settings or {})
        translators["openai"] = TranslationTeacher(OpenAITeacher(**settings), domain=domain, real=real)
    return translators


def close(translators: dict) -> None:
    for t in translators.values():
        if hasattr(t, "close"):
            t.close()


def forward_translate(records: list[dict], translators: dict, src: str, tgt: str, *,
                      source: str) -> tuple[list[dict], dict]:
    """Pairs for `records` from one teacher, or the chosen candidate of several; stats per teacher."""
    by_teacher, stats = {}, {}
    for name, teacher in translators.items():
        pairs, failures = teacher.pairs(records, src, tgt)
        by_teacher[name] = {p["meta"]["source_id"]: p for p in pairs}
        stats[name] = {"asked": len(records), "returned": len(pairs), "failures": failures}
        log.info("%s: teacher %s translated %d of %d sentences", source, name, len(pairs), len(records))
    out, chosen_by = [], {}
    llm = translators.get("openai")
    for rec in records:
        cands = {name: got[rec["id"]] for name, got in by_teacher.items() if rec["id"] in got}
        if not cands:
            continue
        texts = {name: p["ref"] for name, p in cands.items()}
        if len(cands) > 1 and llm is not None:
            pick, how = llm.choose(rec["src"], texts, src, tgt), "review"
        else:
            pick, how = consensus(texts), "consensus" if len(cands) > 1 else "single"
        pair = dict(cands[pick])
        meta = {**pair["meta"], "source": source, "candidates": len(cands), "chosen": pick, "chosen_by": how}
        if len(cands) > 1:
            meta["teacher_agreement"] = agreement(texts)
        pair.update(id=f"{source}-{rec['id']}", meta=meta)
        chosen_by[f"{pick} ({how})"] = chosen_by.get(f"{pick} ({how})", 0) + 1
        out.append(pair)
    return out, {"teachers": stats, "chosen": chosen_by, "pairs": len(out)}
