"""Label maps: put a model's labels and a gold set's labels onto common categories.

Built-in maps by name: `i2b2` (identity onto the i2b2-2014 categories), `physionet` (PhysioNet deid 1.1
gold), `presidio_research` (presidio-research's synthetic PII sentences), and the folder maps `meddocan` and `grascco`, built at run time from the `mapping.json` that ships beside
those corpora (gold label -> i2b2 label, `null` = not scored; the strings live in the corpus folder, not here).
Pred-side maps for other models: `i2b2` (medkiln labels), `spacy` (OntoNotes), `presidio` (onto PhysioNet's
categories), `presidio_i2b2` (onto the i2b2 categories, for the folder maps).
A user map is a JSON file `{"gold": {...}, "pred": {...}, "unscored": [...], "gold_unscored": [...]}`.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field, replace
from pathlib import Path

from medkiln.core.errors import MedkilnError
from medkiln.core.labels import label_set

UNSCORED = "UNSCORED"
FACILITY_WORDS = ("hospital", "hosp", "medical", "center", "ctr", "clinic", "health", "healthcare")


@dataclass(frozen=True)
class LabelMap:
    """How gold and predicted labels become categories.

    `unscored` predicted labels are PHI the gold set does not annotate: dropped before entity scoring (and
    counted), but they still cover tokens for token recall. Labels missing from a side map to themselves
    (identity); on the pred side, with `drop_unmapped_pred`, they are not PHI and are ignored entirely.
    `match_labels` says both sides share one label set, so per-label scores match raw labels.
    `facility_words` are generic facility words not counted as false-positive tokens inside a predicted
    LOCATION span (the PhysioNet convention of tagging only the distinctive words of hospital names).
    `gold_unscored` gold labels have no i2b2 equivalent (a corpus's `null`): their spans are dropped before
    scoring, and counted.
    """

    name: str
    gold: dict[str, str]
    pred: dict[str, str]
    unscored: frozenset[str] = frozenset()
    match_labels: bool = False
    drop_unmapped_pred: bool = False
    facility_words: tuple[str, ...] = ()
    categories: tuple[str, ...] = field(default=())
    gold_unscored: frozenset[str] = frozenset()

    def gold_category(self, label: str) -> str:
        return self.gold.get(label, label)

    def pred_category(self, label: str) -> str | None:
        """Category of a predicted label, or None when it is unscored."""
        if label in self.unscored:
            return None
        if label in self.pred:
            return self.pred[label]
        return None if self.drop_unmapped_pred else label

    def is_phi(self, label: str) -> bool:
        """False for predicted labels the map ignores entirely (unmapped under `drop_unmapped_pred`, e.g.
        spaCy CARDINAL): they neither score nor count as redacting a token. Unscored labels are PHI."""
        return not self.drop_unmapped_pred or label in self.pred or label in self.unscored

    def with_pred(self, other: "LabelMap") -> "LabelMap":
        """This map's gold side with another map's pred side (e.g. physionet gold, spaCy model)."""
        return replace(self, name=f"{self.name}+{other.name}", pred=dict(other.pred), unscored=other.unscored,
                       drop_unmapped_pred=other.drop_unmapped_pred, match_labels=False)


def _i2b2_categories() -> dict[str, str]:
    return label_set("i2b2").category_of()


def i2b2_map() -> LabelMap:
    cats = _i2b2_categories()
    return LabelMap(name="i2b2", gold=cats, pred=dict(cats), match_labels=True,
                    categories=label_set("i2b2").categories)


_PHYSIONET_GOLD = {
    "HCPName": "NAME", "PTName": "NAME", "PTNameInitial": "NAME", "RelativeProxyName": "NAME",
    "Date": "DATE", "DateYear": "DATE", "Location": "LOCATION", "Phone": "PHONE", "Age": "AGE", "Other": "OTHER",
}
_PHYSIONET_PRED = {
    "PATIENT": "NAME", "DOCTOR": "NAME", "USERNAME": "NAME",
    "HOSPITAL": "LOCATION", "ORGANIZATION": "LOCATION", "STREET": "LOCATION", "CITY": "LOCATION",
    "ZIP": "LOCATION", "LOCATION_OTHER": "LOCATION", "DATE": "DATE", "PHONE": "PHONE", "FAX": "PHONE", "AGE": "AGE",
}
# What PhysioNet deid 1.1 does not annotate at all (HIPAA Safe Harbor also keeps states).
_PHYSIONET_UNSCORED = frozenset({"STATE", "COUNTRY", "PROFESSION", "EMAIL", "URL", "IPADDR"})
PHYSIONET_CATEGORIES = ("NAME", "LOCATION", "DATE", "PHONE", "AGE", "OTHER")


def physionet_map() -> LabelMap:
    pred = dict(_PHYSIONET_PRED)
    pred.update({name: "OTHER" for name, cat in _i2b2_categories().items() if cat == "ID"})
    return LabelMap(name="physionet", gold=dict(_PHYSIONET_GOLD), pred=pred, unscored=_PHYSIONET_UNSCORED,
                    facility_words=FACILITY_WORDS, categories=PHYSIONET_CATEGORIES)


def spacy_pred_map() -> LabelMap:
    """OntoNotes labels of stock spaCy pipelines; everything else unscored."""
    pred = {"PERSON": "NAME", "GPE": "LOCATION", "LOC": "LOCATION", "FAC": "LOCATION", "ORG": "LOCATION",
            "DATE": "DATE"}
    return LabelMap(name="spacy", gold={}, pred=pred, drop_unmapped_pred=True)


def presidio_pred_map() -> LabelMap:
    """Presidio entity types. Contact types the PhysioNet corpus never marks are unscored; IDs are OTHER."""
    pred = {"PERSON": "NAME", "DATE_TIME": "DATE", "LOCATION": "LOCATION", "ORGANIZATION": "LOCATION",
            "PHONE_NUMBER": "PHONE", "AGE": "AGE"}
    for ident in ("US_SSN", "US_DRIVER_LICENSE", "US_PASSPORT", "US_BANK_NUMBER", "US_ITIN", "CREDIT_CARD",
                  "IBAN_CODE", "MEDICAL_LICENSE", "UK_NHS", "CRYPTO", "ID"):
        pred[ident] = "OTHER"
    unscored = frozenset({"EMAIL_ADDRESS", "URL", "IP_ADDRESS", "NRP"})
    return LabelMap(name="presidio", gold={}, pred=pred, unscored=unscored, drop_unmapped_pred=True)


# Presidio entity types its generic recognizers emit that the label table (core/labels/i2b2.json) does not name.
_PRESIDIO_GENERIC = {"LOCATION": "LOCATION", "ORGANIZATION": "LOCATION", "CREDIT_CARD": "ID", "IBAN_CODE": "ID",
                     "CRYPTO": "ID", "MAC_ADDRESS": "ID", "UUID": "ID", "MEDICAL_LICENSE": "ID"}
_POSTAL = ("PLZ", "POSTAL", "POSTCODE", "ZIP")


def presidio_i2b2_pred_map(entities: "tuple[str, ...] | list[str]" = ()) -> LabelMap:
    """Presidio entity types onto the i2b2 categories (for gold sets mapped to i2b2: `meddocan`, `grascco`): the
    label table's types reversed, the generic recognizers' types, and each of `entities` (an analyzer's supported
    entities: country identifiers such as ES_NIF, DE_HEALTH_INSURANCE) as ID, or LOCATION for a postal code."""
    table = label_set("i2b2")
    cats = table.category_of()
    pred: dict[str, str] = {}
    for label, presidio_type in table.presidio().items():
        pred.setdefault(presidio_type, cats[label])
    pred.update(_PRESIDIO_GENERIC)
    for entity in entities:
        if entity not in pred and entity != "NRP":
            pred[entity] = "LOCATION" if any(word in entity for word in _POSTAL) else "ID"
    return LabelMap(name="presidio_i2b2", gold={}, pred=pred, unscored=frozenset({"NRP"}), drop_unmapped_pred=True)


# Corpora whose folder ships a `mapping.json` {corpus label: i2b2 label or null}: map name -> folder name.
FOLDER_MAPS = {"meddocan": "meddocan_es", "grascco": "grascco_phi_de"}
# Where the corpus folders are when the data file is not inside one (the checkout's sibling `shared/`).
DEFAULT_DATA_ROOT = Path("..") / "shared" / "data" / "dev"
MAPPING_FILE = "mapping.json"


def find_mapping(name: str, data: "str | Path | None" = None) -> Path:
    """The `mapping.json` of the folder map `name`: beside the data file, else in DEFAULT_DATA_ROOT/<folder>."""
    candidates = []
    if data is not None:
        candidates.append(Path(data).parent / MAPPING_FILE)
    candidates.append(DEFAULT_DATA_ROOT / FOLDER_MAPS[name] / MAPPING_FILE)
    for path in candidates:
        if path.is_file():
            return path
    raise MedkilnError("E501", name=name, paths=", ".join(str(p) for p in candidates))


def folder_map(name: str, data: "str | Path | None" = None) -> LabelMap:
    """A corpus map from its folder's `mapping.json`: gold label -> i2b2 label -> i2b2 category; gold labels
    mapped to null are not scored; predicted medkiln labels go to their i2b2 categories."""
    path = find_mapping(name, data)
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
    except json.JSONDecodeError as err:
        raise MedkilnError("S020", path=path, line=err.lineno, reason=err.msg, column=err.colno) from None
    if not isinstance(raw, dict):
        raise MedkilnError("S023", path=path, line=1, field="(top level)", expected="an object",
                           got=type(raw).__name__)
    cats = _i2b2_categories()
    gold, unscored = {}, set()
    for label, target in raw.items():
        if target is None:
            unscored.add(str(label))
        elif target in cats:
            gold[str(label)] = cats[target]
        else:
            raise MedkilnError("S023", path=path, line=1, field=str(label), expected="an i2b2 label or null",
                               got=str(target))
    return LabelMap(name=name, gold=gold, pred=dict(cats), gold_unscored=frozenset(unscored),
                    categories=label_set("i2b2").categories)


# presidio-research's synthetic PII sentences (generic, not clinical): its entity types onto the PhysioNet
# categories, so the same student and Presidio are scored as on the clinical notes. Titles ("Mr.") and
# nationalities/religions/political groups are not PHI under HIPAA: not scored. E-mails, domains and IP addresses
# are CONTACT; medkiln's EMAIL/URL/IPADDR and Presidio's e-mail/URL/IP types stay unscored on the predicted side (as
# on PhysioNet), so they count for token recall on both sides and never for precision.
_PRESIDIO_RESEARCH_GOLD = {
    "PERSON": "NAME", "STREET_ADDRESS": "LOCATION", "GPE": "LOCATION", "ORGANIZATION": "LOCATION",
    "ZIP_CODE": "LOCATION", "DATE_TIME": "DATE", "PHONE_NUMBER": "PHONE", "AGE": "AGE", "CREDIT_CARD": "OTHER",
    "IBAN_CODE": "OTHER", "US_SSN": "OTHER", "US_DRIVER_LICENSE": "OTHER", "EMAIL_ADDRESS": "CONTACT",
    "DOMAIN_NAME": "CONTACT", "IP_ADDRESS": "CONTACT"}


def presidio_research_map() -> LabelMap:
    base = physionet_map()
    pred = {**base.pred, "STATE": "LOCATION", "COUNTRY": "LOCATION"}  # GPE covers states and countries
    return LabelMap(name="presidio_research", gold=dict(_PRESIDIO_RESEARCH_GOLD), pred=pred,
                    unscored=base.unscored - {"STATE", "COUNTRY"}, gold_unscored=frozenset({"TITLE", "NRP"}),
                    categories=("NAME", "LOCATION", "DATE", "PHONE", "AGE", "OTHER", "CONTACT"))


BUILTIN = {"i2b2": i2b2_map, "physionet": physionet_map, "presidio_research": presidio_research_map}
PRED_MAPS = {"i2b2": i2b2_map, "physionet": physionet_map, "spacy": spacy_pred_map, "presidio": presidio_pred_map,
             "presidio_i2b2": presidio_i2b2_pred_map}


def load_label_map(spec: "str | Path | LabelMap | None", pred: "str | Path | LabelMap | None" = None,
                   data: "str | Path | None" = None) -> LabelMap:
    """Resolve a label map by name, JSON path or object (None = `i2b2`); `pred` swaps in another pred side.
    `data` (the gold file) is where a folder map (`meddocan`, `grascco`) looks for its `mapping.json` first."""
    spec = spec if spec is not None else "i2b2"
    base = folder_map(str(spec), data) if str(spec) in FOLDER_MAPS else _resolve(spec, BUILTIN)
    if pred is None:
        return base
    return base.with_pred(_resolve(pred, PRED_MAPS))


def _resolve(spec: "str | Path | LabelMap", table: dict) -> LabelMap:
    if isinstance(spec, LabelMap):
        return spec
    if str(spec) in table:
        return table[str(spec)]()
    path = Path(spec)
    if path.suffix == ".json" and path.exists():
        return _from_json(path)
    names = sorted(table) + (sorted(FOLDER_MAPS) if table is BUILTIN else [])
    raise MedkilnError("E013", name=spec, available=", ".join(names))


def _from_json(path: Path) -> LabelMap:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except json.JSONDecodeError as err:
        raise MedkilnError("S020", path=path, line=err.lineno, reason=err.msg, column=err.colno) from None
    if not isinstance(data, dict) or not isinstance(data.get("gold", {}), dict):
        raise MedkilnError("S023", path=path, line=1, field="gold", expected="an object", got=type(data).__name__)
    gold = {str(k): str(v) for k, v in data.get("gold", {}).items()}
    pred = {str(k): str(v) for k, v in data.get("pred", {}).items()}
    unscored = frozenset(str(x) for x in data.get("unscored", []))
    gold_unscored = frozenset(str(x) for x in data.get("gold_unscored", []))
    cats = tuple(dict.fromkeys(list(gold.values()) + list(pred.values())))
    return LabelMap(name=str(data.get("name", path.stem)), gold=gold, pred=pred, unscored=unscored,
                    match_labels=bool(data.get("match_labels", False)),
                    drop_unmapped_pred=bool(data.get("drop_unmapped_pred", False)),
                    facility_words=tuple(data.get("facility_words", ())), categories=cats,
                    gold_unscored=gold_unscored)
