"""ICU bedside notation and vocabulary (non-PHI) for the offline teacher (v3).

Real ICU nursing notes are dense with numbers that are not dates and with short clinical words that a
student may take for names:

- numeric notation: ventilator settings ("SIMV 700/12/50", "CPAP+PS 5/5", "A/C 500x14", "PEEP 5", "40%"),
  hemodynamics ("PAP 55/30", "PA 60/22-26", "CVP 12-14", "CO/CI 4.1/2.05", "SVR 1150"), blood gases
  ("7.38/41/92"), urine output ranges ("30-60cc/hr"), time ranges ("2:30-3:15pm", "0300-0500"), drip rates
  ("levo 0.08 mcg/kg/min"), fractions and ratios ("2+/4+", "1:2", "3/5 strength");
- words: drip and drug shorthand ("levo", "neo gtt", "ampho B", "bactrim DS"), charting words and phrase
  starts ("GOAL:", "Response:", "Did well", "Tolerated"), and device words ("a-line", "swan", "IABP", "NRB").

Everything here is written from general ICU practice; all of it is plain text (no gold spans). Each function
takes the note's random source so the notes stay reproducible. The word lists are the language folder's
(`domains/deid/en/lexicons/clinical.json`, v7); the notation and sentence frames stay here.
"""

from __future__ import annotations

import random

from .nonphi import recase3


def _w(name: str) -> tuple:
    """A word list of the notes' language (`domains/deid/<lang>/lexicons/clinical.json`)."""
    from .lexicons import words

    return words(f"clinical.{name}")


# The former module constants, now the language folder's lists (tests and other modules read them by name).
_TABLES = {"DRIPS": "drips", "DRIP_TAILS": "drip_tails", "DRUG_SHORT": "drug_short", "DEVICES": "devices", "HEADINGS":
           "headings", "CHART_WORDS": "chart_words", "ADVERBS": "adverbs", "VENT_MODES": "vent_modes",
           "CHARTING_OBJECTS": "charting_objects", "ICU_UNITS": "icu_units", "PROCEDURES": "procedures",
           "SERVICES": "services"}


def __getattr__(name: str):
    """The module's former word-list constants (`icu.DRIPS`, ...), read from the language folder on access."""
    if name in _TABLES:
        return _w(_TABLES[name])
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")

# --- numeric notation -------------------------------------------------------------------------------------

def _n(rng: random.Random, a: int, b: int) -> int:
    return rng.randint(a, b)


def _dec(rng: random.Random, lo: float, hi: float, places: int = 1) -> str:
    return f"{rng.uniform(lo, hi):.{places}f}"


