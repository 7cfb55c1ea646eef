"""Rule recognizers for structured PHI as a spaCy component: a pattern table plus validator functions.

SELF-CONTAINED: this file imports only the standard library and spaCy, because it is copied verbatim into
exported pipeline packages (`spacy package --code`). It must never import medkiln (`factory`, `domains`).
It is longer than the project's 400-line rule for that reason: one shipped file per component, whole.

Pattern table ("rules as data", presidio style). Each pattern is a dict:
    name (str, unique), label (str), regex (str), score (0..1, default 0.5),
    validator (a key of VALIDATORS or None), flags ("i", "m", "s", "x" letters; optional),
    group (int or name of the regex group that is the PHI; default 0),
    context (words looked for in the `context_window` characters before the PHI, default 30),
    context_required (bool: without a context word there is no match; otherwise a context word adds
    CONTEXT_BOOST to the score), negative_context (words that veto a match when found in the
    `negative_window` characters before, default 20, within the same sentence and line), negative_after (words
    that veto a match when they follow it directly, after optional spaces), exclude (exact PHI strings that are never PHI),
    trigger (optional speed gate that every match implies: a list of substrings, one of which must occur in
    the lower-cased text, or a regex searched in " " + the lower-cased text; without it the pattern is skipped).
Regexes are compiled with re.ASCII (digit, word-boundary and case-folding classes are ASCII-only): faster.
Context words match case-insensitively on whole words (not inside a longer alphanumeric run).

Merge policy (`__call__`): candidates are the existing `doc.ents` (score = `ner_score`) and every rule match
(its pattern score, after the context boost), each mapped to whole tokens with
`doc.char_span(..., alignment_mode="expand")`. Candidates are taken greedily by higher score, then longer
span (in tokens), then earlier start; a candidate that overlaps an already-taken one is dropped. So a rule
span wins over an overlapping NER entity when its score is higher than `ner_score`, the NER entity wins when
it is higher, and on a tie the longer span wins. With `overwrite_ents=False` every NER entity is kept and rule
spans only fill the gaps. The raw (unmerged, possibly overlapping) rule matches are stored in
`doc.spans[spans_key]` with their scores in `.attrs["scores"]` and the pattern name as `span.id_`.

Labels (`set_labels`, saved as `labels.json`): each label's shape and whether it propagates, from the label
table of the pipeline's label set (medkiln's core/labels/), handed over when the pipeline is assembled.

Shape check (`ner_shapes`, on by default): before the merge, a NER entity is dropped when its text cannot have
its label's shape, whatever the context: "date" needs a calendar word (month, holiday, season) or else
numbers shaped like the parts of a date ("7/22", "03.04.2021", "'95", "5th", "1990s"; not "20ps", "12mn",
"40%", nor a 24-hour clock time that no year can be, "0430", "2200"; and a date in numbers alone must be, with the
digits and separators around it, one date or a range of dates: not "71/38/54", "15.6/112", "4-7/2-5/0-60",
`numeric_date_possible`); a weekday alone is no date (HIPAA's Safe
Harbor removes dates and their elements; the day of the week identifies no one), "age" a digit or a number word, "digit" a digit (identifiers, phones, ZIP codes) and "letter" a letter
(names, places, organisations). The dropped entities are counted in `doc.spans[spans_key].attrs["ner_dropped"]`.

Propagation (`propagate`, on by default): after the merge, every further mention of a name or place already
found in the doc (same text, any case, whole tokens) whose label propagates becomes an entity with the same
label; counted in `.attrs["propagated"]`.
"""

from __future__ import annotations

import calendar
import ipaddress
import json
import re
from pathlib import Path
from typing import Callable, Iterable

from spacy.language import Language
from spacy.tokens import Doc, Span, SpanGroup

FACTORY_NAME = "medkiln_phi_rules"
PATTERNS_FILE = "patterns.jsonl"
LABELS_FILE = "labels.json"
WORDS_FILE = "not_names.json"
CONTEXT_BOOST = 0.15
_KNOWN_KEYS = {
    "name", "label", "regex", "score", "validator", "flags", "group", "context", "context_required",
    "context_window", "negative_context", "negative_window", "negative_after", "exclude", "trigger",
}
_FLAGS = {"i": re.IGNORECASE, "m": re.MULTILINE, "s": re.DOTALL, "x": re.VERBOSE}


class RulePatternError(ValueError):
    """A pattern in the table is malformed; the message names the pattern and the field."""


# ---------------------------------------------------------------- validators (str -> bool)
def _digits(text: str) -> str:
    return "".join(ch for ch in text if ch in "0123456789")


def _isnum(text: str) -> bool:
    return text.isascii() and text.isdigit()


def valid_luhn(text: str) -> bool:
    """Luhn (mod 10) checksum over the digits of `text`."""
    digits = _digits(text)
    total = 0
    for i, ch in enumerate(reversed(digits)):
        d = int(ch) * (1 + i % 2)
        total += d - 9 if d > 9 else d
    return len(digits) > 1 and total % 10 == 0


def valid_credit_card(text: str) -> bool:
    digits = _digits(text)
    return 13 <= len(digits) <= 19 and digits[0] in "3456" and len(set(digits)) > 1 and valid_luhn(digits)


def valid_ssn(text: str) -> bool:
    """US SSN: area not 000, 666 or 9xx; group not 00; serial not 0000."""
    digits = _digits(text)
    if len(digits) != 9:
        return False
    area, group, serial = digits[:3], digits[3:5], digits[5:]
    return area not in ("000", "666") and area[0] != "9" and group != "00" and serial != "0000"


