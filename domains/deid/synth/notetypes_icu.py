"""ICU nursing, nursing shift and respiratory therapy notes: short telegraphic system-by-system lines.

The line tables are data, in the notes' language folder: `domains/deid/<lang>/notetypes/icu.json` (diagnoses DX
and history HX for the `{dx}`/`{hx}` placeholders; SYSTEMS: the headings of each body system and its fragments,
to which EVERY_SYSTEM and the system's ICU_SYSTEM notation are added; the intro, PMH, social, plan, hospital
and contact lines; the nursing shift's events and the respiratory therapist's lines). `note_tables` reads them
once, on first use.
"""

from __future__ import annotations

import json
import re
from functools import lru_cache

from medkiln.core.errors import MedkilnError

from .grammar import language
from .lexicons import LANG
from .narrative import paragraph
from .render import Ctx

_DXHX = re.compile(r"\{(dx|hx)\}")


@lru_cache(maxsize=None)
def note_tables(name: str) -> dict:
    """The tables of `notetypes/<name>.json` in the notes' language folder (E453 names a missing or bad file)."""
    path = language(LANG).folder / "notetypes" / f"{name}.json"
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise MedkilnError("E453", path=path, where="file", reason="does not exist", loader=__name__) from None
    except json.JSONDecodeError as e:
        raise MedkilnError("E453", path=path, where=f"line {e.lineno}", reason=f"is not valid JSON ({e.msg})",
                           loader=__name__) from None


@lru_cache(maxsize=1)
def icu_tables() -> dict:
    """icu.json as the note types read it: DX and HX as tuples, SYSTEMS as {headings: fragments} with the
    fragments every system shares and the system's ICU notation appended."""
    tables = dict(note_tables("icu"))
    tables["DX"], tables["HX"] = tuple(tables["DX"]), tuple(tables["HX"])
    systems = {}
    for system in tables["SYSTEMS"]:
        names = tuple(system["headings"])
        systems[names] = [*system["fragments"], *tables["EVERY_SYSTEM"], *tables["ICU_SYSTEM"].get(names[0], [])]
    tables["SYSTEMS"] = systems
    # v9: dated events of a system ("<drip> weaned off <date>", "extubated <date>"), in notes with PHI
    phi = tables.get("ICU_SYSTEM_PHI", {})
    tables["SYSTEMS_PHI"] = {names: list(phi.get(names[0], [])) for names in systems}
    return tables


def __getattr__(name: str):
    """The tables as module attributes (`from .notetypes_icu import DX, HX`)."""
    tables = icu_tables()
    if name not in tables:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return tables[name]


def _expand(ctx: Ctx, template: str) -> str:
    """Fill the `{dx}` / `{hx}` diagnosis placeholders (non-PHI) with distinct picks."""
    tables = icu_tables()
    hx = iter(ctx.rng.sample(tables["HX"], 6))
    return _DXHX.sub(lambda m: ctx.rng.choice(tables["DX"]) if m.group(1) == "dx" else next(hx, "htn"), template)


def system_line(ctx: Ctx, names: tuple[str, ...], frags: list[str]) -> None:
    """One system's line: its heading and 1-5 fragments; in a note with PHI, now and then one of the system's dated
    events among them, on top of the note's PHI budget so the other kinds of PHI keep their share (the verbs of
    weaning and removal are followed by dates as often as by settings: "off since 3/4" beside "weaned to 10/5")."""
    rng = ctx.rng
    header = rng.choice(names) + rng.choice((": ", ":", " - ", "- ", " ", ": ", "; ", "=", "--", "-", "="))
    k = rng.randint(1, 5)
    sep = rng.choice((", ", ", ", ". ", "; ", " ", ",  "))
    picked = rng.sample(frags, min(k, len(frags)))
    dated = icu_tables()["SYSTEMS_PHI"].get(names, [])
    if dated and ctx.mode != "none" and rng.random() < ctx.p_phi * 0.5:  # on top of the PHI budget, like contacts
        picked.insert(rng.randint(1, len(picked)), rng.choice(dated))  # never first: the heading stays plain
    ctx.emit(header + sep.join(picked) + rng.choice((".", "", "", " ")))
    ctx.b.text(rng.choice(("\n", "\n", "\n\n", " \n", "\n \n")))


def ending(ctx: Ctx, p_sig: float) -> None:
    """End a note: usually an ordinary last sentence, sometimes a signature on its own line (name + credential)."""
    rng = ctx.rng
    if rng.random() < 0.65:
        ctx.emit(rng.choice(("{closing}", "{closing}", "{prep}", "{medp}.", "see {chart}.", "{closing} {closing}")))
    if rng.random() < p_sig:
        ctx.b.text(rng.choice(("\n", "\n", "\n\n", "\n- ", "\n__ ")))
        ctx.emit("{sig}")


