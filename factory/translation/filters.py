"""Filters for parallel pairs before training, each a small function returning a reason or None.

Applied in order; the first filter that fires removes the pair and is counted in the data card:
empty or copied sides, length ratio, unique-word ratio, script and language check (py3langid when it is
installed, else a stopword vote), lexical alignment (glossary terms and numbers carried over; numbers only
for teachers that were not given the glossary, such as Apertium), round-trip agreement and review verdicts
of LLM pairs, teacher disagreement (several teachers' candidates too far apart), exact and near duplicates.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache

from medkiln.factory.synth.dedup import NearDupIndex, shingles

_WORD = re.compile(r"\w+", re.UNICODE)
_NUMBER = re.compile(r"\d+(?:[.,]\d+)?")
FILTERS = ("empty", "copied", "length_ratio", "unique_words", "script", "language", "alignment", "round_trip",
           "review", "disagreement", "duplicate", "near_duplicate")
# Languages py3langid chooses among (the factory's languages and their neighbours, which it confuses).
LANGID_LANGUAGES = ("en", "de", "fr", "es", "it", "pt", "ca", "gl", "nl", "ro", "la", "oc", "tr", "ar")


@dataclass
class FilterSettings:
    max_length_ratio: float = 2.5
    min_unique_word_ratio: float = 0.3
    min_script_share: float = 0.9
    min_alignment: float = 0.5
    min_round_trip_chrf: float = 50.0
    min_teacher_agreement: float = 25.0
    max_copied_word_share: float = 0.8
    min_langid_probability: float = 0.9
    near_duplicate_threshold: float = 0.9


@dataclass
class LanguageProfile:
    """What the script and language checks know about one language (from its resource file)."""

    lang: str
    script: str
    stopwords: frozenset[str]


def normalize(text: str) -> str:
    return " ".join(text.casefold().split())


class FastNearDupIndex(NearDupIndex):
    """`NearDupIndex` with the MinHash signature computed by numpy (same shingles, banding and threshold;
    permutations modulo 2^31 - 1 so products fit in 64 bits): ~20x faster, for the 10^5 pairs a run with
    a rule-based teacher filters."""

    _P = (1 << 31) - 1

    def __init__(self, threshold: float = 0.8, num_perm: int = 64, bands: int = 16, seed: int = 1) -> None:
        import numpy as np

        super().__init__(threshold, num_perm, bands, seed)
        rng = np.random.default_rng(seed)
        self._a = rng.integers(1, self._P, num_perm, dtype=np.uint64)
        self._b = rng.integers(0, self._P, num_perm, dtype=np.uint64)

    def signature(self, text: str) -> tuple[int, ...]:
        import numpy as np

        sh = np.fromiter(shingles(text), dtype=np.uint64) % np.uint64(self._P)
        return tuple(((np.outer(sh, self._a) + self._b) % np.uint64(self._P)).min(axis=0).tolist())


def script_share(text: str, script: str) -> float:
    """Share of letters in `text` that belong to `script` (Latn, Cyrl, Grek, Arab; others pass)."""
    if script == "Latn" and text.isascii():
        return 1.0
    letters = [ch for ch in text if ch.isalpha()]
    if not letters:
        return 1.0
    prefix = {"Latn": "LATIN", "Cyrl": "CYRILLIC", "Grek": "GREEK", "Arab": "ARABIC"}.get(script)
    if prefix is None:
        return 1.0
    hits = sum(1 for ch in letters if unicodedata.name(ch, "").startswith(prefix))
    return hits / len(letters)


def guess_language(text: str, profiles: dict[str, LanguageProfile]) -> str | None:
    """The profile with the most stopword hits (None when no language has two hits or there is a tie)."""
    words = [w.casefold() for w in _WORD.findall(text)]
    scores = Counter({lang: sum(w in p.stopwords for w in words) for lang, p in profiles.items()})
    ranked = scores.most_common(2)
    if not ranked or ranked[0][1] < 2 or (len(ranked) > 1 and ranked[0][1] == ranked[1][1]):
        return None
    return ranked[0][0]


@lru_cache(maxsize=1)
def _langid():
    """py3langid's shipped model, restricted to `LANGID_LANGUAGES` (None when py3langid is not installed)."""
    try:
        from py3langid.langid import MODEL_FILE, LanguageIdentifier
    except ImportError:
        return None
    ident = LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)
    ident.set_languages(list(LANGID_LANGUAGES))
    return ident


def identify_language(text: str, profiles: dict[str, LanguageProfile], min_probability: float) -> str | None:
    """The language of `text` when sure (py3langid probability >= `min_probability` on >= 3 words; the
    stopword vote without py3langid), else None."""
    ident = _langid()
    if ident is None:
        return guess_language(text, profiles)
    if len(_WORD.findall(text)) < 3:
        return None
    lang, prob = ident.classify(text)
    return lang if prob >= min_probability else None


