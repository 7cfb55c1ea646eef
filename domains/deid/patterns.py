r"""Rule patterns for structured PHI (i2b2-2014 labels): a table interpreted by `serving.medkiln_rules`.

Rules as data (presidio style): each entry is a regex, a label, a score, an optional validator name (checksums,
calendar and code-range checks live in `serving/medkiln_rules.py`) and optional context words. The schema is
documented in that module's docstring. Every pattern is general: none is written for a string of any dataset.
Scores: > 0.5 (the default NER score) means the rule wins over an overlapping NER entity.

Speed (the batch de-identifier runs these on millions of notes): Python's `re` scans fast only when a regex
starts with a character class or literal, so the left-boundary check comes after the first character
(`\d(?<![\d-]\d)` rather than `(?<![\d-])\d`), and patterns that start with keywords, lookbehinds or
case-insensitive alternations carry a `trigger`: substrings or a cheap regex, over the lower-cased note, that
every match implies.
"""

from __future__ import annotations

# Month names; lower-case "may", "mar" and "dec" are English words or clinical abbreviations (decreased),
# so the abbreviations are only accepted capitalised or in capitals.
_MON_ANY_CASE = (r"(?i:jan(?:uary)?|feb(?:ruary)?|march|apr(?:il)?|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?"
                 r"|oct(?:ober)?|nov(?:ember)?|december)")
_MON = r"(?:" + _MON_ANY_CASE + r"|Mar|MAR|May|MAY|Dec|DEC)\.?"
# The months after a day ("5 January"): as _MON, without the capitals that are words in capitals notes.
_MON_DAY_FIRST = r"(?:" + _MON_ANY_CASE + r"|Mar|May|Dec)\.?"
# Three-letter months glued between a day and a year ("12SEP19"): capitals or capitalised.
_MON3 = "(?:" + "|".join(m + "|" + m.upper() for m in ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep",
                                                       "Oct", "Nov", "Dec")) + ")"
_MON_TRIGGER = r"[^a-z](?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?,?\s*(?:of\s+)?'?[0-9]"
_MON_NAME_TRIGGER = r"[^a-z](?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\b"
_SSN_TRIGGER = r"[0-9][0-9]{2}[ .-]?[0-9]{2}[ .-]?[0-9]{4}"
_PHONE_TRIGGER = r"[0-9][0-9]{2}(?:[ .)/-]{1,2}[0-9]{3}(?:[.-] ?|\s)?|-)[0-9]{4}"
_DAY = r"(?:3[01]|[12]\d|0?[1-9])(?:st|nd|rd|th|ST|ND|RD|TH)?"
_YEAR = r"(?:19|20)\d{2}"
_HISTORY = [
    "s/p", "status post", "hx", "h/o", "history", "dx", "diagnosed", "since", "onset", "mi", "cabg", "cva",
    "tia", "stroke", "surgery", "repair", "replacement", "stent", "ptca", "pci", "cath", "dvt", "pe", "ca",
    "cancer", "chf", "fracture", "fx", "transplant", "resection", "bypass", "arrest", "admission", "admitted",
    "avr", "mvr", "pacer", "pacemaker", "ppm", "aicd", "icd", "echo", "mri", "cxr", "egd", "pmh",
    "niddm", "iddm", "dm", "htn", "cad", "copd", "afib", "turp", "chole", "appy", "hernia",
    "rca", "lad", "cx", "ramus", "graft", "angioplasty", "biopsy", "chemo", "xrt", "radiation",
]
_LABS = ["wbc", "hct", "hgb", "plt", "k", "na", "cl", "bun", "cr", "glu", "ca", "mg", "ph", "pco2", "po2", "inr"]
# Vent settings, fractions and scales: slash numbers after these are not dates.
_VENT = ["psv", "ps", "cpap", "bipap", "peep", "ipap", "epap", "simv", "imv", "prvc", "ac", "a/c", "vent", "settings",
         "ventilation", "flowby", "fio2", "tv", "vt", "rales", "crackles", "vcv", "cmv", "pcv", "pc", "vc", "aprv",
         "rass", "wean", "weaned", "weaning", "trial", "tolerating", "niv", "tc", "collar"]
