"""German genres: the Arztbrief (a letter to the referring or family doctor) and the Entlassungsbrief (discharge
letter with its sections: Diagnosen, Anamnese, Befunde, Therapie und Verlauf, Entlassmedikation, Procedere).
Each note is written from templates whose `{slot}`s are filled by a cast (one patient, relatives, clinicians, a
hospital) so that people and places recur; every PHI value is recorded as a gold span when written. Titles
("Dr. med.", "Herr", "Frau") are written outside the spans."""

from __future__ import annotations

import random
from functools import partial

from ..genrekit import People, clinical_slots, draw_stay, ident_slots, people_slots, write_genre
from ..langkit import (age_segments, date_segments, digits, fill_fields, given_name, kin_segments, lexicon_terms,
                       name_segments, narrative, phone_segments)
from . import grammar as g
from . import lexicon as lx
from . import vocab


# A patient is an adult 92% of the time.
AGES = ((0.92, (18, 98)), (0.08, (1, 17)))


class Cast(People):
    """The people and places of one note."""

    def __init__(self, rng: random.Random, seed: int) -> None:
        super().__init__(rng, g.fake(seed), g.person)
        self.city = self.fake.city_name()
        self.hospital = self.institution(lx.HOSPITALS)
        self.department = rng.choice(lx.DEPARTMENTS)
        self.admitted, _, self.age, self.born = draw_stay(rng, None, AGES)

    def institution(self, shapes) -> str:
        f = self.fake
        saint = self.rng.choice((f.first_name_female(), f.first_name_male()))
        city = self.rng.choice((self.city, f.city_name()))
        return self.rng.choice(shapes).format(city=city, saint=saint, surname=f.last_name(), company=f.company(),
                                              department=self.rng.choice(lx.DEPARTMENTS),
                                              order=self.rng.choice(lx.ORDERS),
                                              abbr="".join(w[0] for w in city.split())[:2].upper() + city[1:2].upper())


# Name and place slots are now and then filled with a PHI-free word (no span), never right after a title:
# German capitalises every noun, so a capitalised word where a name could stand must not be enough.
P_DECOY = 0.12


def _name(c: Cast, who: dict, label: str, titles: dict | None, p_title: float) -> list:
    pieces = name_segments(c.rng, g.NAMES, who, label, titles, p_title)
    if not pieces[0][0] and c.rng.random() < P_DECOY:
        return [(vocab.decoy(c.rng, "person"), None, None)]
    return pieces


def _place(c: Cast, value: str, label: str) -> list:
    if c.rng.random() < P_DECOY / 2:
        return [(vocab.decoy(c.rng, "place"), None, None)]
    return [(value, label, None)]


def _date(c: Cast, when=None, family: str | None = None) -> list:
    return date_segments(c.rng, g.DATES, when, family)


def _phone(c: Cast, label: str = "PHONE") -> list:
    return phone_segments(c.rng, g.PHONES, label)


def _age(c: Cast) -> list:
    return age_segments(c.rng, g.AGES, c.age, lambda phrase: g.split_age(phrase, c.age))


def _street(c: Cast) -> list:
    number = f"{c.rng.randint(1, 140)}{c.rng.choice(('', '', '', 'a', 'b'))}"
    return [(f"{c.fake.street_name()} {number}", "STREET", None)]


def _email(c: Cast) -> list:
    p = c.rng.choice((c.patient, c.doctors[0]))
    user = c.rng.choice((f"{p['first']}.{p['last']}", f"{p['first'][0]}.{p['last']}",
                         f"{p['last']}{c.rng.randint(1, 99)}"))
    fold = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss", " ": "", "Ä": "Ae", "Ö": "Oe", "Ü": "Ue"})
    return [(f"{user.lower().translate(fold)}@{c.rng.choice(lx.DOMAINS)}", "EMAIL", None)]


def _clinical(c: Cast, kind: str) -> str:
    rng = c.rng
    pick = {"finding": lx.FINDINGS, "exam": lx.EXAMS, "course": lx.COURSE, "dx": lx.DIAGNOSES}[kind]
    return rng.choice(pick).format(n=rng.randint(2, 9), drug=rng.choice(lx.DRUGS), brand=rng.choice(lx.BRANDS),
                                   eponym=rng.choice(lx.EPONYMS), proc=rng.choice(lx.PROCEDURES),
                                   department=rng.choice(lx.DEPARTMENTS))


