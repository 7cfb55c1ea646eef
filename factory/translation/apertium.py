"""Apertium, the rule-based MT engine packaged by Debian, as an offline teacher.

Installed pairs are discovered with `apertium -l` (modes such as `eng-spa`, `spa-eng`, `es-fr`); a
direction with no mode of its own is reached by pivoting through installed pairs (en->fr: `eng-spa`
then `es-fr`), shortest route first. Apertium marks words it does not know (`*word`), words it could
not generate (`#word`) and untranslated lemmas (`@word`); the teacher counts those marks per sentence
(`meta.unknown_words`) and strips them, so the pair carries the word itself, as `apertium -u` would.

Sentences go through one `apertium` process per hop, one per line; text never reaches a log or an error.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from collections import deque
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field

from medkiln.core.errors import MedkilnError

INSTALL_HINT = "apt-get update && apt-get install -y apertium apertium-eng-spa apertium-fr-es"
# Apertium names languages with ISO 639-1 or 639-3 codes; the factory uses 639-1.
ISO = {"eng": "en", "spa": "es", "fra": "fr", "fre": "fr", "deu": "de", "ger": "de", "cat": "ca", "por": "pt",
       "ita": "it", "ron": "ro", "rum": "ro", "tur": "tr", "ara": "ar", "glg": "gl", "oci": "oc", "nld": "nl",
       "eus": "eu", "epo": "eo", "swe": "sv", "dan": "da", "nob": "nb", "nno": "nn", "pol": "pl", "ukr": "uk",
       "rus": "ru"}
_MARK = re.compile(r"(?<!\w)([*#@])(?=\w)")
_MODE = re.compile(r"^([a-z]{2,3})-([a-z]{2,3})$")


def iso(code: str) -> str:
    return ISO.get(code, code)


def available() -> bool:
    return shutil.which("apertium") is not None


def list_modes() -> list[str]:
    """The translation modes `apertium -l` lists (E420 when Apertium is not installed)."""
    exe = shutil.which("apertium")
    if exe is None:
        raise MedkilnError("E420", command=INSTALL_HINT)
    proc = subprocess.run([exe, "-l"], capture_output=True, text=True, timeout=60, check=False)
    if proc.returncode != 0:
        raise MedkilnError("E421", step="apertium -l", code=proc.returncode)
    return [line.strip() for line in proc.stdout.splitlines() if line.strip()]


def pairs_of(modes: list[str]) -> dict[tuple[str, str], str]:
    """{(src, tgt): mode} for plain two-language modes (variants such as `spa-eng_US` are left out)."""
    out: dict[tuple[str, str], str] = {}
    for mode in modes:
        m = _MODE.match(mode)
        if m:
            out.setdefault((iso(m.group(1)), iso(m.group(2))), mode)
    return out


def route(src: str, tgt: str, modes: list[str]) -> list[str] | None:
    """The shortest chain of modes from `src` to `tgt` (a direct mode, else pivots), or None."""
    edges = pairs_of(modes)
    queue, seen = deque([(src, [])]), {src}
    while queue:
        lang, path = queue.popleft()
        for (a, b), mode in sorted(edges.items()):
            if a != lang or b in seen:
                continue
            if b == tgt:
                return path + [mode]
            seen.add(b)
            queue.append((b, path + [mode]))
    return None


def strip_marks(text: str) -> tuple[str, int]:
    """The text without Apertium's `*`/`#`/`@` marks, and how many words were marked."""
    stripped, n = _MARK.subn("", text)
    return stripped, n


@dataclass
class ApertiumTeacher:
    """Translates sentences `src` -> `tgt` through the installed Apertium modes (direct or pivot)."""

    src: str
    tgt: str
    workers: int = 2
    chunk: int = 2000
    timeout_s: float = 1800.0
    modes: list[str] = field(default_factory=list)
    name: str = "apertium"

    def __post_init__(self) -> None:
        installed = list_modes()
        chain = route(self.src, self.tgt, installed)
        if chain is None:
            pairs = ", ".join(f"{a}-{b}" for a, b in sorted(pairs_of(installed))) or "none"
            raise MedkilnError("E422", src=self.src, tgt=self.tgt, pairs=pairs, command=INSTALL_HINT)
        self.modes = chain
        self.label = "apertium:" + "|".join(chain)

    def _hop(self, mode: str, lines: list[str]) -> list[str]:
        exe = shutil.which("apertium") or "apertium"
        text = "\n".join(lines) + "\n"
        try:
            proc = subprocess.run([exe, mode], input=text, capture_output=True, text=True, timeout=self.timeout_s,
                                  check=False)
        except subprocess.TimeoutExpired:
            raise MedkilnError("E421", step=f"apertium {mode} (timed out)", code="timeout") from None
        if proc.returncode != 0:
            raise MedkilnError("E421", step=f"apertium {mode}", code=proc.returncode)
        out = proc.stdout.split("\n")
        if out and out[-1] == "":
            out = out[:-1]
        if len(out) != len(lines):
            if len(lines) == 1:
                return [" ".join(out)]
            half = len(lines) // 2  # a line Apertium split or joined: find it by halves
            return self._hop(mode, lines[:half]) + self._hop(mode, lines[half:])
        return out

    def _chain(self, lines: list[str]) -> list[tuple[str, int]]:
        unknown = [0] * len(lines)
        for mode in self.modes:
            outs = self._hop(mode, lines)
            lines = []
            for i, out in enumerate(outs):
                clean, n = strip_marks(out)
                unknown[i] = max(unknown[i], n)
                lines.append(clean.strip())
        return list(zip(lines, unknown))

    def translate(self, texts: list[str]) -> list[tuple[str, int]]:
        """(translation, words Apertium marked as unknown) per text, in order; chunks run in parallel."""
        flat = [" ".join(t.split()) for t in texts]
        chunks = [flat[i:i + self.chunk] for i in range(0, len(flat), self.chunk)]
        with ThreadPoolExecutor(max(1, self.workers)) as pool:
            results = list(pool.map(self._chain, chunks))
        return [item for chunk in results for item in chunk]

    def pairs(self, records: list[dict], src: str, tgt: str) -> tuple[list[dict], dict]:
        """Teacher pairs for `{"id", "src", "meta"}` records, and failure counts (empty outputs)."""
        outputs = self.translate([r["src"] for r in records])
        pairs, failures = [], {}
        for rec, (hyp, unknown) in zip(records, outputs):
            if not hyp:
                failures["empty_output"] = failures.get("empty_output", 0) + 1
                continue
            meta = {**(rec.get("meta") or {}), "teacher": self.label, "unknown_words": unknown, "glossary": False,
                    "source_id": rec["id"]}
            pairs.append({"id": f"{self.name}-{rec['id']}", "src": rec["src"], "ref": hyp, "src_lang": src,
                          "tgt_lang": tgt, "terms": rec.get("terms", []), "meta": meta})
        return pairs, failures