# Words before/after a slash number that make it a measurement or ratio, not a date.
_NOT_DATE_BEFORE = [
    "bp", "b/p", "sbp", "nbp", "abp", "art", "cvp", "pap", "pa", "pad", "map", "pain", "i/o", "ratio", "x",
    "strength", "motor", "power", "grade", "gcs", "score", "scale", "peep", "vent", "rr", "hr", "sat", "sats",
    "o2", "ie", "i:e", "murmur", "dose", "tab", "tabs", "ns", "d5", "apgar", "rating", "rates", "rated",
] + _VENT
_NOT_DATE_AFTER = [
    "pain", "mmhg", "mm", "ns", "tab", "tabs", "tablet", "strength", "normal", "ml", "cc", "mg", "mcg", "of",
    "units", "u", "l", "liters", "cm", "kg", "lbs", "sec", "min", "hr", "hrs", "%", "ratio", "breaths", "bpm",
    "up", "way", "hour", "bottle", "bottles", "amp", "amps", "dose", "cup", "peep", "fio2", "psv", "cp",
    # durations and amounts a fraction measures: "1/2 hours", "3/4 gallon"
    "hours", "minutes", "mins", "days", "weeks", "wks", "months", "gallon", "gallons", "cups", "tsp", "tbsp", "oz",
    # counts of things: "2/3 sets", "3/4 pulses", "2/5 pupils", "1/2 cultures pending"
    "set", "sets", "pupils", "pulses", "cultures", "cx", "bcx", "lumens", "ports", "limbs", "extremities",
]
# What the rules component checks on the student's own dates (`PhiRules.set_measure_words`): a bare month/day the
# NER marked is a measurement beside the same words, less those that precede a date as often as a setting in
# narrative: the verbs of weaning and trials ("weaned off 3/4"), "x" (times) and the words of rating and ratios.
_NARRATIVE_BEFORE = {"wean", "weaned", "weaning", "trial", "tolerating", "settings", "ventilation", "rales",
                     "crackles", "rass", "x", "ratio", "rates", "rated", "rating"}
MEASURE_WORDS = {"before": [w for w in _NOT_DATE_BEFORE if w not in _NARRATIVE_BEFORE], "after": list(_NOT_DATE_AFTER),
                 "window": 12}
_UNITS_AFTER = ["ml", "cc", "mg", "mcg", "g", "gm", "units", "u", "l", "cal", "kcal", "calories", "mmhg", "mm",
                "cm", "kg", "lbs", "mosm", "meq", "out", "%"]
_PHONE_CTX = ["phone", "tel", "telephone", "call", "called", "cell", "home", "work", "ph", "contact", "number",
              "#", "reached", "mobile", "office", "pager", "page"]
_STATES = (
    r"(?:(?-i:A[LKZR]|C[AOT]|D[EC]|FL|GA|HI|I[DLNA]|K[SY]|LA|M[EDAINSOT]|N[EVHJMYCD]|O[HKR]|PA|RI|S[CD]|T[NX]|UT"
    r"|V[TA]|W[AVIY]|PR)|alabama|alaska|arizona|arkansas|california|colorado|connecticut|delaware|florida"
    r"|georgia|hawaii|idaho|illinois|indiana|iowa|kansas|kentucky|louisiana|maine|maryland|massachusetts"
    r"|michigan|minnesota|mississippi|missouri|montana|nebraska|nevada|new\s+hampshire|new\s+jersey"
    r"|new\s+mexico|new\s+york|north\s+carolina|north\s+dakota|ohio|oklahoma|oregon|pennsylvania"
    r"|rhode\s+island|south\s+carolina|south\s+dakota|tennessee|texas|utah|vermont|virginia|washington"
    r"|west\s+virginia|wisconsin|wyoming)"
)
# a separator may be followed by a space in hurried typing: "410- 555- 0134"
# and a slash after the area code, as some write it: "617/555-0100"
_NANP = r"(?:\+?1[\s.-]?)?(?:\(\d{3}\)\s*|\d{3}(?:[./-] ?|\s))\d{3}(?:[.-] ?|\s)\d{4}"
_EXT = r"(?:\s*(?i:x|ext\.?|extension)\s*\d{1,5})?"  # "x123", "X123", "Ext. 12"
# The first digit of a bare m/d: not inside a word, a number, a ratio or a time ("fx3/96", "1:2/3", "0.5/1",
# "120-80/60") nor a negative number ("rass -3/-1"), but a dash after a word still leaves a date ("UO-6/14"). A dot does not: spaCy keeps
# "ward.5/17" as one token, and the date would take the ward name from the NER.
_MD_START = r"\d(?<![\w/.:]\d)(?<!\d-\d)(?<![\s(]-\d)"
_ID_TAIL = r"\s*(?:#|no\.?|num(?:ber)?)?\s*[:#]?\s*(?=[A-Z-]*\d)([A-Z]{0,3}-?\d[\d-]{3,15}[A-Z]?)\b"

