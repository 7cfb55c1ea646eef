"""Turkish genres: the inpatient discharge summary (epikriz, with the hospital's "T.C. Sağlık Bakanlığı" letterhead,
the patient fields of the form and the sections şikayet, hikaye, özgeçmiş, fizik muayene, tetkikler, tedavi ve
seyir, taburcu önerileri) and the outpatient visit report (poliklinik muayene notu). Each note is written from
templates whose `{slot}`s are filled by a cast (one patient, relatives, clinicians, a hospital) so that people and
places recur; every PHI value is recorded as a gold span when written. Titles ("Uzm. Dr."), honorifics after the
name ("Hanım", "Bey"), kinship words and case suffixes after an apostrophe ("Ankara'da") stay outside the spans."""

from __future__ import annotations

import random
from functools import partial

from ..genrekit import (People, clinical_slots, draw_stay, ident_slots, medication_lines, mixed_narrative,
                        people_slots, some_lines, stay_slots, write_genre)
from ..langkit import (age_segments, date_segments, digits, fill_fields, given_name, kin_segments, name_segments,
                       phone_segments, weighted)
from . import grammar as g
from . import lexicon as lx


# A patient is an adult 92% of the time.
AGES = ((0.92, (18, 97)), (0.08, (1, 17)))


class Cast(People):
    """The people and places of one note."""

    def __init__(self, rng: random.Random, seed: int) -> None:
        super().__init__(rng, g.fake(seed), g.person, gp=False)
        self.province, self.district = rng.choice(g.PROVINCES), rng.choice(g.DISTRICTS)
        self.hospital = self.institution(lx.HOSPITALS)
        self.clinic = rng.choice(lx.CLINICS)
        self.admitted, self.discharged, self.age, self.born = draw_stay(rng, 21, AGES)

    def institution(self, shapes) -> str:
        rng = self.rng
        return rng.choice(shapes).format(province=rng.choice((self.province, rng.choice(g.PROVINCES))),
                                         district=self.district, surname=self.fake.last_name(),
                                         n=rng.randint(1, 40), company=self.fake.company())


def _then(c: Cast, pieces: list, case: str | None) -> list:
    """The pieces, then a case ending after an apostrophe (outside the span) when `case` is given."""
    if case is None:
        return pieces
    return pieces + [(g.suffix(pieces[-1][0], case), None, None)]


def _name(c: Cast, who: dict, label: str, titles: dict | None, p_title: float, case: str | None = None) -> list:
    pieces = name_segments(c.rng, g.NAMES, who, label, titles, p_title)
    if case is None and titles is g.TITLES_PATIENT and not pieces[0][0] and c.rng.random() < 0.25:
        pieces.append((c.rng.choice(g.HONORIFICS[who["female"]]), None, None))  # "Ayşe Hanım", "Mehmet Bey"
    return _then(c, pieces, case)


def _street(c: Cast) -> list:
    family, value = g.street(c.rng, c.fake)
    return [(value, "STREET", family)]


def _email(c: Cast) -> list:
    p = c.rng.choice((c.patient, c.doctors[0]))
    first = p["first"].split()[0]
    user = c.rng.choice((f"{first}.{p['last']}", f"{first[0]}{p['last']}", f"{p['last']}{c.rng.randint(1, 99)}",
                         f"{first}{p['last']}{c.rng.randint(60, 99)}", f"dr.{p['last']}"))
    fold = str.maketrans("çğıöşüÇĞİÖŞÜ", "cgiosuCGIOSU")
    return [(f"{g.tr_lower(user).translate(fold)}@{c.rng.choice(lx.DOMAINS)}", "EMAIL", None)]


def _clinical(c: Cast, kind: str) -> str:
    rng = c.rng
    pick = {"finding": lx.FINDINGS, "exam": lx.EXAMS, "course": lx.COURSE, "dx": lx.DIAGNOSES}[kind]
    text = rng.choice(pick).format(n="{n}", drug=rng.choice(lx.DRUGS).capitalize(),
                                   brand=rng.choice(lx.BRANDS), eponym=rng.choice(lx.DISEASES),
                                   sign=rng.choice(lx.SIGNS), proc=rng.choice(lx.PROCEDURES),
                                   clinic=rng.choice(lx.CLINICS))
    return fill_fields(text, {"n": lambda: str(rng.randint(2, 9))})  # each {n} its own digit