def vent_setting(rng: random.Random) -> str:
    """'SIMV 700/12/50 PEEP 5', 'CPAP+PS 5/5', 'A/C 500x14 40% +5', 'PEEP 8', 'FIO2 .50'."""
    n = lambda a, b: _n(rng, a, b)  # noqa: E731
    mode = rng.choice(_w("vent_modes"))
    vt, rr, fio2 = n(3, 9) * 100 + rng.choice((0, 0, 50)), n(8, 26), n(3, 10) * 10
    # v9: pressure support and PEEP as ventilators are set: in steps, PS mostly at or above PEEP ("10/5", "5/5",
    # "15/8"), now and then any value (v8 drew both uniformly, so "7/3" after a weaning verb read as a setting
    # and dates there were missed)
    if rng.random() < 0.85:
        ps = rng.choice((5, 5, 5, 8, 10, 10, 10, 12, 14, 15, 15, 16, 18, 20, 25))
        peep = rng.choice((0, 5, 5, 5, 5, 5, 8, 8, 10, 10, 12, 14, 15))
        if peep > ps and rng.random() < 0.8:
            ps, peep = peep, ps
    else:
        ps, peep = n(0, 20), n(0, 15)
    forms = (
        f"{mode} {vt}/{rr}/{fio2}", f"{mode} {vt}/{rr}/{fio2}/{peep}", f"{mode} {vt}/{rr}/{fio2}%/{peep}",
        f"{mode} {vt}x{rr}", f"{mode} {vt} x {rr}", f"{mode} {vt}x{rr} {fio2}%", f"{mode} {vt}x{rr}/{fio2}%/+{peep}",
        f"{mode} {ps}/{peep}", f"{mode} {ps}/{peep} {fio2}%", f"CPAP+PS {ps}/{peep}", f"CPAP {peep} PS {ps}",
        f"PS {ps}/{peep}", f"ps {ps}/{peep}/{fio2}%",
        f"PEEP {peep}", f"peep {peep}", f"+{peep} peep", f"{fio2}%", f"{fio2}% fio2", f"FIO2 {fio2}%",
        f"fio2 .{fio2 // 10}0", f"FiO2 0.{fio2 // 10}", f"{fio2}-{fio2 + 10}%", f"vent {vt}/{rr}/{fio2}/{peep}",
        f"TV {vt}", f"Vt {vt}'s", f"vt {vt}-{vt + 100}", f"spont vols {vt - 100}-{vt}", f"RR {rr}/{rr + n(0, 10)}",
        f"rr {rr}-{rr + n(2, 10)}", f"MV {_dec(rng, 5, 16)}", f"Ve {_dec(rng, 5, 16)}L", f"PIP {n(15, 45)}",
        f"peak {n(15, 45)} plat {n(12, 32)}", f"PIP {n(20, 45)}/plat {n(12, 30)}", f"RSBI {n(20, 140)}",
        f"NIF -{n(10, 40)}", f"VC {n(5, 15)}00", f"I:E 1:{n(1, 4)}", f"bipap {n(8, 20)}/{n(4, 10)}",
        f"BiPAP {n(8, 20)}/{n(4, 10)} {fio2}%", f"{n(1, 6)}L NC", f"{n(1, 6)}l nc", f"{fio2}% NRB", f"NRB {fio2}%",
        f"{fio2}% TM", f"{fio2}% face tent", f"{fio2}%/{n(1, 6)}L", f"IMV {n(2, 12)}", f"{mode} rate {rr}",
        f"cuff pressure {n(18, 30)}", f"ETT {n(19, 26)} @ lip", f"{n(19, 26)}cm @ lip", f"ETCO2 {n(25, 55)}",
        # v8: pressure support over PEEP with no mode before it, after the verbs of weaning; shaped like m/d
        f"weaned to {ps}/{peep}", f"wean to {ps}/{peep}", f"trial of {ps}/{peep}", f"tolerating {ps}/{peep}",
        f"weaning to {ps}/{peep}", f"trial on {ps}/{peep}",
    )
    return rng.choice(forms)


