r"""German rule patterns for structured PHI: a table interpreted by `serving.medkiln_rules` (its docstring documents
the keys), beside the CNN student of `medkiln.deid.de.v1`.

Written from how these values are written in German-speaking countries, not from any corpus:
- dates day-first (DIN 5008 "21.04.2019", unpadded "4.9.17", with a space after the dots, slashes "29/8/2021",
  ISO), day and month alone before a range or after "am", "vom", "bis" ("3.2. bis 8.2."), month and year
  ("07/2016", "4/17", "07.2016"), German month names and their abbreviations (and the Austrian "Jänner", "Feber"),
  a bare year in the 20th or 21st century unless a unit or a lab value makes it a quantity;
- ages: the number of "67-jährige", "71-j.", "64-jähriger", "im 43. Lebensjahr" / "43. Lj.", "45 Jahre alt",
  "im Alter von 45", and a number word before "-jährig" ("Siebzigjährige");
- addresses: a postcode (five digits, or four/five after a country letter "A-", "CH-", "D-") before a town, the town
  after it, a street ending in -straße/-str./-weg/-gasse/-platz/... with its house number;
- phone and fax numbers after "Tel.", "Telefon", "Fax" (national 0-prefixed, "+49 (0)", area code in brackets);
- case, patient and insurance numbers after their German field names, ward and room numbers.
Regexes are compiled with re.ASCII: German letters are spelled out in the classes (`_UP`, `_LOW`), and `\b` is only
used beside ASCII characters.
"""

from __future__ import annotations

from .grammar import ABBRS, MONTHS

_UP = "A-ZÄÖÜ"
_LOW = "a-zäöüß"
_LETTER = "A-Za-zÄÖÜäöüß"
_DAY = r"(?:0?[1-9]|[12]\d|3[01])"
_MONTH = r"(?:0?[1-9]|1[0-2])"
_YEAR4 = r"(?:1[89]\d\d|20\d\d)"
_YEAR = r"(?:1[89]\d\d|20\d\d|\d\d)"


def _casings(words) -> list[str]:
    return sorted({w for word in words for w in (word, word.upper())}, key=len, reverse=True)


# Month names (the grammar's), the Austrian forms, and abbreviations (with or without their dot after a day or
# before a year; alone only with the dot, since "Jan" is also a first name).
_FULL = _casings(list(MONTHS) + ["Jänner", "Feber"])
_ABBR = _casings(sorted({a.rstrip(".") for a in ABBRS if a.endswith(".")} | {"Mrz", "Sept"}))
_MON_FULL = "(?:" + "|".join(_FULL) + ")"
_MON_ANY = "(?:" + "|".join(_FULL) + "|(?:" + "|".join(_ABBR) + r")\.?)"
_MON_DOTTED = "(?:" + "|".join(_FULL) + "|(?:" + "|".join(_ABBR) + r")\.)"
_MON_TRIGGER = r"(?:jan|j\u00e4n|feb|m\u00e4r|m\u00e4rz|mrz|apr|mai|jun|jul|aug|sep|okt|nov|dez)"

# Words directly before a day and month without a year that make it a date ("am 5.12.", "vom 3.2. bis ...").
_DATE_CUES = ["am", "vom", "von", "bis", "seit", "ab", "zum", "den", "v.", "-", "\u2013", "und", "bzw.", "Datum",
              "Beginn", "Aufnahme", "Entlassung", "Termin", "Kontrolle"]
# Words before a month name alone that make it a date ("Mitte Oktober", "im April", "seit Juni").
_MONTH_CUES = ["im", "seit", "bis", "ab", "Anfang", "Mitte", "Ende", "vom", "zum", "Monat", "letzten", "vergangenen",
               "diesen", "kommenden", "Laufe des", "Beginn", "nach", "vor", "von", "bis zum", "zwischen"]