def valid_npi(text: str) -> bool:
    """NPI: 10 digits starting 1 or 2, Luhn-valid with the 80840 prefix."""
    digits = _digits(text)
    return len(digits) == 10 and digits[0] in "12" and valid_luhn("80840" + digits)


def valid_dea(text: str) -> bool:
    """DEA number: registrant letter, letter (or 9), 7 digits with the DEA check digit."""
    s = text.strip().upper()
    if len(s) != 9 or s[0] not in "ABCDEFGHJKLMPRSTUX" or not (s[1].isalpha() or s[1] == "9"):
        return False
    if not _isnum(s[2:]):
        return False
    d = [int(c) for c in s[2:]]
    return (d[0] + d[2] + d[4] + 2 * (d[1] + d[3] + d[5])) % 10 == d[6]


def valid_phone_nanp(text: str) -> bool:
    """NANP number (10 digits, optional leading 1, or 7-digit local): valid area and exchange codes."""
    core = re.split(r"(?i)e?xt|x", text, maxsplit=1)[0]
    digits = _digits(core)
    if len(digits) == 11 and digits[0] == "1":
        digits = digits[1:]
    if len(digits) == 10:
        area, digits = digits[:3], digits[3:]
        if area[0] in "01" or area[1:] == "11" or area[1] == "9":
            return False
    if len(digits) != 7:
        return False
    return digits[0] not in "01" and digits[1:3] != "11"


def valid_ipv4(text: str) -> bool:
    parts = text.split(".")
    if len(parts) != 4 or not all(_isnum(p) for p in parts) or parts[0] == "0":
        return False
    return all(int(p) <= 255 and (len(p) == 1 or p[0] != "0") for p in parts)


def valid_ipv6(text: str) -> bool:
    try:
        ipaddress.IPv6Address(text)
    except ValueError:
        return False
    return True


_MONTHS = {m: i for i, m in enumerate("jan feb mar apr may jun jul aug sep oct nov dec".split(), start=1)}
_MONTH_RX = re.compile(r"[a-z]{3,}")
_NUM_RX = re.compile(r"'?\d+")


def _day_ok(month: int, day: int | None, year: int | None) -> bool:
    if not 1 <= month <= 12 or year == -1:
        return False
    return day is None or 1 <= day <= calendar.monthrange(year or 2000, month)[1]


def _full_year(digits: str) -> int:
    """Four-digit year for '95, 95 or 1995; -1 when out of range."""
    year = int(digits.lstrip("'"))
    if len(digits.lstrip("'")) == 2:
        return 2000 + year if year <= 30 else 1900 + year
    return year if 1850 <= year <= 2099 and len(digits) == 4 else -1


def valid_date(text: str) -> bool:
    """A date with a real month and a day that exists in it (2/30 fails, 12/31 passes)."""
    t = text.strip().lower()
    name = _MONTH_RX.search(t)
    if name:
        month, day, year = _MONTHS.get(name.group()[:3], 0), None, None
        for num in _NUM_RX.findall(t):
            if num[0] == "'" or len(num) > 2 or int(num) > 31 or num == "00":  # "19 Feb, 00": a year
                year = _full_year(num)
            else:
                day = int(num)
        return _day_ok(month, day, year)
    parts = re.split(r"[/.\-]", t)
    if len(parts) not in (2, 3) or not all(_isnum(p) for p in parts):
        return False
    if len(parts[0]) == 4:  # yyyy-mm-dd
        return _day_ok(int(parts[1]), int(parts[2]), _full_year(parts[0])) if len(parts) == 3 else False
    if len(parts) == 2 and "/" in t and (len(parts[1]) == 4 or int(parts[1]) > 31):  # m/yy, m/yyyy
        return _day_ok(int(parts[0]), None, _full_year(parts[1]))
    m, d = (parts[1], parts[0]) if "." in t else (parts[0], parts[1])  # d.m.y, else m/d/y
    return _day_ok(int(m), int(d), _full_year(parts[2]) if len(parts) == 3 else None)


def valid_year(text: str) -> bool:
    digits = text.strip().lstrip("'")
    return _isnum(digits) and (len(digits) == 2 or 1900 <= int(digits) <= 2099)


def valid_day_of_month(text: str) -> bool:
    digits = _digits(text)
    return bool(digits) and 1 <= int(digits) <= 31


def valid_age_over_89(text: str) -> bool:
    digits = _digits(text)
    return bool(digits) and 90 <= int(digits) <= 125


_VIN_MAP = dict(zip("ABCDEFGHJKLMNPRSTUVWXYZ", [1, 2, 3, 4, 5, 6, 7, 8, 1, 2, 3, 4, 5, 7, 9, 2, 3, 4, 5, 6, 7, 8, 9]))
_VIN_WEIGHTS = (8, 7, 6, 5, 4, 3, 2, 10, 0, 9, 8, 7, 6, 5, 4, 3, 2)


def valid_vin(text: str) -> bool:
    """17-character VIN (no I, O, Q) with the check digit in position 9."""
    s = text.strip().upper()
    if len(s) != 17 or not s.isalnum() or any(c in "IOQ" for c in s) or s.isdigit() or s.isalpha():
        return False
    total = sum((int(c) if c.isdigit() else _VIN_MAP[c]) * w for c, w in zip(s, _VIN_WEIGHTS))
    check = total % 11
    return s[8] == ("X" if check == 10 else str(check))


