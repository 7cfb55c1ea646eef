"""LLM teachers for parallel text: translate, back-translate and review through the OpenAI-compatible
client of `factory.teachers` (disk cache, retries, privacy guard, token accounting).

For each source sentence: translate (with the glossary terms it contains), back-translate, score the
round trip with chrF against the source, and ask for a review verdict. The pair keeps the scores in
`meta`; the filters drop low round-trip scores and rejected reviews. Failures are counted by reason.
"""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from typing import Iterable

from medkiln.domains import DomainSpec
from medkiln.domains.translation import synth

from ..teachers import OpenAITeacher
from ..teachers.openai_client import RequestFailed
from ..teachers.parse import ParseError, extract_json
from ..teachers.prompts import prompt_version, render_messages
from .consensus import consensus
from .decode import required_terms

TRANSLATION_SCHEMA = {"type": "object", "properties": {"translation": {"type": "string"}}, "required": ["translation"]}
CHOOSE_SCHEMA = {"type": "object", "properties": {"best": {"type": "integer"}}, "required": ["best"]}
REVIEW_SCHEMA = {"type": "object", "properties": {"verdict": {"type": "string", "enum": ["accept", "reject"]},
                                                   "reasons": {"type": "array", "items": {"type": "string"}}},
                 "required": ["verdict"]}


def _name(lang: str) -> str:
    return synth.load_language(lang).get("name", lang)


class TranslationTeacher:
    """Wraps an `OpenAITeacher` (its client and stats) for the translation tasks. `real`: the sources are
    the user's documents, so the privacy guard keeps them on loopback/private servers unless the teacher
    was built with `allow_remote`."""

    name = "openai"

    def __init__(self, teacher: OpenAITeacher, *, domain: DomainSpec, version: str = "v1", real: bool = False) -> None:
        self.teacher = teacher
        self.version = version
        self.real = real
        self.domain = domain  # its prompts (domains/translation/prompts/)

    def close(self) -> None:
        self.teacher.close()

    def _ask(self, task: str, schema: dict, **variables: object) -> dict:
        messages = render_messages(self.domain, task, self.version, **variables)
        answer = self.teacher.client.chat(messages, prompt_version=prompt_version(task, self.version),
                                          params={"temperature": 0.0, "max_tokens": self.teacher.max_tokens,
                                                  "seed": self.teacher.seed}, schema=schema, real=self.real)
        return extract_json(answer.content)

    def _translation(self, task: str, text: str, src: str, tgt: str, terms: list[dict]) -> str:
        data = self._ask(task, TRANSLATION_SCHEMA, text=text, src_name=_name(src), tgt_name=_name(tgt), terms=terms)
        value = data.get("translation")
        if not isinstance(value, str) or not value.strip():
            raise ParseError("no_translation")
        return value.strip()

    def pair(self, rec: dict, src: str, tgt: str, glossary: list[dict]) -> dict:
        """One source record `{"id", "src"}` -> `{"ok": True, "pair": ...}` or `{"ok": False, "reason"}`."""
        import sacrebleu

        text = rec["src"]
        terms = [row for row in glossary if row["tgt"] in required_terms(text, glossary)]
        try:
            hyp = self._translation("translate", text, src, tgt, terms)
            back = self._translation("back_translate", hyp, tgt, src, [])
            review = self._ask("review", REVIEW_SCHEMA, source=text, translation=hyp, src_name=_name(src),
                               tgt_name=_name(tgt))
        except (RequestFailed, ParseError) as err:
            return {"ok": False, "reason": err.reason}
        verdict = str(review.get("verdict", "")).strip().lower()
        chrf = round(sacrebleu.sentence_chrf(back, [text]).score, 2)
        meta = {"teacher": self.teacher.label, "prompt_version": prompt_version("translate", self.version),
                "round_trip_chrf": chrf, "review": verdict if verdict in ("accept", "reject") else "unknown",
                "source_id": rec["id"], "category": (rec.get("meta") or {}).get("category", "llm")}
        return {"ok": True, "pair": {"id": f"llm-{rec['id']}", "src": text, "ref": hyp, "src_lang": src,
                                     "tgt_lang": tgt, "terms": rec.get("terms", []), "meta": meta}}

    def choose(self, source: str, candidates: dict[str, str], src: str, tgt: str) -> str:
        """The review step over several teachers' candidates: the name of the one the LLM calls best
        (the consensus candidate when the answer is unusable)."""

        names = list(candidates)
        try:
            data = self._ask("choose", CHOOSE_SCHEMA, source=source, candidates=[candidates[n] for n in names],
                             src_name=_name(src), tgt_name=_name(tgt))
        except (RequestFailed, ParseError):
            return consensus(candidates)
        best = data.get("best")
        if isinstance(best, int) and not isinstance(best, bool) and 1 <= best <= len(names):
            return names[best - 1]
        return consensus(candidates)

    def pairs(self, records: Iterable[dict], src: str, tgt: str) -> tuple[list[dict], dict]:
        """Teacher pairs for `records` (in order) and the failure counts by reason."""
        glossary = synth.glossary(src, tgt)
        items = list(records)
        pairs, failures = [], {}
        with ThreadPoolExecutor(self.teacher.concurrency) as pool:
            for res in pool.map(lambda r: self.pair(r, src, tgt, glossary), items):
                if res["ok"]:
                    pairs.append(res["pair"])
                else:
                    failures[res["reason"]] = failures.get(res["reason"], 0) + 1
        return pairs, failures


def llm_pairs(domain: DomainSpec, src: str, tgt: str, n: int, seed: int,
              **teacher_settings: object) -> tuple[list[dict], dict]:
    """`n` LLM-translated pairs for source sentences of the offline teacher (a different seed stream than
    the offline pairs), with the teacher's stats."""
    teacher = OpenAITeacher(**teacher_settings)  # type: ignore[arg-type]
    try:
        sources = list(synth.parallel_pairs(src, tgt, n, seed + 7919))
        pairs, failures = TranslationTeacher(teacher, domain=domain).pairs(sources, src, tgt)
    finally:
        teacher.close()
    return pairs, {"failures": failures, "requested": n, "returned": len(pairs)}
