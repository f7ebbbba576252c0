"""Statement dates: which DATE expression of the sentence says when a cue's statement was made.

Limits: only DATE entities the NER found, and only when the parse attaches them to the cue
("said on Monday", "said Thursday", "In November 2024, X acknowledged") or to a participle
hanging on it ("Speaking on Monday, X said"); a date inside the content is about the content,
not the statement. Turning the words into an ISO date is pipeline/dates.py's job.
"""

from __future__ import annotations

from spacy.tokens import Doc, Token


def statement_date(doc: Doc, cue: Token, content_spans: list[tuple[int, int]],
                   dates: dict[int, tuple[int, int, str]]) -> dict | None:
    """``{"start", "end", "text"}`` of the DATE governing ``cue``, or None.

    ``dates`` maps the root token index of each DATE entity to its span and text.
    """
    if not dates:
        return None
    best = None
    for root_i, (s, e, text) in dates.items():
        if any(cs <= s < ce for cs, ce in content_spans):
            continue
        if _governs(doc[root_i], cue):
            dist = abs(s - cue.idx)
            if best is None or dist < best[0]:
                best = (dist, {"start": s, "end": e, "text": text})
    return best[1] if best else None


def _governs(root: Token, cue: Token) -> bool:
    """The DATE hangs on the cue directly, through a preposition, or through a participle."""
    head = root.head
    if head.i == root.i:
        return False
    if head.dep_ == "prep" and root.dep_ in ("pobj", "pcomp"):
        head = head.head
    if head.i == cue.i:
        return root.dep_ in ("npadvmod", "pobj", "tmod", "advmod", "obl", "nmod", "dobj") \
            or root.head.dep_ == "prep"
    # "Speaking on Monday, X said": the participle is an adverbial clause of the cue
    return head.dep_ == "advcl" and head.tag_ == "VBG" and head.head.i == cue.i
