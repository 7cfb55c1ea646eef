"""French surface-form grammars: how dates, phone numbers, names, ages and identifiers are written in France.

Written from French conventions, not from any corpus: dates day-first with `/` ("03/03/2021", also two-digit
years and unpadded), "3 mars 2021" with month names in lower case (capitals in headings), "1er mars", the weekday
before the day ("lundi 3 mars 2021"), abbreviated months ("3 janv. 2021"), "mars 2021"; the national numbering
plan (ten digits from the trunk 0: 01-05 geographic, 06/07 mobile, 09 other; written in pairs with spaces or dots,
"+33 (0)1 ..." and "+33 6 ..." from abroad, the hospital's "poste 4512" and "bip 312"); given names often
compound ("Jean-Pierre"), surnames in capitals after the given name or before it ("DUPONT Jean"), the married
name with "née"/"épouse" (outside the spans, as the titles M., Mme, Dr, Pr are); the NIR with its key (also the
INS, the national health identifier), the hospital's IPP and NDA, the RPPS number of a doctor, an IBAN.
Ages are the number only ("72" in "72 ans", "âgé de 72 ans").
"""

from __future__ import annotations

import random
import re
from datetime import date

from ..langkit import Grammar, date_grammar, digits, faker_for, random_date, render_date, weighted
from ..validators import format_fr_nir, format_iban, generate_fr_nir, generate_iban, luhn_check_digit, nir_key

MONTHS = ("janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre",
          "novembre", "décembre")
ABBRS = ("janv.", "févr.", "mars", "avr.", "mai", "juin", "juil.", "août", "sept.", "oct.", "nov.", "déc.")
WEEKDAYS = ("lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche")
# French month names are written in lower case; headings and forms put them in capitals now and then.
CASINGS = ((0.82, "lower"), (0.1, "title"), (0.08, "upper"))

_BASE_DATES = date_grammar("DATE", {
    "dmy_slash": (40, "{d2}/{m2}/{Y}"),
    "dmy_slash_short": (8, "{d2}/{m2}/{y2}"),
    "dmy_slash_unpadded": (6, "{d}/{m}/{Y}"),
    "long": (18, "{d} {month} {Y}"),
    "abbr": (4, "{d} {mon} {Y}"),
    "day_month": (5, "{d} {month}"),
    "month_year": (6, "{month} {Y}"),
    "dmy_dot": (3, "{d2}.{m2}.{Y}"),
    "dmy_dash": (3, "{d2}-{m2}-{Y}"),
    "my_slash": (3, "{m2}/{Y}"),
    "dm_slash": (3, "{d2}/{m2}"),
    "iso": (1, "{Y}-{m2}-{d2}"),
    "year": (5, "{Y}"),
}, MONTHS, ABBRS, casings=CASINGS)


def _ordinal_long(rng: random.Random, when: date | None = None) -> str:
    """"1er mars 2021": the first of the month is an ordinal in French, the other days cardinals."""
    when = when or random_date(rng)
    text = render_date("{d} {month} {Y}", when, MONTHS, ABBRS, weighted(rng, CASINGS))
    return text.replace("1 ", "1er ", 1) if when.day == 1 else text


def _weekday_long(rng: random.Random, when: date | None = None) -> str:
    when = when or random_date(rng)
    day = "1er" if when.day == 1 else str(when.day)
    return f"{WEEKDAYS[when.weekday()]} {day} " + render_date("{month} {Y}", when, MONTHS, ABBRS, "lower")


DATES = Grammar("DATE", {**_BASE_DATES.families, "ordinal_long": (3, _ordinal_long),
                         "weekday_long": (3, _weekday_long)})


def _national(rng: random.Random) -> str:
    """Ten digits: 0, then 1-5 (geographic), 6/7 (mobile) or 9, then eight digits."""
    return "0" + weighted(rng, [(5, rng.choice("12345")), (4, rng.choice("67")), (1, "9")]) + digits(rng, 8)