def _sentence(c: Cast) -> str:
    """One PHI-free sentence: numbers that are not ages or dates, durations, eponyms, drugs."""
    rng = c.rng

    def n() -> str:
        return str(rng.randint(1, 9))

    fields = {"duration": lambda: rng.choice(lx.DURATIONS).format(n=rng.randint(2, 30)),
              "measure": lambda: rng.choice(lx.MEASURES).format(n=n(), a=rng.randint(95, 190), b=rng.randint(50, 110)),
              "dx": lambda: _clinical(c, "dx"), "drug": lambda: rng.choice(lx.DRUGS + lx.BRANDS), "n": n,
              "regimen": lambda: rng.choice(lx.REGIMENS),
              "proc": lambda: rng.choice(lx.PROCEDURES),
              "eponym_phrase": lambda: rng.choice(lx.EPONYM_PHRASES).format(e=rng.choice(lx.EPONYMS))}
    return fill_fields(rng.choice(lx.SENTENCES), fields)


def _narrative(c: Cast) -> str:
    """A few PHI-free sentences: our clinical ones, the translation domain's, now and then running prose."""
    rng = c.rng
    return narrative("de", rng, c.fake, lambda: " ".join(
        [_sentence(c)] + [vocab.sentence(rng) for _ in range(rng.randint(1, 3))]))


def _telegraph(c: Cast) -> str:
    """A heading and a list of capitalised nouns, lab abbreviations and values: how German letters summarise."""
    rng = c.rng
    pool = list(lx.NOUNS) + lexicon_terms("de")
    items = []
    for _ in range(rng.randint(3, 8)):
        roll = rng.random()
        if roll < 0.2:
            items.append(rng.choice(pool) + rng.choice(("", "", " unauffällig", " o.B.", " bds.", " regelrecht")))
        elif roll < 0.55:
            items.append(vocab.noun(rng) + rng.choice(("", "", "", " unauffällig", " o.B.", " bds.", " regelrecht",
                                                       " re.", " li.", " rückläufig", " erhöht", " neg.")))
        elif roll < 0.62:
            items.append(vocab.lab_value(rng))
        elif roll < 0.68:
            items.append(vocab.small_number(rng))
        elif roll < 0.8:
            short = rng.choice(lx.ABBREVIATED)
            value = "" if "{" in short else f" {rng.randint(1, 99)},{rng.randint(0, 9)}"  # a lab value after a lab
            items.append(short.format(e=rng.choice(lx.EPONYMS), proc=rng.choice(lx.PROCEDURES),
                                      dx=_clinical(c, "dx")) + value)
        else:
            items.append(rng.choice(lx.MEASURES).format(n=rng.randint(1, 9), a=rng.randint(95, 190),
                                                        b=rng.randint(50, 110)))
    sep = rng.choice((", ", ", ", "; ", " / ", "\n"))
    heading = rng.choice(lx.HEADINGS) if rng.random() < 0.6 else vocab.noun(rng)
    heading = heading.upper() if rng.random() < 0.3 else heading
    return f"{heading}:{rng.choice((' ', chr(10)))}" + sep.join(items)


def _age_adj(c: Cast) -> list:
    """An age written as an adjective before Patient/Patientin: "Die 82-jährige Patientin", "ein 80-j. Patient"."""
    rng, female = c.rng, c.patient["female"]
    article = rng.choice(("Die", "Eine", "Bei der", "eine")) if female else rng.choice(("Der", "Ein", "Bei dem", "ein"))
    ending = "e" if female or article in ("Der", "Bei dem") else "er"
    family, after = rng.choice((("adj", f"-jährig{ending}"), ("adj_glued", f"jährig{ending}"), ("adj_abbr", "-j."),
                                ("adj_space", f" jährig{ending}")))
    noun = "Patientin" if female else "Patient"
    return [(article + " ", None, None), (str(c.age), "AGE", family), (f"{after} {noun}", None, None)]


def _family_age(c: Cast) -> list:
    """A relative's age at an event of the family history ("Vater mit 57 an ... verstorben")."""
    rng = c.rng
    who = rng.choice(("Vater", "Mutter", "Bruder", "Schwester", "Großvater", "Onkel"))
    age = rng.randint(35, 95)
    return [(f"{who} mit ", None, None), (str(age), "AGE", "family"),
            (f"{rng.choice(('', ' Jahren', ' J.'))} an {_clinical(c, 'dx')} verstorben", None, None)]


def _meds(c: Cast) -> str:
    rng = c.rng
    drugs = lx.DRUGS + lx.BRANDS + vocab.DRUGS
    return "\n".join(f"{rng.choice(drugs)} {rng.choice(('5 mg', '40 mg', '100 mg', '1 Tbl.', '2,5 mg'))}"
                     f"   {rng.choice(('1-0-0', '1-0-1', '0-0-1', '1-1-1', 'bei Bedarf'))}"
                     for _ in range(rng.randint(2, 6)))