def contacts(ctx: Ctx, p: float) -> None:
    """A contact or whereabouts line (v7), in notes that have PHI, on top of their PHI budget."""
    if ctx.mode != "none" and ctx.rng.random() < p:
        ctx.emit(ctx.rng.choice(icu_tables()["CONTACT_LINES"]) + ctx.rng.choice((".", "", ";")))
        ctx.b.text(ctx.rng.choice(("\n", " ", "\n")))


def icu_nursing(ctx: Ctx) -> None:
    rng, tab = ctx.rng, icu_tables()
    ctx.maybe(0.6, [_expand(ctx, t) for t in tab["INTRO_PLAIN"] + tab["INTRO_PHI"]])
    ctx.maybe(0.35, [_expand(ctx, t) for t in tab["PMH"]])
    systems = list(tab["SYSTEMS"].items())
    keep = systems[:4] + [s for s in systems[4:] if rng.random() < 0.5] if rng.random() < 0.7 \
        else rng.sample(systems, rng.randint(1, 4))
    paragraph(ctx, rng.choice((0, 0, 1, 2, 3)))
    for names, frags in keep:
        system_line(ctx, names, frags)
        if rng.random() < 0.2:
            ctx.emit("{glued}")
            ctx.b.text(rng.choice(("\n", " ", "\n")))
        if rng.random() < 0.3:
            paragraph(ctx, rng.randint(1, 3))
        if rng.random() < 0.35:
            ctx.emit(rng.choice(tab["ICU_LINES"]))
            ctx.b.text(rng.choice(("\n", "\n", " ", "\n\n")))
        if rng.random() < 0.12:
            ctx.line(["{dr} aware of {vitals}.", "md aware.", "{team} aware.", "{dr} notified, no new orders.",
                      "paged {dr} re: low u/o, {fluid} bolus given.", "ho aware."])
    if ctx.mode != "none" and rng.random() < 0.8:  # on top of the PHI budget: notes with PHI only
        ctx.emit(_expand(ctx, rng.choice(icu_tables()["HOSP_LINES"])))
        ctx.b.text(rng.choice(("\n", " ", "\n")))
    if rng.random() < 0.6:
        ctx.b.text(rng.choice(("SOCIAL: ", "Social: ", "social- ", "Soc: ", "FAMILY: ", "Dispo: ")))
        ctx.line(tab["SOCIAL_PLAIN"] + tab["SOCIAL_PHI"])
    contacts(ctx, 0.4)
    if rng.random() < 0.7:
        ctx.b.text(rng.choice(("PLAN: ", "Plan: ", "plan- ", "P: ", "A/P: ", "A: stable. P: ")))
        ctx.line(tab["PLAN_PLAIN"] + tab["PLAN_PHI"])
    ending(ctx, 0.3)


def nursing_shift(ctx: Ctx) -> None:
    rng = ctx.rng
    ctx.maybe(0.5, ["[Nursing note|NURSING NOTE|Nsg note|nursing shift note] {time}-{time}:", "7p-7a:", "0700-1500"])
    events = icu_tables()["NURSING_EVENTS"]
    if ctx.mode != "none" and rng.random() < 0.5:
        ctx.emit(_expand(ctx, rng.choice(icu_tables()["HOSP_LINES"])))
        ctx.b.text("\n")
    for _ in range(rng.randint(1, 8)):
        ctx.line(events, end=rng.choice(("\n", " ", "  ", "\n")))
        if rng.random() < 0.4:
            paragraph(ctx, rng.randint(1, 3))
    ctx.b.text("\n")
    contacts(ctx, 0.4)
    if rng.random() < 0.3:
        ctx.line(["{sig}", "{sig}", "{sig} {time}", "[Signed|signed|Sig]: {sig}"])
    else:
        ending(ctx, 0.1)


def respiratory(ctx: Ctx) -> None:
    rng = ctx.rng
    ctx.b.text(rng.choice(("Resp Care Note: \n", "Respiratory Care: ", "RT note: ", "RESP THERAPY\n", "Resp care\n")))
    lines = icu_tables()["RESPIRATORY_LINES"]
    for _ in range(rng.randint(1, 6)):
        ctx.line(lines, end=rng.choice((" ", "\n")))
    paragraph(ctx, rng.choice((0, 0, 1, 2)))
    ctx.b.text("\n")
    ending(ctx, 0.35)