def _pairs(number: str, sep: str) -> str:
    return sep.join(number[i:i + 2] for i in range(0, len(number), 2))


def _intl(number: str, sep: str) -> str:
    """+33 and the number without its trunk 0: "+33 6 12 34 56 78"."""
    rest = number[1:]
    return rest[0] + sep + _pairs(rest[1:], sep)


PHONES = Grammar("PHONE", {
    "pairs_space": (40, lambda rng: _pairs(_national(rng), " ")),
    "pairs_dot": (14, lambda rng: _pairs(_national(rng), ".")),
    "plain": (10, lambda rng: _national(rng)),
    "pairs_dash": (4, lambda rng: _pairs(_national(rng), "-")),
    "plus33": (8, lambda rng: "+33 " + _intl(_national(rng), " ")),
    "plus33_trunk": (4, lambda rng: "+33 (0)" + _intl(_national(rng), " ")),
    "plus33_glued": (3, lambda rng: "+33" + _national(rng)[1:]),
    "0033": (2, lambda rng: "0033 " + _intl(_national(rng), " ")),
    # a hospital's internal numbers: an extension, a pager
    "poste": (6, lambda rng: rng.choice(("poste ", "Poste ", "p. ")) + digits(rng, rng.choice((4, 5)), "123456789")),
    "bip": (4, lambda rng: rng.choice(("bip ", "Bip ", "BIP ")) + digits(rng, rng.choice((3, 4)), "123456789")),
    "pairs_poste": (4, lambda rng: _pairs(_national(rng), " ") + rng.choice((" poste ", " - poste ", " p. "))
                    + digits(rng, 4, "123456789")),
})

# The families that are a full number (the others are a hospital's internal extension or pager).
EXTENSIONS = ("poste", "bip")
NUMBERS = tuple(f for f in PHONES.families if f not in EXTENSIONS)
FAXES = ("pairs_space", "pairs_dot", "plain", "plus33_trunk")

PARTICLES = ("de", "Le", "Du", "de La", "Da", "Van")
# A share of patients in French notes carry names from elsewhere (Faker's other locales).
FOREIGN_LOCALES = ("pt_PT", "it_IT", "es_ES", "de_DE", "pl_PL", "ro_RO", "tr_TR", "en_US", "nl_NL", "fr_CH")
P_FOREIGN = 0.12


def person(rng: random.Random, fake, female: bool | None = None) -> dict:
    """A French person: given name (sometimes compound), surname (now and then double or with a particle), and
    for a woman now and then a birth name beside the married one."""
    female = rng.random() < 0.5 if female is None else female
    if rng.random() < P_FOREIGN:
        fake = faker_for(rng.choice(FOREIGN_LOCALES), rng.randrange(1 << 30))
    draw = fake.first_name_female if female else fake.first_name_male
    first = draw() if rng.random() > 0.12 else f"{draw()}-{draw()}"
    last = fake.last_name()
    if rng.random() < 0.06:
        last = f"{last}-{fake.last_name()}"
    elif rng.random() < 0.05:
        last = f"{rng.choice(PARTICLES)} {last}"
    birth = fake.last_name() if female and rng.random() < 0.3 else ""
    return {"first": first, "last": last, "birth": birth, "female": female}


def _initial(first: str) -> str:
    """"J." for Jean, "J.-P." for Jean-Pierre."""
    return "-".join(f"{part[0]}." for part in first.split("-"))