def hemodynamics(rng: random.Random) -> str:
    """'PAP 55/30', 'PA 60/22-26', 'CVP 12-14', 'CO/CI 4.1/2.05', 'SVR 1150', 'wedge 16'."""
    n = lambda a, b: _n(rng, a, b)  # noqa: E731
    ps, pd, cvp, w = n(20, 80), n(8, 40), n(1, 25), n(6, 35)
    co, ci = rng.uniform(1.8, 9.5), rng.uniform(1.0, 4.8)
    hdr = rng.choice(("PAP", "PA", "pa", "PAS", "pap", "PA pressures", "PAD", "PA's"))
    forms = (
        f"{hdr} {ps}/{pd}", f"{hdr} {ps}/{pd}-{pd + n(1, 6)}", f"{hdr} {ps}-{ps + n(2, 10)}/{pd}-{pd + n(2, 8)}",
        f"{hdr} {ps}'s/{pd}'s", f"{hdr} {ps}/{pd} ({n(15, 50)})", f"CVP {cvp}", f"CVP {cvp}-{cvp + n(1, 5)}",
        f"cvp {cvp}-{cvp + n(1, 5)}", f"RAP {cvp}", f"CVP {cvp}'s", f"CO/CI {co:.1f}/{ci:.2f}",
        f"co/ci {co:.1f}/{ci:.1f}", f"CO {co:.1f} CI {ci:.1f}", f"CO {co:.2f}", f"CI {ci:.1f}", f"C.O. {co:.1f}",
        f"co {co:.1f}/{ci:.1f}", f"SVR {n(400, 2600)}", f"svr {n(400, 2600)}", f"SVRI {n(900, 3500)}",
        f"PVR {n(80, 600)}", f"wedge {w}", f"Wedge {w}", f"PCWP {w}", f"pcwp {w}-{w + n(1, 5)}",
        f"PAOP {w}", f"SvO2 {n(40, 85)}%", f"svo2 {n(40, 85)}", f"ScvO2 {n(50, 85)}", f"MAP {n(50, 110)}",
        f"map {n(50, 70)}-{n(71, 100)}", f"MAPs {n(5, 9)}0's", f"ABP {n(80, 180)}/{n(40, 90)} ({n(55, 110)})",
        f"BP {n(80, 180)}/{n(40, 90)}-{n(140, 200)}/{n(60, 100)}", f"SBP {n(8, 16)}0's-{n(9, 18)}0's",
        f"HR {n(5, 13)}0-{n(8, 15)}0", f"hr {n(5, 13)}0's-{n(8, 15)}0's", f"{n(8, 18)}0/{n(4, 9)}0's",
        f"aug {n(90, 160)}", f"augmented {n(9, 16)}0's", f"IABP 1:{n(1, 3)}", f"iabp {n(1, 2)}:{n(1, 3)}",
        f"1:{n(1, 4)} augmentation", f"PAD {pd}", f"ICP {n(3, 30)}", f"CPP {n(50, 90)}", f"ICP {n(5, 25)}-{n(15, 35)}",
        f"dopp {n(60, 120)}", f"cuff {n(80, 170)}/{n(40, 90)}", f"pulse pressure {n(20, 80)}",
    )
    return rng.choice(forms)


def blood_gas(rng: random.Random) -> str:
    """'7.42/34/100', 'ABG 7.31/48/76/24/-2', 'pH 7.29', 'lactate 3.1'."""
    n = lambda a, b: _n(rng, a, b)  # noqa: E731
    ph = f"7.{n(5, 55):02d}"
    pco2, po2, hco3, be = n(20, 90), n(45, 450), n(12, 40), n(-15, 10)
    gas = rng.choice((f"{ph}/{pco2}/{po2}", f"{ph}/{pco2}/{po2}/{hco3}/{be}", f"{ph}/{pco2}/{po2}/{hco3}",
                      f"{ph}-{pco2}-{po2}", f"{ph} / {pco2} / {po2}", f"{ph}/{pco2}/{po2}/{be}"))
    lead = rng.choice(("", "", "ABG ", "abg ", "ABG: ", "VBG ", "vbg ", "gas ", "ABG- ", "last abg ", "am abg ",
                       "repeat abg "))
    tail = rng.choice(("", "", "", f" on {vent_setting(rng)}", f" sat {n(85, 100)}%", f" lactate {_dec(rng, 0.6, 9)}",
                       f" k {_dec(rng, 2.8, 6.2)}", f" ({n(0, 23):02d}00)"))
    single = rng.choice((f"pH {ph}", f"ph {ph}", f"pco2 {pco2}", f"po2 {po2}", f"HCO3 {hco3}", f"BE {be}",
                         f"base deficit {abs(be)}", f"lactate {_dec(rng, 0.6, 9)}", f"iCa {_dec(rng, 0.9, 1.3, 2)}",
                         f"SaO2 {n(85, 100)}%"))
    return lead + gas + tail if rng.random() < 0.8 else single