def _diagnoses(c: Cast) -> str:
    numbered = c.rng.random() < 0.5
    return "\n".join(f"{f'{i}.' if numbered else '-'} {_clinical(c, 'dx')}" for i in range(1, c.rng.randint(3, 6)))


SLOTS = {
    **people_slots(_name, g.TITLES_PATIENT, g.TITLES_DOCTOR, 0.7, 0.85),
    "ptlast": lambda c: [(g.TITLES_PATIENT[c.patient["female"]][0], None, None),
                         (c.patient["last"], "PATIENT", "last")],
    "staff": lambda c: [piece for i, d in enumerate(c.doctors) for piece in
                        ([(c.rng.choice((" / ", ", ", " und ")), None, None)] if i else []) +
                        [(c.rng.choice(("OA ", "OÄ ", "Ass. ", "Prof. ", "OA Dr. ", "Dr. ", "PD Dr. ", "")), None,
                          None),
                         (g.NAMES.draw(c.rng, c.rng.choice(("last", "full", "last_first")), p=d)[1], "DOCTOR", None)]],
    "kin": lambda c: kin_segments(c.rng, lx.KIN, given_name(c.fake), c.patient["last"]),
    "date": lambda c: _date(c), "admitted": lambda c: _date(c, c.admitted, "dmy_dot"),
    "dob": lambda c: _date(c, c.born, c.rng.choice(("dmy_dot", "dmy_dot", "dmy_dot_unpadded", "dmy_dot_short"))),
    "age": _age,
    "phone": _phone, "fax": lambda c: _phone(c, "FAX"), "email": _email, "street": _street,
    "city": lambda c: [(c.city, "CITY", None)],
    "city2": lambda c: _place(c, c.fake.city_name(), "CITY"),
    "zip": lambda c: [(c.fake.postcode(), "ZIP", None)],
    "state": lambda c: [(c.fake.administrative_unit(), "STATE", None)],
    "country": lambda c: [(c.rng.choice(("Deutschland", c.fake.country())), "COUNTRY", None)],
    "hospital": lambda c: [(c.hospital, "HOSPITAL", None)],
    "hospital2": lambda c: _place(c, c.institution(lx.HOSPITALS), "HOSPITAL"),
    "org": lambda c: [(c.institution(lx.ORGANIZATIONS), "ORGANIZATION", None)],
    "profession": lambda c: [(c.fake.job(), "PROFESSION", None)],
    **ident_slots(g.IDS, {"kvnr": "kvnr", "fall": "fallnummer", "patnr": "patientennummer", "lanr": "lanr",
                          "iban": "iban"}),
    "department": lambda c: c.department,
    "Pat": lambda c: "Patientin" if c.patient["female"] else "Patient",
    "pat_art": lambda c: "die" if c.patient["female"] else "der",
    "ihre_pat": lambda c: "Ihre Patientin" if c.patient["female"] else "Ihren Patienten",
    **clinical_slots(_clinical),
    "diagnoses": _diagnoses, "meds": _meds, "narrative": _narrative, "telegraph": _telegraph,
    "age_adj": _age_adj, "family_age": _family_age,
    "room": lambda c: f"{c.rng.randint(1, 6)}{digits(c.rng, 2)}",
    "sp": lambda c: " " if c.rng.random() < 0.85 else "",
    "year": lambda c: _date(c, None, "year"),
    # accession numbers of pathology and laboratory reports, in the shapes laboratory systems print
    "histo": lambda c: [(c.rng.choice((f"{digits(c.rng, 2)}-{digits(c.rng, 6)}",
                                       f"P{digits(c.rng, 4)}-{digits(c.rng, 2)}", f"E {digits(c.rng, 7)}",
                                       f"{c.rng.choice('ABCDEFGHKLMNPSTZ')}{digits(c.rng, 6)}")),
                         "IDNUM", "accession")],
}

LETTERHEAD = ("{hospital}\n[Klinik für {department}|Abteilung {department}|Zentrum für {department}]\n"
              "[Chefarzt: {dr1}\n|Direktor: {dr1}\n|]"
              "[{street}, {zip} {city}|{street} · {zip} {city}|{zip} {city}]\n"
              "[Tel.|Telefon|Tel]: {phone}[   Fax: {fax}|][\nE-Mail: {email}|]\n\n")
RECIPIENT = "[{gp}\n{street}\n{zip} {city}\n\n|An {gp}, {city}\n\n|]"
ABOUT = ("[Betreff|Betr.|Patient/in]:{sp}{ptbare}, [geb.|*|geboren am] {dob}[ ({age})||]"
         "[, wohnhaft {street}, {zip} {city}|]\n"
         "[Pat.-Nr.|Patientennummer|PID]:{sp}{patnr}   [Fall-Nr.|Fallnummer|Aufnahme-Nr.]:{sp}{fall}"
         "[   KV-Nr.:{sp}{kvnr}|   Versichertennr.: {kvnr}|]\n")