def _sentence(c: Cast) -> str:
    """One PHI-free sentence: numbers that are not ages or dates, durations, eponyms, drugs."""
    rng = c.rng

    def n() -> str:
        return str(rng.randint(1, 9))

    def first_upper(text: str) -> str:
        return text[:1].upper() + text[1:]

    fields = {"duration": lambda: rng.choice(lx.DURATIONS).format(n=rng.randint(2, 30)),
              "measure": lambda: rng.choice(lx.MEASURES).format(n=n(), a=rng.randint(95, 190), b=rng.randint(50, 110)),
              "finding": lambda: first_upper(_clinical(c, "finding")),
              "dx": lambda: _lower_first(_clinical(c, "dx")),
              "drug": lambda: first_upper(rng.choice(lx.DRUGS + lx.BRANDS)), "n": n,
              "proc": lambda: rng.choice(lx.PROCEDURES), "clinic": lambda: rng.choice(lx.CLINICS),
              "acr": lambda: rng.choice(lx.ACRONYMS),
              "eponym_phrase": lambda: first_upper(rng.choice(lx.EPONYM_PHRASES).format(e=rng.choice(lx.EPONYMS)))}
    return fill_fields(rng.choice(lx.SENTENCES), fields)


def _lower_first(dx: str) -> str:
    """A diagnosis inside a sentence: its first letter in lower case, unless it is an eponym ("Crohn hastalığı")."""
    return dx if dx.split()[0] in lx.DISEASES or dx[1:2].isupper() else g.tr_lower(dx[:1]) + dx[1:]


def _narrative(c: Cast) -> str:
    """A few PHI-free sentences (the translation domain has no Turkish templates): ours, shuffled."""
    return mixed_narrative(c.rng, lambda: _sentence(c), (lambda: _clinical(c, "exam"), lambda: _clinical(c, "course")))


DOSES = ("1 tb", "500 mg", "20 mg", "1 gr", "40 mg sc", "5 mg")
TIMES = ("2x1", "1x1", "3x1", "sabah", "akşam", "gerektiğinde", "1x1 tok karnına")