def urine_output(rng: random.Random) -> str:
    """'0-100cc/hr', 'uo 30-60cc/hr', 'u/o 20's', 'I/O +1500/-800'."""
    n = lambda a, b: _n(rng, a, b)  # noqa: E731
    lo = n(0, 12) * 10
    hi = lo + n(1, 20) * 10
    unit = rng.choice(("cc/hr", "cc/hr", "cc/h", "ml/hr", "ml/h", "cc/hour", "cc", "ml", "cc's/hr", " cc/hr",
                       " cc/hour", " ml/hr", "cc q1h"))
    head = rng.choice(("", "", "uo ", "u/o ", "UO ", "U/O ", "urine ", "foley draining ", "huo ", "qs ", "output "))
    forms = (f"{head}{lo}-{hi}{unit}", f"{head}{lo}-{hi}", f"{head}{hi}{unit}", f"{head}{lo // 10 * 10}'s",
             f"{head}{lo}-{hi}{unit} {rng.choice(('clear yellow', 'amber', 'concentrated', 'cloudy', 'qs'))}",
             f"I/O {rng.choice('+-')}{n(1, 40)}00/{rng.choice('+-')}{n(1, 30)}00", f"+{n(1, 40)}00/-{n(1, 30)}00",
             f"{n(5, 40)}00/{n(3, 30)}00", f"{n(10, 60)}0cc/{n(1, 12)}hr", f"{lo}-{hi}cc/hr after lasix",
             f"{n(1, 9)}.{n(0, 9)}L neg", f"LOS +{n(1, 15)}.{n(0, 9)}L", f"{n(1, 4)}L +", f"{lo}-{hi}cc q2h")
    return rng.choice(forms)


def time_range(rng: random.Random) -> str:
    """'3:15-4:00pm', '0300-0500', '7p-7a', '11a-3p', '2-4am', 'from 1am-3am' (clock times, not dates)."""
    n = lambda a, b: _n(rng, a, b)  # noqa: E731
    h1 = n(1, 12)
    h2 = (h1 + n(1, 4) - 1) % 12 + 1
    m1, m2 = rng.choice(("00", "15", "30", "45", "10", "20", "40", "50")), rng.choice(("00", "15", "30", "45", "05"))
    # "" (no am/pm) only where a colon or four digits show that it is a clock time
    ap = rng.choice(("am", "pm", "AM", "PM", " am", " pm", "a", "p", ""))
    H1 = n(0, 23)
    H2 = (H1 + n(1, 6)) % 24
    forms = (f"{h1}:{m1}-{h2}:{m2}{ap}", f"{h1}:{m1}{ap}-{h2}:{m2}{ap}", f"{h1}-{h2}{ap or 'pm'}",
             f"{h1}{ap or 'a'}-{h2}{ap or 'a'}",
             f"{H1:02d}{m1}-{H2:02d}{m2}", f"{H1:02d}00-{H2:02d}00", f"{H1:02d}:{m1}-{H2:02d}:{m2}",
             f"{rng.choice(('7a', '7p', '3p', '11p', '11a', '0700', '1900', '1500', '2300'))}-"
             f"{rng.choice(('7a', '7p', '3p', '11p', '0700', '1900', '1500', '2300'))}",
             f"{h1}:{m1}{ap}", f"@ {h1}:{m1}{ap}", f"at {H1:02d}{m1}", f"from {h1}{ap or 'pm'}-{h2}{ap or 'pm'}",
             f"between {h1} and {h2}{ap}", f"~{h1}:{m1}", f"{h1}:{m1} to {h2}:{m2}", f"x{n(1, 4)}hrs",
             f"{n(1, 12)} hrs", f"{n(2, 45)} min", f"{n(1, 3)}-{n(4, 8)} hrs", f"q{n(1, 3)}-{n(2, 6)}h")
    return rng.choice(forms)


