"""Statement dates: which DATE expression of the sentence says when a cue's statement was made.

Limits: only DATE entities the NER found, and only when the parse attaches them to the cue
("said on Monday", "said Thursday", "In November 2024, X acknowledged") or to a participle
hanging on it ("Speaking on Monday, X said"); a date inside the content is about the content,
not the statement. Turning the words into an ISO date is pipeline/dates.py's job.
"""

from __future__ import annotations

from spacy.tokens import Span, Token


def dates_by_governor(dates: list[Span]) -> dict[int, list[tuple[int, int, str]]]:
    """Index DATE entities by the token that governs them (a cue candidate, maybe)."""
    out: dict[int, list[tuple[int, int, str]]] = {}
    for ent in dates:
        gov = governor(ent.root)
        if gov is not None:
            out.setdefault(gov, []).append((ent.start_char, ent.end_char, ent.text))
    return out


def governor(root: Token) -> int | None:
    """The verb a date hangs on: directly, through a preposition, or through a participle
    ("Speaking on Monday, X said" -> said)."""
    head = root.head
    if head.i == root.i:
        return None
    if head.dep_ == "prep" and root.dep_ in ("pobj", "pcomp"):
        head = head.head
    elif root.dep_ not in ("npadvmod", "tmod", "advmod", "obl", "nmod", "dobj"):
        return None
    if head.dep_ == "advcl" and head.tag_ == "VBG" and head.head.i != head.i:
        return head.head.i
    return head.i


def statement_date(cue: int, content_spans: list[tuple[int, int]],
                   index: dict[int, list[tuple[int, int, str]]], cue_start: int) -> dict | None:
    """``{"start", "end", "text"}`` of the DATE governing the cue token ``cue``, or None."""
    best = None
    for s, e, text in index.get(cue, ()):
        if any(cs <= s < ce for cs, ce in content_spans):
            continue
        dist = abs(s - cue_start)
        if best is None or dist < best[0]:
            best = (dist, {"start": s, "end": e, "text": text})
    return best[1] if best else None
