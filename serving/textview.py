"""What the model reads of a text, and the way back to the text's own offsets.

Two things stand between a user's text and the pipeline:
- **Invisible format characters** (Unicode category Cf: bidirectional overrides and isolates such as U+202E,
  zero-width spaces and joiners, the byte-order mark, soft hyphens). They change nothing a reader sees, yet
  "\u202eJohn" or "Jo\u200bhn" is a word the student has never met, so a name written that way would pass
  in clear. For de-identification the model reads the text with them taken out; every entity is mapped back
  to the original offsets, so the characters stay in the output exactly where they were.
- **Length.** spaCy refuses texts over `nlp.max_length` (1,000,000 characters) and a CNN's memory grows with
  the text, so a text longer than `MAX_PIECE_CHARS` is read in pieces, cut at a line break where there is
  one within the last fifth of a piece (else at a space, else anywhere). Nothing is skipped: the pieces tile
  the text, and every piece's entities come back in the text's offsets.

`view(text)` gives the pieces; `Analysis` holds each piece's processed doc and answers `ents` (start, end,
label) in the original text's offsets.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from typing import Any, Iterable, Iterator

MAX_PIECE_CHARS = 100_000


def _format_chars() -> str:
    """Every Cf character of this Python's Unicode tables, as a regex character class body."""
    found = [chr(c) for c in range(0x110000) if unicodedata.category(chr(c)) == "Cf"]
    return "".join(re.escape(c) for c in found)


_CF: re.Pattern | None = None


def format_chars() -> re.Pattern:
    global _CF
    if _CF is None:
        _CF = re.compile(f"[{_format_chars()}]")
    return _CF


@dataclass(frozen=True)
class Piece:
    """`text` is what the model reads; it starts at `start` in the original text. `index[i]` is the original
    offset (from the text's start) of the model text's character i when characters were taken out; None means
    the piece is the original slice itself."""

    start: int
    end: int
    text: str
    index: tuple[int, ...] | None = None

    def original(self, start: int, end: int) -> tuple[int, int]:
        """Original offsets of the model text's [start, end)."""
        if self.index is None:
            return self.start + start, self.start + end
        if end <= start:
            return self.index[start] if start < len(self.index) else self.end, self.index[start]
        return self.index[start], self.index[end - 1] + 1


def _cut(text: str, start: int, limit: int) -> int:
    """Where the piece that begins at `start` ends: at a line break, else a space, within its last fifth."""
    end = start + limit
    if end >= len(text):
        return len(text)
    floor = start + limit * 4 // 5
    for sep in ("\n", " "):
        at = text.rfind(sep, floor, end)
        if at >= 0:
            return at + 1
    return end


def _piece(text: str, start: int, end: int, clean: bool) -> Piece:
    chunk = text[start:end]
    if not clean or not format_chars().search(chunk):
        return Piece(start, end, chunk)
    keep = [start + i for i, ch in enumerate(chunk) if not format_chars().fullmatch(ch)]
    return Piece(start, end, "".join(text[i] for i in keep), tuple(keep))


def view(text: str, *, clean: bool = True, max_chars: int = MAX_PIECE_CHARS) -> list[Piece]:
    """The pieces the model reads for `text` (one piece unless the text is longer than `max_chars`)."""
    if max_chars < 1:
        raise ValueError("max_chars must be at least 1")
    pieces, start = [], 0
    while True:
        end = _cut(text, start, max_chars)
        pieces.append(_piece(text, start, end, clean))
        if end >= len(text):
            return pieces
        start = end


class Analysis:
    """The processed pieces of one text. `ents` are (start, end, label) in the original text's offsets;
    `doc` is the one Doc when the model read the text unchanged (else None: use `parts`)."""

    __slots__ = ("text", "parts")

    def __init__(self, text: str, parts: list[tuple[Piece, Any]]) -> None:
        self.text, self.parts = text, parts

    @property
    def doc(self) -> Any:
        if len(self.parts) == 1 and self.parts[0][0].index is None:
            return self.parts[0][1]
        return None

    @property
    def lang(self) -> str | None:
        """The language of the pipeline that read the most of the text ('es'; `--lang auto` routes each piece)."""
        sizes: dict[str, int] = {}
        for piece, doc in self.parts:
            lang = getattr(doc, "lang_", None)
            if lang:
                sizes[lang] = sizes.get(lang, 0) + len(doc.text)
        return max(sizes, key=sizes.get) if sizes else None

    @property
    def ents(self) -> list[tuple[int, int, str]]:
        out = []
        for piece, doc in self.parts:
            for ent in doc.ents:
                start, end = piece.original(ent.start_char, ent.end_char)
                out.append((start, end, ent.label_))
        return out


def analyze(nlp: Any, texts: Iterable[str], *, clean: bool = True, batch_size: int = 64,
            max_chars: int = MAX_PIECE_CHARS) -> Iterator[Analysis]:
    """One `Analysis` per text, in order, through one `nlp.pipe` over every piece."""
    def pieces() -> Iterator[tuple[str, tuple[int, int, Piece, str]]]:
        for text in texts:
            parts = view(text, clean=clean, max_chars=max_chars)
            for k, piece in enumerate(parts):
                yield piece.text, (k, len(parts), piece, text)

    current: list = []
    for doc, (k, n, piece, text) in nlp.pipe(pieces(), as_tuples=True, batch_size=batch_size):
        current.append((piece, doc))
        if k == n - 1:
            yield Analysis(text, current)
            current = []


def views(texts: list[str], *, clean: bool = True) -> tuple[list[list[Piece]], list[str]]:
    """For callers that batch the pipeline themselves (the HTTP server): each text's pieces, and every piece's
    model text in order; `regroup` puts the processed docs back together."""
    pieces = [view(text, clean=clean) for text in texts]
    return pieces, [p.text for parts in pieces for p in parts]


def regroup(texts: list[str], pieces: list[list[Piece]], docs: list[Any]) -> list[Analysis]:
    out, pos = [], 0
    for text, parts in zip(texts, pieces):
        out.append(Analysis(text, list(zip(parts, docs[pos:pos + len(parts)]))))
        pos += len(parts)
    return out


__all__ = ["Analysis", "MAX_PIECE_CHARS", "Piece", "analyze", "format_chars", "regroup", "view", "views"]