def fraction(rng: random.Random) -> str:
    """Fractions, ratios, scores and small ranges: '2+/4+', '1:2', '3/5 strength', '4/10', '1/2 amp'."""
    n = lambda a, b: _n(rng, a, b)  # noqa: E731
    forms = (f"{n(1, 4)}+/{n(3, 4)}+", f"+{n(1, 4)}/+{n(1, 4)}", f"{n(1, 5)}/5 strength",
             f"{n(1, 5)}/5", f"{n(0, 10)}/10", f"{n(1, 4)}:{n(1, 4)}", f"1/{n(2, 4)} amp", f"1/2 NS",
             f"{n(1, 4)}/4 pulses", f"{n(1, 3)}/{n(2, 3)} sets",
             f"{n(2, 9)}.{n(0, 9)}-{n(3, 9)}.{n(0, 9)}", f"{n(100, 300)}-{n(150, 400)}",
             f"{n(1, 4)}-{n(2, 6)}+", f"{n(2, 9)}x{n(2, 9)}cm", f"{n(2, 9)}x{n(2, 9)}",
             f"{n(1, 3)}/{n(1, 3)} cultures pending", f"{n(1, 4)}/{n(1, 4)} sets +", f"rass {n(-4, 1)}/{n(-4, 1)}",
             f"GCS {n(3, 15)} ({n(1, 4)}/{n(1, 5)}/{n(1, 6)})",
             f"E{n(1, 4)}V{n(1, 5)}M{n(1, 6)}", f"{n(1, 4)}+ edema", f"{n(2, 10)}/{n(2, 10)} pupils",
             f"{n(2, 5)}mm/{n(2, 5)}mm", f"{n(90, 100)}-{n(96, 100)}%", f"{n(2, 8)}0%", f"{n(3, 12)}%",
             f"{n(1, 99)}%", f"Hct {n(20, 40)}.{n(0, 9)}/{n(20, 40)}.{n(0, 9)}",
             f"{n(2, 5)}.{n(0, 9)}->{n(2, 5)}.{n(0, 9)}",
             f"{n(20, 40)}->{n(20, 40)}", f"{n(100, 400)}K", f"{n(1, 4)}0K", f"{n(1, 6)} units", f"#{n(1, 4)}",
             # v8: murmur grades, culture bottles and how far up the lungs crackles reach
             f"{n(1, 4)}/6 SEM", f"{n(1, 4)}/6 murmur", f"+{n(1, 4)}/6", f"{n(1, 4)}/{n(2, 4)} bottles",
             f"{n(1, 2)}/2 bcx", f"up {n(1, 2)}/{n(2, 3)}", f"{n(1, 2)}/{n(3, 4)} way up")
    return rng.choice(forms)


def drip_rate(rng: random.Random) -> str:
    """'levo 0.08 mcg/kg/min', 'neo gtt @ 1.5', 'propofol 30mcg', 'heparin 900u/hr', 'insulin 4u/hr'."""
    n = lambda a, b: _n(rng, a, b)  # noqa: E731
    d = recase3(rng, rng.choice(_w("drips")))
    tail = rng.choice(_w("drip_tails"))
    name = f"{d} {tail}".strip()
    rate = rng.choice((f"{_dec(rng, 0.01, 0.5, 2)} mcg/kg/min", f"{_dec(rng, 0.02, 0.4, 2)}mcg/kg/min",
                       f"{n(1, 20)} mcg/kg/min", f"{n(1, 20)}mcg/kg", f"{n(1, 10)}mcg", f"{_dec(rng, 0.5, 9)}mcg",
                       f"{n(1, 30)}0 mcg/hr", f"{n(1, 20)}0mcg/hr", f"{n(1, 10)}mg/hr", f"{n(1, 12)} mg/hr",
                       f"{n(3, 20)}00u/hr", f"{n(5, 16)}00 units/hr", f"{n(1, 20)}u/hr", f"{n(1, 12)} u/hr",
                       f"{n(1, 60)}cc/hr", f"{n(1, 40)} cc/hr", f"{_dec(rng, 0.1, 5)}", f"{n(1, 40)}",
                       f"{_dec(rng, 0.01, 0.1, 2)}u/min", f"{n(5, 80)}mcg/kg/min", f"{n(1, 10)}"))
    return rng.choice((f"{name} {rate}", f"{name} @ {rate}", f"{name} at {rate}", f"{name} {rate}",
                       f"{name} off", f"{name} weaned to {rate}", f"{name} titrated to {rate}", f"{name} up to {rate}",
                       f"{name} {rate} -> {rate}", f"on {name}", f"off {name}", f"{name} weaned off",
                       f"{name} restarted @ {rate}", f"{name} increased to {rate}", f"{name} max {rate}"))


