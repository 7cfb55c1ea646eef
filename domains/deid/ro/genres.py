"""Romanian genres: the hospital discharge note (bilet de externare) and the medical letter (scrisoare medicală) to
the family doctor, with the sections the national form asks for (motivele prezentării, diagnostic, anamneză,
examen clinic, examene de laborator și paraclinice, tratament efectuat, recomandări, semnătura și parafa medicului).
Each note is written from templates whose `{slot}`s are filled by a cast (one patient, relatives, clinicians, a
hospital) so that people and places recur; every PHI value is recorded as a gold span when written. Titles
("dl.", "dna", "Dr.", "Conf. dr.") and kinship words stay outside the spans."""

from __future__ import annotations

import random
from functools import partial

from ..genrekit import (People, clinical_slots, draw_stay, ident_slots, medication_lines, mixed_narrative, named,
                        people_slots, some_lines, stay_slots, write_genre)
from ..langkit import (age_segments, date_segments, digits, fill_fields, given_name, kin_segments, other_sex_spouse,
                       phone_segments, weighted)
from . import grammar as g
from . import lexicon as lx


# A patient is an adult 92% of the time.
AGES = ((0.92, (18, 97)), (0.08, (1, 17)))


class Cast(People):
    """The people and places of one note."""

    def __init__(self, rng: random.Random, seed: int) -> None:
        super().__init__(rng, g.fake(seed), g.person)
        self.city = g.town(rng, self.fake)
        self.county = g.CITY_COUNTY.get(self.city) or rng.choice(g.COUNTIES)  # Faker's villages: any county
        self.hospital = self.institution(lx.HOSPITALS)
        self.ward = rng.choice(lx.WARDS)
        self.admitted, self.discharged, self.age, self.born = draw_stay(rng, 21, AGES)

    def institution(self, shapes) -> str:
        f, rng = self.fake, self.rng
        return rng.choice(shapes).format(city=rng.choice((self.city, g.town(rng, f))), county=self.county,
                                         surname=f.last_name(), given=f.first_name(), saint=rng.choice(lx.SAINTS),
                                         company=f.company())


def _street(c: Cast) -> list:
    f = c.fake
    name = c.rng.choice((f.street_name().split(" ", 1)[-1], f.last_name(), f"{f.first_name()} {f.last_name()}",
                         f"{c.rng.choice(('Mihai', 'Ion', 'Ștefan', 'Nicolae'))} {f.last_name()}"))
    family, value = g.street(c.rng, name)
    return [(value, "STREET", family)]


def _email(c: Cast) -> list:
    p = c.rng.choice((c.patient, c.doctors[0]))
    first = p["first"].split()[0].split("-")[0]
    user = c.rng.choice((f"{first}.{p['last']}", f"{first[0]}{p['last']}", f"{p['last']}{c.rng.randint(1, 99)}",
                         f"{first}_{p['last']}{c.rng.randint(60, 99)}"))
    fold = str.maketrans("ăâîșțşţĂÂÎȘȚŞŢ", "aaistsiAAISTST")
    return [(f"{user.lower().translate(fold)}@{c.rng.choice(lx.DOMAINS)}", "EMAIL", None)]


def _kin(c: Cast) -> list:
    kin = other_sex_spouse(lx.KIN, c.patient["female"], "soțul", "soția")
    return kin_segments(c.rng, kin, given_name(c.fake), c.patient["last"])


def _clinical(c: Cast, kind: str) -> str:
    rng = c.rng
    pick = {"finding": lx.FINDINGS, "exam": lx.EXAMS, "course": lx.COURSE, "dx": lx.DIAGNOSES}[kind]
    text = rng.choice(pick).format(n="{n}", drug=rng.choice(lx.DRUGS), brand=rng.choice(lx.BRANDS),
                                   eponym=rng.choice(lx.DISEASES), sign=rng.choice(lx.SIGNS),
                                   proc=rng.choice(lx.PROCEDURES), ward=rng.choice(lx.WARDS),
                                   eponym_phrase=rng.choice(lx.EPONYM_PHRASES).format(e=rng.choice(lx.EPONYMS)))
    return fill_fields(text, {"n": lambda: str(rng.randint(2, 9))})  # each {n} its own digit


def _sentence(c: Cast) -> str:
    """One PHI-free sentence: numbers that are not ages or dates, durations, eponyms, drugs."""
    rng = c.rng

    def n() -> str:
        return str(rng.randint(1, 9))

    fields = {"duration": lambda: rng.choice(lx.DURATIONS).format(n=rng.randint(2, 30)),
              "measure": lambda: rng.choice(lx.MEASURES).format(n=n(), a=rng.randint(95, 190), b=rng.randint(50, 110)),
              "finding": lambda: _clinical(c, "finding"),
              "dx": lambda: (lambda dx: dx[:1].lower() + dx[1:])(_clinical(c, "dx")),
              "drug": lambda: rng.choice(lx.DRUGS + lx.BRANDS), "n": n, "proc": lambda: rng.choice(lx.PROCEDURES),
              "ward": lambda: rng.choice(lx.WARDS), "acr": lambda: rng.choice(lx.ACRONYMS),
              "eponym_phrase": lambda: rng.choice(lx.EPONYM_PHRASES).format(e=rng.choice(lx.EPONYMS))}
    return fill_fields(rng.choice(lx.SENTENCES), fields)