VALIDATORS: dict[str, Callable[[str], bool]] = {
    "luhn": valid_luhn, "credit_card": valid_credit_card, "ssn": valid_ssn, "npi": valid_npi, "dea": valid_dea,
    "phone_nanp": valid_phone_nanp, "ipv4": valid_ipv4, "ipv6": valid_ipv6, "date": valid_date,
    "year": valid_year, "age_over_89": valid_age_over_89, "day_of_month": valid_day_of_month, "vin": valid_vin,
}


# ---------------------------------------------------------------- compiling the table
def _word_rx(words: Iterable[str], prefix: str = r"(?<![A-Za-z0-9])") -> re.Pattern | None:
    alts = sorted((r"\s+".join(map(re.escape, w.split())) for w in words if w.strip()), key=len, reverse=True)
    if not alts:
        return None
    return re.compile(prefix + "(?:" + "|".join(alts) + r")(?![A-Za-z0-9])", re.IGNORECASE)


def _trigger(spec: str | list | None) -> re.Pattern | tuple[str, ...] | None:
    if not spec:
        return None
    if isinstance(spec, str):
        return re.compile(spec, re.ASCII)
    return tuple(str(x).lower() for x in spec)


def _check(ok: bool, name: str, problem: str) -> None:
    if not ok:
        raise RulePatternError(f"Pattern '{name}': {problem}. Fix the pattern table.")


class _Rule:
    __slots__ = ("name", "label", "rx", "score", "validator", "group", "ctx", "ctx_required", "ctx_window",
                 "neg", "neg_window", "after", "exclude", "trigger")

    def __init__(self, p: dict) -> None:
        name = p.get("name")
        _check(isinstance(name, str) and bool(name), "?", f"no 'name' (keys: {sorted(p)})")
        _check(not set(p) - _KNOWN_KEYS, name, f"unknown keys {sorted(set(p) - _KNOWN_KEYS)}")
        for key in ("label", "regex"):
            _check(isinstance(p.get(key), str) and bool(p[key]), name, f"'{key}' must be a non-empty string")
        flags = re.ASCII
        for letter in p.get("flags") or "":
            _check(letter in _FLAGS, name, f"unknown flag '{letter}' (use i, m, s, x)")
            flags |= _FLAGS[letter]
        try:
            self.rx = re.compile(p["regex"], flags)
            self.trigger = _trigger(p.get("trigger"))
        except re.error as err:
            raise RulePatternError(f"Pattern '{name}': invalid regex or trigger ({err}).") from err
        self.group = p.get("group", 0)
        _check(self.group in self.rx.groupindex or (isinstance(self.group, int) and 0 <= self.group <= self.rx.groups),
               name, f"no regex group {self.group!r}")
        vname = p.get("validator")
        _check(vname is None or vname in VALIDATORS, name, f"unknown validator '{vname}'; known: {sorted(VALIDATORS)}")
        self.score = float(p.get("score", 0.5))
        _check(0.0 <= self.score <= 1.0, name, "score must be in [0, 1]")
        self.name, self.label = name, p["label"]
        self.validator = VALIDATORS[vname] if vname else None
        self.ctx = _word_rx(p.get("context") or ())
        self.ctx_required = bool(p.get("context_required", False))
        _check(self.ctx is not None or not self.ctx_required, name, "context_required without context words")
        self.ctx_window = int(p.get("context_window", 30))
        self.neg = _word_rx(p.get("negative_context") or ())
        self.neg_window = int(p.get("negative_window", 20))
        self.after = _word_rx(p.get("negative_after") or (), prefix=r"\s*")
        self.exclude = frozenset(x.lower() for x in p.get("exclude") or ())

    def matches(self, text: str) -> Iterable[tuple[int, int, float]]:
        for m in self.rx.finditer(text):
            start, end = m.span(self.group)
            if start < 0 or start == end:
                continue
            value = text[start:end]
            if self.exclude and value.lower() in self.exclude:
                continue
            if self.validator is not None and not self.validator(value):
                continue
            if self.neg is not None and self.neg.search(text, _clause_start(text, start, self.neg_window), start):
                continue
            if self.after is not None and self.after.match(text, end):
                continue
            score = self.score
            if self.ctx is not None:
                if self.ctx.search(text, max(0, start - self.ctx_window), start):
                    score = min(1.0, score + (0.0 if self.ctx_required else CONTEXT_BOOST))
                elif self.ctx_required:
                    continue
            yield start, end, score


_CLAUSE_END = re.compile(r"[.;!?]\s|\n")


def _clause_start(text: str, start: int, window: int) -> int:
    """Where the negative-context window before `start` begins: `window` characters back, but not before the
    end of the previous sentence or line (in "PEEP 5. 7/12 extubated" the date is not a vent setting)."""
    lo = max(0, start - window)
    last = None
    for last in _CLAUSE_END.finditer(text, lo, start):
        pass
    return last.end() if last else lo


def resolve_overlaps(cands: list[tuple]) -> list[tuple]:
    """Greedy non-overlapping selection of (start, end, score, ...) by score, then length, then start."""
    taken: list[tuple] = []
    for cand in sorted(cands, key=lambda c: (-c[2], -(c[1] - c[0]), c[0])):
        if all(cand[1] <= t[0] or cand[0] >= t[1] for t in taken):
            taken.append(cand)
    return sorted(taken, key=lambda c: c[0])


# ---------------------------------------------------------------- shape check of NER entities
_CALENDAR_WORD = re.compile(
    r"\b(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|"
    r"oct(?:ober)?|nov(?:ember)?|dec(?:ember)?|"
    # German months that English does not spell alike (and the Austrian "Jänner", "Feber"): the shape check dropped
    # "Mitte Oktober" and a day glued to its month ("4.Juli 2019")
    r"januar|j(?:ä|Ä)nner|februar|feber|m(?:ä|Ä)rz|mrz|mai|juni|juli|okt(?:ober)?|dez(?:ember)?|"
    r"christmas|xmas|thanksgiving|easter|halloween|hanukk?ah|kwanzaa|"
    r"passover|ramadan|kippur|hashanah|valentine'?s?|new\s+year'?s?|memorial\s+day|labor\s+day|"
    r"independence\s+day|veterans\s+day|spring|summer|fall|autumn|winter)\b", re.IGNORECASE | re.ASCII)