_UNIT_FRAMES = ("to {u} for {p}", "to {u} for {p} {t}", "back from {u} {t}", "back from {p}", "{p} done in {u}",
                "transported to {u} on {d}", "transported to {u} w/ RN and RT", "{p} {t}, tolerated well",
                "transfer to {u} when bed available", "? transfer to {u} in am", "came up from {u} {t}",
                "received from {u} {t}", "off unit to {u} {t}", "returned from {u} {t}", "{p} planned for {u} in am",
                "{S} aware", "{S} aware, {dr} ordered", "seen by {s}", "seen by {s} this am", "{s} consult called",
                "{S} consulted re: {p}", "paged {s} re: {h}", "{s} notified of {h}", "{S} to see pt", "{S} following",
                "{S} recs: {dr}", "per {s}, {p} in am", "d/w {s}, no new orders", "{s} in to see pt {t}",
                "{S} team aware of {h}", "{S} at bedside for {p}", "{S} placed {d}", "{d} placed by {s} {t}",
                "{p} by {s} {t}")


def unit_phrase(rng: random.Random) -> str:
    """Non-PHI places and services in the contexts where hospitals and clinicians also appear: 'to IR for
    IVC filter', 'back from CT @ 3pm', 'Renal aware', 'paged cards re: PAP 60/30', 'seen by neuro'."""
    s = rng.choice(_UNIT_FRAMES)
    fills = {"{u}": lambda: recase3(rng, rng.choice(_w("icu_units"))) if rng.random() < 0.3 else rng.choice(_w("icu_units")),
             "{p}": lambda: recase3(rng, rng.choice(_w("procedures"))) if rng.random() < 0.3 else rng.choice(_w("procedures")),
             "{s}": lambda: recase3(rng, rng.choice(_w("services"))) if rng.random() < 0.4 else rng.choice(_w("services")),
             "{S}": lambda: (lambda w: w[:1].upper() + w[1:])(recase3(rng, rng.choice(_w("services")))),
             "{t}": lambda: time_range(rng), "{d}": lambda: device(rng), "{dr}": lambda: drug_short(rng),
             "{h}": lambda: rng.choice((hemodynamics, urine_output, blood_gas, vent_setting))(rng)}
    for key, fn in fills.items():
        while key in s:
            s = s.replace(key, fn(), 1)
    return s


def icu_number(rng: random.Random) -> str:
    """Any of the ICU numeric notations above."""
    return rng.choice((vent_setting, vent_setting, hemodynamics, hemodynamics, blood_gas, urine_output,
                       time_range, fraction, fraction, drip_rate))(rng)


# --- words --------------------------------------------------------------------------------------------------

def drug_short(rng: random.Random) -> str:
    s = rng.choice(_w("drug_short") + _w("drips"))
    r = rng.random()
    if r < 0.25:
        s = f"{s} {rng.choice(_w('drip_tails')[:-1])}"
    elif r < 0.35:
        s = f"{s} {rng.choice(('IV', 'iv', 'po', 'PO', 'prn', 'x1', 'q6h', 'q8h', 'bid', 'q12h', 'qd', 'SL', 'pr'))}"
    return recase3(rng, s)


