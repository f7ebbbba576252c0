"""Cue candidates: the reporting verbs, nouns and phrases of a parsed Doc.

Limits: a verb is a candidate only when its surface form is in the cue lexicon and the tagger
calls it a verb (tag VB*), or the parser gives it a subject, and it is no auxiliary (the verb
it serves is the candidate: "has argued"); whether it really reports speech is
decided with its frame (content.py) and the lexicon's score for that frame (component.py).
Reads token.tag_ and token.lower_ (and the children of a lexicon form tagged otherwise);
iterates the tokens once.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import NamedTuple

from spacy.attrs import TAG
from spacy.tokens import Doc, Token

from ..doc_index import doc_index, label_ids
from .lexicon import CueLexicon, hash_string, lower_hashes, positions

# words that turn a reporting verb into something else: "so-called", "said to be" is handled
# by its frame, these are the fixed expressions where the verb never reports anything
_NOT_CUE_BEFORE = {"so", "well", "aptly", "self", "misleadingly"}
_PARTICLES = {"out", "on", "up", "back", "off", "down", "over"}
_AUX_DEPS = label_ids("aux", "auxpass")  # as DocIndex.dep_ids holds them
_PRT = label_ids("prt")
_HYPHEN = hash_string("-")  # the lower-case hash of "-" (only "-" lower-cases to it)
_VERB_TAGS = frozenset(hash_string(t) for t in ("VB", "VBD", "VBG", "VBN", "VBP", "VBZ"))


class CueCandidate(NamedTuple):
    """A token that may report speech; ``start``/``end`` cover the cue words in doc.text.
    (Immutable; a named tuple is made in ~40% of the time of a frozen dataclass, and one
    is made for each of the ~60 candidates of a document.)"""

    i: int  # index of the head token (the verb, the noun, "according")
    start: int
    end: int
    lemma: str
    pos: str  # VERB | NOUN | PHRASE


def verb_cue_text(tok: Token) -> tuple[int, int]:
    """Character span of a verb cue with an adjacent particle ("pointed out")."""
    start, end = tok.idx, tok.idx + len(tok)
    nxt = tok.i + 1
    index = doc_index(tok.doc)
    if nxt < index.n and index.dep_ids[nxt] in _PRT:  # the label first: no Token for most
        n = tok.doc[nxt]
        if n.head.i == tok.i and n.lower_ in _PARTICLES:
            end = n.idx + len(n)
    return start, end


def find_candidates(doc: Doc, lexicon: CueLexicon,
                    verb_hashes: frozenset[int] | None = None) -> Iterator[CueCandidate]:
    """Verb forms in the lexicon tagged as verbs, and lexicon phrases ("according to").

    ``verb_hashes`` narrows the verbs to those forms (the ones that can reach a threshold)."""
    verb_forms = lexicon.verb_forms
    phrases = lexicon.phrases
    n = len(doc)
    if not n:
        return
    # one pass over the token hashes picks the few candidates; Token objects only for those
    vh = lexicon.verb_hashes if verb_hashes is None else verb_hashes
    ph = lexicon.phrase_hashes
    lows = lower_hashes(doc)
    at_verb, at_phrase = positions(lows, vh), set(positions(lows, ph))
    picked = sorted(set(at_verb) | at_phrase) if at_phrase else at_verb
    if not picked:
        return
    verbs = set(at_verb)
    tags = doc.to_array(TAG)
    deps = doc_index(doc).dep_ids
    for i in picked:
        is_first = i in at_phrase
        is_verb = i in verbs and (int(tags[i]) in _VERB_TAGS or _governs_subject(doc[i]))
        if not (is_first or is_verb):
            continue
        tok = doc[i]
        if is_first:
            phrase = _phrase_at(doc, tok, phrases, n)
            if phrase is not None:
                yield phrase
                continue
        if not is_verb:
            continue
        if i > 1 and int(lows[i - 1]) == _HYPHEN and doc[i - 2].lower_ in _NOT_CUE_BEFORE:
            continue  # "so-called"
        if deps[i] in _AUX_DEPS:
            continue  # "has argued": the cue is the verb the auxiliary serves, a candidate itself
        s, e = verb_cue_text(tok)
        yield CueCandidate(i, s, e, verb_forms[tok.lower_].lemma, "VERB")


def _governs_subject(tok: Token) -> bool:
    """A verb form the tagger called a noun, adjective or adverb that governs a subject is
    a verb all the same (only a verb takes a subject): "The findings point to A", "Mayor
    Blasts Council" in a headline."""
    return any(c.dep_ in ("nsubj", "nsubjpass") for c in tok.children)


def _phrase_at(doc: Doc, tok: Token, phrases: dict, n: int) -> CueCandidate | None:
    for words, entry in phrases.items():
        if words[0] != tok.lower_ or tok.i + len(words) > n:
            continue
        if all(doc[tok.i + k].lower_ == w for k, w in enumerate(words)):
            last = doc[tok.i + len(words) - 1]
            return CueCandidate(tok.i, tok.idx, last.idx + len(last), entry.lemma, "PHRASE")
    return None