_NUMBER_WORD = re.compile(
    r"(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|teen|twenty|thirty|forty|fifty|sixty|"
    r"seventy|eighty|ninety|hundred)", re.IGNORECASE | re.ASCII)
_DIGIT = re.compile(r"\d", re.ASCII)
_LETTER = re.compile(r"[^\W\d_]")
_WORD = re.compile(r"[^\W\d_]+")
# A word of a place name in the gazetteer ("Ashgrove", "O'Fallon", "Wilkes-Barre") and the spaces between two.
_GAZETTEER_WORD = re.compile(r"[^\W\d_]+(?:['-][^\W\d_]+)*")
_GAZETTEER_GAP = re.compile(r" +(?=[^\W\d_])")
# Label shapes (what an entity's text must contain) and which labels propagate come from the label table of the
# pipeline's label set (medkiln's core/labels), handed to the component when the pipeline is assembled and saved
# with it (`labels.json`): `PhiRules.set_labels`.


# A numeric piece of a date without a calendar word: "7/22", "03.04.2021", "'95", "5th", "1990s", "2-13"
# (not "20ps", "12mn", "40%", "a+ox3": units, times and scores that the NER took for dates). A slash date that
# does not exist ("2/31") still counts: nurses write them.
# After the last number, the Gregorian or Hijri year mark of Arabic dates ("2021م", "1442هـ") and the Arabic comma.
_DATE_CHUNK = re.compile(r"[(\[]?'?\d{1,4}(?:st|nd|rd|th|s|'s)?(?:[/.-]\d{1,4}(?:st|nd|rd|th)?)*(?:م|هـ|ه)?[)\].,;:،]*",
                         re.IGNORECASE | re.ASCII)
# Arabic-Indic (٠-٩) and Eastern Arabic-Indic (۰-۹) digits are read as the Western digits they stand for (the
# shape checks are ASCII: without this every Arabic-Indic date, age, phone and id the NER found was dropped).
_WESTERN_DIGITS = str.maketrans("٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹", "01234567890123456789")
# Four digits that are a 24-hour clock time and no year a note speaks of: "0430", "2115", "2400".
_CLOCK = re.compile(r"(?:0\d[0-5]\d|2[1-3][0-5]\d|2400)[.,;:]*", re.ASCII)


def plausible(shape: str | None, text: str) -> bool:
    """Whether an entity's text can have `shape` at all ("date", "age", "digit", "letter"; None always can)."""
    text = text.translate(_WESTERN_DIGITS)
    if shape == "date":
        if _CALENDAR_WORD.search(text):
            return True
        numeric = [chunk for chunk in text.split() if _DIGIT.search(chunk)]
        return (bool(numeric) and all(_DATE_CHUNK.fullmatch(chunk) for chunk in numeric)
                and not all(_CLOCK.fullmatch(chunk) for chunk in numeric))
    if shape == "age":
        return bool(_DIGIT.search(text) or _NUMBER_WORD.search(text))
    if shape == "digit":
        return bool(_DIGIT.search(text))
    if shape == "letter":
        return bool(_LETTER.search(text))
    return True


# A date written in numbers alone: one run of digits joined by "/", "." or "-" (the entity may be part of a longer run).
_NUMERIC_DATE = re.compile(r"\d+(?:[/.-]\d+)*(?:'?s)?", re.ASCII)
_DATE_SEP = re.compile(r"[/.-]")


def _year_like(part: str) -> bool:
    return len(part) == 2 or (len(part) == 4 and 1850 <= int(part) <= 2099)


def _date_parts(parts: list[str]) -> bool:
    """Whether numbers can be the parts of one date, in any order people write them: day and month either way
    round (7/22, 22.7), with a year first or last (2021-07-22, 22/07/2021, 7/22/21), or a month and a year (7/21,
    07/2021), or a year alone."""
    def month_day(a: str, b: str) -> bool:
        return (1 <= int(a) <= 12 and 1 <= int(b) <= 31) or (1 <= int(b) <= 12 and 1 <= int(a) <= 31)

    if len(parts) == 1:
        return True
    if len(parts) == 2:
        a, b = parts
        return month_day(a, b) or (1 <= int(a) <= 12 and _year_like(b)) or (len(a) == 4 and _year_like(a)
                                                                            and 1 <= int(b) <= 12)
    if len(parts) == 3:
        a, b, c = parts
        # a four-digit year last makes a date even with a slip in the day or month ("13/13/2012")
        return ((len(a) == 4 and _year_like(a) and month_day(b, c)) or (_year_like(c) and month_day(a, b))
                or (len(c) == 4 and _year_like(c)))
    # two dates written one after the other with the same separator ("04/07/04/09")
    return len(parts) % 2 == 0 and all(month_day(parts[i], parts[i + 1]) for i in range(0, len(parts), 2))


def _one_date(piece: str) -> bool:
    parts = _DATE_SEP.split(piece)
    return all(parts) and _date_parts(parts)