def _narrative(c: Cast) -> str:
    """A few PHI-free sentences (the translation domain has no Romanian templates): ours, shuffled."""
    return mixed_narrative(c.rng, lambda: _sentence(c), (lambda: _clinical(c, "exam"), lambda: _clinical(c, "course")))


DOSES = ("1 cp", "500 mg", "20 mg", "1 g", "40 mg s.c.", "5 mg")
TIMES = ("1-0-1", "0-0-1", "1-1-1", "dimineața", "la nevoie", "x 2/zi", "1 cp/zi")


def _sex(c: Cast) -> str:
    return c.rng.choice(("F", "feminin")) if c.patient["female"] else c.rng.choice(("M", "masculin"))


SLOTS = {
    **people_slots(named(g.NAMES), g.TITLES_PATIENT, g.TITLES_DOCTOR, 0.4, 0.85, p_gp=0.9),
    "ptlast": lambda c: [(g.cased(c.rng, c.patient["last"]), "PATIENT", "last")],
    "ptfirst": lambda c: [(c.patient["first"], "PATIENT", "first")],
    "kin": _kin,
    **stay_slots(lambda c, when=None: date_segments(c.rng, g.DATES, when)),
    "dob": lambda c: date_segments(c.rng, g.DATES, c.born, c.rng.choice(("dmy_dot", "dmy_dot", "long", "dmy_slash"))),
    "age": lambda c: age_segments(c.rng, g.AGES, c.age),
    "phone": lambda c: phone_segments(c.rng, g.PHONES), "fax": lambda c: phone_segments(c.rng, g.PHONES, "FAX"),
    "email": _email, "street": _street,
    "city": lambda c: [(c.city, "CITY", None)],
    "city2": lambda c: [(g.town(c.rng, c.fake), "CITY", None)],
    "county": lambda c: [(c.county, "STATE", None)],
    "zip": lambda c: [(c.fake.postcode(), "ZIP", None)],
    "country": lambda c: [(c.rng.choice(("România", "România", "ROMÂNIA", "Republica Moldova")), "COUNTRY", None)],
    "hospital": lambda c: [(c.hospital, "HOSPITAL", None)],
    "centre": lambda c: [(c.institution(lx.HEALTH_CENTRES), "HOSPITAL", None)],
    "org": lambda c: [(c.institution(lx.ORGANIZATIONS), "ORGANIZATION", None)],
    "profession": lambda c: [(c.fake.job().lower() if c.rng.random() < 0.5 else c.fake.job(), "PROFESSION", None)],
    "cnp": lambda c: [(g.cnp_of(c.rng, c.born, c.patient["female"]), "IDNUM", "cnp")],
    **ident_slots(g.IDS, {key: key for key in ("ci", "fo", "card", "parafa", "registru", "iban")}),
    "sex": _sex,
    "Pacient": lambda c: "Pacienta" if c.patient["female"] else "Pacientul",
    "pacient": lambda c: "pacienta" if c.patient["female"] else "pacientul",
    "ward": lambda c: c.ward,
    **clinical_slots(_clinical),
    "meds": lambda c: medication_lines(c.rng, lx.DRUGS + lx.BRANDS, DOSES, TIMES, ("- ", "{}. ", "")),
    "narrative": _narrative,
    "sp": lambda c: weighted(c.rng, [(0.75, " "), (0.25, "  ")]),
    "room": lambda c: f"{c.rng.randint(1, 9)}{digits(c.rng, 2)}",
    "days": lambda c: str(c.rng.randint(2, 21)),
}

IDENTITY = (
    "[Numele și prenumele|Nume, prenume|NUME ȘI PRENUME|Pacient]:{sp}{ptbare}\n",
    "CNP:{sp}{cnp}\n",
    "[Data nașterii|Data nasterii|Născut(ă) la]:{sp}{dob}[   Vârsta: {age}|]\n",
    "[Domiciliul|Adresa|Domiciliul stabil]:{sp}[{street}, {city}, jud. {county}|{city}, {street}|"
    "{street}, loc. {city}, jud. {county}, cod poștal {zip}]\n",
    "[Act de identitate: CI|Carte de identitate seria și nr.|C.I.]{sp}{ci}\n",
    "[Telefon|Tel.|Telefon pacient]:{sp}{phone}\n",
    "[Nr. card de sănătate|Card național de sănătate|Cod asigurat]:{sp}{card}\n",
)


