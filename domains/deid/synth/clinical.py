"""Non-PHI clinical content: vitals, labs, medications and telegraphic system-by-system phrases.

Deliberately full of words that look like names or places but are not PHI (eponyms, drug brands,
generic unit names, devices) and of numbers that are not dates (BP 118/62, pain 5/10, 1/2 NS). The word lists are the language folder's
(`domains/deid/en/lexicons/clinical.json`, v7).
"""

from __future__ import annotations

import random


def _w(name: str) -> tuple:
    """A word list of the notes' language (`domains/deid/<lang>/lexicons/clinical.json`)."""
    from .lexicons import words

    return words(f"clinical.{name}")


# The former module constants, now the language folder's lists (tests and other modules read them by name).
_TABLES = {"DRUGS": "drugs", "ROUTES": "routes", "FREQS": "freqs", "UNITS": "units_and_wards", "EPONYMS": "eponyms",
           "ABBREV": "team_abbreviations"}


def __getattr__(name: str):
    """The module's former word-list constants (`clinical.DRUGS`, ...), read from the language folder on access."""
    if name in _TABLES:
        return _w(_TABLES[name])
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def vitals(rng: random.Random) -> str:
    sbp, dbp = rng.randint(80, 180), rng.randint(40, 95)
    parts = [
        rng.choice(("BP ", "bp ", "SBP ", "B/P ", "NBP ", "ABP ")) + f"{sbp}/{dbp}",
        rng.choice(("HR ", "hr ", "P ", "HR: ")) + str(rng.randint(48, 140)),
        rng.choice(("RR ", "rr ", "R ")) + str(rng.randint(10, 34)),
        rng.choice(("SpO2 ", "sats ", "O2 sat ", "sat ", "SaO2 ")) + f"{rng.randint(86, 100)}%",
        rng.choice(("T ", "temp ", "Tmax ", "T: ")) + f"{rng.randint(96, 103)}.{rng.randint(0, 9)}",
        rng.choice(("CVP ", "cvp ")) + str(rng.randint(2, 18)),
        rng.choice(("MAP ", "map ")) + str(rng.randint(55, 110)),
    ]
    k = rng.randint(2, 6)
    sep = rng.choice((" ", ", ", "  ", "; "))
    return sep.join(parts[:k] if rng.random() < 0.6 else rng.sample(parts, k))


def labs(rng: random.Random) -> str:
    vals = [
        f"K {rng.randint(28, 60) / 10}", f"CR {rng.randint(5, 60) / 10}", f"BUN {rng.randint(5, 110)}",
        f"INR {rng.randint(9, 45) / 10}", f"Hct {rng.randint(19, 45)}", f"WBC {rng.randint(2, 30)}.{rng.randint(0, 9)}",
        f"Na {rng.randint(125, 152)}", f"Mg {rng.randint(12, 30) / 10}", f"glucose {rng.randint(60, 400)}",
        f"plt {rng.randint(20, 450)}", f"Hgb {rng.randint(60, 150) / 10}", f"lactate {rng.randint(5, 80) / 10}",
        f"PTT {rng.randint(22, 120)}.{rng.randint(0, 9)}", f"trop {rng.randint(1, 90) / 100}",
        f"CK {rng.randint(30, 4000)}", f"Ca {rng.randint(70, 110) / 10}", f"phos {rng.randint(15, 70) / 10}",
    ]
    sep = rng.choice((" ", ", ", "; ", "  "))
    return sep.join(rng.sample(vals, rng.randint(2, 6)))


def abg(rng: random.Random) -> str:
    return (f"{rng.choice(('ABG', 'abg', 'ABG:', 'VBG'))} {rng.randint(718, 750) / 100}/{rng.randint(25, 80)}/"
            f"{rng.randint(55, 400)}")


def vent(rng: random.Random) -> str:
    mode = rng.choice(("AC", "A/C", "CMV", "SIMV", "PSV", "CPAP", "PS", "IMV"))
    return rng.choice((
        f"{mode} {rng.randint(4, 7) * 100}x{rng.randint(10, 24)} {rng.randint(3, 10) * 10}% peep {rng.randint(5, 15)}",
        f"{mode} {rng.randint(4, 7) * 100} x {rng.randint(10, 24)}, FiO2 {rng.randint(3, 10) * 10}%, PEEP {rng.randint(5, 15)}",
        f"PS {rng.randint(5, 20)}/{rng.randint(5, 10)} FiO2 .{rng.randint(3, 6)}0",
        f"Vt {rng.randint(35, 70) * 10} RR {rng.randint(10, 26)} PEEP {rng.randint(5, 12)} FiO2 {rng.randint(30, 100)}%",
    ))