# Units and counts after a number that make it a quantity, not a date or a year.
_UNITS_AFTER = ["mg", "g", "kg", "\u00b5g", "ug", "mcg", "ml", "l", "dl", "IE", "I.E.", "E", "Einheiten", "kcal",
                "mmol", "\u00b5mol", "pg", "ng", "U", "ms", "m", "km", "cm", "mm", "Hz", "Punkte", "Pkt", "Tbl",
                "Tabl", "Tabletten", "Stk", "St\u00fcck", "LK", "Lymphknoten", "Zellen", "Std", "h", "min", "mmHg",
                "%", "x", "mal", "Schritte", "Meter", "Kalorien"]
# Lab values and scores before a number that make it a measurement.
_NOT_DATE_BEFORE = ["Leuko", "Leukozyten", "Thrombo", "Thrombozyten", "Thrombos", "Ery", "Erythrozyten", "GFR",
                    "LDH", "CK", "BNP", "NT-proBNP", "Ferritin", "Trinkmenge", "Bilanz", "Ausfuhr", "Einfuhr",
                    "Diurese", "Urin", "Gewicht", "Dosis", "Tagesdosis", "NRS", "VAS", "Schmerz", "Schmerzen",
                    "Gleason", "Visus", "LK", "Kraftgrad", "KG", "Score", "Verh\u00e4ltnis", "Ratio", "ca."]
# The regional lymph nodes of a TNM formula are followed by "(involved/examined)": "pN1 (2/14)", "N2a (3/19)".
_NOT_DATE_BEFORE += [f"{p}N{n}{s}" for p in ("", "p", "yp", "c") for n in "0123" for s in ("", "a", "b", "c")]

# One or two name words (hyphenated, an initial between them, a particle before a surname), not a title or a word
# that follows "Frau"/"Herr" in a salutation.
_NOT_NAME = r"(?!(?:Dr|Prof|PD|OA|med|Kolleg[a-z]*|Doktor|Professor|Patient[a-z]*|Oberarzt|Ober\u00e4rztin|Chefarzt)(?![" \
    + _LETTER + "]))"
_PARTICLE = r"(?:(?:von|van)[ ](?:der|den|dem)|von|van|zu|zur|de|del|della|di|da|dos|das|du|le|la|ten|ter)[ ]"
_WORD = "[" + _UP + "][" + _LOW + "]+(?:-[" + _UP + "][" + _LOW + "]+)?"
_NAME = ("(" + _NOT_NAME + "(?:" + _PARTICLE + ")*" + _WORD + "(?:[ ](?:[" + _UP + r"]\.[ ])?(?:" + _PARTICLE + ")*"
         + _NOT_NAME + _WORD + ")?)(?![" + _LETTER + "])")