def arztbrief(c: Cast) -> str:
    return (
        LETTERHEAD + RECIPIENT + "[{city}, |Datum: |]{date}\n\n" + ABOUT + "\n"
        "[Sehr geehrte Frau Kollegin, sehr geehrter Herr Kollege,|Sehr geehrte Kollegen,|Liebe Kollegin, lieber "
        "Kollege,]\n\n[wir berichten über|wir berichten Ihnen über] {ihre_pat} {pt}, "
        "[geb. {dob}|{age}], {pat_art} sich vom {admitted} bis {date} in unserer stationären Behandlung befand.\n\n"
        "[Diagnosen|DIAGNOSEN|Entlassungsdiagnosen]:\n{diagnoses}\n\n"
        "Anamnese:\n[{Pat}, {age},|{pt}|Die {Pat}|{age_adj}|{age_adj}] stellte sich mit "
        "{finding} vor. "
        "[Familienanamnese: {family_age}.|]\n{telegraph}\n"
        "[Die Vorstellung erfolgte durch {gp}.|Zuweisung durch {hospital2}.|Fremdanamnese durch die {kin}.|]\n\n"
        "Befunde:\n{exam} {narrative} {exam}[ [Histologie|Pathologie|Einsendung] ({histo}): kein Malignom.|]\n\n"
        "Therapie und Verlauf:\n"
        "{course} {narrative} {course} [Am {date}|Ab dem {date}] {course}\n\n"
        "[Medikation bei Entlassung|Entlassmedikation]:\n{meds}\n\nProcedere:\n"
        "[Wir bitten um Kontrolle der Laborwerte in {date}.|Wiedervorstellung in unserer Ambulanz am {date}.|"
        "Weiterbehandlung durch {gp}.|Konsil: {staff}.] [Seit {year} bekannt.|Zuletzt {date} bei uns.|] "
        "[Bei Rückfragen stehen wir Ihnen unter {phone} zur Verfügung.|]\n\n"
        "Mit freundlichen [Grüßen|kollegialen Grüßen]\n\n{dr0}\n[Oberarzt|Oberärztin|Assistenzarzt|Stationsärztin]"
        "\n\n{dr1}\n[Chefarzt|Chefärztin|Klinikdirektor]\n"
    )


def entlassungsbrief(c: Cast) -> str:
    return (
        LETTERHEAD + "[ENTLASSUNGSBRIEF|Entlassungsbericht|Vorläufiger Entlassungsbrief]\n\n" + ABOUT +
        "[Aufnahme|Aufnahmedatum]: {admitted}   [Entlassung|Entlassdatum]: {date}   [Station|Zimmer] {room}\n"
        "[Hausarzt|Hausärztin|Einweiser]: {gp}, {city}[, Tel. {phone}|]\n"
        "[|||Kostenerstattung an IBAN {iban}\n|Bankverbindung des Patienten: {iban}\n]\n"
        "Diagnosen:\n{diagnoses}\n\n[Anamnese|Aufnahmegrund]:\n[{Pat}|{pt}], {age}, [wurde|kam] [mit|wegen] "
        "{finding} [über die Notaufnahme|vom Rettungsdienst aus {city2}|mit Einweisung von {gp}] [aufgenommen|zu uns]."
        " [Sozialanamnese: lebt mit der {kin} in {city}, früher {profession}.|Lebt im {org}.|Wohnhaft in {city2}.|]"
        "\n\n[Aufnahmebefund|Status bei Aufnahme|Klinische Untersuchung]:\n[{age_adj} in [gutem|reduziertem] AZ.|]"
        "\n{telegraph}\n{telegraph}\n\nBefunde:\n{exam} {narrative} {exam}\n\nVerlauf:\n{course} {narrative}\n\n"
        "Entlassmedikation:\n{meds}\n\n[Empfehlungen|Procedere]:\n[Kontrolle beim Hausarzt am {date}.|"
        "Wiedervorstellung am {date} in der Sprechstunde von {dr}.|Ambulante Vorstellung in {hospital2} am {date}.]\n\n"
        "[Mit freundlichen Grüßen|MfG|Mit freundlichen kollegialen Grüßen]\n[{dr0}[ (LANR {lanr})|]|{staff}]\n"
    )


GENRES = ((0.5, "arztbrief", arztbrief), (0.5, "entlassungsbrief", entlassungsbrief))


write_note = partial(write_genre, genres=GENRES, cast=Cast, slots=SLOTS)
"""One note: `write_note(rng, seed) -> (genre, Note)`."""
