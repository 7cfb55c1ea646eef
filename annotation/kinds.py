"""What review does differently for each domain kind, behind one protocol: a registered `ReviewKind` per kind.

- `spans` (de-identification, NER): span records `{"id", "text", "spans"}`; `<Labels>` over the text.
- `extraction` (note extraction): spans plus per-span choices (`attributes`, e.g. assertion status) and
  `relations` (attribute -> head); the same `<Labels>` plus per-region `<Choices>` and `<Relations>`.
- `translation` (post-editing MT): parallel records `{"id", "src", "ref"}`; the source and an editable
  `<TextArea>` prefilled with the machine translation.

Push, pull, resolve, status and the offline exchange call `review_kind(spec.kind)` and never switch on the kind
themselves; a new kind is a new class registered in `KINDS`.
"""

from __future__ import annotations

from typing import ClassVar

from medkiln.core.errors import MedkilnError
from medkiln.domains.base import DomainSpec
from medkiln.serving.labelstudio import span_items

from .config import MT_FROM, SPAN_FROM, SRC_NAME, TEXT_NAME, choices_block, labels_block


def bad(where: str, task, item: int, reason: str) -> MedkilnError:
    return MedkilnError("E214", where=where, task=task, item=item, reason=reason)


def _shown(value) -> str:
    """An offset as a message shows it: a whole number as is, anything else by its type (never its content)."""
    return str(value) if isinstance(value, int) and not isinstance(value, bool) else type(value).__name__


def span_scores(rec: dict) -> list[float | None]:
    """One score per span of `rec` (None when the record carries none)."""
    meta = rec.get("meta") or {}
    if isinstance(meta.get("scores"), list) and len(meta["scores"]) == len(rec["spans"]):
        return [None if s is None else float(s) for s in meta["scores"]]
    votes = {(v["start"], v["end"], v["label"]): v.get("confidence") for v in meta.get("votes") or []}
    return [votes.get((int(s), int(e), str(label))) for s, e, label in rec["spans"]]


class SpansReview:
    """Span labels over a text."""

    name: ClassVar[str] = "spans"
    text_fields: ClassVar[tuple[str, ...]] = ("text",)
    needs: ClassVar[tuple[str, ...]] = ("id", "text", "spans")   # what a record needs to become a task
    decided: ClassVar[frozenset[str]] = frozenset({"id", "text", "spans", "meta"})  # what review decides or holds
    accepts_model = True   # a student can pre-annotate (push --model)
    docbin = True          # pull also writes reviewed.spacy
    similarity = False     # status compares decided items, not free text

    def config_body(self, domain) -> list[str]:
        return [*labels_block(domain), f'  <Text name="{TEXT_NAME}" value="$text" granularity="word"/>']

    def data(self, rec: dict) -> dict:
        return {"text": rec["text"]}

    def prediction_items(self, rec: dict) -> tuple[list[dict], list[float | None]]:
        scores = span_scores(rec)
        spans = [(int(s), int(e), label) for s, e, label in rec["spans"]]
        return span_items(rec["text"], spans, scores, SPAN_FROM, TEXT_NAME), scores

    def parse(self, result: list[dict], data: dict, where: str, task, labels: frozenset[str] | None) -> dict:
        text = data.get("text", "")
        spans = []
        for i, item in enumerate(result):
            if item.get("type") in ("labels", "choices"):
                self._check_offsets(item["value"], text, where, task, i)
            if item.get("type") == "labels":
                found = item["value"].get("labels") or []
                if not isinstance(found, list) or len(found) != 1:
                    raise bad(where, task, i, "does not hold exactly one label")
                if labels is not None and found[0] not in labels:
                    raise bad(where, task, i, "has a label that is not in the domain's label set")
                spans.append([item["value"]["start"], item["value"]["end"], found[0]])
        return {"spans": sorted(spans)}

    @staticmethod
    def _check_offsets(value: dict, text: str, where: str, task, i: int) -> None:
        start, end = value.get("start"), value.get("end")
        if not (isinstance(start, int) and isinstance(end, int) and 0 <= start < end <= len(text)):
            raise bad(where, task, i, f"has offsets [{_shown(start)}, {_shown(end)}] outside the text "
                      f"(length {len(text)})")

    def items(self, fields: dict) -> set[tuple]:
        return {("span", *span) for span in fields["spans"]}

    def fields_of(self, kept: set[tuple]) -> dict:
        return {"spans": sorted([s, e, label] for tag, s, e, label in (i for i in kept if i[0] == "span"))}

    def empty_conflict(self, kept: set[tuple], latest: set[tuple]) -> set[tuple]:
        return kept


