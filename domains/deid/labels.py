"""The i2b2-2014 PHI label set: name, description, examples and coarse category."""

from __future__ import annotations

from ..base import LabelSpec

# (label, category, description, examples)
_TABLE = [
    ("PATIENT", "NAME", "Name of the patient or of a family member or other person close to the patient.",
     ("John Smith", "Smith", "J.S.", "mrs. garcia")),
    ("DOCTOR", "NAME", "Name of a clinician: physician, nurse, therapist, pharmacist, resident.",
     ("Dr. Patel", "Ann Lee, MD", "dr vardell", "K. Wu RN")),
    ("USERNAME", "NAME", "A user id or login name of a clinician in the record system.", ("jsmith2", "kwu")),
    ("PROFESSION", "PROFESSION", "The patient's or a relative's job (not clinical roles of the care team).",
     ("carpenter", "retired teacher", "bus driver")),
    ("HOSPITAL", "LOCATION", "Name of a hospital, clinic, nursing home, rehab facility or a named ward.",
     ("Harlow General Hospital", "St. Mary's Medical Center", "Oakridge Rehab")),
    ("ORGANIZATION", "LOCATION", "Name of a company, school, church or other organization.",
     ("Acme Corp", "Lincoln High School")),
    ("STREET", "LOCATION", "Street address.", ("12 Elm Street", "4410 N. Main St")),
    ("CITY", "LOCATION", "City or town.", ("Baltimore", "springfield")),
    ("STATE", "LOCATION", "State or province.", ("Maryland", "MA")),
    ("COUNTRY", "LOCATION", "Country.", ("Canada", "Ireland")),
    ("ZIP", "LOCATION", "Postal code.", ("21201", "02139-4307")),
    ("LOCATION_OTHER", "LOCATION", "Any other geographic place: landmarks, regions, neighbourhoods.",
     ("the Eastern Shore", "Lake Tahoe")),
    ("AGE", "AGE", "An age in years (HIPAA requires removing ages over 89).", ("93", "67yo", "ninety-two")),
    ("DATE", "DATE", "Any date or part of one tied to the patient, except years standing for age; "
     "includes days of week and holidays.", ("7/22", "03.04.2021", "Jan 3rd", "the 5th", "1992", "'95")),
    ("PHONE", "CONTACT", "Telephone or pager number, with extensions.", ("(410) 555-0134", "x4432", "pgr 3312")),
    ("FAX", "CONTACT", "Fax number.", ("fax 617-555-0100",)),
    ("EMAIL", "CONTACT", "E-mail address.", ("j.smith@example.org",)),
    ("URL", "CONTACT", "Web address.", ("https://portal.example.org/pt/123",)),
    ("IPADDR", "CONTACT", "IP address.", ("10.2.33.4",)),
    ("SSN", "ID", "Social security number.", ("123-45-6789",)),
    ("MEDICALRECORD", "ID", "Medical record number.", ("MRN 0012345", "#4459201")),
    ("HEALTHPLAN", "ID", "Health plan or insurance member number.", ("BCBS 99812345",)),
    ("ACCOUNT", "ID", "Account or billing number.", ("acct 55120091",)),
    ("LICENSE", "ID", "Licence or certificate number (driving licence, DEA, NPI).", ("DEA AB1234563",)),
    ("VEHICLE", "ID", "Vehicle identifier or plate.", ("plate 7KJX221",)),
    ("DEVICE", "ID", "Device identifier or serial number.", ("pacemaker SN 88321-A",)),
    ("BIOID", "ID", "Biometric identifier.", ("fingerprint id 55A1",)),
    ("IDNUM", "ID", "Any other identifying number: specimen, order, study or reference ids.",
     ("S21-10432", "order 884120")),
]

LABELS: dict[str, LabelSpec] = {
    name: LabelSpec(name=name, description=desc, examples=examples, category=cat)
    for name, cat, desc, examples in _TABLE
}

CATEGORIES = ("NAME", "PROFESSION", "LOCATION", "AGE", "DATE", "CONTACT", "ID")