PATTERNS: list[dict] = [
    # ---- numeric dates, day first
    {"name": "de.date.dmy_dot", "label": "DATE", "score": 0.9, "trigger": r"[0-9]\. ?[0-9]{1,2}\. ?[0-9]{2}",
     "regex": r"(?<![\d.,/])" + _DAY + r"\.[ ]?" + _MONTH + r"\.[ ]?" + _YEAR + r"(?![\d,]|\.\d)"},
    {"name": "de.date.dmy_slash", "label": "DATE", "score": 0.85, "trigger": r"[0-9]/[0-9]{1,2}/[0-9]{2}",
     "regex": r"(?<![\d./])" + _DAY + "/" + _MONTH + "/" + _YEAR + r"(?![\d/])"},
    {"name": "de.date.iso", "label": "DATE", "score": 0.9, "trigger": r"[0-9]{4}-[0-9]{2}-[0-9]{2}",
     "regex": r"(?<![\d-])(?:19|20)\d\d-(?:0[1-9]|1[0-2])-(?:0[1-9]|[12]\d|3[01])(?![\d-])"},
    {"name": "de.date.dm_cue", "label": "DATE", "score": 0.75, "trigger": r"[0-9]\.[0-9]{1,2}\.",
     "regex": r"(?<![\d.,/])" + _DAY + r"\." + _MONTH + r"\.(?![ ]?\d)",
     "context": _DATE_CUES, "context_required": True, "context_window": 12},
    {"name": "de.date.dm_range_start", "label": "DATE", "score": 0.75, "group": 1,
     "trigger": r"[0-9]\.[0-9]{1,2}\. *(?:-|\u2013|bis)",
     "regex": r"(?<![\d.,/])(" + _DAY + r"\." + _MONTH + r"\.)[ ]?(?:-|\u2013|bis)[ ]?(?:zum[ ])?\d"},
    # a day alone before the full date that ends its range: "vom 3. bis 9.2.2017", "14. und 15.6."
    {"name": "de.date.day_range_start", "label": "DATE", "score": 0.7, "group": 1,
     "trigger": r"[0-9]\.? *(?:-|\u2013|bis|und|u\.) *(?:zum )?[0-9]{1,2}\.[0-9]{1,2}\.",
     "regex": r"(?<![\d.,/])(" + _DAY + r"\.?)[ ]?(?:-|\u2013|bis|und|u\.)[ ]?(?:zum[ ])?(?=" + _DAY + r"\." + _MONTH
              + r"\.)"},
    # a range of months in one year: "01-03/2021", "4-6/19"
    {"name": "de.date.month_range_year", "label": "DATE", "score": 0.75, "trigger": r"[0-9] ?- ?[0-9]{1,2}/[0-9]{2}",
     "regex": r"(?<![\d./:-])" + _MONTH + r"[ ]?-[ ]?" + _MONTH + r"/(?:" + _YEAR4 + r"|(?!10(?!\d))\d\d)"
              r"(?![\d/%,]|\.\d)",
     "negative_context": _NOT_DATE_BEFORE, "negative_window": 15, "negative_after": _UNITS_AFTER},
    {"name": "de.date.my_dot", "label": "DATE", "score": 0.7, "trigger": r"[0-9]\.(?:19|20)[0-9]{2}",
     "regex": r"(?<![\d.,/])" + _MONTH + r"\." + _YEAR4 + r"(?![\d,]|\.\d)",
     "negative_context": _NOT_DATE_BEFORE, "negative_window": 15, "negative_after": _UNITS_AFTER},
    {"name": "de.date.my_slash", "label": "DATE", "score": 0.7, "trigger": r"[0-9]/[0-9]{2}",
     "regex": r"(?<![\d./:])" + _MONTH + r"/(?:" + _YEAR4 + r"|(?!10(?!\d))\d\d)(?![\d/%,]|\.\d)",
     "negative_context": _NOT_DATE_BEFORE, "negative_window": 15, "negative_after": _UNITS_AFTER},
    # ---- month names
    {"name": "de.date.day_month_name", "label": "DATE", "score": 0.9, "trigger": _MON_TRIGGER,
     "regex": r"(?<![\d.,])" + _DAY + r"\.?[ ]?" + _MON_ANY + r"(?:,?[ ]?(?:" + _YEAR4 + r"|'?\d\d))?(?![\d" + _LETTER
              + "])"},
    {"name": "de.date.month_year", "label": "DATE", "score": 0.85, "trigger": _MON_TRIGGER,
     "regex": r"(?<![" + _LETTER + r"])(?:" + _MON_DOTTED + r"[ ]?,?[ ]?(?:" + _YEAR4 + r"|'?\d\d)|(?:"
              + "|".join(_ABBR) + r")[ ]?" + _YEAR4 + r")(?![\d,.]\d|\d)",
     "negative_after": _UNITS_AFTER},
    {"name": "de.date.month_name", "label": "DATE", "score": 0.6, "trigger": _MON_TRIGGER,
     "regex": r"(?<![" + _LETTER + r"])" + _MON_FULL + r"(?![" + _LETTER + "])",
     "context": _MONTH_CUES, "context_required": True, "context_window": 14},
    # ---- years
    {"name": "de.date.year", "label": "DATE", "score": 0.6, "trigger": r"(?:19|20)[0-9]{2}",
     "regex": r"(?<![\d.,/:A-Za-z])(?:19|20)\d\d(?![\d%]|[.,:/]\d)",  # a year glued to letters is a code
     "negative_context": _NOT_DATE_BEFORE, "negative_window": 15, "negative_after": _UNITS_AFTER},
    # ---- ages
    {"name": "de.age.jaehrig", "label": "AGE", "score": 0.85, "group": 1, "trigger": r"[0-9] ?-? ?j",
     "regex": r"(?<![\d.,])(1[0-2]\d|\d{1,2})(?:[ ]?-?[ ]?(?=[Jj][a\u00e4])|(?=-))"
              r"(?:[Jj][a\u00e4]h(?:ri|ir)g|-[Jj]\.(?![" + _LETTER + "]))"},
    {"name": "de.age.word_jaehrig", "label": "AGE", "score": 0.8, "group": 1, "trigger": ["j\u00e4hrig", "jahrig"],
     "regex": r"(?<![" + _LETTER + r"])([" + _UP + r"]?[" + _LOW + r"]*(?:ig|zehn|eins|ein|zwei|drei|vier|f\u00fcnf"
              r"|sechs|sieben|acht|neun|elf|zw\u00f6lf|hundert))-?[Jj][a\u00e4]hrig"},
    {"name": "de.age.lebensjahr", "label": "AGE", "score": 0.85, "group": 1, "trigger": ["lj", "lebensjahr"],
     "regex": r"(?<![\d.,])(1[0-2]\d|\d{1,2})\.[ ]?(?:Lebensjahr|LJ|Lj)(?![a-z])"},
    {"name": "de.age.jahre_alt", "label": "AGE", "score": 0.85, "group": 1, "trigger": ["alt"],
     "regex": r"(?<![\d.,])(1[0-2]\d|\d{1,2})[ ]?(?:Jahre|J\.)[ ]?alt\b"},
    {"name": "de.age.alter", "label": "AGE", "score": 0.8, "group": 1, "trigger": ["alter"],
     "regex": r"\b(?:[Aa]lter[ ]?(?::|von)?|Lebensalter[ ]?:?)[ ]?(1[0-2]\d|\d{1,2})(?![\d,.]\d|\d)"},
    # ---- addresses
    {"name": "de.zip.country", "label": "ZIP", "score": 0.85, "trigger": r"(?:a|d|ch)-[0-9]{4}",
     "regex": r"\b(?:A|D|CH)-[ ]?\d{4,5}(?=[ ]+[" + _UP + "])"},
    {"name": "de.zip.plain", "label": "ZIP", "score": 0.8, "group": 1, "flags": "m", "trigger": r"[0-9]{5} ",
     "regex": r"(?:^|(?<=,))[ \t]*(\d{5})(?=[ ]+[" + _UP + "][" + _LOW + "])"},
    {"name": "de.city.after_zip", "label": "CITY", "score": 0.8, "group": 1, "flags": "m", "trigger": r"[0-9]{4} ",
     "regex": r"(?:\b(?:A|D|CH)-[ ]?\d{4,5}|(?:^|(?<=,))[ \t]*\d{5})[ ]+([" + _UP + "][" + _LETTER + r".-]*"
              r"(?:[ ](?:[" + _UP + "][" + _LETTER + r".-]*|am|an[ ]der|im|in|ob[ ]der|bei|\([A-Z]{2,3}\))){0,2})"},
    {"name": "de.street", "label": "STREET", "score": 0.8,
     "trigger": r"(?:stra(?:\u00dfe|sse)|str\.|gasse|weg|allee|platz|ring|damm|ufer|chaussee) ?[0-9]",
     "regex": r"(?<![" + _LETTER + r"-])(?:[" + _UP + "][" + _LOW + r"]+[ ])?(?:[" + _UP + "][" + _LETTER + r"-]*?(?:stra\u00dfe|strasse|str\.|gasse|weg"
              r"|allee|platz|ring|damm|ufer|chaussee)|[" + _UP + "][" + _LETTER + r"-]*[ -](?:Stra\u00dfe|Strasse"
              r"|Str\.|Gasse|Weg|Allee|Platz|Ring|Damm|Ufer|Chaussee))[ ]?\d{1,4}(?:[ ]?[a-h](?![" + _LETTER + "]))?"},
    # ---- names after a title ("Prof. Dr. med. Anna Beispiel", "Frau Muster", "Herrn von Beispiel"); the title and
    # the words a title stands before in a salutation ("Frau Kollegin") stay outside
    {"name": "de.name.doctor_title", "label": "DOCTOR", "score": 0.55, "group": 1,
     "trigger": ["dr", "prof", "oa ", "o\u00e4 ", "pd "],
     "regex": r"\b(?:(?:Dr|Prof|PD|OA|O\u00c4|Doz)\.?[ ]+)+(?:(?:med|dent|rer|nat|phil|univ|habil)\.[ ]*)*" + _NAME},
    {"name": "de.name.person_title", "label": "PATIENT", "score": 0.55, "group": 1,
     "trigger": ["herr", "frau", "hr.", "fr."],
     "regex": r"\b(?:Herrn?|Frau|Hr\.|Fr\.)[ ]+" + _NAME},
    # ---- phone and fax numbers after their field names
    {"name": "de.phone", "label": "PHONE", "score": 0.75, "trigger": ["tel", "fon", "mobil", "handy", "ruf"],
     "regex": r"(?<![\w+/])(?:\+\d{2}[ ]?(?:\(0\)[ ]?)?\d{1,5}|\(0\d{2,5}\)|0\d{2,5})(?:[ ]?[/-]?[ ]?\d{2,})+"
              r"(?:[ ]?-[ ]?\d{1,5})?(?![\d])",
     "context": ["Tel", "Tel.", "Telefon", "Fon", "Mobil", "Handy", "Rufnummer", "Durchwahl", "Tel.-Nr.", "Telefonnr."],
     "context_required": True, "context_window": 20},
    {"name": "de.fax", "label": "FAX", "score": 0.8, "trigger": ["fax"],
     "regex": r"(?<![\w+/])(?:\+\d{2}[ ]?(?:\(0\)[ ]?)?\d{1,5}|\(0\d{2,5}\)|0\d{2,5})(?:[ ]?[/-]?[ ]?\d{2,})+"
              r"(?:[ ]?-[ ]?\d{1,5})?(?![\d])",
     "context": ["Fax", "Telefax", "Fax-Nr."], "context_required": True, "context_window": 12},
    # ---- case, patient and insurance numbers; wards and rooms
    {"name": "de.id.case", "label": "MEDICALRECORD", "score": 0.85, "group": 1, "flags": "i",
     "trigger": ["fall", "aufnahme", "pat", "befund", "auftrag", "labor", "einsende", "journal", "pid"],
     "regex": r"\b(?:fall(?:[ -]?nr\.?|nummer|zahl)?|aufnahme(?:[ -]?nr\.?|nummer)|pat(?:ienten)?\.?[ -]?(?:nr\.?|id"
              r"|nummer)|befund[ -]?nr\.?|auftrags?[ -]?nr\.?|labor[ -]?nr\.?|einsende[ -]?nr\.?|journal[ -]?nr\.?"
              r"|pid)[ ]?[:.#]?[ ]?((?=[A-Z-]*\d)[A-Z]{0,3}-?\d[\d/-]{3,15}[A-Z]?)\b"},
    {"name": "de.id.insurance", "label": "HEALTHPLAN", "score": 0.85, "group": 1, "flags": "i",
     "trigger": ["sv", "vers", "kv"],
     "regex": r"\b(?:sv(?:[ -]?nr\.?)?|vers(?:icherten)?\.?[ -]?nr\.?|versichertennummer|kv[ -]?nr\.?"
              r"|krankenversichertennummer)[ ]?[:.#]?[ ]?([A-Z]?\d{8,12})\b"},
    {"name": "de.ward_room", "label": "LOCATION_OTHER", "score": 0.7, "group": 1,
     "trigger": ["station", "stat.", "zimmer", "zi", "raum"],
     "regex": r"\b(?:Station|STATION|Stat\.|Zimmer|Zi\.?|Raum)[ ]?:?[ ]?((?=[A-Z-]*\d)[A-Z]{0,5}-?\d{1,4}[A-Z]?)\b"},
]