PATTERNS: list[dict] = [
    # ---- SSN
    {"name": "ssn.dashed", "label": "SSN", "score": 0.85, "validator": "ssn", "trigger": _SSN_TRIGGER,
     "regex": r"\d(?<![\d-]\d)\d{2}-\d{2}-\d{4}(?![\d-])",
     "context": ["ssn", "social security", "ss#", "soc sec", "ss"]},
    {"name": "ssn.context", "label": "SSN", "score": 0.8, "validator": "ssn", "trigger": _SSN_TRIGGER,
     "regex": r"\d(?<![\d-]\d)\d{2}[ .]?\d{2}[ .]?\d{4}(?![\d-])",
     "context": ["ssn", "social security", "social", "ss#", "soc sec"], "context_required": True, "context_window": 25},
    # ---- phones, pagers, fax
    {"name": "phone.nanp", "label": "PHONE", "score": 0.7, "validator": "phone_nanp", "trigger": _PHONE_TRIGGER,
     "regex": r"(?<![\w+])(?<!\d-)" + _NANP + _EXT + r"(?![\d-])", "context": _PHONE_CTX},
    {"name": "phone.nanp_unvalidated", "label": "PHONE", "score": 0.5, "trigger": _PHONE_TRIGGER,
     "regex": r"(?<![\w+])(?<!\d-)(?:\(\d{3}\)\s*|\d{3}-)\d{3}-\d{4}(?![\d-])"},
    {"name": "phone.no_separator", "label": "PHONE", "score": 0.6, "validator": "phone_nanp",
     "trigger": r"[0-9]{10}", "regex": r"\d(?<![\w+.-]\d)\d{9,10}(?![\d-])",
     "context": _PHONE_CTX, "context_required": True, "context_window": 20},
    # numbers abroad (ITU-T E.164): '+' or the US exit code 011, a country code, 8-14 more digits in groups
    {"name": "phone.international", "label": "PHONE", "score": 0.7, "trigger": ["+", "011"],
     "regex": r"(?:(?<![\w+])\+|\b011[ .-])(?=(?:\d[ .-]?){9,15}(?!\d))[2-9]\d{0,2}(?:[ .-]\d{1,8}){1,5}(?![\d-])",
     "negative_context": ["i/o", "io", "net", "los", "balance", "total", "fluid", "fluids", "cc", "ml"]},
    {"name": "phone.local", "label": "PHONE", "score": 0.65, "validator": "phone_nanp", "trigger": _PHONE_TRIGGER,
     "regex": r"\d(?<![\d.)-]\d)(?<![\d)]\s\d)\d{2}-\d{4}" + _EXT + r"(?![\d-])",
     "context": _PHONE_CTX, "context_required": True, "context_window": 20},
    {"name": "phone.extension", "label": "PHONE", "score": 0.7, "group": 1, "flags": "i", "trigger": ["ext"],
     "regex": r"\b(?:ext\.?|extension)\s*#?\s*(\d{3,5}|\d-\d{4})\b"},
    {"name": "phone.x_extension", "label": "PHONE", "score": 0.6, "group": 1, "flags": "i", "trigger": r"x ?[0-9]",
     "regex": r"(?<![\w-])x\s?(\d{4,5}|\d-\d{4})\b", "context": _PHONE_CTX, "context_required": True,
     "context_window": 25},
    {"name": "phone.pager", "label": "PHONE", "score": 0.8, "group": 1, "flags": "i",
     "trigger": ["pg", "pager", "beep", "bpr", "p#"],
     "regex": r"\b(?:pgr?|pager|beeper|bpr|beep|p(?=#))\s*[:#]?\s*(?:#|no\.?|number)?\s*[:#]?\s*"
              r"(\d{4,5}|\d{1,3}-\d{4})(?![\d-])",
     "context": ["pg", "pgr", "pager", "beeper", "bpr", "beep", "p#"], "context_required": True},
    {"name": "fax.nanp", "label": "FAX", "score": 0.75, "validator": "phone_nanp", "trigger": ["fax"],
     "regex": r"(?<![\w+])(?<!\d-)(?:" + _NANP + r"|\d{3}-\d{4})(?![\d-])",
     "context": ["fax", "facsimile", "telefax"], "context_required": True, "context_window": 15},
    # ---- internet
    {"name": "email", "label": "EMAIL", "score": 0.95, "trigger": ["@"],
     "regex": r"(?<![\w.+-])[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}\b"},
    {"name": "url.scheme", "label": "URL", "score": 0.9, "flags": "i", "trigger": ["http", "ftp", "www."],
     "regex": r"\b(?:https?://|ftp://|www\.)[^\s<>\"'()]*[^\s<>\"'().,;:!?]"},
    {"name": "url.domain", "label": "URL", "score": 0.6, "flags": "i",
     "trigger": r"\.(?:com|org|net|edu|gov|io|info|biz|us|health)\b",
     "regex": r"(?<![@\w.-])[a-z0-9-]+(?:\.[a-z0-9-]+)*\.(?:com|org|net|edu|gov|io|info|biz|us|health)\b"
              r"(?:/[^\s<>\"'()]*[^\s<>\"'().,;:!?])?"},
    {"name": "ip.v4", "label": "IPADDR", "score": 0.8, "validator": "ipv4",
     "trigger": r"[0-9]\.[0-9]{1,3}\.[0-9]{1,3}\.[0-9]",
     "regex": r"\d(?<![\d.]\d)\d{0,2}\.\d{1,3}\.\d{1,3}\.\d{1,3}(?!\.?\d)",
     "negative_context": ["version", "ver", "v", "release", "build", "firmware", "software", "rev", "lab", "labs",
                          "lytes", "abg", "vbg", "cbc", "chem"],
     "context": ["ip", "ip address", "host", "server", "address"]},
    {"name": "ip.v6", "label": "IPADDR", "score": 0.8, "validator": "ipv6", "trigger": r":[0-9a-f]*:",
     "regex": r"(?<![\w:])[0-9A-Fa-f]{1,4}(?::[0-9A-Fa-f]{0,4}){2,7}(?![\w:])"},
    # ---- record, account, plan and licence numbers
    {"name": "mrn.context", "label": "MEDICALRECORD", "score": 0.9, "group": 1, "flags": "i",
     "trigger": ["mr", "rec", "unit", "hosp", "chart"],
     "regex": r"\b(?:mrn|mr\s*#|mr\s+no\.?|med(?:ical)?\.?\s*rec(?:ord)?s?\.?|unit\s*(?:no\.?|number|#)"
              r"|hosp(?:ital)?\s*(?:no\.?|#)|chart\s*(?:no\.?|#))" + _ID_TAIL},
    {"name": "account.context", "label": "ACCOUNT", "score": 0.85, "group": 1, "flags": "i",
     "trigger": ["acct", "account", "billing"], "regex": r"\b(?:acct|account|billing)" + _ID_TAIL},
    {"name": "healthplan.context", "label": "HEALTHPLAN", "score": 0.85, "group": 1, "flags": "i",
     "trigger": ["member", "policy", "insurance", "subscriber", "group", "medicaid", "medicare", "hic",
                 "bcbs"],
     "regex": r"\b(?:member\s*(?:id|#|no\.?|number)|policy\s*(?:id|#|no\.?|number)?|insurance\s*(?:id|#|no\.?"
              r"|number)|subscriber\s*(?:id|#|no\.?)|group\s*(?:#|no\.?|number)|medicaid|medicare|hicn?|bcbs)"
              r"\s*(?:id|#|no\.?)?\s*[:#]?\s*(?=[A-Z-]*\d)([A-Z0-9][A-Z0-9-]{4,19})\b"},
    {"name": "npi.context", "label": "LICENSE", "score": 0.85, "validator": "npi", "trigger": ["npi", "national prov"],
     "regex": r"\d(?<![\d-]\d)\d{9}(?![\d-])", "context": ["npi", "national provider"], "context_required": True},
    {"name": "dea.number", "label": "LICENSE", "score": 0.85, "validator": "dea", "trigger": r"[0-9][0-9]{6}",
     "regex": r"\b[ABCDEFGHJKLMPRSTUX][A-Z9]\d{7}\b", "context": ["dea"]},
    {"name": "credit_card", "label": "ACCOUNT", "score": 0.75, "validator": "credit_card",
     "trigger": r"[0-9][0-9]{3}[ -]?[0-9]{4}[ -]?[0-9]{4}",
     "regex": r"\d(?<![\d-]\d)\d{3}(?:[ -]?\d{4}){2}[ -]?\d{1,7}(?![\d-])",
     "context": ["card", "visa", "mastercard", "amex", "credit"]},
    {"name": "vin", "label": "VEHICLE", "score": 0.8, "validator": "vin", "flags": "i",
     "trigger": r"[^a-z0-9][a-z0-9]{17}", "regex": r"\b[A-HJ-NPR-Z0-9]{17}\b", "context": ["vin", "vehicle"]},
    # ---- dates (the date validator checks month and day ranges: 2/30 and BP 118/62 are not dates)
    {"name": "date.month_day_year", "label": "DATE", "score": 0.9, "validator": "date", "trigger": _MON_TRIGGER,
     "regex": r"\b" + _MON + r"\s*" + _DAY + r",?\s*(?:" + _YEAR + r"|'\d{2})(?!\d)"},
    {"name": "date.day_month_year", "label": "DATE", "score": 0.9, "validator": "date",
     "trigger": r"[0-9](?:st|nd|rd|th)?(?: of)?[ -]*(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)",
     "regex": r"\b" + _DAY + r"(?:\s+of)?[\s-]*" + _MON + r"(?:[\s,-]*(?:" + _YEAR + r"|'\d{2})|\s*,\s*\d{2}|-\d{2})(?!\d)"},
    # a range of days before the month, as in the night-shift header "3->4 Dec, 97" or "12-14 Jan"
    {"name": "date.day_range_month", "label": "DATE", "score": 0.8, "validator": "date",
     "trigger": r"[0-9] *(?:-+>?|to|&) *[0-9]",
     "regex": r"\d(?<![\w.:/-]\d)\d?\s*(?:-+>?|(?i:to)|&)\s*" + _DAY + r"\s+" + _MON
              + r"(?:,?\s*(?:" + _YEAR + r"|'\d{2})|,\s*\d{2})?(?![\d:/.]\d|\d)", "negative_after": _UNITS_AFTER},
    {"name": "date.month_day", "label": "DATE", "score": 0.8, "validator": "date", "trigger": _MON_TRIGGER,
     "regex": r"\b" + _MON + r"\s*" + _DAY + r"(?![\d:/.]\d|\d)", "negative_after": _UNITS_AFTER},
    # a range of days after the month: "Jan 5-7", "January 5 to 7, 2019"
    {"name": "date.month_day_range", "label": "DATE", "score": 0.85, "validator": "date", "trigger": _MON_TRIGGER,
     "regex": r"\b" + _MON + r"\s*" + _DAY + r"\s*(?:-+>?|(?i:to|thru|through)|&)\s*" + _DAY
              + r"(?:,?\s*(?:" + _YEAR + r"|'\d{2}))?(?![\d:/.]\d|\d)", "negative_after": _UNITS_AFTER},
    # a day before the month, without a year: "5 January", "the 5th of Jan", "12 Sep" (not the capitals "DEC",
    # "MAR", "MAY", which capitals notes write for "decreased", the medication record and the verb)
    {"name": "date.day_month", "label": "DATE", "score": 0.8, "validator": "date",
     "trigger": r"[0-9](?:st|nd|rd|th)?(?: of)?[ -]*(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)",
     "regex": r"\b" + _DAY + r"(?:\s+of)?[\s-]*" + _MON_DAY_FIRST + r"(?![a-zA-Z])", "negative_after": _UNITS_AFTER},
    # day, month and year written together, as military and pharmacy labels do: "12SEP19", "05Mar2019"
    {"name": "date.day_month_glued", "label": "DATE", "score": 0.85, "validator": "date",
     "trigger": r"[0-9](?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[0-9]",
     "regex": r"\b(?:3[01]|[12]\d|0?[1-9])" + _MON3 + r"(?:\d{4}|\d{2})\b"},
    {"name": "date.month_year", "label": "DATE", "score": 0.8, "validator": "date", "trigger": _MON_TRIGGER,
     "regex": r"\b" + _MON + r"(?:\s+(?i:of))?\s*,?\s*(?:" + _YEAR + r"|'\d{2}|3[2-9]|[4-9]\d)(?!\d)",
     "negative_after": _UNITS_AFTER},
    {"name": "date.month_name", "label": "DATE", "score": 0.6, "trigger": _MON_NAME_TRIGGER,
     "regex": r"\b(?:(?i:january|february|april|june|july|august|september|october|november|december"
              r"|jan|feb|apr|aug|sept?|oct|nov)|March|MARCH|May|MAY)\b",
     "context": ["in", "since", "until", "early", "late", "mid", "during", "by", "of", "last", "next", "this",
                 "before", "after"], "context_required": True, "context_window": 7},
    {"name": "date.ordinal_day", "label": "DATE", "score": 0.55, "validator": "day_of_month", "group": 1,
     "flags": "i", "trigger": r"the +[0-9]",
     "regex": r"\b(?:on|since|until|by|from|before|after|of)\s+the\s+(\d{1,2}(?:st|nd|rd|th))\b",
     "negative_after": ["time", "times", "dose", "doses", "day", "days", "attempt", "floor", "degree", "unit",
                        "units", "bag", "bags", "liter", "episode", "round", "cycle", "week", "hour", "set"]},
    {"name": "date.mdy_slash", "label": "DATE", "score": 0.85, "validator": "date",
     "regex": r"\d(?<![\w/.]\d)\d?/\d{1,2}/(?:\d{4}|\d{2})(?![\d/])", "negative_after": ["%"],
     "negative_context": _VENT, "negative_window": 12},
    {"name": "date.my_slash", "label": "DATE", "score": 0.6, "validator": "date",
     "regex": r"\d(?<![\w/.:-]\d)\d?/(?:(?:19|20)\d{2}|3[2-9]|[4-9]\d)(?![\d/%]|\.\d)",
     "context": _HISTORY, "context_required": True, "context_window": 20, "negative_context": _VENT,
     "negative_window": 12},
    {"name": "date.mdy_dash", "label": "DATE", "score": 0.8, "validator": "date",
     "regex": r"\d(?<![\d-]\d)\d?-\d{1,2}-(?:\d{4}|\d{2})(?![\d-])"},
    {"name": "date.dmy_dot", "label": "DATE", "score": 0.8, "validator": "date",
     "regex": r"\d(?<![\d.]\d)\d?\.\d{1,2}\.(?:19|20)\d{2}(?!\.?\d)"},
    {"name": "date.iso", "label": "DATE", "score": 0.9, "validator": "date",
     "regex": r"(?:19|20)(?<![\d-]\d\d)\d{2}-\d{1,2}-\d{1,2}(?![\d-])"},
    # bare m/d: "n/10" is read as a pain or score scale, never a date; vent settings and fractions are vetoed
    {"name": "date.md_slash", "label": "DATE", "score": 0.6, "validator": "date", "exclude": ["2/2"],
     "regex": _MD_START + r"\d?/(?!10(?!\d))(?:3[01]|[12]\d|0?[1-9])(?![\d/]|\.\d)",
     "negative_context": _NOT_DATE_BEFORE, "negative_window": 12, "negative_after": _NOT_DATE_AFTER},
    # "n/10" is a date only where a date is announced ("on 7/10", "since 3/10") or ends a range of dates
    # ("7/3 - 7/10"); a pain score nearby ("pain down from 5/10") vetoes it
    {"name": "date.md_slash_10", "label": "DATE", "score": 0.6, "validator": "date",
     "regex": _MD_START + r"\d?/10(?![\d/]|\.\d)",
     "context": ["on", "since", "dated", "date", "until", "thru", "through", "started", "completed", "admitted",
                 "discharged", "transferred"], "context_required": True, "context_window": 12,
     "negative_context": _NOT_DATE_BEFORE, "negative_window": 40, "negative_after": _NOT_DATE_AFTER},
    {"name": "date.md_range_end", "label": "DATE", "score": 0.6, "validator": "date", "group": 1,
     "regex": _MD_START + r"\d?/(?!10(?!\d))(?:3[01]|[12]\d|0?[1-9])\s*(?:-+>?|to|thru|through)\s*"
              r"(\d{1,2}/\d{1,2})(?![\d/]|\.\d)",
     "negative_context": _NOT_DATE_BEFORE, "negative_window": 40, "negative_after": _NOT_DATE_AFTER},
    {"name": "date.md_dash", "label": "DATE", "score": 0.55, "validator": "date",
     "regex": r"\d(?<![\w/.:-]\d)\d?-\d{1,2}(?![\w/-]|\.\d)",
     "context": ["on", "since", "dated", "date", "from", "until", "seen", "admitted", "discharged"],
     "context_required": True, "context_window": 12, "negative_after": _NOT_DATE_AFTER},
    {"name": "year.preposition", "label": "DATE", "score": 0.65, "validator": "year", "group": 1, "flags": "i",
     "trigger": r"\s(?:19|20)[0-9][0-9]",
     "regex": r"\b(?:in|since|from|until|circa|back\s+in|year|summer|winter|spring|fall)\s+((?:19|20)\d{2})(?!\d)",
     "negative_after": _UNITS_AFTER},
    {"name": "year.history", "label": "DATE", "score": 0.65, "validator": "year",
     "regex": r"(?:19|20)(?<![\d.:/-]\d\d)\d{2}(?![\d.:/-]\d|\d)",
     "context": _HISTORY, "context_required": True, "context_window": 20, "negative_after": _UNITS_AFTER,
     "negative_context": ["bp", "hr", "plt", "wbc", "uo", "u/o", "i/o", "ml", "cc", "total", "x"],
     "negative_window": 8},
    {"name": "year.paren", "label": "DATE", "score": 0.65, "validator": "year", "group": 1,
     "trigger": r"\(\s*(?:19|20|')",
     "regex": r"\(\s*((?:19|20)\d{2}|'\d{2})\s*\)", "context": _HISTORY, "context_required": True,
     "context_window": 30},
    {"name": "year.two_digit_history", "label": "DATE", "score": 0.55, "validator": "year",
     "regex": r"\d(?<![\w'.,/:-]\d)\d(?![\w%/:-]|[.,]\d)", "context": _HISTORY, "context_required": True,
     "context_window": 8, "negative_context": _NOT_DATE_BEFORE + _LABS + ["at", "@", "since", "ett", "ngt"],
     "negative_window": 8,
     "negative_after": _UNITS_AFTER + ["x", "'s", "s", "am", "pm", "at", "lip", "bpm", "beats", "hr", "min"]},
    {"name": "year.apostrophe", "label": "DATE", "score": 0.6, "validator": "year", "trigger": r"'[0-9]",
     "regex": r"(?<![\d'])'\d{2}(?![\w'])", "context": _HISTORY, "context_required": True, "context_window": 30},
    # ---- ages over 89 and ZIP codes
    {"name": "age.over_89", "label": "AGE", "score": 0.85, "validator": "age_over_89", "group": 1, "flags": "i",
     "trigger": r"(?:9[0-9]|1[0-2][0-9])[ -]*(?:y|old)",
     "regex": r"\b(9\d|1[0-2]\d)(?:\s*|-)(?:yo|y/o|y\.o\.?|yr?s?\.?(?:\s*|-)old|years?(?:\s*|-)old|yoa"
              r"|years?\s+of\s+age)(?![a-z])"},
    {"name": "age.aged", "label": "AGE", "score": 0.85, "validator": "age_over_89", "group": 1, "flags": "i",
     "trigger": ["age"], "regex": r"\b(?:aged?|age\s*:)\s*(9\d|1[0-2]\d)(?![\d.])"},
    {"name": "zip.after_state", "label": "ZIP", "score": 0.85, "group": 1, "flags": "i", "trigger": r"[0-9][0-9]{4}",
     "regex": r"\b" + _STATES + r"\.?,?\s+(\d{5}(?:-\d{4})?)(?![\d-])"},
]
