"""Surface variants of a vocabulary term, as clinicians and authors write it: ICD-10-CM titles cut down to
the words people use, plurals, British/American spelling, eponyms with and without the possessive.
Pure functions over strings (casing is left to the writer and the matcher, which lower-case)."""

from __future__ import annotations

import re

# ICD-10-CM title qualifiers that no one writes in a note ("Pneumonia, unspecified organism" -> "pneumonia").
_QUALIFIER = re.compile(
    r",?\s*(?:unspecified|not elsewhere classified|NEC|NOS|initial encounter|subsequent encounter|sequela|"
    r"without (?:complications?|mention of [\w ]+|[\w ]+ or [\w ]+)|of unspecified [\w ]+|unspecified [\w ]+|"
    r"in diseases classified elsewhere|not otherwise specified|site not specified)\b.*$", re.I)
_LEAD = re.compile(r"^(?:other specified|other and unspecified|unspecified|other|personal history of|"
                   r"encounter for)\s+", re.I)
_PAREN = re.compile(r"\s*[\(\[][^\)\]]*[\)\]]")
# Words that end a noun phrase which takes no plural ("-itis", "-osis", "-emia", mass nouns).
_NO_PLURAL = re.compile(r"(?:itis|osis|emia|aemia|ia|ism|ysis|asis|esis|ness|pathy|algia|rrhea|rrhoea|ics|ous|al|"
                        r"ed|ing|[^aeiou]y|ss|us|sis|ae|s|x|z|ch|sh)$")
_ADJECTIVE = re.compile(r"(?:al|ary|ic|ous|ive|ar|ile|ant|ent)$", re.I)
_SMALL = frozenset({"of", "the", "and", "or", "in", "on", "with", "without", "to", "due", "by", "for", "a", "an"})


def icd_surfaces(title: str) -> list[str]:
    """Forms of an ICD-10-CM title that occur in text: qualifiers, leading "Other"/"Unspecified" and
    parentheses removed; "Essential (primary) hypertension" also gives "primary hypertension"."""
    out = []
    for base in (title, _paren_variant(title)):
        if not base:
            continue
        text = _PAREN.sub("", base)
        text = _QUALIFIER.sub("", text).strip(" ,;")
        text = _LEAD.sub("", text).strip(" ,;")
        if "," in text:  # "Fracture of femur, closed" -> the head phrase only
            text = text.split(",")[0].strip()
        if text and text.lower() not in {o.lower() for o in out}:
            out.append(text)
    return out


def _paren_variant(title: str) -> str | None:
    """"Essential (primary) hypertension" -> "primary hypertension" (the bracketed word replaces the one before)."""
    match = re.search(r"(\w+)\s*\((\w+)\)", title)
    if not match or not (_ADJECTIVE.search(match.group(1)) and _ADJECTIVE.search(match.group(2))):
        return None
    return title[:match.start()] + match.group(2) + title[match.end():]


def plural(term: str) -> str | None:
    """The plural of a count-noun term ("seizure" -> "seizures", "artery" -> "arteries"), None otherwise."""
    words = term.split()
    if not words:
        return None
    # "fracture of femur": pluralize the head before "of"
    head = next((i - 1 for i, w in enumerate(words) if w.lower() == "of" and i), len(words) - 1)
    word = words[head]
    low = word.lower()
    if not low.isalpha() or len(low) < 4 or low in _SMALL or word.isupper():
        return None
    if low.endswith("y") and low[-2] not in "aeiou":
        new = word[:-1] + "ies"
    elif _NO_PLURAL.search(low):
        return None
    else:
        new = word + "s"
    return " ".join(words[:head] + [new] + words[head + 1:])


def spelling_variants(term: str, pairs: list[list[str]]) -> list[str]:
    """British <-> American spellings of a term ("anaemia" <-> "anemia", "oedema" <-> "edema")."""
    out = []
    low = term.lower()
    for british, american in pairs:
        if british in low:
            out.append(_replace(term, british, american))
        elif american in low and _word_start(low, american):
            out.append(_replace(term, american, british))
    return [o for o in dict.fromkeys(out) if o.lower() != low]


def _word_start(low: str, part: str) -> bool:
    i = low.find(part)
    return i == 0 or not low[i - 1].isalpha() or part in ("anemi", "edem", "ischem", "hemorrhag", "kalemi",
                                                           "glycemi", "leukem", "uremi", "lipemi")


def _replace(term: str, old: str, new: str) -> str:
    return re.sub(re.escape(old), new, term, flags=re.I)


def eponym_variants(term: str, eponyms: list[str]) -> list[str]:
    """"Parkinson disease" <-> "Parkinson's disease" (and "Parkinsons disease" as people type it)."""
    out = []
    for name in eponyms:
        for form in (name, name + "'s", name + "s"):
            match = re.match(rf"^{re.escape(form)}(?=\s)", term, re.I)
            if match:
                rest = term[match.end():]
                out += [name + rest, name + "'s" + rest, name + "s" + rest]
                break
    return [o for o in dict.fromkeys(out) if o.lower() != term.lower()]


def usable(term: str, max_words: int = 7) -> bool:
    """Whether a surface form is worth matching: letters in it, not too long, no leftover coding syntax."""
    words = term.split()
    return (0 < len(words) <= max_words and any(c.isalpha() for c in term) and len(term) >= 3
            and not any(ch in term for ch in ";:[]{}") and "classified" not in term.lower())