def drip(rng: random.Random) -> str:
    """A drip's name alone, as charted ('levo', 'Neo', 'PROPOFOL')."""
    return recase3(rng, rng.choice(_w("drips")))


def device(rng: random.Random) -> str:
    return recase3(rng, rng.choice(_w("devices"))) if rng.random() < 0.5 else rng.choice(_w("devices"))


def heading(rng: random.Random) -> str:
    h = rng.choice(_w("headings"))
    return h.upper() if rng.random() < 0.3 else h


def chart_start(rng: random.Random) -> str:
    """A capitalised or upper-case sentence start: 'Did well', 'SPONT VOLS', 'Wedge', 'Brady'."""
    w = rng.choice(_w("chart_words"))
    r = rng.random()
    return w.upper() if r < 0.3 else w.lower() if r < 0.45 else w


_SENTENCES = (
    "{cs} {adv}.", "{cs} {num}.", "{cs} on {dev}.", "{cs} {drug}.", "{cs} to {num}.", "{cs} {adv}, {num}.",
    "{cs} {num} on {vent}.", "{cs} w/ {drug}.", "{cs} after {drug} {adv}.", "{cs} {adv} on {vent}.",
    "{H}: {cs} {adv}.", "{H}: {num}.", "{H}: {drug} {adv}.", "{H}: {dev} {adv}.", "{H}- {drip}, {drip}.",
    "{H}: {drip}.", "{H}: {hemo}, {hemo}.", "{H}: {vent}, {abg}.", "{H}: {uo}.", "{H}: {time}.",
    "{H}: pt to {cs2} {adv}.", "{H}: maintain {dev}, {drip}.", "{H}: {cs}.", "{H} {cs} {adv}.",
    "{dev} {adv}.", "{dev} in place, {cs2}.", "{dev} d/c'd {time}.", "{dev} placed {time}, {cs2} {adv}.",
    "{dev} to {dev}.", "{Dev} {cs2} {adv}.", "{Dev} {cs2}, {num}.", "{Dev} {num}.", "{Dev}: {num}.",
    "{drip}, {drip}.", "{drip}.", "{Drug} {adv}.", "{Drug} given {time}.", "{Drug} given for {num}.",
    "{Drug} and {drug} {adv}.", "{Drug} held for {hemo}.", "{Drug}/{drug}.", "{Drug} d/c'd.", "cont {drug}.",
    "on {drug} and {drug}.", "{drug} {adv}.", "{drug} x1 {time}.", "{drug} {num}.", "{drug} for {uo}.",
    "{vent}, {abg}.", "{vent}.", "{Vent} {adv}.", "placed on {vent} {time}.", "weaned to {vent} {time}.",
    "{hemo}, {hemo}, {hemo}.", "{hemo}.", "{Hemo} {adv}.", "{abg}.", "{abg} on {vent}.", "{uo}.", "{uo} {adv}.",
    "{time} {cs2} {adv}.", "{time}: {cs} {adv}.", "{time} {drug} given.", "{frac}.", "{cs} {frac}.",
    "{frac} {adv}.", "{num}, {num}, {num}.", "{cs} {dev} {num}.",
    "{unit}.", "{unit}.", "{Unit}.", "{cs} {adv}, {unit}.", "{unit}, {num}.", "{H}: {unit}.",
    "{ecg}.", "{H}: {ecg}.", "EKG: {ecg}.", "EKG {ecg}.", "{ecg}, {ecg}.", "{ecg} {adv}.", "{cs} {ecg}.",
)


def ecg_phrase(rng: random.Random) -> str:
    """A rhythm or EKG finding: 'ST elevations in V2-V4', 'no ST changes' ('ST' is a segment, not a saint)."""
    s = rng.choice(_w("ecg_findings")).replace("{leads}", rng.choice(_w("ecg_leads"))).replace("{n}", str(rng.randint(5, 13)))
    r = rng.random()
    return s.upper() if r < 0.25 else s.lower() if r < 0.4 else s


