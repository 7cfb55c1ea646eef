"""Note builder: text is appended piece by piece; PHI pieces record their offsets (gold by construction).

The builder guards token boundaries so every span stays aligned to spaCy tokens: a PHI value is never
glued to a neighbouring letter or digit, and the whole note is cased at the end (ASCII only, so casing
never moves an offset).
"""

from __future__ import annotations

import bisect
import random
import re

_OPENERS = "([\"'#/"
# Words that spaCy's tokenizer keeps together with a following period ("Jan.", "Dr.", "Wed." -> "We", "d."):
# when a PHI value ends with one of them, a period after it is written apart so the span stays aligned.
_DOT_WORDS = frozenset("""adm ak ala apr ariz ark aug bros calif co colo conn corp dec del dr feb fla ga gen gov ia
id ill inc ind jan jr jul jun kan kans ky la ltd mar mass md messrs mich minn miss mo mont mr mrs ms mt neb nebr
nev nov oct okla ore pa prof rep rev sen sep sept st tenn va wash wis vs wed theres""".split())
_AFTER_OK = " \t\n.,;:)]!?'\"-"


_WORD = re.compile(r"[A-Za-z]{4,}")
_SENTENCE_GAP = re.compile(r"(?<=[A-Za-z]{2})\. (?=[A-Za-z]{2})")
_VOWELS = "aeiou"


def typo(rng: random.Random, word: str) -> str:
    """One keyboard-style slip in a word of 4+ letters: two inner letters swapped, an inner letter dropped or
    doubled, or a vowel replaced ('yesterday' -> 'ysterday', 'intermittent' -> 'imtermittent', 'review' ->
    'reveiw'). The result keeps the word's length within one letter and its case pattern."""
    i = rng.randint(1, len(word) - 2)
    kind = rng.randrange(4)
    if kind == 0:
        return word[:i] + word[i + 1] + word[i] + word[i + 2:]
    if kind == 1:
        return word[:i] + word[i + 1:]
    if kind == 2:
        return word[:i] + word[i] + word[i:]
    vowels = [j for j in range(1, len(word)) if word[j].lower() in _VOWELS]
    if not vowels:
        return word[:i] + word[i + 1:]
    j = rng.choice(vowels)
    new = rng.choice([v for v in _VOWELS if v != word[j].lower()])
    return word[:j] + (new.upper() if word[j].isupper() else new) + word[j + 1:]


class NoteBuilder:
    """Accumulates text and `[start, end, label]` spans. With `rng` and `typo_rate`, words of 4+ letters in the
    plain (non-PHI) text get a typo at that rate: real notes are full of them, and a student that has only
    seen clean words takes every unfamiliar word for a name. With `glue_rate`, that share of the spaces after
    a full stop between two words is dropped ("BEDSIDE.LASIX STARTED"), as in hurried notes."""

    def __init__(self, rng: random.Random | None = None, typo_rate: float = 0.0, glue_rate: float = 0.0) -> None:
        self._rng, self._typo_rate, self._glue_rate = rng, typo_rate, glue_rate
        self._parts: list[str] = []
        self._len = 0
        self._last = ""  # the last two characters written
        self._phi_end = -1
        self._glue_risk = False
        self.spans: list[list] = []

    def __len__(self) -> int:
        return self._len

    def text(self, s: str) -> None:
        """Append plain (non-PHI) text."""
        if not s:
            return
        if self._rng is not None and self._typo_rate > 0:
            rng, rate = self._rng, self._typo_rate
            s = _WORD.sub(lambda m: typo(rng, m.group()) if rng.random() < rate else m.group(), s)
        if self._phi_end == self._len and s[0] not in _AFTER_OK:
            s = " " + s
        if self._phi_end == self._len and self._last.endswith(".") and not s[0].isspace():
            s = " " + s
        elif self._phi_end == self._len and s[0] == "." and self._glue_risk:
            s = " " + s  # spaCy keeps "AB12C." as one token: keep the period apart
        self._write(s)

    def phi(self, s: str, label: str, glued: bool = False) -> None:
        """Append a PHI value and record its span. `glued`: the value follows the text before it with no space
        ("#617-555-0100", "3/4-3/6"), as a grammar's form wrote it (the grammar keeps to token boundaries)."""
        s = s.strip()
        if not s:
            return
        prev = self._last[-1:] if self._last else ""
        prev2 = self._last[-2:-1] if len(self._last) > 1 else ""
        if prev and not prev.isspace() and not glued:
            if not (prev in _OPENERS and (not prev2 or prev2.isspace())):
                self._write(" ")
        if self._phi_end == self._len:  # two PHI values back to back
            self._write(" ")
        start = self._len
        last_word = s.rsplit(" ", 1)[-1].lower()
        single = len(s) == 1 or (s[-1].isalpha() and not s[-2].isalnum())  # "ST. ANNE'S" + "." -> "'S."
        self._glue_risk = (s[-1].isalpha() and any(ch.isdigit() for ch in s)) or last_word in _DOT_WORDS or single
        self._write(s)
        self.spans.append([start, self._len, label])
        self._phi_end = self._len

    def segments(self, segs) -> None:
        """Append a list of `(text, label-or-None)` or `(text, label-or-None, glued)` segments."""
        for text, label, *glued in segs:
            if label:
                self.phi(text, label, bool(glued and glued[0]))
            else:
                self.text(text)

    def newline(self, n: int = 1) -> None:
        self._write("\n" * n)

    def _write(self, s: str) -> None:
        self._parts.append(s)
        self._len += len(s)
        self._last = (self._last + s)[-2:]

    def build(self, style: str = "normal") -> tuple[str, list[list]]:
        """Return the cased text and sorted spans."""
        text = "".join(self._parts)
        if style == "upper":
            text = text.upper()
        elif style == "lower":
            text = text.lower()
        if len(text) != self._len:  # non-ASCII casing changed a length: keep the original case
            text = "".join(self._parts)
        spans = sorted(self.spans)
        if self._rng is not None and self._glue_rate > 0:
            text, spans = self._glue(text, spans)
        return text, spans

    def _glue(self, text: str, spans: list[list]) -> tuple[str, list[list]]:
        """Drop the space after a full stop between two words at `glue_rate` ("BEDSIDE. LASIX" ->
        "BEDSIDE.LASIX"), never inside a PHI value; spans after a dropped space move back by one."""
        inside = set()
        for start, end, _ in spans:
            inside.update(range(start, end + 1))
        drop = [m.start() + 1 for m in _SENTENCE_GAP.finditer(text)
                if m.start() + 1 not in inside and self._rng.random() < self._glue_rate]
        if not drop:
            return text, spans
        for i in reversed(drop):
            text = text[:i] + text[i + 1:]
        moved = [[s - bisect.bisect_left(drop, s), e - bisect.bisect_left(drop, e), label] for s, e, label in spans]
        return text, moved
