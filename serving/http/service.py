"""The work behind the routes, as plain functions over loaded models (no FastAPI here)."""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from typing import Any

from ..deid import build_policy, deidentify_text
from medkiln.core.errors import MedkilnError
from ..operators import Policy
from .registry import ModelEntry
from .settings import Settings


WHY_NOT = {"deid": "it finds no PHI labels", "ner": "it has no entity labels",
           "extract": "no component sets doc._.extraction", "translate": "no component sets doc._.translation"}


class ApiError(Exception):
    """An answer other than 200: status, a coded error, extra JSON fields (never note text)."""

    def __init__(self, status: int, code: str, extra: dict | None = None, **fields: Any) -> None:
        self.status, self.error, self.extra = status, MedkilnError(code, **fields), extra or {}
        super().__init__(self.error.message)


@dataclass
class Batch:
    """The texts of one request: `single` for {"text"}, else records with ids and groups."""

    texts: list[str]
    ids: list[Any]
    groups: list[str]
    single: bool


def pick_model(models: dict[str, ModelEntry], name: str | None, capability: str) -> ModelEntry:
    """The named model (404 when unknown; 422 when it lacks the capability) or the first one able."""
    able = [m for m in models.values() if capability in m.capabilities]
    if name is not None:
        if name not in models:
            raise ApiError(404, "S047", name=name, available=", ".join(models) or "none")
        entry = models[name]
    elif able:
        entry = able[0]
    else:
        entry = next(iter(models.values()), None)
        if entry is None:
            raise ApiError(503, "S053")
    if capability not in entry.capabilities:
        raise ApiError(422, "S048", name=entry.name, what=capability, why=WHY_NOT[capability],
                       available=", ".join(m.name for m in able) or "none")
    return entry


def pick_by_language(models: dict[str, ModelEntry], lang: str, texts: list[str], capability: str) -> ModelEntry:
    """The loaded model of `lang` able to do `capability`; `auto`: the language py3langid finds in the request's
    texts, among the loaded models' languages. 422 (S115) when no loaded model reads that language."""
    able = {}
    for entry in models.values():
        if capability in entry.capabilities:
            able.setdefault(entry.nlp.lang, entry)
    if lang == "auto" and able:
        from ..languages import identify

        lang, _, _ = identify(" ".join(texts), tuple(able))
    if lang not in able:
        raise ApiError(422, "S115", lang=lang if len(str(lang)) <= 8 else "?", available=", ".join(able) or "none")
    return able[lang]


def gather(req: Any, settings: Settings, group: Any = None) -> Batch:
    """Check `text`/`records` against the limits (413) and the either-or rule (422). A text or record without a
    group gets one of this request's own (a fresh random nonce, with the record id), so no two requests share a
    surrogate mapping or a date offset unless their client names the same group."""
    if (req.text is None) == (req.records is None):
        raise ApiError(422, "S052")
    nonce = "request:" + secrets.token_hex(16)
    if req.text is not None:
        _check_length(req.text, "text", settings)
        return Batch([req.text], [None], [nonce if group is None else str(group)], True)
    if len(req.records) > settings.max_records:
        raise ApiError(413, "S044", got=len(req.records), limit=settings.max_records)
    for i, rec in enumerate(req.records):
        _check_length(rec.text, f"records.{i}.text", settings)
    groups = [f"{nonce}:{rec.id}" if rec.group is None else str(rec.group) for rec in req.records]
    return Batch([rec.text for rec in req.records], [rec.id for rec in req.records], groups, False)


def _check_length(text: str, field: str, settings: Settings) -> None:
    if len(text) > settings.max_text_chars:
        raise ApiError(413, "S045", field=field, got=len(text), limit=settings.max_text_chars)


def make_policy(req: Any, settings: Settings, server_key: bytes) -> Policy:
    """The batch CLI's policy builder over the request's options and the server's key. A client-chosen `seed`
    is refused (403, S054) unless the server allows it (--allow-client-seed)."""
    from ..keys import resolve_key

    if req.seed is not None and not settings.allow_client_seed:
        raise ApiError(403, "S054")
    key = server_key if req.seed is None else resolve_key(req.seed, None)
    return build_policy(_PolicyRequest(req.operator or settings.operator, req.date_shift, req.keep, req.hipaa_ages,
                                       getattr(req, "lang", None)), key=key)


@dataclass(frozen=True)
class _PolicyRequest:
    operator: str
    date_shift: bool
    keep: list
    hipaa_ages: bool
    lang: str | None = None


def ents(doc: Any) -> list[dict]:
    return [{"start": e.start_char, "end": e.end_char, "label": e.label_} for e in doc.ents]


def deid_docs(analyses: list, batch: Batch, policy: Policy) -> list[dict]:
    """One answer per text from its `textview.Analysis` (entities in the text's own offsets)."""
    out = []
    for analysis, rid, group in zip(analyses, batch.ids, batch.groups):
        result = deidentify_text(analysis.text, analysis.ents, policy, group, analysis.lang)
        phi = [{"start": a.start, "end": a.end, "label": a.label, **({"kept": True} if a.kept else {})}
               for a in result.actions]
        out.append({"id": rid, "text": result.text, "phi": phi})
    return out


def shape_answer(model: str, batch: Batch, results: list[dict]) -> dict:
    """{"model", **fields} for one text, {"model", "records": [{"id", **fields}]} for records."""
    if batch.single:
        return {"model": model, **{k: v for k, v in results[0].items() if k != "id"}}
    return {"model": model, "records": results}


def extension_docs(docs: list, batch: Batch, ext: str) -> list[dict]:
    return [{"id": rid, ext: getattr(doc._, ext)} for doc, rid in zip(docs, batch.ids)]


def ner_docs(docs: list, batch: Batch) -> list[dict]:
    return [{"id": rid, "ents": ents(doc)} for doc, rid in zip(docs, batch.ids)]