NAMES = Grammar("NAME", {
    "first_last": (24, lambda rng, p: f"{p['first']} {p['last']}"),
    "first_LAST": (16, lambda rng, p: f"{p['first']} {p['last'].upper()}"),
    "LAST_first": (12, lambda rng, p: f"{p['last'].upper()} {p['first']}"),
    "last": (18, lambda rng, p: p["last"]),
    "LAST": (6, lambda rng, p: p["last"].upper()),
    "initial_last": (8, lambda rng, p: f"{_initial(p['first'])} {p['last']}"),
    "upper_full": (4, lambda rng, p: f"{p['first']} {p['last']}".upper()),
    "first": (5, lambda rng, p: p["first"]),
    "last_first": (4, lambda rng, p: f"{p['last']} {p['first']}"),
    "initials": (2, lambda rng, p: f"{p['first'][0]}.{p['last'][0]}."),
    "lower": (1, lambda rng, p: f"{p['first']} {p['last']}".lower()),
})

TITLES_PATIENT = {True: ("Mme ", "Madame ", "Mme ", "Mlle ", "MME "), False: ("M. ", "Monsieur ", "M. ", "Mr ", "MR ")}
TITLES_DOCTOR = {True: ("Dr ", "Dr ", "Dr. ", "Docteur ", "le Dr ", "Pr ", "Professeur ", "Dre "),
                 False: ("Dr ", "Dr ", "Dr. ", "Docteur ", "le Dr ", "Pr ", "Professeur ", "le Pr ")}

_UNITS = ("zéro un deux trois quatre cinq six sept huit neuf dix onze douze treize quatorze quinze seize dix-sept "
          "dix-huit dix-neuf").split()
_TENS = {2: "vingt", 3: "trente", 4: "quarante", 5: "cinquante", 6: "soixante"}


def number_words(n: int) -> str:
    """French number words for 0-99 ("soixante et onze", "quatre-vingt-douze")."""
    if n < 20:
        return _UNITS[n]
    if n >= 80:
        rest = n - 80
        return "quatre-vingts" if rest == 0 else "quatre-vingt-" + _UNITS[rest]
    tens, unit = divmod(n, 10)
    if tens == 7:
        tens, unit = 6, unit + 10
    head = _TENS[tens]
    if unit == 0:
        return head
    return f"{head} et {_UNITS[unit]}" if unit in (1, 11) else f"{head}-{_UNITS[unit]}"


# The whole phrase is rendered; the span is the number in it (`split_age`); number words are the span whole.
AGES = Grammar("AGE", {
    "ans": (44, lambda rng, n: f"{n} ans"),
    "age_de": (14, lambda rng, n: f"âgé{rng.choice(('', 'e', '(e)'))} de {n} ans"),
    "paren": (8, lambda rng, n: f"({n} ans)"),
    "a": (5, lambda rng, n: f"{n} a"),
    "ans_glued": (4, lambda rng, n: f"{n}ans"),
    # months for infants; "72 ans et 3 mois" for the others (the span is the first number)
    "mois": (5, lambda rng, n: f"{n * 12 + rng.randint(1, 11)} mois" if n < 3
             else f"{n} ans et {rng.randint(1, 11)} mois"),
    "words": (4, lambda rng, n: f"{number_words(n)} ans"),
    "ANS": (3, lambda rng, n: f"{n} ANS"),
    "age_colon": (4, lambda rng, n: f"âge : {n} ans"),
})


def split_age(phrase: str) -> tuple[str, str, str]:
    """(before, number, after) of an age phrase: its first number; a phrase in words is the words whole."""
    found = re.search(r"\d+", phrase)
    if found:
        return phrase[:found.start()], found.group(), phrase[found.end():]
    words = phrase.rsplit(" ", 1)[0]
    return "", words, phrase[len(words):]


def _rpps(rng: random.Random) -> str:
    """RPPS (répertoire partagé des professionnels de santé): 11 digits, "10" then 8 digits and a Luhn digit."""
    body = "10" + digits(rng, 8)
    return body + str(luhn_check_digit(body))