def copied_share(src: str, ref: str) -> float:
    """Share of the target's words that are the source's words in the same order (a mostly-copied output)."""
    s = [w.casefold() for w in _WORD.findall(src)]
    r = [w.casefold() for w in _WORD.findall(ref)]
    if not r:
        return 0.0
    import difflib

    same = sum(block.size for block in difflib.SequenceMatcher(None, s, r, autojunk=False).get_matching_blocks())
    return same / len(r)


def alignment_score(src: str, ref: str, glossary: list[dict]) -> float | None:
    """Share of expected items carried over: glossary target terms for source terms, and numbers."""
    s, r = src.casefold(), ref.casefold()
    expected = hit = 0
    for row in glossary:
        if _contains(s, row["src"].casefold()):
            expected += 1
            hit += _contains(r, row["tgt"].casefold())
    ref_numbers = Counter(n.replace(",", ".") for n in _NUMBER.findall(ref))
    for num in _NUMBER.findall(src):
        expected += 1
        key = num.replace(",", ".")
        if ref_numbers[key] > 0:
            ref_numbers[key] -= 1
            hit += 1
    return None if expected == 0 else hit / expected


def _contains(text: str, term: str) -> bool:
    """`term` as a word in `text`, allowing an inflection of up to two letters (Herz -> Herzen)."""
    return re.search(rf"(?<!\w){re.escape(term)}\w{{0,2}}(?!\w)", text) is not None


contains_term = _contains


@dataclass
class PairFilter:
    """Stateful filter (it remembers what it has seen for the duplicate checks)."""

    src: LanguageProfile
    tgt: LanguageProfile
    profiles: dict[str, LanguageProfile]
    glossary: list[dict]
    settings: FilterSettings = field(default_factory=FilterSettings)
    _seen: set = field(default_factory=set)
    _near: NearDupIndex | None = None

    def __post_init__(self) -> None:
        self._near = FastNearDupIndex(threshold=self.settings.near_duplicate_threshold)

    def reason(self, pair: dict) -> str | None:
        """The first filter that removes `pair`, or None to keep it."""
        src, ref = pair.get("src") or "", pair.get("ref") or ""
        s = self.settings
        if not src.strip() or not ref.strip():
            return "empty"
        meta = pair.get("meta") or {}
        if meta.get("copy_through"):  # a deliberate copy (template-only runs): only duplicates are checked
            return self._duplicate(pair, src, ref)
        if normalize(src) == normalize(ref):
            return "copied"
        if len(ref.split()) >= 5 and copied_share(src, ref) >= s.max_copied_word_share:
            return "copied"
        ratio = max(len(ref), 1) / max(len(src), 1)
        if ratio > s.max_length_ratio or ratio < 1 / s.max_length_ratio:
            return "length_ratio"
        for text in (src, ref):
            words = [w.casefold() for w in _WORD.findall(text)]
            if len(words) >= 6 and len(set(words)) / len(words) < s.min_unique_word_ratio:
                return "unique_words"
        if min(script_share(src, self.src.script), script_share(ref, self.tgt.script)) < s.min_script_share:
            return "script"
        for text, lang in ((src, self.src.lang), (ref, self.tgt.lang)):
            guess = identify_language(text, self.profiles, s.min_langid_probability)
            if guess is not None and guess != lang:
                return "language"
        score = alignment_score(src, ref, self.glossary if meta.get("glossary", True) else [])
        if score is not None and score < s.min_alignment:
            return "alignment"
        if meta.get("round_trip_chrf") is not None and meta["round_trip_chrf"] < s.min_round_trip_chrf:
            return "round_trip"
        if meta.get("review") == "reject":
            return "review"
        if meta.get("teacher_agreement") is not None and meta["teacher_agreement"] < s.min_teacher_agreement:
            return "disagreement"
        return self._duplicate(pair, src, ref)

    def _duplicate(self, pair: dict, src: str, ref: str) -> str | None:
        key = normalize(src)
        if key in self._seen:
            return "duplicate"
        self._seen.add(key)
        if self._near.add(str(pair.get("id", len(self._seen))), f"{src} ||| {ref}") is not None:
            return "near_duplicate"
        return None


def apply_filters(pairs, pair_filter: PairFilter, *, examples: int = 5) -> tuple[list[dict], dict]:
    """Kept pairs and a report `{"in", "kept", "removed": {filter: n}, "removed_ids": {filter: [ids]}}`."""
    kept, removed, ids = [], Counter(), {}
    total = 0
    for pair in pairs:
        total += 1
        why = pair_filter.reason(pair)
        if why is None:
            kept.append(pair)
            continue
        removed[why] += 1
        ids.setdefault(why, [])
        if len(ids[why]) < examples:
            ids[why].append(pair.get("id"))
    report = {"in": total, "kept": len(kept), "removed": {f: removed.get(f, 0) for f in FILTERS},
              "removed_ids": ids}
    return kept, report
