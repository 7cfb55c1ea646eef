"""docs/serving.md's "What medkiln guarantees" table and the tests that enforce it, held against each other: every
line has a test, every test names a line that exists."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
MARK = re.compile(r"""(?:guarantee|\bG)\(["'](G\d+)["']\)""")


def table() -> dict[str, str]:
    text = (ROOT / "docs" / "serving.md").read_text(encoding="utf-8")
    section = text.split("## What medkiln guarantees", 1)[1].split("\n## ", 1)[0]
    return dict(re.findall(r"^\| (G\d+) \| (.+?) \|", section, flags=re.M))


def marked() -> dict[str, set[str]]:
    found: dict[str, set[str]] = {}
    for path in (ROOT / "tests").rglob("test_*.py"):
        if path.name == Path(__file__).name:
            continue
        for gid in MARK.findall(path.read_text(encoding="utf-8")):
            found.setdefault(gid, set()).add(path.relative_to(ROOT).as_posix())
    return found


@pytest.mark.guarantee("table")
def test_every_guarantee_has_a_test_and_every_mark_a_guarantee():
    lines, marks = table(), marked()
    assert len(lines) >= 18 and all(text.strip() for text in lines.values())
    assert sorted(set(lines) - set(marks)) == [], "guarantees no test enforces"
    assert sorted(set(marks) - set(lines)) == [], "tests naming a guarantee the table does not have"