def _nir(rng: random.Random, p: dict | None = None, born: date | None = None) -> str:
    """A NIR with its key; the sex digit, year and month of birth are the person's when known."""
    if p is None or born is None:
        value = generate_fr_nir(rng)
    else:
        dept = rng.choice([f"{d:02d}" for d in range(1, 96) if d != 20] + ["2A", "2B", "99"])
        body = (f"{2 if p['female'] else 1}{born.year % 100:02d}{born.month:02d}{dept}"
                f"{rng.randrange(1, 990):03d}{rng.randrange(1, 1000):03d}")
        value = f"{body}{nir_key(body):02d}"
    return rng.choice((format_fr_nir, lambda v: v, lambda v: f"{v[:13]} {v[13:]}"))(value)


IDS = {
    "nir": (_nir, "HEALTHPLAN"),
    # IPP (identifiant permanent du patient): the hospital's patient number
    "ipp": (lambda rng, p=None, born=None: digits(rng, rng.choice((7, 8, 9, 10)), "123456789"), "MEDICALRECORD"),
    # NDA / numéro de séjour: the stay's administrative number, often with the year in front
    "nda": (lambda rng, p=None, born=None: rng.choice((digits(rng, 9, "123456789"),
                                                       f"{rng.randint(2005, 2025)}{digits(rng, 6)}",
                                                       f"{rng.randint(10, 25)}{digits(rng, 7)}")), "IDNUM"),
    "rpps": (lambda rng, p=None, born=None: _rpps(rng), "LICENSE"),
    "iban": (lambda rng, p=None, born=None: rng.choice((format_iban, lambda v: v))(generate_iban(rng, "FR")),
             "ACCOUNT"),
}

# Towns of France beside Faker's invented ones (Faker fr_FR composes towns from surnames).
TOWNS = ("Lyon", "Marseille", "Toulouse", "Nantes", "Bordeaux", "Lille", "Rennes", "Grenoble", "Montpellier",
         "Strasbourg", "Dijon", "Angers", "Reims", "Limoges", "Clermont-Ferrand", "Tours", "Amiens", "Metz",
         "Besançon", "Perpignan", "Orléans", "Rouen", "Caen", "Nancy", "Poitiers", "Brest", "Annecy", "Chambéry",
         "Valence", "Saint-Étienne", "Villeurbanne", "Vénissieux", "Bourg-en-Bresse", "Roanne", "Vienne", "Mâcon",
         "Aix-en-Provence", "Avignon", "Nîmes", "Béziers", "Pau", "Bayonne", "Quimper", "Lorient", "Saint-Brieuc",
         "Cholet", "Le Mans", "Laval", "La Roche-sur-Yon", "Niort", "La Rochelle", "Angoulême", "Périgueux",
         "Agen", "Montauban", "Albi", "Rodez", "Aurillac", "Le Puy-en-Velay", "Vichy", "Moulins", "Nevers",
         "Auxerre", "Troyes", "Châlons-en-Champagne", "Charleville-Mézières", "Épinal", "Colmar", "Mulhouse",
         "Belfort", "Lons-le-Saunier", "Bourges", "Châteauroux", "Blois", "Chartres", "Évreux", "Beauvais",
         "Compiègne", "Saint-Quentin", "Arras", "Lens", "Douai", "Valenciennes", "Dunkerque", "Calais",
         "Boulogne-sur-Mer", "Saint-Denis", "Créteil", "Argenteuil", "Versailles", "Montreuil", "Nanterre",
         "Bobigny", "Évry-Courcouronnes", "Cergy", "Meaux", "Melun", "Gap", "Digne-les-Bains", "Ajaccio", "Bastia")


def town(rng: random.Random, fake) -> str:
    return rng.choice(TOWNS) if rng.random() < 0.6 else fake.city()


def fake(seed: int):
    return faker_for("fr_FR", seed)


__all__ = ["ABBRS", "AGES", "DATES", "IDS", "MONTHS", "NAMES", "PHONES", "TITLES_DOCTOR", "TITLES_PATIENT",
           "WEEKDAYS", "fake", "number_words", "person", "split_age", "town"]
