"""Source sentences for the teachers that translate: the user's documents, offline English corpora and,
for an LLM teacher alone, the template teacher's source sentences. Returns teacher-labelled pairs per
source (for `data.build_data`) and their provenance for the data card."""

from __future__ import annotations

import logging
from dataclasses import asdict, dataclass, field
from pathlib import Path

from medkiln.domains.translation import synth

from medkiln.core.errors import MedkilnError
from .documents import DocumentSettings, read_documents
from .teachers import build_translators, close, forward_translate, resolve

log = logging.getLogger(__name__)
# English corpora translated by default when a rule-based teacher is there (cheap, offline); an LLM teacher
# alone translates only what it is given (each sentence costs three requests).
DEFAULT_CORPORA = {"wordnet": 60000, "icd10cm": 6000}
# With the template teacher alone: English sentences copied to the target side, so that the student passes
# through what the templates never taught it (as Apertium does with words it does not know) instead of
# answering every unknown sentence with a memorised template sentence.
DEFAULT_COPY_THROUGH = {"wordnet": 4000}
DOCUMENTS_USE = ("Forward translation: the teacher(s) translated the sentences of the user's documents and the "
                 "student trained on those pairs. Only the text field named here was read; no reference "
                 "translation or any other field of the documents was used.")


@dataclass
class SourceSettings:
    teachers: list[str] = field(default_factory=lambda: ["auto"])
    documents: str | None = None
    documents_field: str = "text"
    documents_id_field: str | None = None
    corpora: dict[str, int] | None = None      # None: DEFAULT_CORPORA with Apertium, none otherwise
    llm_n: int = 500                           # template sources for an LLM teacher when there are no documents
    copy_through: dict[str, int] | None = None  # None: DEFAULT_COPY_THROUGH with templates alone (English source)
    llm: dict = field(default_factory=dict)    # OpenAITeacher settings (base_url, model, cache_dir, ...)


def _corpus_plan(settings: SourceSettings, names: list[str], src: str) -> dict[str, int]:
    if src != "en":
        return {}
    if settings.corpora is not None:
        return {k: v for k, v in settings.corpora.items() if v > 0}
    return dict(DEFAULT_CORPORA) if "apertium" in names else {}


def teacher_sources(src: str, tgt: str, settings: SourceSettings, *, domain, seed: int = 0) -> tuple[dict, dict]:
    """({source: pairs}, provenance) for every source sentence the translating teachers were given; `domain`: the
    translation domain (its prompts, for an LLM teacher)."""
    from .corpora import corpus_records

    names = resolve(settings.teachers, src, tgt)
    translating = [n for n in names if n != "template"]
    prov: dict = {"teacher_names": names, "forward_translation": {}}
    if settings.documents and not translating:
        raise MedkilnError("E413", option="--documents", needs="a teacher that translates sentences "
                           "(--teacher apertium or --teacher openai)")
    if not translating:
        return copy_through(settings, src, tgt, seed), prov
    inputs: dict[str, list[dict]] = {}
    if settings.documents:
        doc_settings = DocumentSettings(text_field=settings.documents_field, id_field=settings.documents_id_field)
        inputs["documents"], report = read_documents(settings.documents, doc_settings)
        prov["documents"] = {**report, "text_field": settings.documents_field, "use": DOCUMENTS_USE}
    for name, n in _corpus_plan(settings, names, src).items():
        inputs[name] = corpus_records(name, n, seed)
    if "openai" in names and not settings.documents:
        inputs["template_sources"] = [{"id": p["id"], "src": p["src"], "terms": p["terms"], "meta": p["meta"]}
                                      for p in synth.parallel_pairs(src, tgt, settings.llm_n, seed + 7919)]
    translators = build_translators(names, src, tgt, domain=domain, llm_settings=settings.llm,
                                     real=bool(settings.documents))
    out = {}
    try:
        for source, records in inputs.items():
            out[source], prov["forward_translation"][source] = forward_translate(records, translators, src, tgt,
                                                                                 source=source)
    finally:
        close(translators)
    prov["teacher_labels"] = {n: getattr(t, "label", n) for n, t in translators.items()}
    prov["corpora"] = {k: len(v) for k, v in inputs.items() if k not in ("documents", "template_sources")}
    return out, prov


def copy_through(settings: SourceSettings, src: str, tgt: str, seed: int) -> dict[str, list[dict]]:
    """{"copy_through": pairs whose target is the source} for a template-only run (English source)."""
    from .corpora import corpus_records

    plan = DEFAULT_COPY_THROUGH if settings.copy_through is None else settings.copy_through
    if src != "en" or not any(plan.values()):
        return {}
    pairs = []
    for name, n in plan.items():
        for rec in corpus_records(name, n, seed + 1):
            pairs.append({"id": f"copy-{rec['id']}", "src": rec["src"], "ref": rec["src"], "src_lang": src,
                          "tgt_lang": tgt, "terms": [], "meta": {"teacher": "copy", "copy_through": True,
                                                                 "category": "copy_through"}})
    return {"copy_through": pairs}


def settings_dict(settings: SourceSettings) -> dict:
    """The settings as written into the run's config (the LLM's API key is never in them)."""
    data = asdict(settings)
    data["documents"] = str(Path(settings.documents)) if settings.documents else None
    return data