SLOTS = {
    **people_slots(_name, g.TITLES_PATIENT, g.TITLES_DOCTOR, 0.3, 0.85),
    "pt_gen": lambda c: _name(c, c.patient, "PATIENT", None, 0, "gen"),
    "dr_dat": lambda c: _name(c, c.rng.choice(c.doctors), "DOCTOR", g.TITLES_DOCTOR, 0.9, "dat"),
    "kin": lambda c: kin_segments(c.rng, lx.KIN, given_name(c.fake)),
    **stay_slots(lambda c, when=None: date_segments(c.rng, g.DATES, when)),
    "date_loc": lambda c: _then(c, date_segments(c.rng, g.DATES), "loc"),
    "dob": lambda c: date_segments(c.rng, g.DATES, c.born, c.rng.choice(("dmy_dot", "dmy_dot", "long", "dmy_slash"))),
    "age": lambda c: age_segments(c.rng, g.AGES, c.age),
    "agefield": lambda c: [(lambda fam: (g.AGES.families[fam][1](c.rng, c.age), "AGE", fam))(
        c.rng.choice(("bare", "bare", "yas", "y")))],
    "phone": lambda c: phone_segments(c.rng, g.PHONES), "fax": lambda c: phone_segments(c.rng, g.PHONES, "FAX"),
    "email": _email, "street": _street,
    "province": lambda c: [(c.province, "CITY", None)],
    "PROVINCE": lambda c: [(g.tr_upper(c.province), "CITY", None)],
    "district": lambda c: [(c.district, "CITY", None)],
    "city_dat": lambda c: _then(c, [(g.town(c.rng), "CITY", None)], "dat"),
    "city_abl": lambda c: _then(c, [(g.town(c.rng), "CITY", None)], "abl"),
    "zip": lambda c: [(f"{c.rng.randint(1, 81):02d}{digits(c.rng, 3)}", "ZIP", None)],
    "country": lambda c: [(c.rng.choice(("Türkiye", "Türkiye", "TÜRKİYE", "KKTC", "Azerbaycan")), "COUNTRY", None)],
    "hospital": lambda c: [(c.hospital, "HOSPITAL", None)],
    "HOSPITAL": lambda c: [(g.tr_upper(c.hospital), "HOSPITAL", None)],
    "centre": lambda c: [(c.institution(lx.HEALTH_CENTRES), "HOSPITAL", None)],
    "org": lambda c: [(c.institution(lx.ORGANIZATIONS), "ORGANIZATION", None)],
    "profession": lambda c: [(c.rng.choice(lx.PROFESSIONS) if c.rng.random() < 0.6 else c.fake.job(), "PROFESSION",
                              None)],
    **ident_slots(g.IDS, {key: key for key in ("tckn", "dosya", "protokol", "takip", "tescil", "iban")}),
    "sex": lambda c: c.rng.choice(("Kadın", "K", "KADIN")) if c.patient["female"] else c.rng.choice(("Erkek", "E",
                                                                                                       "ERKEK")),
    "sexword": lambda c: "kadın" if c.patient["female"] else "erkek",
    "clinic": lambda c: c.clinic, "CLINIC": lambda c: g.tr_upper(c.clinic),
    **clinical_slots(_clinical),
    "meds": lambda c: medication_lines(c.rng, lx.DRUGS + lx.BRANDS, DOSES, TIMES, ("- ", "{}. ", "{}) ", "")),
    "narrative": _narrative,
    "sp": lambda c: weighted(c.rng, [(0.75, " "), (0.25, "  ")]),
    "room": lambda c: f"{c.rng.randint(1, 9)}{digits(c.rng, 2)}",
    "days": lambda c: str(c.rng.randint(2, 21)),
}

FORM = (
    "[Hasta Adı Soyadı|Adı Soyadı|HASTA ADI SOYADI|Hasta]:{sp}{ptbare}\n",
    "[T.C. Kimlik No|TC Kimlik No|T.C. No|TCKN]:{sp}{tckn}\n",
    "[Dosya No|Hasta No|Arşiv No]:{sp}{dosya}[   Protokol No: {protokol}|]\n",
    "[Doğum Tarihi|D. Tarihi|Doğum Tarihi / Yeri]:{sp}{dob}[ / {province}|][   Yaş: {agefield}|]\n",
    "Cinsiyet:{sp}{sex}\n",
    "[Adres|Adresi|İkamet Adresi]:{sp}{street}[ {zip}|] [{district}/{PROVINCE}|{district} / {province}|{province}]\n",
    "[Telefon|Tel|Cep Tel]:{sp}{phone}\n",
    "[SGK Takip No|Takip No|Provizyon No]:{sp}{takip}\n",
)


