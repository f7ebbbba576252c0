"""Reporting frames beyond a verb's own dependents (content.py reads those).

* "as"-clauses: "As the minister said, A" / "As reported by the agency, A". A reporting verb in
  an adverbial clause introduced by "as", with no object or complement of its own, reports the
  clause it modifies (the "as"-parenthetical of Pareti's PARC guidelines and of Quirk et al.'s
  comment clauses: "as you know", "as I said"). The content is that clause without the
  "as"-clause; the frame is ``paren``, whose content is likewise the clause around the cue.
  Not when the verb has an object or a complement ("as she said this, the crowd cheered": a
  clause of time, not of report), nor when the "as"-clause follows its clause's verb ("he
  resigned, as he had said he would"), where it compares rather than reports.
* hearsay adverbs: "The company reportedly plans to close the plant": "reportedly" says the
  clause it modifies is reported by someone the text does not name (an evidential adverb, as
  "it is reported that A"). The content is that clause without the adverb, the frame ``paren``,
  no source. Only "reportedly": "allegedly", "apparently", "supposedly" qualify the writer's
  own claim far more often than they report one (PolNeAR train: 2 of 12, 5 of 35, 1 of 9
  annotated, against 19 of 29 for "reportedly").
"""

from __future__ import annotations

from spacy.tokens import Doc, Token

from .content import _WORD, Content, _spans_minus, token_span, trim, with_quotes
from .quotes import QuoteIndex

# dependents that give the verb something of its own to report or do
_OWN_CONTENT = frozenset(("ccomp", "dobj", "xcomp", "attr", "oprd", "dative"))


HEARSAY_ADVERBS = frozenset(("reportedly",))


def as_clause_content(doc: Doc, text: str, tok: Token, quotes: QuoteIndex) -> Content | None:
    """The clause an "as X said" clause comments on, frame ``paren``; None if ``tok`` is no
    such cue."""
    if tok.dep_ != "advcl" or tok.head.i == tok.i or tok.i > tok.head.i:
        return None
    if not any(c.dep_ == "mark" and c.lower_ == "as" and c.i < tok.i for c in tok.children):
        return None
    if any(c.dep_ in _OWN_CONTENT for c in tok.children):
        return None
    head = tok.head
    if head.tag_[:2] != "VB" and head.dep_ != "ROOT":
        return None
    return _clause_around(text, tok, quotes)


def hearsay_adverb_content(tok: Token, text: str, quotes: QuoteIndex) -> Content | None:
    """The clause a hearsay adverb ("reportedly") modifies, without the adverb, frame
    ``paren``; None if ``tok`` is no such adverb of a verb."""
    if tok.lower_ not in HEARSAY_ADVERBS or tok.dep_ != "advmod" or tok.head.i == tok.i \
            or tok.head.tag_[:2] != "VB":
        return None
    return _clause_around(text, tok, quotes)


def _clause_around(text: str, tok: Token, quotes: QuoteIndex) -> Content | None:
    """The clause of ``tok``'s head without ``tok``'s words, inside the sentence and without
    its full stop, frame ``paren``."""
    head = tok.head
    spans = [trim(text, *sp) for sp in _spans_minus(token_span(head), token_span(tok))]
    spans = [(s, e) for s, e in spans if _WORD.search(text[s:e])]
    if not spans:
        return None
    s, e = spans[-1]
    if text[e - 1:e] in (".", "!", "?"):
        spans[-1] = trim(text, s, e - 1)
    # the clause commented on stays in the cue's sentence
    sent = tok.sent
    spans = [(max(s, sent.start_char), min(e, sent.end_char)) for s, e in spans]
    spans = [(s, e) for s, e in spans if e > s and _WORD.search(text[s:e])]
    if not spans:
        return None
    return with_quotes(text, spans, quotes, "paren")