def med(rng: random.Random) -> str:
    dose = rng.choice(("5 mg", "10mg", "20 mg", "40mg", "0.5 mg", "1 mg", "2mg", "25 mcg", "100 mcg/hr", "1 gm",
                       "500 mg", "2 units", "4 units", "80 mEq", "12.5 mg", "1/2 tab", "2 tabs", "650 mg"))
    from .nonphi import drug

    return f"{drug(rng)} {dose} {rng.choice(_w('routes'))} {rng.choice(_w('freqs'))}"


def io(rng: random.Random) -> str:
    return rng.choice((f"I/O {rng.randint(5, 40) * 100}/{rng.randint(3, 30) * 100}",
                       f"{rng.choice(('u/o', 'UO', 'urine output'))} {rng.randint(10, 200)} cc/hr",
                       f"LOS {rng.choice(('+', '-'))}{rng.randint(1, 9)}L", f"24h in {rng.randint(800, 4500)} out "
                       f"{rng.randint(300, 4000)}", f"net {rng.choice(('+', '-'))}{rng.randint(100, 2500)} cc"))


def hemo(rng: random.Random) -> str:
    """Hemodynamic and other numeric runs that look date-like but are not."""
    a, b = rng.randint(60, 140), rng.randint(20, 90)
    return rng.choice((
        f"PAP {rng.randint(25, 70)}/{rng.randint(10, 35)}", f"CO/CI {rng.randint(20, 80) / 10}/{rng.randint(10, 40) / 10}",
        f"SVR {rng.randint(600, 2200)}", f"PCWP {rng.randint(8, 30)}", f"{a}-{a + rng.randint(5, 40)}",
        f"{a // 10 * 10}'s-{a // 10 * 10 + 10}'s", f"sbp {a}'s", f"{a}/{b}'s", f"fs {a * 2}-{a * 3}",
        f"{rng.randint(2, 20)} mcg/kg/min", f"{rng.randint(4, 7)}50*{rng.randint(8, 20)}",
        f"ph {rng.randint(720, 750) / 100}", f"{rng.randint(720, 750) / 100}-{b}-{a}", f"PS {rng.randint(5, 20)}/5",
        f"sats {rng.randint(85, 93)}-{rng.randint(94, 100)}%", f"{rng.randint(1, 4)}+ pitting", f"{b}0cc/hr",
        f"{rng.randint(1, 9)}u/hr", f"TV {rng.randint(3, 8)}00's", f"{rng.randint(2, 30)}cm h2o",
    ))


def filler(rng: random.Random, kind: str) -> str:
    """A non-PHI filler by name (used by the templates)."""
    from . import icu, nonphi
    from .lexicons import words

    fns = {
        "vitals": vitals, "labs": labs, "hemo": hemo, "abg": abg, "vent": vent, "med": med, "io": io,
        "drug": nonphi.drug, "unit": lambda r: r.choice(_w("units_and_wards")), "epo": lambda r: r.choice(_w("eponyms")),
        "team": lambda r: r.choice(_w("team_abbreviations")),
        "time": lambda r: r.choice((f"{r.randint(0, 23):02d}{r.choice(('00', '15', '30', '45'))}",
                                    f"{r.randint(1, 12)}{r.choice(('am', 'pm', ' am', ' pm', 'AM', 'PM'))}",
                                    f"{r.randint(1, 12)}:{r.choice(('00', '15', '30', '45'))}",
                                    r.choice(("noon", "midnight", "0700", "1900", "this am", "overnight", "12mn",
                                              "12n", "2100", "0300", "mn", "2am", "1600")))),
        # v8: a weekday alone is not PHI (HIPAA's Safe Harbor names dates and their elements, not the day of
        # the week; it identifies no one), so it is plain text beside the dates, in any casing
        "wday": lambda r: nonphi.recase3(r, r.choice(words("calendar.weekdays")
                                                     + words("calendar.weekday_abbreviations"))),
        "pain": lambda r: f"{r.randint(0, 10)}/10",
        "num": lambda r: str(r.randint(2, 12)),
        "gcs": lambda r: f"GCS {r.randint(3, 15)}",
        "fluid": lambda r: r.choice(("NS", "1/2 NS", "D5W", "LR", "D5 1/2 NS", "NS w/ 20 KCl", "albumin 25%")),
        "rate": lambda r: f"{r.randint(1, 30) * 5} cc/hr",
        "ett": lambda r: f"#{r.choice(('7.0', '7.5', '8.0'))} ETT @ {r.randint(20, 25)} cm",
        "weight": lambda r: f"{r.randint(45, 140)} kg",
        "ratio": lambda r: f"{r.randint(1, 4)}:{r.randint(1, 4)}",
        "o2": lambda r: r.choice((f"{r.randint(1, 6)}L NC", f"{r.randint(2, 6)} L nc", f"{r.randint(35, 100)}% face tent",
                                  f"{r.randint(40, 100)}% CFM", "RA", "room air", f"{r.randint(35, 70)}% venti mask")),
        **nonphi.filler_kinds(),
        **icu.filler_kinds(),
    }
    return fns[kind](rng)