def numeric_date_possible(text: str, start: int, end: int) -> bool:
    """Whether a date entity written in numbers alone can be a date where it stands: the whole run of digits and
    separators around it ("4-7/2-5/0-60", "71/38/54", "15.6/112", "63.4") must be one date, or a range of dates
    joined by "-" ("3/11-3/12", "1980-95"). Measurements, ratios and lab values written like dates are runs no calendar
    has; they are dropped when the run has a slash or is a decimal number. An entity with a letter, a space or a
    calendar word is not checked here."""
    value = text[start:end].rstrip(".,;:)")
    if not _NUMERIC_DATE.fullmatch(value):
        return True
    lo, hi = start, start + len(value.split("'")[0].rstrip("s"))
    while lo > 1 and text[lo - 1] in "/.-0123456789" and (text[lo - 1].isdigit() or text[lo - 2].isdigit()):
        lo -= 1
    while hi < len(text) - 1 and text[hi] in "/.-0123456789" and (text[hi].isdigit() or text[hi + 1].isdigit()):
        hi += 1
    while hi < len(text) and text[hi].isdigit():
        hi += 1
    run = text[lo:hi].strip("/.-")
    if not run.isascii() or _one_date(run):
        return True
    pieces = run.split("-")
    if len(pieces) > 1 and all(_one_date(piece.strip("/.")) for piece in pieces):
        return True
    # Not a date. A run with a slash, or a decimal number, is a measurement; digits in groups joined by dots or
    # dashes alone may be a phone number or an identifier the student labelled DATE ("01.47.22.85.30"): kept, so
    # that a wrong label never makes a leak.
    return not ("/" in run or re.fullmatch(r"\d+\.\d+", run))


# A month and a day alone ("8/4"): the run of digits and slashes a measurement word can turn into a setting.
_BARE_MD = re.compile(r"\d{1,2}/\d{1,2}", re.ASCII)


def _fold(text: str) -> str:
    """Lower case as the case-insensitive regex matches it: Turkish "İ" lowers to "i" plus a combining dot, which
    the regex's simple case folding does not have ("TUNCELİ" matches "Tunceli")."""
    return text.lower().replace("\u0307", "")


def propagate(doc: Doc, ents: list, labels: frozenset[str], doc_text: str | None = None) -> list:
    """Other mentions of a name or place the note already marked: every further occurrence of an entity's exact
    text (case-insensitive, on token boundaries, 3+ characters with a letter) outside the existing entities,
    with the same label. Names recur within a note ("Quinn ... quinn called back"); a student that finds one
    mention should not leak the others. `doc_text` is `doc.text` when the caller has it."""
    wanted: dict[str, str] = {}
    for ent in ents:
        text = _fold(ent.text)
        if ent.label_ in labels and len(text) >= 3 and _LETTER.search(text):
            wanted.setdefault(text, ent.label_)
    if not wanted:
        return []
    taken = bytearray(len(doc))
    for ent in ents:
        taken[ent.start:ent.end] = b"\x01" * (ent.end - ent.start)
    pattern = re.compile(r"(?<!\w)(?:" + "|".join(re.escape(t) for t in sorted(wanted, key=len, reverse=True))
                         + r")(?!\w)", re.IGNORECASE)
    found = []
    for m in pattern.finditer(doc.text if doc_text is None else doc_text):
        label = wanted.get(_fold(m.group()))
        span = doc.char_span(m.start(), m.end(), label=label) if label else None
        if span is not None and not any(taken[span.start:span.end]):
            taken[span.start:span.end] = b"\x01" * len(span)
            found.append(span)
    return found