def icu_sentence(rng: random.Random) -> str:
    """One charting sentence built from the ICU notation and vocabulary above."""
    s = rng.choice(_SENTENCES)
    fills = {
        "{cs}": lambda: chart_start(rng), "{cs2}": lambda: rng.choice(_w("chart_words")).lower(),
        "{adv}": lambda: rng.choice(_w("adverbs")), "{num}": lambda: icu_number(rng), "{dev}": lambda: device(rng),
        "{Dev}": lambda: (lambda d: d[:1].upper() + d[1:])(device(rng)), "{drug}": lambda: drug_short(rng),
        "{Drug}": lambda: (lambda d: d[:1].upper() + d[1:])(drug_short(rng)), "{drip}": lambda: drip_rate(rng),
        "{H}": lambda: heading(rng), "{hemo}": lambda: hemodynamics(rng),
        "{Hemo}": lambda: (lambda d: d[:1].upper() + d[1:])(hemodynamics(rng)), "{vent}": lambda: vent_setting(rng),
        "{Vent}": lambda: (lambda d: d[:1].upper() + d[1:])(vent_setting(rng)), "{abg}": lambda: blood_gas(rng),
        "{uo}": lambda: urine_output(rng), "{unit}": lambda: unit_phrase(rng),
        "{Unit}": lambda: (lambda d: d[:1].upper() + d[1:])(unit_phrase(rng)), "{time}": lambda: time_range(rng),
        "{frac}": lambda: fraction(rng), "{ecg}": lambda: ecg_phrase(rng),
    }
    for key, fn in fills.items():
        while key in s:
            s = s.replace(key, fn(), 1)
    return s


def icu_block(rng: random.Random) -> str:
    """A few ICU charting sentences on one line or a heading plus sentences."""
    k = rng.randint(1, 4)
    return rng.choice((" ", "  ", " ", "\n")).join(icu_sentence(rng) for _ in range(k))


def filler_kinds() -> dict:
    """Filler functions this module adds to the templates' `{name}` slots."""
    return {"icunum": icu_number, "ventset": vent_setting, "hemod": hemodynamics, "gas": blood_gas,
            "uorange": urine_output, "trange": time_range, "frac": fraction, "driprate": drip_rate,
            "drugshort": drug_short, "drip": drip, "device": device, "heading": heading, "cstart": chart_start,
            "icusent": icu_sentence, "icublock": icu_block,
            "unitp": unit_phrase, "ecg": ecg_phrase}


# --- decoys: ordinary words in the slots where names and hospitals go -------------------------------------

def _name_case(rng: random.Random, s: str) -> str:
    """The casings a name takes in notes: Capitalised (most), lower, UPPER."""
    r = rng.random()
    return s.lower() if r < 0.3 else s.upper() if r < 0.5 else " ".join(w[:1].upper() + w[1:] for w in s.split())


def decoy(rng: random.Random, kind: str) -> str:
    """A non-PHI word or two for a person slot ('d/w renal', 'per Spont vols', 'seen by CARDS') or a hospital
    slot ('transferred from rehab', 'back to Cath lab'), cased as a name would be there (no gold span): the
    student has to learn that a name's context does not make a name of whatever fills it."""
    from .nonphi import pseudo_drug, word

    if kind == "place":
        s = rng.choice((lambda: rng.choice(_w("icu_units")), lambda: rng.choice(_w("procedures")),
                        lambda: rng.choice(_w("services")), lambda: word(rng, "n")))()
    else:
        s = rng.choice((lambda: rng.choice(_w("services")), lambda: rng.choice(_w("chart_words")), lambda: word(rng, "n"),
                        lambda: word(rng, "a"), lambda: f"{word(rng, 'a')} {word(rng, 'n')}",
                        lambda: drug_short(rng), lambda: device(rng), lambda: pseudo_drug(rng),
                        lambda: rng.choice(_w("drips"))))()
    return _name_case(rng, s)