class ExtractionReview(SpansReview):
    """Spans, per-span choices (assertion status...) and attribute -> head relations."""

    name = "extraction"
    decided = frozenset({"id", "text", "spans", "attributes", "relations", "meta"})
    accepts_model = False

    def config_body(self, domain) -> list[str]:
        return [*super().config_body(domain), *choices_block(domain)]

    def prediction_items(self, rec: dict) -> tuple[list[dict], list[float | None]]:
        result, scores = super().prediction_items(rec)
        by_span = {(item["value"]["start"], item["value"]["end"]): item for item in result}
        for name, triples in (rec.get("attributes") or {}).items():
            for start, end, choice in triples:
                region = by_span.get((int(start), int(end)))
                if region is not None:
                    result.append({"id": region["id"], "from_name": name, "to_name": TEXT_NAME, "type": "choices",
                                   "value": {**{k: region["value"][k] for k in ("start", "end", "text")},
                                             "choices": [choice]}})
        for hs, he, ts, te in rec.get("relations") or []:
            if (hs, he) in by_span and (ts, te) in by_span:
                result.append({"type": "relation", "from_id": by_span[(ts, te)]["id"],
                               "to_id": by_span[(hs, he)]["id"], "direction": "right", "labels": ["attribute_of"]})
        return result, scores

    def parse(self, result: list[dict], data: dict, where: str, task, labels: frozenset[str] | None) -> dict:
        out = super().parse(result, data, where, task, labels)
        regions = {item.get("id"): (item["value"]["start"], item["value"]["end"]) for item in result
                   if item.get("type") == "labels"}
        attributes: dict[str, list] = {}
        for item in result:
            if item.get("type") == "choices" and item["value"].get("choices"):
                value = item["value"]
                attributes.setdefault(item["from_name"], []).append([value["start"], value["end"],
                                                                     value["choices"][0]])
        relations = [(item.get("from_id"), item.get("to_id")) for item in result if item.get("type") == "relation"]
        out["attributes"] = {name: sorted(v) for name, v in sorted(attributes.items())}
        out["relations"] = sorted([*regions[to], *regions[frm]] for frm, to in relations
                                  if frm in regions and to in regions)
        return out

    def items(self, fields: dict) -> set[tuple]:
        out = super().items(fields)
        for name, triples in (fields.get("attributes") or {}).items():
            out |= {("choice", name, *t) for t in triples}
        return out | {("relation", *r) for r in fields.get("relations") or []}

    def fields_of(self, kept: set[tuple]) -> dict:
        out = super().fields_of(kept)
        bounds = {(s, e) for s, e, _ in out["spans"]}
        attributes: dict[str, list] = {}
        for _, name, s, e, value in sorted(i for i in kept if i[0] == "choice"):
            if (s, e) in bounds:
                attributes.setdefault(name, []).append([s, e, value])
        out["attributes"] = attributes
        out["relations"] = sorted([hs, he, ts, te] for _, hs, he, ts, te in (i for i in kept if i[0] == "relation")
                                  if (hs, he) in bounds and (ts, te) in bounds)
        return out


class TranslationReview:
    """A source sentence and its post-edited translation."""

    name: ClassVar[str] = "translation"
    text_fields: ClassVar[tuple[str, ...]] = ("src", "src_lang", "tgt_lang")
    needs: ClassVar[tuple[str, ...]] = ("id", "src")
    decided: ClassVar[frozenset[str]] = frozenset({"id", "src", "ref", "mt", "src_lang", "tgt_lang", "meta"})
    accepts_model = False
    docbin = False
    similarity = True

    def config_body(self, domain) -> list[str]:
        return [f'  <Header value="Source ({domain.lang})"/>', f'  <Text name="{SRC_NAME}" value="$src"/>',
                '  <Header value="Translation: correct it in place"/>',
                f'  <TextArea name="{MT_FROM}" toName="{SRC_NAME}" editable="true" maxSubmissions="1" rows="4"/>']

    def data(self, rec: dict) -> dict:
        return {"src": rec["src"], "src_lang": rec.get("src_lang", ""), "tgt_lang": rec.get("tgt_lang", "")}

    def prediction_items(self, rec: dict) -> tuple[list[dict], list[float | None]]:
        mt = rec.get("mt") or rec.get("ref") or ""
        score = (rec.get("meta") or {}).get("score")
        result = [{"id": "t0", "from_name": MT_FROM, "to_name": SRC_NAME, "type": "textarea",
                   "value": {"text": [mt]}}]
        return result, [None if score is None else float(score)]

    def parse(self, result: list[dict], data: dict, where: str, task, labels: frozenset[str] | None) -> dict:
        texts = [" ".join(str(t) for t in (item["value"].get("text") or [])) for item in result
                 if item.get("type") == "textarea" and item.get("from_name", MT_FROM) == MT_FROM]
        return {"ref": texts[-1].strip() if texts else ""}

    def items(self, fields: dict) -> set[tuple]:
        return {("ref", fields["ref"])}

    def fields_of(self, kept: set[tuple]) -> dict:
        refs = sorted(item[1] for item in kept if item[0] == "ref")
        return {"ref": refs[0] if refs else ""}

    def empty_conflict(self, kept: set[tuple], latest: set[tuple]) -> set[tuple]:
        return kept or latest  # every reviewer wrote something else: the latest decides


KINDS = {kind.name: kind for kind in (SpansReview(), ExtractionReview(), TranslationReview())}


def review_kind(kind: str):
    """The `ReviewKind` of a domain kind; E215 for a kind review does not handle."""
    found = KINDS.get(kind)
    if found is None:
        raise MedkilnError("E215", kind=kind)
    return found


__all__ = ["KINDS", "ExtractionReview", "SpansReview", "TranslationReview", "bad", "review_kind", "span_scores"]


def labeling_config(domain: DomainSpec) -> str:
    """The `<View>` for `domain.kind` (E215 for a kind review does not handle)."""
    body = review_kind(domain.kind).config_body(domain)
    return "\n".join(["<View>", *body, "</View>"]) + "\n"