# ---------------------------------------------------------------- the spaCy component
class PhiRules:
    """Rule matcher for structured PHI that merges its spans with the statistical NER's `doc.ents`."""

    def __init__(self, nlp: Language | None = None, name: str = FACTORY_NAME, *, ner_score: float = 0.5,
                 overwrite_ents: bool = True, spans_key: str = "medkiln_rules", ner_shapes: bool = True,
                 propagate: bool = True) -> None:
        self.name = name
        self.ner_shapes = bool(ner_shapes)
        self.propagate = bool(propagate)
        self.ner_score = float(ner_score)
        self.overwrite_ents = bool(overwrite_ents)
        self.spans_key = spans_key
        self._patterns: list[dict] = []
        self._rules: list[_Rule] = []
        self._labels: dict[str, dict] = {}
        self._shapes: dict[str, str] = {}
        self._propagated: frozenset[str] = frozenset()
        self._not_names: frozenset[str] = frozenset()
        self._titles: frozenset[str] = frozenset()
        self._proper: frozenset[str] = frozenset()
        self._person: frozenset[str] = frozenset()
        self._edges: frozenset[str] = frozenset()
        self._measure: dict = {}
        self._regions: dict[str, str] = {}   # folded state or country name -> its label
        self._region_from: frozenset[str] = frozenset()
        self._measure_before: re.Pattern | None = None
        self._gazetteer: frozenset[str] = frozenset()   # folded names, words joined by one space
        self._gazetteer_table: dict = {}
        self._gazetteer_before: frozenset[str] = frozenset()
        self._gazetteer_words = 0
        self._measure_after: re.Pattern | None = None

    def set_not_names(self, words: Iterable[str], titles: Iterable[str] = ()) -> None:
        """Words that are not names of people or places (the language's clinical vocabulary) and the titles that
        make a name of any word: an entity of a label marked "proper" whose every word is in `words` is dropped
        by the shape check, unless one of `titles` stands just before it. Saved with the component."""
        self._not_names = frozenset(_fold(w) for w in words)
        self._titles = frozenset(_fold(t).rstrip(".") for t in titles)

    def set_edge_words(self, words: Iterable[str] = ()) -> None:
        """Words that never begin or end a person's name (the language's verbs and closed-class words that are no
        name: "took", "notified", "and"): an NER entity of a label marked "person" loses such words at its ends ("Dr
        Kell notified" -> "Kell"), and at its start only when no title stands before it; a one-word entity is
        left to the not-a-name check. Saved with the component."""
        self._edges = frozenset(_fold(w) for w in words)

    def _edge(self, token) -> bool:
        words = _WORD.findall(token.text)
        if words:
            return all(_fold(w) in self._edges for w in words)
        return token.is_punct and token.text not in ("'", "-")

    def _numbered_person(self, ent) -> bool:
        """A person's name whose every word has a digit in it ("O2->3L", "4L") is none. (A name with some other
        word keeps its digits: the student may have run it into a date or a house number, which stay redacted.)"""
        if ent.label_ not in self._person:
            return False
        worded = [token.text for token in ent if _LETTER.search(token.text)]
        return bool(worded) and all(_DIGIT.search(text) for text in worded)

    def _trim_edges(self, doc: Doc, ent):
        if ent.label_ not in self._person or len(ent) < 2:
            return ent
        start, end = ent.start, ent.end
        while end - start > 1 and self._edge(doc[end - 1]):
            end -= 1
        if not (ent.start > 0 and _fold(doc[ent.start - 1].text).rstrip(".") in self._titles):
            while end - start > 1 and self._edge(doc[start]):
                start += 1
        if (start, end) == (ent.start, ent.end):
            return ent
        return Span(doc, start, end, label=ent.label_, span_id=ent.id_)

    def set_measure_words(self, before: Iterable[str] = (), after: Iterable[str] = (), window: int = 12) -> None:
        """Words that make a bare month/day number a measurement: a DATE entity of the NER written "m/d" alone
        (the whole run of digits and slashes around it) is dropped when one of `before` ends within `window`
        characters before it ("flowby 8/4", "BIPAP 12/5") or one of `after` follows it ("4/5 strength"). The
        domain's date patterns veto their own matches with such words; this gives the student's dates the same
        check. Saved with the component."""
        before, after = sorted({_fold(w) for w in before}), sorted({_fold(w) for w in after})
        self._measure = {"before": before, "after": after, "window": int(window)} if before or after else {}
        self._measure_before = _word_rx(before)  # the patterns' own word matcher (`negative_context`)
        self._measure_after = _word_rx(after, prefix=r"\s*")

    def set_region_names(self, names: dict[str, Iterable[str]] | None = None,
                         relabel: Iterable[str] = ()) -> None:
        """Names of whole regions by label ({"STATE": [...], "COUNTRY": [...]}): an NER entity of a label in
        `relabel` (a city or another place) whose whole text is one of them takes the region's label ("lives in
        Ohio" is a state, not a city). Redaction is unchanged; the label is right, and HIPAA's Safe Harbor does not
        count states and countries among identifiers. Saved with the component."""
        self._regions = {_fold(" ".join(n.split())): label for label, values in (names or {}).items()
                         for n in values if n.strip()}
        self._region_from = frozenset(relabel) if self._regions else frozenset()

    def set_gazetteer(self, names: Iterable[str] = (), label: str = "", before: Iterable[str] = ()) -> None:
        """Place names the rules mark after a word of place: a run of tokens right after one of `before` ("in",
        "from") whose whole text is one of `names` (any case, one to as many words as the longest name) becomes an
        entity of `label`, only where no entity is yet. The names should be ones English does not also use as
        words (the domain's `gazetteer.py` builds them so). Saved with the component."""
        names = {" ".join(_fold(n).split()) for n in names if n.strip()}
        self._gazetteer = frozenset(names) if label and before else frozenset()
        self._gazetteer_before = frozenset(_fold(w) for w in before) if self._gazetteer else frozenset()
        self._gazetteer_words = max((n.count(" ") + 1 for n in self._gazetteer), default=0)
        self._gazetteer_first = frozenset(n.split(" ", 1)[0] for n in self._gazetteer)
        words = "|".join(sorted(map(re.escape, self._gazetteer_before), key=len, reverse=True))
        self._gazetteer_rx = re.compile(r"\b(?:" + words + r")\s+(?=(" + _GAZETTEER_WORD.pattern + "))",
                                        re.IGNORECASE) if self._gazetteer else None
        self._gazetteer_table = {"names": sorted(names), "label": label, "before": sorted(self._gazetteer_before)} \
            if self._gazetteer else {}

    def _gazetteer_spans(self, doc: Doc, text: str) -> list:
        found, taken = [], None
        for match in self._gazetteer_rx.finditer(text):  # a word of place, spaces, and (not taken) the next word
            first = _fold(match.group(1))
            if first not in self._gazetteer_first:
                continue
            words, ends, pos = [first], [match.end(1)], match.end(1)
            while len(words) < self._gazetteer_words:
                gap = _GAZETTEER_GAP.match(text, pos)
                if gap is None:
                    break
                word = _GAZETTEER_WORD.match(text, gap.end())
                words.append(_fold(word.group()))
                ends.append(word.end())
                pos = word.end()
            for k in range(len(words), 0, -1):
                if " ".join(words[:k]) in self._gazetteer:
                    span = doc.char_span(match.start(1), ends[k - 1], label=self._gazetteer_table["label"])
                    if taken is None:
                        taken = bytearray(len(doc))
                        for ent in doc.ents:
                            taken[ent.start:ent.end] = b"\x01" * len(ent)
                    if span is not None and not any(taken[span.start:span.end]):
                        found.append(span)
                        taken[span.start:span.end] = b"\x01" * len(span)
                    break
        return found

    def _region_label(self, ent) -> str | None:
        if ent.label_ not in self._region_from:
            return None
        return self._regions.get(_fold(" ".join(ent.text.split())))

    def _a_measurement(self, text: str, start: int, end: int) -> bool:
        if not self._measure:
            return False
        while start > 0 and (text[start - 1].isdigit() or text[start - 1] == "/"):
            start -= 1
        while end < len(text) and (text[end].isdigit() or text[end] == "/"):
            end += 1
        if not _BARE_MD.fullmatch(text, start, end):
            return False
        before = self._measure_before
        if before is not None and before.search(text[max(0, start - self._measure["window"]):start]):
            return True
        return self._measure_after is not None and self._measure_after.match(text, end) is not None

    def _only_clinical_words(self, doc: Doc, ent) -> bool:
        if ent.label_ not in self._proper or not self._not_names:
            return False
        words = _WORD.findall(ent.text)
        if not words or not all(_fold(w) in self._not_names for w in words):
            return False
        return not (ent.start > 0 and _fold(doc[ent.start - 1].text).rstrip(".") in self._titles)

    def ner_keeps(self, doc: Doc, ent, text: str | None = None) -> bool:
        """The shape check of one NER entity (a Span of `doc`): its text has its label's shape, a proper name is
        not all clinical words, a numeric date is read as one with the digits around it and is not a bare month
        and day beside a measurement word. `text` is `doc.text` when the caller has it (spaCy joins the tokens
        anew each time it is read)."""
        shape = self._shapes.get(ent.label_)
        if not (plausible(shape, ent.text) and not self._only_clinical_words(doc, ent)
                and not self._numbered_person(ent)):
            return False
        if shape != "date":
            return True
        text = doc.text if text is None else text
        return (numeric_date_possible(text, ent.start_char, ent.end_char)
                and not self._a_measurement(text, ent.start_char, ent.end_char))

    def set_labels(self, table: dict[str, dict]) -> None:
        """{label: {"shape": "date"|"age"|"digit"|"letter"|None, "propagate": bool, "proper": bool, "person": bool}}
        from the label set's table: what the shape check (its not-a-name words for proper names, its edge words for
        persons) and the propagation read. Saved with the component."""
        self._labels = {str(k): {"shape": v.get("shape"), "propagate": bool(v.get("propagate")),
                                 "proper": bool(v.get("proper")), "person": bool(v.get("person"))}
                        for k, v in table.items()}
        self._shapes = {k: v["shape"] for k, v in self._labels.items() if v["shape"]}
        self._propagated = frozenset(k for k, v in self._labels.items() if v["propagate"])
        self._proper = frozenset(k for k, v in self._labels.items() if v["proper"])
        self._person = frozenset(k for k, v in self._labels.items() if v["person"])

    # -- table
    def add_patterns(self, patterns: Iterable[dict]) -> None:
        """Compile and add patterns; raises RulePatternError naming the first bad pattern."""
        new = [dict(p) for p in patterns]
        names = {r.name for r in self._rules}
        compiled = []
        for p in new:
            rule = _Rule(p)
            if rule.name in names:
                raise RulePatternError(f"Pattern '{rule.name}' is defined twice; names must be unique.")
            names.add(rule.name)
            compiled.append(rule)
        self._patterns.extend(new)
        self._rules.extend(compiled)

    def clear(self) -> None:
        self._patterns, self._rules = [], []

    @property
    def patterns(self) -> list[dict]:
        return [dict(p) for p in self._patterns]

    @property
    def labels(self) -> tuple[str, ...]:
        return tuple(sorted({r.label for r in self._rules}))

    def __len__(self) -> int:
        return len(self._rules)

    def initialize(self, get_examples: Callable | None = None, *, nlp: Language | None = None,
                   patterns: Iterable[dict] | None = None) -> None:
        """Training-time hook: `[initialize.components.<name>] patterns = ...` replaces the table."""
        if patterns is not None:
            self.clear()
            self.add_patterns(patterns)

    # -- matching
    def _scored(self, text: str) -> list[tuple[int, int, float, str, str]]:
        out = []
        lower = " " + text.lower()
        gates: dict[object, bool] = {}
        for rule in self._rules:
            trig = rule.trigger
            if trig is not None:
                gate = gates.get(trig)
                if gate is None:
                    if isinstance(trig, tuple):
                        gate = any(sub in lower for sub in trig)
                    else:
                        gate = trig.search(lower) is not None
                    gates[trig] = gate
                if not gate:
                    continue
            for start, end, score in rule.matches(text):
                out.append((start, end, score, rule.label, rule.name))
        return out

    def find(self, text: str, *, resolve: bool = True) -> list[tuple[int, int, str, str]]:
        """(start, end, label, pattern name) rule matches on plain text, non-overlapping unless resolve=False."""
        found = self._scored(text)
        if resolve:
            found = resolve_overlaps(found)
        else:
            found.sort(key=lambda c: (c[0], c[1], c[4]))
        return [(s, e, label, name) for s, e, _score, label, name in found]

    def __call__(self, doc: Doc) -> Doc:
        raw, scores = [], []
        cands = []  # (start_tok, end_tok, score, span, is_ner)
        text = doc.text
        for start, end, score, label, name in self._scored(text):
            span = doc.char_span(start, end, label=label, alignment_mode="expand", span_id=name)
            if span is None or len(span) == 0:
                continue
            raw.append(span)
            scores.append(score)
            cands.append((span.start, span.end, score, span, False))
        attrs: dict = {"scores": scores}
        ents = None
        if self.ner_shapes:
            ents = list(doc.ents)
            kept = [ent for ent in ents if self.ner_keeps(doc, ent, text)]
            changed = len(kept) < len(ents)
            if changed:
                attrs["ner_dropped"] = len(ents) - len(kept)
            if self._person:
                trimmed = [self._trim_edges(doc, ent) for ent in kept]
                cut = sum(new is not old for new, old in zip(trimmed, kept))
                if cut:
                    kept, changed = trimmed, True
                    attrs["ner_trimmed"] = cut
            if self._region_from:
                regions = [self._region_label(ent) for ent in kept]
                if any(regions):
                    kept = [Span(doc, ent.start, ent.end, label=label, span_id=ent.id_) if label else ent
                            for ent, label in zip(kept, regions)]
                    changed = True
            if changed:
                doc.ents, ents = kept, kept
        doc.spans[self.spans_key] = SpanGroup(doc, name=self.spans_key, spans=raw, attrs=attrs)
        if raw:  # reading doc.ents walks every token: only pay for it when there is something to merge
            ner_score = self.ner_score if self.overwrite_ents else 2.0
            cands.extend((ent.start, ent.end, ner_score, ent, True) for ent in (doc.ents if ents is None else ents))
            doc.ents = [c[3] for c in resolve_overlaps(cands)]
        if self._gazetteer:
            found = self._gazetteer_spans(doc, text)
            if found:
                doc.ents = sorted(list(doc.ents) + found, key=lambda span: span.start)
                doc.spans[self.spans_key].attrs["gazetteer"] = len(found)
        if self.propagate and self._propagated:
            found = propagate(doc, list(doc.ents), self._propagated, text)
            if found:
                doc.ents = sorted(list(doc.ents) + found, key=lambda span: span.start)
                doc.spans[self.spans_key].attrs["propagated"] = len(found)
        return doc

    # -- serialization
    def _words_table(self) -> dict:
        table = {"titles": sorted(self._titles), "words": sorted(self._not_names)}
        if self._edges:
            table["edges"] = sorted(self._edges)
        if self._measure:
            table["measure"] = dict(self._measure)
        if self._regions:
            names: dict[str, list[str]] = {}
            for name, label in sorted(self._regions.items()):
                names.setdefault(label, []).append(name)
            table["regions"] = {"names": names, "relabel": sorted(self._region_from)}
        if self._gazetteer:
            table["gazetteer"] = dict(self._gazetteer_table)
        return table

    def _set_words_table(self, table: dict | None) -> None:
        table = table or {}
        self.set_not_names(table.get("words", ()), table.get("titles", ()))
        self.set_edge_words(table.get("edges", ()))
        self.set_measure_words(**table.get("measure", {}))
        self.set_region_names(**table.get("regions", {}))
        self.set_gazetteer(**table.get("gazetteer", {}))

    def to_bytes(self, *, exclude: Iterable[str] = ()) -> bytes:
        return json.dumps({"patterns": self._patterns, "labels": self._labels,
                           "not_names": self._words_table()}).encode("utf8")

    def from_bytes(self, data: bytes, *, exclude: Iterable[str] = ()) -> "PhiRules":
        self.clear()
        loaded = json.loads(data.decode("utf8"))
        self.add_patterns(loaded["patterns"])
        self.set_labels(loaded.get("labels", {}))
        self._set_words_table(loaded.get("not_names"))
        return self

    def to_disk(self, path: str | Path, *, exclude: Iterable[str] = ()) -> None:
        path = Path(path)
        path.mkdir(parents=True, exist_ok=True)
        lines = "".join(json.dumps(p, ensure_ascii=False) + "\n" for p in self._patterns)
        files = [(PATTERNS_FILE, lines), (LABELS_FILE, json.dumps(self._labels, indent=0) + "\n")]
        if self._not_names or self._edges or self._measure or self._regions or self._gazetteer:
            files.append((WORDS_FILE, json.dumps(self._words_table(), ensure_ascii=False, indent=0) + "\n"))
        for name, data in files:
            tmp = path / (name + ".tmp")
            tmp.write_text(data, encoding="utf8")
            tmp.replace(path / name)

    def from_disk(self, path: str | Path, *, exclude: Iterable[str] = ()) -> "PhiRules":
        file, labels = Path(path) / PATTERNS_FILE, Path(path) / LABELS_FILE
        self.clear()
        if file.exists():
            with file.open(encoding="utf8") as fh:
                self.add_patterns(json.loads(line) for line in fh if line.strip())
        self.set_labels(json.loads(labels.read_text(encoding="utf8")) if labels.exists() else {})
        words = Path(path) / WORDS_FILE
        self._set_words_table(json.loads(words.read_text(encoding="utf8")) if words.exists() else None)
        return self


def make_phi_rules(nlp: Language, name: str, ner_score: float, overwrite_ents: bool, spans_key: str,
                   ner_shapes: bool, propagate: bool) -> PhiRules:
    return PhiRules(nlp, name, ner_score=ner_score, overwrite_ents=overwrite_ents, spans_key=spans_key,
                    ner_shapes=ner_shapes, propagate=propagate)


# The factories of this file (exported packages register their own copy while they load: medkiln_package_code).
FACTORIES = {FACTORY_NAME: {"func": make_phi_rules, "assigns": ["doc.ents", "token.ent_type", "token.ent_iob"],
                            "default_config": {"ner_score": 0.5, "overwrite_ents": True, "spans_key": "medkiln_rules",
                                               "ner_shapes": True, "propagate": True}}}
for _name, _args in FACTORIES.items():  # once per process: another copy of this file (a package's) must not raise
    if not Language.has_factory(_name):
        Language.factory(_name, **_args)