def epikriz(c: Cast) -> str:
    form = some_lines(c.rng, FORM)
    return (
        "[T.C.\nSAĞLIK BAKANLIĞI\n|T.C. SAĞLIK BAKANLIĞI\n|]{HOSPITAL}\n[{CLINIC} KLİNİĞİ|{clinic} Kliniği|"
        "{clinic} Servisi]\n\n[EPİKRİZ|EPİKRİZ RAPORU|Epikriz / Çıkış Özeti|TABURCU ÖZETİ]\n\n" + form +
        "[Yatış Tarihi: {admitted}   Çıkış Tarihi: {discharged}|Yatış - Çıkış Tarihi: {admitted} - {discharged}|"
        "Servise Yatış: {admitted}   Taburcu: {discharged}][   Oda/Yatak: {room}|]\n"
        "[Sorumlu Hekim|Sorumlu Doktor|Hekim]: {dr}[   Dip. Tescil No: {tescil}|]\n\n"
        "[TANI|Tanı (ICD-10)|Ön Tanı]: {dx}[, {dx}|]\n\n[ŞİKAYETİ|Şikayet|Başvuru Şikayeti]: {finding}.\n\n"
        "[HİKAYESİ|Hikaye|Öykü]: [{age} {sexword} hasta|Hasta] {finding} şikayetiyle [acil servise başvurdu"
        "|polikliniğimize başvurdu|{date_loc} başvurdu]. {narrative} [Hasta {city_dat} sevk edildi.|"
        "{kin} ile birlikte yaşıyor.|Mesleği: {profession}.|{org} çalışanı.|]\n\n"
        "[ÖZGEÇMİŞ|Özgeçmiş]: {dx} ({date}). [Soygeçmiş: özellik yok.|SOYGEÇMİŞ: annesinde {dx}.|]\n\n"
        "[FİZİK MUAYENE|Fizik Muayene]: {narrative}\n\n[TETKİKLER|Laboratuvar ve Görüntüleme]: {exam} {exam}\n\n"
        "[TEDAVİ VE KLİNİK SEYİR|Klinik Seyir|Yatış Süresince Yapılan Tedavi]: {course} [{date_loc} kontrol "
        "tetkikleri yapıldı.|{date} tarihinde hasta {dr_dat} konsülte edildi.|] {course}\n\n"
        "[TABURCU ÖNERİLERİ|Çıkış Önerileri|Öneriler]:\n{meds}\n"
        "[{date} tarihinde {clinic} polikliniği kontrolü.|{days} gün sonra kontrole gelmesi önerildi.|Aile hekimi "
        "kontrolü: {centre}.|{dr_dat} kontrole gelmesi önerildi.] [Acil durumda {phone} numarasını arayınız.|]\n\n"
        "[Sorumlu Hekim|İmza|Hekim]: {dr}[ (Dip. Tescil No: {tescil})|]\n[{province}, {date}|Tarih: {date}|]\n")


def poliklinik(c: Cast) -> str:
    return (
        "{hospital}\n[{clinic} Polikliniği|{CLINIC} POLİKLİNİĞİ]\n[{street}, {district}/{province}|{province}]"
        "[ - Tel: {phone}| Faks: {fax}|]\n\n[POLİKLİNİK MUAYENE NOTU|Muayene Raporu|Poliklinik Muayene Kaydı]\n\n"
        "[Hasta|Adı Soyadı]: {ptbare}   [TC|T.C. Kimlik No]: {tckn}[   Protokol: {protokol}|]\n"
        "[Muayene Tarihi|Başvuru Tarihi|Tarih]: {date}[   Yaş: {agefield}|]\n\n"
        "[{pt}, {age}, {finding} şikayetiyle başvurdu.|{age} {sexword} hasta, {finding} şikayeti ile "
        "polikliniğimize başvurdu.|{pt_gen} şikayeti {finding}.] {narrative}\n"
        "[Özgeçmişinde {dx} mevcut.|{date_loc} {dx} tanısı konmuş.|Bilinen hastalığı yok.] "
        "[{kin} eşliğinde geldi.|Mesleği {profession}.|{city_abl} sevkli.|{city_dat} yeni taşınmış.|]\n"
        "[Muayene|Fizik muayene]: {narrative}\n[Tetkik|Sonuçlar]: {exam}\n[Plan|Öneri]:\n{meds}\n"
        "[Kontrol: {date}.|{days} gün sonra kontrol.|{hospital} {clinic} kliniğine sevk edildi.]\n"
        "[İletişim: {email}|E-posta: {email}|Tel: {phone}|]\n"
        "[Hekim|Muayene eden|Doktor]: {dr}[, {clinic}|][ - Dip. Tescil No: {tescil}|]\n"
        "[Fatura hesabı: {iban}\n|||]")


GENRES = ((0.55, "epikriz", epikriz), (0.45, "poliklinik", poliklinik))


write_note = partial(write_genre, genres=GENRES, cast=Cast, slots=SLOTS)
"""One note: `write_note(rng, seed) -> (genre, Note)`."""