def bilet_externare(c: Cast) -> str:
    identity = some_lines(c.rng, IDENTITY)
    return (
        "{hospital}\n[Secția {ward}|SECȚIA {ward}|Clinica {ward}]\n[{street}, {city}|{city}, jud. {county}|{city}]"
        "[ - Tel. {phone}| Tel./Fax: {fax}|]\n[Cont IBAN {iban}, Trezoreria {city}\n|||]\n"
        "[BILET DE EXTERNARE|Bilet de externare|BILET DE IEȘIRE DIN SPITAL]"
        "[ / Scrisoare medicală|]\n[Nr. FO|Foaia de observație nr.|F.O. nr.] {fo}[   Nr. registru: {registru}|]\n\n"
        + identity +
        "[Data internării: {admitted}   Data externării: {discharged}|"
        "Internat la data de {admitted}, externat la data de "
        "{discharged}|Perioada internării: {admitted} - {discharged}][   Salon {room}|]\n"
        "[Medic curant|Medic șef secție|Medic primar]: {dr}[, cod parafă {parafa}|]\n\n"
        "[Diagnostic la internare|DIAGNOSTIC LA INTERNARE]: {dx}\n[Diagnostic la externare|Diagnostice la externare"
        "|DIAGNOSTIC PRINCIPAL]: {dx}. {dx}.\n\n"
        "[Anamneza|ANAMNEZA|Istoricul bolii]: {Pacient}[ {ptbare}|], în vârstă de "
        "{age}, [se prezintă|se internează|este adus(ă) de ambulanță] pentru {finding}. {narrative} "
        "[Locuiește cu {kin}.|Pensionar(ă), fost(ă) {profession}.|Lucrează ca {profession} la {org}.|Locuiește în "
        "{city2}.|]\n\n[Examen clinic|EXAMEN OBIECTIV|Examenul obiectiv la internare]: {narrative}\n\n"
        "[Examene de laborator|Investigații paraclinice|EXAMENE PARACLINICE]: {exam} {exam}\n\n"
        "[Evoluție și tratament|Epicriza|EPICRIZA]: {course} "
        "[Reevaluat la {date}.|Reevaluare în data de {date}.|La data de {date}: reevaluare clinică.] {course}\n\n"
        "[Tratament la externare|Recomandări la externare|TRATAMENT RECOMANDAT]:\n{meds}\n"
        "[Control la {date} în ambulatoriul secției {ward}.|Revine pentru control peste {days} zile.|Se prezintă la "
        "medicul de familie, {gp}, în {centre}.|Control cu {dr} pe {date}.] [Pentru urgențe: {phone}.|]\n"
        "[S-a eliberat concediu medical.|Nu s-a eliberat concediu medical.|]\n\n"
        "[Medic curant|Semnătura și parafa medicului]: {dr}[ (parafa {parafa})|]\n[{city}, {date}|Data: {date}|]\n")


def scrisoare_medicala(c: Cast) -> str:
    return (
        "[SCRISOARE MEDICALĂ|Scrisoare medicală|Scrisoare medicală către medicul de familie]\n"
        "[Stimate coleg|Stimată colegă|Stimate(ă) coleg(ă)|Către {gp}],\n\nVă informăm că {pt}, "
        "[născut(ă) la {dob}, |CNP {cnp}, |în vârstă de {age}, |][cu domiciliul în {city}, {street}, |]"
        "a fost [internat(ă)|consultat(ă)] [în serviciul nostru|în secția noastră], [{ward}, |]"
        "[în perioada {admitted} - {discharged}|la data de {admitted}|între {admitted} și {discharged}], "
        "[nr. FO {fo}|FO nr. {fo}|nr. registru consultații {registru}].\n\n"
        "[Motivele prezentării|MOTIVELE PREZENTĂRII]: {finding}.\n"
        "[Diagnosticul|DIAGNOSTIC]: {dx}[; {dx}|].\n"
        "[Anamneză|Factori de risc]: {narrative} [Însoțit(ă) de {kin}; simptomele au debutat în {date}.|"
        "Antecedente: {dx} ({date}).|]\n"
        "[Examen clinic|Examen clinic general]: {narrative}\n"
        "[Examene de laborator|Rezultate]: {exam}\n[Examene paraclinice|EKG, ECO, Rx]: {exam}\n"
        "[Tratament efectuat|Tratament]: {course}\n"
        "[Alte informații referitoare la starea de sănătate a asiguratului|Observații]: [{narrative}|-]\n"
        "[Tratament recomandat|Recomandări]:\n{meds}\n"
        "[Indicație de revenire pentru internare: nu.|Revine la control în data de {date}.|Se recomandă control la "
        "{hospital} peste {days} zile.]\n[Contact|Informații]: {phone}[, {email}|]\n\n"
        "[Unitatea medicală|Unitate]: {hospital}, [{street}, |]{city}[, {country}|]\n"
        "[Semnătura și parafa medicului|Medic]: {dr}[, cod parafă {parafa}|]\n"
        "[Calea de transmitere: prin asigurat.|Calea de transmitere: prin poștă.|]\n"
        "[Data: {date}|{city}, {date}|]\n")


GENRES = ((0.5, "bilet_externare", bilet_externare), (0.5, "scrisoare_medicala", scrisoare_medicala))


write_note = partial(write_genre, genres=GENRES, cast=Cast, slots=SLOTS)
"""One note: `write_note(rng, seed) -> (genre, Note)`."""
