"""Content: what a cue reports, and the syntactic frame it was found in.

Limits: follows the dependency parse, so a misparsed complement gives a wrong or missing
content; the frame is read from the cue's own children (and its head for parentheticals);
direct quotes are widened to the whole quotation (all its paragraphs) whenever the parsed
complement reaches into one. Reads token.dep_, token.tag_ and the quote spans; never raises.

Frames (see lexicon.FRAMES): ``quote`` (the content is a direct quotation: "“A,” he said"),
``ccomp`` (a clausal complement: "said that A"), ``paren`` (the cue sits inside its content:
"A, he said, is B"), ``xcomp`` ("vowed to A"), ``dobj`` ("denounced the deal"), ``prep``
("called for A"), and ``according`` for "according to X".
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field

from spacy.tokens import Doc, Token

from ..doc_index import doc_index, label_ids
from .lexicon import stem_forms
from .quotes import Quote, QuoteIndex

_COMP_DEPS = ("ccomp",)
_PREPS = {"about", "for", "of", "on", "against", "over", "regarding"}
# what a direct object's verb says of it: "called him a liar", "accused X of Y", "described X as Y"
_SECONDARY = {"oprd", "xcomp", "ccomp"}
_SECONDARY_PREPS = {"as", "of", "for", "on", "to"}
_TRIM = set(" \t\n\r,;:\u2014\u2013-")
_GAP_BEFORE = re.compile(r"[\s,;:\u2014\u2013-]*")  # between a quote and the cue clause after it
_GAP_AFTER = re.compile(r"[\s,;:.\u2014\u2013-]*")  # between the cue clause and a quote after it
_GAP_OPEN = re.compile(r"[\s,:\u2014\u2013-]*")  # between the cue clause and a quote it opens
_WORD = re.compile(r"\w")
_THAT = re.compile(r"^that\b")  # a content's complementiser (_outside_words)
MIN_QUOTE_WORDS = 4  # shorter quotes are scare quotes or titles, not speech, unless a cue owns them


@dataclass(slots=True)
class Content:
    """The content of one cue: character spans in doc.text (in order), frame and kind."""

    spans: list[tuple[int, int]]
    frame: str
    kind: str = "indirect"  # direct | indirect | mixed
    quotes: list[int] = field(default_factory=list)  # indices (QuoteIndex) of quotes inside


def token_span(tok: Token) -> tuple[int, int]:
    """Character span of a token's subtree (subtrees are contiguous in spaCy's parses)."""
    right = tok.right_edge
    return tok.left_edge.idx, right.idx + len(right)


def trim(text: str, start: int, end: int) -> tuple[int, int]:
    """Strip spaces and clause punctuation (commas, dashes, colons) from both ends."""
    while start < end and text[start] in _TRIM:
        start += 1
    while end > start and text[end - 1] in _TRIM:
        end -= 1
    return start, end


def is_speech_quote(text: str, quotes: QuoteIndex, qi: int, short_sentence: bool = True) -> bool:
    """A quotation long enough to be speech rather than a scare quote or a title, or
    (``short_sentence``) a short one that is a sentence of its own (``_quoted_sentence``)."""
    q = quotes.quotes[qi]
    if q.continues or quotes.chain_start(qi) != qi:
        return True
    inner = text[q.inner_start:q.inner_end]
    return len(inner.split()) >= MIN_QUOTE_WORDS or (short_sentence and _quoted_sentence(text, q))


# what a quoted sentence ends with inside its marks: its own stop, or the comma where the
# attribution interrupts it ("“Really,” she said")
_QUOTED_SENTENCE_END = frozenset(",.!?\u2026")
_SENTENCE_BEFORE = frozenset(".!?\u2026")


def _quoted_sentence(text: str, q: Quote) -> bool:
    """A short quotation that is a sentence of its own: it opens its sentence (a line start
    or a full stop before it) and ends with a sentence's stop or the comma of an interrupted
    quotation inside its marks ("“Not even one,” he said", "“With nukes?”"), or, after the
    comma or colon of the clause that opens it, closes its sentence ('she asked, “Why
    now?”'). A title or a scare quote is a phrase within a sentence, never one."""
    if not q.closed:
        return False
    inner = text[q.inner_start:q.inner_end].rstrip()
    if not inner or inner[-1] not in _QUOTED_SENTENCE_END or not _WORD.search(inner):
        return False
    i = q.start - 1
    while i >= 0 and text[i] in " \t":
        i -= 1
    if i < 0 or text[i] == "\n" or text[i] in _SENTENCE_BEFORE:
        return True
    if text[i] in ",:" and inner[-1] in _SENTENCE_BEFORE:
        # opened by a clause of saying and closing the sentence ('she asked, “Why now?”')
        return True
    # after a closing mark that ends a quoted sentence ('“No.” “Yes,” she said')
    return text[i] in "\u201d\u2019\u00bb\"'" and i > 0 and text[i - 1] in _SENTENCE_BEFORE


def _spans_minus(span: tuple[int, int], hole: tuple[int, int]) -> list[tuple[int, int]]:
    s, e = span
    hs, he = hole
    out = []
    if hs > s:
        out.append((s, min(hs, e)))
    if he < e:
        out.append((max(he, s), e))
    return out


def _merge(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    for s, e in sorted(spans):
        if e <= s:
            continue
        if out and s <= out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], e))
        else:
            out.append((s, e))
    return out


def with_quotes(text: str, spans: list[tuple[int, int]], quotes: QuoteIndex,
                frame: str) -> Content:
    """Widen spans to every quotation they reach into (all its paragraphs), unless it is a
    short quote lying inside the content (a scare quote); frame ``quote`` when the content is
    nothing but quotations; the kind (direct, mixed, indirect)."""
    used: list[int] = []
    out = list(spans)
    for s, e in spans:
        for qi in quotes.overlapping(s, e):
            q = quotes.quotes[qi]
            if not max(0, min(e, q.inner_end) - max(s, q.inner_start)):
                continue
            used.append(qi)
            if q.start >= s and q.end <= e and not is_speech_quote(text, quotes, qi):
                continue  # a scare quote or a title inside the content
            for qj in quotes.chain(quotes.chain_start(qi)):
                used.append(qj)
                out.append((quotes.quotes[qj].start, quotes.quotes[qj].end))
    out = _merge(out)
    used = sorted(set(used))
    kind = "indirect"
    if used:
        outside = _outside_words(text, out, [quotes.quotes[i] for i in used])
        kind = "mixed" if outside else "direct"
        if not outside:
            frame = "quote"
    return Content(out, frame, kind, used)


def _outside_words(text: str, spans: list[tuple[int, int]], qs: list) -> bool:
    """Whether the spans hold word characters outside the given quotes (beyond a 'that')."""
    pos_spans = []
    for s, e in spans:
        cur = s
        for q in qs:
            if q.end <= cur or q.start >= e:
                continue
            if q.start > cur:
                pos_spans.append((cur, q.start))
            cur = max(cur, q.end)
        if cur < e:
            pos_spans.append((cur, e))
    rest = " ".join(text[s:e] for s, e in pos_spans).strip().lower()
    rest = _THAT.sub("", rest)
    return bool(_WORD.search(rest))


def verb_content(doc: Doc, text: str, tok: Token, quotes: QuoteIndex,
                 skip_comp: bool = False) -> Content | None:
    """The content of a verb cue and its frame, or None when the verb reports nothing here.

    ``skip_comp``: ignore clausal complements (for a verb that never takes one, whose parse
    hung the clause before it on it: "..., Iran disavowed any knowledge")."""
    clause = cue_clause(tok, quotes)
    comp: list[Token] = []
    xcomp = dobj = prep_obj = None
    for c in tok.children:
        dep = c.dep_
        if dep in _COMP_DEPS:
            comp.append(c)
        elif dep == "xcomp" and xcomp is None:
            xcomp = c
        elif dep == "dobj" and dobj is None:
            dobj = c
        elif dep == "prep" and prep_obj is None and c.i > tok.i and c.lower_ in _PREPS:
            for g in c.children:
                if g.dep_ in ("pobj", "pcomp") and g.ent_type_ not in ("DATE", "TIME"):
                    prep_obj = g
                    break
    if not comp:
        comp = _document_clause(tok)
    if not comp:
        comp = _clause_read_as_subject(tok)
    if not comp:
        comp = _pro_sentence(tok)
    if not comp:
        comp = _indirect_question(tok)
    if not comp and tok.dep_ == "xcomp" and tok.i > tok.head.i:
        # "A, he went on to say": the complement hangs on the verb this one completes
        comp = [c for c in tok.head.children if c.dep_ in _COMP_DEPS and c.i < tok.head.i]
    # a speaker after the verb or before it narrows the complements, when there are some
    # (both are only read where comp is left: without one, neither is looked for)
    inverted = inverted_clause_subject(tok) if comp else None
    if inverted is not None:
        comp = [c for c in comp if c.i != inverted.head.i]  # the speaker's words, not content
    after_quote = subject_after_quote(tok) if comp else None
    if after_quote is not None:
        # "“A,” Jane Roe, an adviser, said": the parse took the speaker into the quoted clause
        close = after_quote[1]
        comp = [c for c in comp if c.i < tok.i]
    if comp and all(c.i > tok.i for c in comp) and _adjacent_quote(
            text, clause, quotes, before_only=True) is not None:
        # "“A,” she said in an interview aired Monday": after its quotation the verb reports
        # that quotation; a clause without a subject after it is a participle misparsed
        comp = [c for c in comp if any(
            g.dep_ in ("nsubj", "nsubjpass", "expl", "csubj") for g in c.children)]
    if comp and any(c.i < tok.i for c in comp):
        # "A, the government said in a statement Sunday posted to X": a clause without a
        # subject after the cue is no second reported clause (a participle misparsed)
        comp = [c for c in comp if c.i < tok.i or any(
            g.dep_ in ("nsubj", "nsubjpass", "expl", "csubj") for g in c.children)]
    if any(c.i > tok.i for c in comp):
        # "A. Most voters said B": a verb reports the clause after it; a clause before it that
        # the parse hung on it as well is the writer's (often the sentence before), unless it
        # is a quotation ("“A,” he said, “B”" is one statement)
        comp = [c for c in comp if c.i > tok.i or quotes.at(c.left_edge.idx) is not None]
    own_object = _own_object_after(tok, xcomp, dobj)
    if own_object and xcomp is None and tok.lower_ in _TELLING and comp and \
            tok.doc[_cue_clause_start(tok) - 1].text == ",":
        # "A, the minister told a Senate panel.": telling takes two objects; with the clause
        # told before it, set off by its comma, the one after it is who was told
        own_object = False
    if comp and own_object and all(c.i < tok.i and quotes.at(c.left_edge.idx) is None
                                   for c in comp):
        # "A. He urged voters to stay home": a verb whose object or infinitive after it says
        # what it reports has no room for a clause before it; that clause is the writer's
        comp = []
    if skip_comp:
        comp = []
    if comp:
        spans = [trim(text, _after_circumstance(tok, c), token_span(c)[1]) for c in comp]
        stray = _stray_subject(tok, comp[-1])
        if stray is not None:
            spans[-1] = trim(text, stray.left_edge.idx, spans[-1][1])
        if comp[-1].i > tok.i:
            end = _further_complement_end(tok, comp[-1])
            if end is not None:
                spans[-1] = (spans[-1][0], end)
        if after_quote is not None:
            spans = [(s, min(e, close.idx + len(close))) for s, e in spans if s < close.idx]
        return _finish(doc, text, tok, clause, spans, quotes, "ccomp")
    left = None if skip_comp or own_object else _left_clause(tok)
    if left is not None:
        return _finish(doc, text, tok, clause, [left], quotes, "ccomp")
    if tok.dep_ in ("conj", "parataxis", "dep") and tok.head.i < tok.i \
            and inverted_tail(tok) is not None:
        # "A will resume next month, continued the minister"
        head_span = token_span(tok.head)
        spans = [trim(text, *sp) for sp in _spans_minus(head_span, token_span(tok))]
        spans = [sp for sp in spans if _WORD.search(text[sp[0]:sp[1]])]
        return _finish(doc, text, tok, clause, spans, quotes, "paren")
    if tok.head.i != tok.i and _has_subject(tok) and (
            tok.dep_ == "parataxis" or _set_off_report(tok)):
        head_span = token_span(tok.head)
        spans = [trim(text, *sp) for sp in _spans_minus(head_span, token_span(tok))]
        spans = [sp for sp in spans if _WORD.search(text[sp[0]:sp[1]])]
        if spans:
            return _finish(doc, text, tok, clause, spans, quotes, "paren")
    adjacent = _adjacent_quote(text, clause, quotes)
    if adjacent is not None:
        q = quotes.quotes[adjacent]
        return _finish(doc, text, tok, clause, [(q.start, q.end)], quotes, "quote")
    if xcomp is not None and any(c.dep_ == "auxpass" for c in tok.children) and (
            xcomp.lower_ in ("be", "have") or any(
                c.dep_ == "aux" and c.lower_ in ("be", "have") for c in xcomp.children)):
        # "is said to be", "was reported to have (left)", "is said to be considering":
        # hearsay, no statement
        xcomp = None
    told = dobj if dobj is not None and not _addressee(tok, dobj) else None
    for frame, child in (("xcomp", xcomp), ("dobj", told), ("prep", prep_obj)):
        if child is not None:
            span = token_span(child)
            if frame in ("dobj", "prep"):
                end = _circumstance_start(child, quotes) or span[1]
                if frame == "dobj":
                    end = _secondary_end(tok, child, end)
                span = (span[0], completion_end(tok, child, end))
            elif frame == "xcomp" and dobj is not None and dobj.i < child.i:
                # object control ("urged the council to reject A"): the object is the
                # infinitive's understood subject, so both make the proposition reported
                span = (token_span(dobj)[0], span[1])
            span = trim(text, *span)
            if span[1] > span[0]:
                spans = [span]
                subj = _raised_subject(tok) if frame == "xcomp" else None
                if subj is not None:
                    spans.insert(0, trim(text, *token_span(subj)))
                return _finish(doc, text, tok, clause, spans, quotes, frame)
    if skip_comp:
        return None
    found = misparsed_complement(tok, quotes)
    if found is None:
        return None
    frame, span = found
    span = trim(text, *span)
    if span[1] <= span[0]:
        return None
    spans = [span]
    subj = _raised_subject(tok) if tok.lower_ in RAISING else None
    if subj is not None:
        spans.insert(0, trim(text, *token_span(subj)))  # "the senator seemed ready to run"
    return _finish(doc, text, tok, clause, spans, quotes, frame)


# raising verbs: their subject is the infinitive's ("the plan seems to work": it seems that
# the plan works); forms, as the pipeline runs no lemmatizer
RAISING = stem_forms("seem appear")


def _raised_subject(tok: Token) -> Token | None:
    """The subject before a raising verb ("The plan seems to work") or a passive one ("The
    vote is expected to pass": it is expected that the vote passes), which belongs to what the
    infinitive says, not to the verb; None for any other verb, or a raising verb's relative
    pronoun (a passive's is kept: in "a vote which is expected to pass" the content is "which
    to pass", as PolNeAR marks it)."""
    if tok.lower_ in RAISING:
        dep = "nsubj"
    elif any(c.dep_ == "auxpass" for c in tok.children):
        dep = "nsubjpass"
    else:
        return None
    subj = next((c for c in tok.children if c.dep_ == dep and c.i < tok.i), None)
    if subj is None or (dep == "nsubj" and subj.tag_ in ("WDT", "WP")):
        return None
    return subj


def _further_complement_end(tok: Token, comp: Token) -> int | None:
    """"predicted that A, but that B": a second clause with "that", joined to the verb after
    its complement, is a second complement (a "that"-clause cannot be coordinated with the
    verb itself); "said A because B": the reason given with a reported clause is the
    speaker's, part of the report; "said no to A": what the answer refused; "said she hoped
    A, and would B": a modal predicate of the reported clause (_modal_predicate). The content runs
    to the end of the last such clause.
    Returns that end, or None."""
    end = None
    for c in tok.rights:
        if c.i <= comp.i:
            continue
        if c.dep_ == "conj" and any(m.dep_ == "mark" and m.lower_ == "that"
                                    and m.i == c.left_edge.i for m in c.children):
            end = token_span(c)[1]
        elif c.dep_ == "advcl" and any(m.dep_ == "mark" and m.lower_ == "because"
                                       for m in c.children):
            end = token_span(c)[1]
        elif c.dep_ == "conj" and c.tag_[:2] == "VB" and _modal_predicate(c):
            end = token_span(c)[1]
        elif c.dep_ == "prep" and c.lower_ == "to" and c.i == comp.i + 1 and \
                comp.lower_ in _PRO_SENTENCES:
            end = token_span(c)[1]  # "said no to the war": what the answer refused
    return end


def _cue_clause_start(tok: Token) -> int:
    """Index of the first word of a verb's clause proper: its subject's, or the verb's own."""
    subj = next((c for c in tok.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    return min(subj.left_edge.i, tok.i) if subj is not None else tok.i


def _stray_subject(tok: Token, comp: Token) -> Token | None:
    """"Hale said the days when A are gone": a noun phrase the parser hung on the verb,
    between it and a complement clause with no subject, is that clause's subject (a verb of
    saying takes no object beside its clause, and a finite clause has a subject); who is
    told ("told reporters A") and a date ("said Tuesday A") are the verb's own."""
    if comp.i < tok.i or any(g.dep_ in ("nsubj", "nsubjpass", "expl", "csubj")
                             for g in comp.children):
        return None
    for c in tok.children:
        if c.dep_ in ("dobj", "npadvmod") and tok.i < c.i < comp.i and \
                c.ent_type_ not in ("DATE", "TIME") and c.lower_ not in _TIME_NOUNS and \
                not _addressee(tok, c) and c.right_edge.i < comp.left_edge.i:
            return c
    return None


def _modal_predicate(conj: Token) -> bool:
    """"said she hoped to win, and then would continue to campaign": a predicate with no
    subject of its own and a modal ("would", "could") joined after a reported clause is the
    reported clause's, in the future of the past it speaks of; the act of saying is no such
    predicate's subject."""
    return not any(g.dep_ in ("nsubj", "nsubjpass", "expl", "csubj") for g in conj.children) \
        and any(g.dep_ == "aux" and g.tag_ == "MD" for g in conj.children)


def _own_object_after(tok: Token, xcomp: Token | None, dobj: Token | None) -> bool:
    """Whether the verb has, after it, an infinitive or a direct object that is not the
    person told ("urged voters to stay home", "defended his decision")."""
    if xcomp is not None and xcomp.i > tok.i:
        return True
    if dobj is None or dobj.i < tok.i or _addressee(tok, dobj):
        return False
    # "A, continued the minister.": right after a comma, with no subject, an object that ends
    # the sentence is the inverted speaker, and the clause before is what was said
    return not (tok.doc[tok.i - 1].text == "," and not _has_subject(tok)
                and _ends_sentence_as_speaker(dobj))


# prepositions whose object a verb of reacting or referring takes as what it reports
# ("responded to the charges", "agreed with the ruling", "lashed out at the governor"), read
# only when the verb has no other complement
_MORE_PREPS = frozenset(("to", "with", "at"))
_PERSON_ENTS = ("PERSON", "ORG", "NORP", "GPE")
# verbs of talking: "to", "with" or "at" after them names who was talked to or where, and
# "add to" is to increase (forms: the pipeline runs no lemmatizer)
_TALKING = stem_forms("speak talk chat add") | frozenset("spoke spoken chatted chatting".split())


def _next_after_verb(tok: Token) -> int:
    """Index of the first token after the verb, its particles and adverbs ("called back",
    "responded angrily")."""
    doc = tok.doc
    i = tok.i + 1
    while i < len(doc) and doc[i].head.i == tok.i and doc[i].dep_ in ("prt", "advmod", "neg"):
        i += 1
    return i


def misparsed_complement(tok: Token, quotes: QuoteIndex) -> tuple[str, tuple[int, int]] | None:
    """What a verb with no complement the frames read reports, where the parser gave it
    another label: ``(frame, character span)`` or None. Each case has a syntactic reason:

    * "called for the president to resign": a for-to clause (an infinitive clause with a
      subject of its own, opened by "for") right after the verb is its prepositional
      complement, though the parser labels it an adverbial clause (frame ``prep``, without
      the "for").
    * "the plan was criticized by the union": a passive with a by-agent; its subject is the
      verb's underlying object, what the agent criticized (frame ``dobj``).
    * "responded to the charges", "agreed with the ruling", "lashed out at the governor":
      the object of "to", "with" or "at" right after the verb (frame ``prep``); not after a
      verb of talking, not a person or a body after "to" or "with" (a name, a pronoun, an
      audience: who was answered or agreed with, not what), nor a date, medium or occasion
      (saying_circumstance).
    * "called the council lazy": an object predicate (oprd) and no object: the parser took
      the object into the predicate or hung it elsewhere; the words from the verb to the
      predicate's end are the content (frame ``dobj``)."""
    kids = list(tok.children)
    if any(c.dep_ in ("ccomp", "xcomp", "dobj") for c in kids):
        return None
    nxt = _next_after_verb(tok)
    return _for_to_clause(tok, kids, nxt) or _passive_subject(tok, kids, quotes) \
        or _prep_object(tok, kids, nxt, quotes) or _object_predicate(tok, kids, nxt)


def _for_to_clause(tok: Token, kids: list[Token], nxt: int) -> tuple[str, tuple[int, int]] | None:
    for c in kids:
        if c.dep_ != "advcl" or c.i <= tok.i:
            continue
        first = c.left_edge
        if first.i == nxt and first.lower_ == "for" and first.head.i == c.i and \
                any(g.dep_ in ("nsubj", "nsubjpass") for g in c.children) and \
                any(g.dep_ == "aux" and g.lower_ == "to" for g in c.children):
            return "prep", (tok.doc[first.i + 1].idx, token_span(c)[1])
    return None


def _passive_subject(tok: Token, kids: list[Token],
                     quotes: QuoteIndex) -> tuple[str, tuple[int, int]] | None:
    if not any(c.dep_ == "auxpass" for c in kids):
        return None
    subj = next((c for c in kids if c.dep_ == "nsubjpass" and c.i < tok.i), None)
    agent = next((c for c in kids if c.dep_ == "agent" and c.i > tok.i), None)
    if subj is None or agent is None or subj.lower_ in ("it", "there") or \
            not any(g.dep_ == "pobj" for g in agent.children) or quotes.at(subj.idx) is not None:
        return None
    return "dobj", token_span(subj)


def _prep_object(tok: Token, kids: list[Token], nxt: int,
                 quotes: QuoteIndex) -> tuple[str, tuple[int, int]] | None:
    if tok.lower_ in _TALKING:
        return None
    prep = next((c for c in kids if c.dep_ == "prep" and c.i == nxt), None)
    if prep is None or prep.lower_ not in _MORE_PREPS or saying_circumstance(prep) is not None:
        return None
    obj = next((g for g in prep.children if g.dep_ in ("pobj", "pcomp")), None)
    if obj is None or (prep.lower_ != "at" and (
            obj.ent_type_ in _PERSON_ENTS or obj.tag_ in ("PRP", "NNP", "NNPS")
            or obj.lower_ in _AUDIENCE_NOUNS)):
        return None
    span = token_span(obj)
    end = _circumstance_start(obj, quotes) or span[1]
    return "prep", (span[0], completion_end(tok, obj, end))


def _object_predicate(tok: Token, kids: list[Token],
                      nxt: int) -> tuple[str, tuple[int, int]] | None:
    pred = next((c for c in kids if c.dep_ == "oprd" and c.i > tok.i), None)
    if pred is None or pred.left_edge.i < nxt:
        return None
    return "dobj", (tok.doc[nxt].idx, token_span(pred)[1])


# verbs whose complement is a question: "asked the minister if A", "wondered whether A"
# (forms: the pipeline runs no lemmatizer)
ASKING = frozenset("ask asks asked asking inquire inquires inquired inquiring enquire enquires "
                    "enquired enquiring wonder wonders wondered wondering question questions "
                    "questioned questioning".split())


def _clause_read_as_subject(tok: Token) -> list[Token]:
    """"A is B, said Ana Ruiz" / "A is B, Ana Ruiz said": a verb with two subjects before and
    around it, the first one set off by a comma, had the clause it reports read as a subject
    (its head noun taken for the verb's); a verb has one subject, and the one next to it is
    the speaker (sources.verb_source). The first, up to its comma, is what was said."""
    subjects = [c for c in tok.children if c.dep_ == "nsubj"]
    if len(subjects) < 2 or subjects[0].i > tok.i:
        return []
    first, speaker = subjects[0], subjects[-1]
    doc = tok.doc
    after = first.right_edge.i + 1
    if after >= tok.i or doc[after].text != ",":
        return []
    # the cue clause follows the comma and ends the sentence ("A, she said." - not "Voters,
    # she said, want A", where the subject is the reported clause's own)
    if after + 1 not in (tok.i, speaker.left_edge.i):
        return []
    end = max(tok.i, speaker.right_edge.i) + 1
    if end < len(doc) and doc[end].text not in (".", "!", "?") and "\n" not in doc[end].text:
        return []
    return [first]


# words that stand for a whole clause after a verb of saying: the answer "yes" or "no", and
# "so" ("she said so": she said that it is)
_PRO_SENTENCES = frozenset(("yes", "no", "so"))


def _pro_sentence(tok: Token) -> list[Token]:
    """"60 percent said yes", "he said no", "the report says so": a pro-form right after the
    verb stands for the clause it reports (the answer to the question asked), its clausal
    complement though the parser labels it an interjection or an adverb."""
    nxt = tok.i + 1
    if nxt >= len(tok.doc):
        return []
    word = tok.doc[nxt]
    if word.head.i != tok.i or word.lower_ not in _PRO_SENTENCES or \
            word.dep_ not in ("intj", "advmod", "dobj", "ccomp"):
        return []
    after = tok.doc[nxt + 1] if nxt + 1 < len(tok.doc) else None
    if after is not None and not after.is_punct and after.lower_ not in ("to", "on"):
        return []  # "said no one", "says so much": the word begins a longer phrase
    return [word]


def _indirect_question(tok: Token) -> list[Token]:
    """"asked the minister if the plan was ready": after a verb of asking, an "if" or
    "whether" clause is the question asked (an indirect question), not a condition, though
    the parser reads it as an adverbial clause."""
    if tok.lower_ not in ASKING:
        return []
    return [c for c in tok.children if c.dep_ == "advcl" and c.i > tok.i and any(
        m.dep_ == "mark" and m.lower_ in ("if", "whether") and m.i == c.left_edge.i
        for m in c.children)][:1]


def _after_circumstance(tok: Token, comp: Token) -> int:
    """Where a complement clause after its cue starts: "told reporters on Friday he would
    resign" - a date, medium or occasion phrase that opens the clause before its subject,
    with no "that" before it, tells when or where it was said (the parser hangs it on the
    clause's verb); the clause starts at its subject."""
    first = comp.left_edge
    if comp.i < tok.i:
        return first.idx
    for p in comp.children:
        if p.dep_ != "prep" or p.left_edge.i != first.i or saying_circumstance(p) is None:
            continue
        nxt = p.right_edge.i + 1
        if nxt < len(comp.doc) and comp.doc[nxt].text == ",":
            nxt += 1
        if nxt < comp.i and comp.doc[nxt].dep_ in ("nsubj", "nsubjpass", "expl") or (
                nxt < len(comp.doc) and comp.doc[nxt].head.i != comp.i
                and comp.doc[nxt].head.dep_ in ("nsubj", "nsubjpass")
                and comp.doc[nxt].head.head.i == comp.i):
            return comp.doc[nxt].idx
    return first.idx


_TELLING = frozenset("tell tells told telling remind reminds reminded reminding".split())
_ASKING_FORMS = frozenset(f for f in ASKING if f.startswith("ask"))
_AUDIENCE_NOUNS = frozenset("reporters journalists audience audiences crowd crowds supporters "
                            "viewers listeners voters students interviewer".split())


def _addressee(tok: Token, dobj: Token) -> bool:
    """The object of "tell" or "remind" that is a person, an organisation or an audience
    ("told CNN", "told reporters") is who was told, never what was told; so is a person or
    an audience asked ("asked him about A"), but a country or a body asked for something
    stays with its request ("asked Turkey for water")."""
    if tok.lower_ in _ASKING_FORMS:
        # "asked him about A": a person asked; "asked Turkey for water" is a request
        return dobj.ent_type_ == "PERSON" or dobj.tag_ == "PRP" or dobj.lower_ in _AUDIENCE_NOUNS
    if tok.lower_ not in _TELLING:
        return False
    return dobj.ent_type_ in ("PERSON", "ORG", "NORP", "GPE") or dobj.tag_ == "PRP" \
        or dobj.lower_ in _AUDIENCE_NOUNS


def to_object_content(doc: Doc, text: str, tok: Token, quotes: QuoteIndex) -> Content | None:
    """The object of "to" after a verb ("referring to the tax plan"), frame ``prep``."""
    for c in tok.children:
        if c.dep_ == "prep" and c.lower_ == "to" and c.i > tok.i:
            g = next((g for g in c.children if g.dep_ in ("pobj", "pcomp")), None)
            if g is None or g.ent_type_ in ("DATE", "TIME"):
                return None
            span = trim(text, *token_span(g))
            if span[1] <= span[0]:
                return None
            return _finish(doc, text, tok, cue_clause(tok, quotes), [span], quotes, "prep")
    return None


_DOCUMENT_PREPS = {"in", "through", "via"}
_TIME_NOUNS = frozenset("hours hour morning evening night afternoon day days week weeks "
                        "weekend".split())
_EVENT_NOUNS = frozenset("interview interviews remarks speech post posts".split())


def _document_clause(tok: Token) -> list[Token]:
    """"said in a statement that A", "tweeted in the early hours that A", "wrote Monday that
    A": the parser hangs the that-clause on the noun after the verb; it is still what the
    verb reports (a that-clause with "that" as a complementiser, not a relative pronoun, can
    only complement a noun of saying, and a time or place noun takes none)."""
    from .sources import DOCUMENT_NOUNS

    for c in tok.rights:
        if c.dep_ == "npadvmod":
            pobjs = [c]
        elif c.dep_ == "prep":
            pobjs = [g for g in c.children if g.dep_ == "pobj"]
        else:
            continue
        for g in pobjs:
            if c.dep_ == "prep" and c.lower_ in _DOCUMENT_PREPS and g.lower_ in DOCUMENT_NOUNS:
                pass  # "in a statement that A"
            elif g.ent_type_ not in ("DATE", "TIME") and g.lower_ not in _TIME_NOUNS \
                    and g.lower_ not in _EVENT_NOUNS:
                continue
            for h in g.rights:
                if h.dep_ in ("acl", "relcl", "ccomp") and \
                        any(m.dep_ == "mark" and m.lower_ == "that" for m in h.children):
                    return [h]
    return []


def inside_speech_quote(text: str, quotes: QuoteIndex, offset: int) -> bool:
    """Whether ``offset`` lies inside a speech quotation (nested attributions are not cues)."""
    qi = quotes.at(offset)
    return qi is not None and is_speech_quote(text, quotes, qi)


def _as_predicate(clause: Token, dobj: Token) -> bool:
    """"described her as likable", "portrayed him as focused on A": the parser reads "as"
    with an adjective or participle as an adverbial clause; right after the object and
    without a subject of its own it is what the verb predicates of the object (a clause
    with a subject, "as he left", tells when)."""
    first = clause.left_edge
    return clause.dep_ == "advcl" and first.lower_ == "as" and first.i == dobj.right_edge.i + 1 \
        and not any(c.dep_ in ("nsubj", "nsubjpass", "expl") for c in clause.children)


def _secondary_end(tok: Token, dobj: Token, end: int) -> int:
    """Extend a direct object over what the verb predicates of it ("called him “a liar”")."""
    for c in tok.rights:
        if c.i <= dobj.i:
            continue
        if c.dep_ in _SECONDARY or (c.dep_ == "prep" and c.lower_ in _SECONDARY_PREPS
                                    and saying_circumstance(c) is None) \
                or _as_predicate(c, dobj):
            end = max(end, token_span(c)[1])
        elif c.dep_ not in ("punct", "advmod", "npadvmod"):
            break
    return end


# the medium a statement went out through ("in an interview", "on Twitter", "on CNN"), on top
# of the documents of sources.DOCUMENT_NOUNS
_MEDIUM_NOUNS = frozenset("twitter facebook instagram youtube television tv radio show program "
                          "programme broadcast podcast conference call appearance blog website "
                          "site newsletter".split())
_MEDIUM_PREPS = {"in", "on", "via", "through", "during", "over"}
_MEDIUM_ENTS = ("ORG", "PRODUCT", "WORK_OF_ART")
# prepositions that place an act in time or on an occasion ("after the vote", "during the
# debate", "at a rally"): on a verb of saying they tell when or where it was said
_OCCASION_PREPS = {"after", "before", "during", "until", "till", "since", "amid", "amidst",
                   "following", "at"}
_TARGET_ENTS = ("PERSON", "ORG", "NORP", "GPE")


def saying_circumstance(prep: Token) -> str | None:
    """What a prepositional phrase hanging on a verb of saying tells of the act of saying
    rather than of what was said: ``"date"`` ("on Tuesday", "in 2015", "this morning"),
    ``"medium"`` ("in an interview", "on Twitter", "on CNN"), ``"occasion"`` ("after the
    vote", "during the debate", "at a rally"), else None (a complement of the verb, part of
    what it reports: "warned voters about the deficit"). "at" a person or an organisation is
    a target ("hurled insults at the governor"), no occasion."""
    from .sources import DOCUMENT_NOUNS

    obj = next((g for g in prep.children if g.dep_ in ("pobj", "pcomp")), None)
    if obj is None:
        return None
    if obj.ent_type_ in ("DATE", "TIME") or obj.lower_ in _TIME_NOUNS:
        return "date"
    if prep.lower_ in _MEDIUM_PREPS and (
            obj.lower_ in DOCUMENT_NOUNS or obj.lower_ in _MEDIUM_NOUNS
            or (prep.lower_ == "on" and obj.ent_type_ in _MEDIUM_ENTS)):
        return "medium"
    if prep.lower_ in _OCCASION_PREPS and not (
            prep.lower_ == "at" and (obj.ent_type_ in _TARGET_ENTS or obj.tag_ == "PRP")):
        return "occasion"
    return None


def _circumstance_start(obj: Token, quotes: QuoteIndex) -> int | None:
    """Where an object content ends before a phrase that tells of the act of saying, though
    the parser hung it on the object noun ("posted a photo on Instagram", "claimed victory in
    a tweet"): a medium phrase (see saying_circumstance) that closes the object's subtree;
    the earliest such phrase, never one inside a quotation. Dates and occasions stay: on a
    noun they often are what is talked about ("proposed a debate on April 4"), and "on" a
    document is a topic ("an attack on the video"). Returns its
    start offset, or None."""
    from .sources import DOCUMENT_NOUNS

    last = obj.right_edge.i
    for t in obj.rights:  # its phrases after it (not its whole subtree: a Token for each word)
        if t.dep_ != "prep" or t.right_edge.i != last or quotes.at(t.idx) is not None:
            continue
        if saying_circumstance(t) != "medium":
            continue
        obj_of = next(g for g in t.children if g.dep_ in ("pobj", "pcomp"))
        if (t.lower_ == "on" and obj_of.lower_ in DOCUMENT_NOUNS) or obj_of.lower_ in ("poll", "polls"):
            continue  # "an attack on the video", "a lead in the polls": what is said about
        return t.left_edge.idx
    return None


def completion_end(tok: Token, obj: Token, end: int) -> int:
    """Extend an object content over the verb's complements after it: a prepositional
    phrase or a second (dative) object completes the verb's proposition ("warned voters
    about the deficit", "offered the senator the second spot", "handed the letter to the
    judge"); one that dates the saying, names its medium or its occasion ("on Tuesday", "in an
    interview", "after the vote", "at a rally") is about the act of saying, and it ends the
    content, as does anything else (a clause, a conjunction, a comma)."""
    for c in tok.rights:
        if c.i <= obj.i or c.idx < end:
            continue
        if c.dep_ in ("advmod", "npadvmod") and c.ent_type_ not in ("DATE", "TIME"):
            continue  # "warned voters again about A": an adverb between complements
        if c.dep_ in ("dative", "dobj") or (c.dep_ == "prep" and saying_circumstance(c) is None) \
                or _object_infinitive(c):
            if tok.doc[c.left_edge.i - 1].text in (",", ";", ":", "(", "—"):
                break  # set off by punctuation: an afterthought, not a complement
            end = max(end, token_span(c)[1])
            continue
        break
    return end


def _object_infinitive(c: Token) -> bool:
    """"proposed new funds to help the states", "praised her effort to end the strike": an
    infinitive right after a verb's object, which the parser hangs on the verb as a clause of
    purpose, completes the object noun (a verb of saying is seldom done for a purpose)."""
    first = c.left_edge
    return c.dep_ == "advcl" and c.tag_ == "VB" and first.lower_ == "to" and first.dep_ == "aux"


def _left_clause(tok: Token) -> tuple[int, int] | None:
    """"A is B, X said" when the parser hung A elsewhere (often across a line break): the
    clause between the line (or sentence) start and the comma before the cue's subject."""
    subj = next((c for c in tok.children if c.dep_ == "nsubj" and c.i < tok.i), None)
    if subj is None or tok.dep_ not in ("ROOT", "conj"):
        return None
    doc = tok.doc
    comma = subj.left_edge.i - 1
    if comma < 1 or doc[comma].text != ",":
        return None
    i = comma - 1
    while i >= 0:
        t = doc[i]
        if "\n" in t.text_with_ws:
            break
        if t.text in (".", "!", "?", ";"):
            return None
        i -= 1
    if i < 0 or comma - i < 4:
        return None
    # only where the parse ran over the line break: the clause's verb hangs on the line above
    if not any(doc[k].tag_[:2] == "VB" and doc[k].head.i <= i for k in range(i + 1, comma)):
        return None
    first = doc[i + 1]
    return first.idx, doc[comma].idx


def inverted_tail(tok: Token) -> Token | None:
    """The object that is really the subject of a clause-final inverted cue: ", continued the
    minister." (the cue follows a comma, has no subject, and its noun ends the sentence)."""
    if tok.i == 0 or tok.doc[tok.i - 1].text != ",":
        return None
    obj = None
    for c in tok.children:
        if c.dep_ in ("nsubj", "nsubjpass", "ccomp", "xcomp"):
            return None
        if c.i > tok.i and c.dep_ in ("dobj", "attr", "npadvmod", "dative", "oprd"):
            obj = c
    return obj if obj is not None and _ends_sentence_as_speaker(obj) else None


def _ends_sentence_as_speaker(obj: Token) -> bool:
    """Whether a noun phrase after a cue ends its sentence, as an inverted speaker does
    (", continued the minister.")."""
    if obj.tag_[:2] not in ("NN", "PR"):
        return False
    end = obj.right_edge.i + 1
    return end >= len(obj.doc) or obj.doc[end].text in (".", "!", "?", "\n", "\n\n")


def subject_after_quote(tok: Token) -> tuple[Token, Token] | None:
    """"“A,” Jane Roe, a top adviser, said": a verb without a subject whose words right before
    it, back to a closing quotation mark, form one noun phrase (an apposition allowed): that
    phrase is the speaker (the parser often hangs it on the quoted clause). Returns (the
    phrase's head, the closing mark)."""
    if any(c.dep_ in ("nsubj", "nsubjpass", "csubj") for c in tok.children):
        return None
    doc = tok.doc
    j = tok.i - 1
    while j > 0 and tok.i - j <= 12:
        t = doc[j]
        if t.tag_ == "''":
            break
        if t.tag_[:2] in ("VB", "MD") or t.text in (".", "!", "?", ";", ":") or "\n" in t.text:
            return None
        j -= 1
    else:
        return None
    if doc[j].tag_ != "''" or j + 1 >= tok.i:
        return None
    heads = [t for t in doc[j + 1:tok.i] if not t.is_punct and not j < t.head.i < tok.i]
    if len(heads) != 1 or heads[0].tag_[:2] not in ("NN", "PR"):
        return None
    return heads[0], doc[j]


_CLOSING_MARKS = {"\u201d", "''", '"', "\u2019", "\u00bb"}


def inverted_clause_subject(tok: Token) -> Token | None:
    """"“A,” said Jane Roe, who chairs the board, “B.”": after a quotation the quotative verb
    comes before its subject (quotative inversion); the parser, finding no subject before the
    verb, reads the speaker and her relative clause as a clausal complement. The subject of
    that complement, when it starts right after the verb and the verb right after the closing
    mark (a comma between them allowed), is the speaker."""
    doc = tok.doc
    if tok.i < 2 or any(c.dep_ in ("nsubj", "nsubjpass", "csubj") for c in tok.children):
        return None
    prev = doc[tok.i - 1]
    if prev.text == ",":
        prev = doc[tok.i - 2]
    if prev.text not in _CLOSING_MARKS:
        return None
    for c in tok.children:
        if c.dep_ == "ccomp" and c.i > tok.i:
            for g in c.children:
                if g.dep_ == "nsubj" and g.left_edge.i == tok.i + 1 and g.tag_[:2] in ("NN", "PR"):
                    return g
    return None


_STOPS = frozenset((".", "!", "?"))


def _set_off_report(tok: Token) -> bool:
    """"A is B, the agency said." / "A, she said, is B": a clause of saying with its own
    subject, set off by commas from the clause around it (or closing the sentence after a
    comma), that the parser hung on that clause as an adverbial clause or a conjunct (or, in
    the middle, as the complement of the verb after it) is a parenthetical, and the clause
    around it is what it reports. Not a clause with a subordinator ("after they said so",
    "when she said it": those tell when) nor one with a complement of its own."""
    doc = tok.doc
    if any(c.dep_ in ("mark", "ccomp", "xcomp") or (c.dep_ == "advmod" and c.tag_ == "WRB")
           or (c.dep_ == "dobj" and not _addressee(tok, c)) for c in tok.children):
        return False  # "Instead, Trump told CNN, A": who was told is no content of its own
    first, last = _cue_clause_start(tok), tok.right_edge.i
    if first == 0 or doc[first - 1].text != ",":
        return False  # ("If anything, she argued, A": an opener of the clause may precede)
    after = doc[last + 1] if last + 1 < len(doc) else None
    if tok.dep_ in ("advcl", "conj") and tok.head.i < tok.i:
        return after is None or after.text in _STOPS or after.text in ASIDE_DASHES \
            or "\n" in after.text
    if tok.dep_ == "ccomp" and tok.head.i > tok.i:
        return after is not None and after.text == ","
    return False


def _has_subject(tok: Token) -> bool:
    return any(c.dep_ in ("nsubj", "nsubjpass") for c in tok.children)


def line_bounds(text: str, offset: int) -> tuple[int, int]:
    """Start and end of the line (paragraph) holding ``offset``."""
    end = text.find("\n", offset)
    return text.rfind("\n", 0, offset) + 1, len(text) if end < 0 else end


def _finish(doc: Doc, text: str, tok: Token, clause: tuple[int, int],
            spans: list[tuple[int, int]], quotes: QuoteIndex, frame: str) -> Content | None:
    # the parser sometimes runs a clause across a paragraph break: a parsed content stays in
    # the cue's paragraph (quotations are widened over paragraphs afterwards, on purpose)
    # (a quotation the cue opens with a colon may start on the next line: "X wrote:\n“A”";
    # its own marks bound it)
    if frame != "quote":
        ls, le = line_bounds(text, tok.idx)
        spans = [trim(text, max(s, ls), min(e, le)) for s, e in spans]
    spans = without_connective(doc, text, [sp for sp in spans if sp[1] > sp[0]], quotes)
    if not spans:
        return None
    if frame != "quote":
        cut = writer_aside(doc, text, spans[-1], quotes)
        if cut is not None:
            spans[-1] = trim(text, spans[-1][0], cut)
        spans[-1] = without_full_stop(doc, text, spans[-1], quotes)
    # (the quotation is one that ends before the clause: it can start after the content's
    # start only where the content starts before the clause)
    adjacent = _adjacent_quote(text, clause, quotes, before_only=True) \
        if spans[0][0] < clause[0] else None
    if adjacent is not None and spans[0][0] < quotes.quotes[adjacent].start < spans[-1][1]:
        # "X: “A,” he said": the parse ran the complement back past the quotation
        first = quotes.quotes[quotes.chain_start(adjacent)].start
        spans = [(max(s, first), e) for s, e in spans if e > first]
    content = with_quotes(text, spans, quotes, frame)
    if content.frame == "quote":
        _add_split_quote(text, clause, content, quotes)
    return content


_CONNECTIVES = {"and", "but", "yet"}


def without_connective(doc: Doc, text: str, spans: list[tuple[int, int]],
                       quotes: QuoteIndex) -> list[tuple[int, int]]:
    """A content that starts its sentence starts after a sentence-initial "But" or "And" (and
    "And yet"): the conjunction links the writer's sentence to the one before, it is no part
    of what was reported ("But prices will fall, she said"). Not inside a quotation (the
    speaker's own words). A span left with no word is dropped."""
    if not spans:
        return spans
    s, e = spans[0]
    if text[s:s + 3].lower() not in _CONNECTIVES or quotes.at(s) is not None:
        return spans  # (the cheap test first: the span starts with no connective's letters)
    first = doc.char_span(s, s + 1, alignment_mode="expand")
    if first is None:
        return spans
    t = first[0]
    prev = doc[t.i - 1] if t.i else None
    if t.lower_ not in _CONNECTIVES or t.idx != s or not (
            prev is None or t.is_sent_start or "\n" in prev.text_with_ws
            or prev.text in (".", "!", "?")):
        return spans
    j = t.i + 1
    while j < len(doc) and doc[j].lower_ in ("yet", ",") and doc[j].idx < e:
        j += 1
    rest = trim(text, doc[j].idx if j < len(doc) else e, e) if j < len(doc) and doc[j].idx < e \
        else (e, e)
    out = ([rest] if _WORD.search(text[rest[0]:rest[1]]) else []) + spans[1:]
    return out


def without_full_stop(doc: Doc, text: str, span: tuple[int, int],
                       quotes: QuoteIndex) -> tuple[int, int]:
    """A reported clause that ends its sentence ends before the full stop: the stop closes the
    writer's sentence ("A is B, he said, and C is D."), it is no part of what was said. Not
    inside a quotation (the speaker's own punctuation), and not the stop of an abbreviation
    that ends the sentence ("the U.S.": the tokenizer keeps that one in its word)."""
    s, e = span
    if e - s > 1 and text[e - 1] == "." and quotes.at(e - 1) is None \
            and doc.char_span(e - 1, e) is not None:
        return trim(text, s, e - 1)
    return span


_WH_WORDS = {"which", "who", "whom", "whose", "when"}
# participles after a comma that are the writer's narration, not the reported words: how the
# statement was received ("..., prompting an outcry") or what the speaker said next ("...,
# adding that B", a statement of its own)
_RECEPTION_PARTICIPLES = frozenset(
    "prompting drawing sparking triggering provoking eliciting earning fueling fuelling "
    "igniting inflaming angering raising setting".split())
SPEECH_PARTICIPLES = frozenset(
    "saying adding noting pointing explaining insisting conceding arguing echoing citing "
    "implying stressing repeating".split())
_CLOSING = set(" \t.,;:!?\"'\u201d\u2019)")
ASIDE_DASHES = frozenset(("\u2014", "\u2013", "--", "-"))
# the dependency labels of an aside's head: an occasion clause (advcl), a relative clause
# (relcl) or a participle clause (advcl, acl, xcomp, conj)
_ASIDE_DEP_IDS = label_ids("advcl", "relcl", "acl", "xcomp", "conj")
_CONJ_IDS = label_ids("conj")


def writer_aside(doc: Doc, text: str, span: tuple[int, int], quotes: QuoteIndex,
                 is_report: Callable[[Token], bool] | None = None) -> int | None:
    """Where a content ends before the writer's aside that closes it: a non-restrictive
    relative clause (", which ...", ", who ...", "since May, when ...": background the writer
    gives on a referent, not part of the proposition) or a participle clause after a comma
    that tells how the statement was received or what the speaker said next (", prompting
    ...", ", adding ..."; ``is_report`` tells other verbs of saying). Only an aside that runs
    to the content's end, never one inside a quotation (the speaker's own words are all
    content).
    A participle of saying may also follow a dash or a quotation that closes with its comma
    ('called it “a distortion,” describing ...'). Returns the offset of its comma, or None."""
    s, e = span
    index = doc_index(doc)
    words = index.expand(s, e)
    if words is None:
        return None
    dep = index.dep_ids
    for i in range(*words):
        if dep[i] not in _ASIDE_DEP_IDS:
            continue  # every aside below is one of these clauses: the cheap test first
        t = doc[i]
        first = t.left_edge
        if first.i == 0 or first.idx <= s:
            continue
        before = doc[first.i - 1]
        participle = t.tag_ == "VBG" and first.i == t.i \
            and t.dep_ in ("advcl", "acl", "xcomp", "conj")
        speech = participle and is_report is not None and is_report(t)
        if _occasion_clause(t, first):
            cut = before.idx if before.text in (",", "\u2014", "\u2013", "--") else first.idx
        elif before.text == "," and _speech_of_its_own(t, first, is_report):
            cut = before.idx
        elif before.text == ",":
            cut = before.idx
            if not (t.dep_ == "relcl" and first.lower_ in _WH_WORDS) and not (participle and (
                    t.lower_ in _RECEPTION_PARTICIPLES or t.lower_ in SPEECH_PARTICIPLES
                    or speech)):
                continue
        elif speech and before.text in ASIDE_DASHES:
            cut = before.idx
        elif speech and before.tag_ == "''" and text[before.idx - 1:before.idx] == ",":
            cut = before.idx + len(before)  # after the quotation that ends with its comma
        else:
            continue
        last = t.right_edge
        if any(ch not in _CLOSING for ch in text[last.idx + len(last):e]):
            continue  # the aside does not close the content
        if quotes.at(before.idx) is not None and before.text == "," \
                or quotes.at(first.idx) is not None:
            continue  # inside a quotation: the speaker's words
        return cut
    return None


# subordinators of a clause that sets something against what was said
_CONTRAST_MARKS = frozenset(("while", "whereas"))


def _speech_of_its_own(t: Token, first: Token,
                      is_report: Callable[[Token], bool] | None) -> bool:
    """", while other voters said B": a contrasting clause whose verb reports speech with a
    subject of its own is a second statement, by someone else, set beside the first; it is
    no part of what the first speaker said."""
    if is_report is None or t.dep_ != "advcl" or first.lower_ not in _CONTRAST_MARKS:
        return False
    return _has_subject(t) and is_report(t)


# subordinators of a clause of the same time: the time the statement was made
_OCCASION_MARKS = frozenset(("as", "while"))
_PERSONAL = frozenset("he she they".split())


def _occasion_clause(t: Token, first: Token) -> bool:
    """"... as he left the rally", "... while she toured the plant": a clause of time at the
    end of a content, whose subject is a personal pronoun (the speaker, in a report), tells
    the occasion of the statement, not what was said."""
    if t.dep_ != "advcl":
        return False
    mark = next((c for c in t.children if c.dep_ == "mark" and c.lower_ in _OCCASION_MARKS), None)
    if mark is None or mark.i != first.i:
        return False
    subj = next((c for c in t.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    return subj is not None and subj.lower_ in _PERSONAL


def second_report(doc: Doc, text: str, span: tuple[int, int], quotes: QuoteIndex,
                  is_report: Callable[[Token], bool]) -> tuple[int, Token] | None:
    """Where a content ends before a second report of its speaker that the parse joined to
    the reported clause: "said he respects her and calls her a friend", "said that A but
    conceded that B". A verb of saying with no subject of its own, coordinated with a
    reported clause that has one, shares the speaker's subject, not the clause's: the
    speaker is the one who calls and concedes. Only a conjunct that runs to the content's
    end, never inside a quotation (the speaker's own words). Returns the offset of its
    conjunction (or of the verb's first word) and the verb, or None."""
    s, e = span
    index = doc_index(doc)
    words = index.expand(s, e)
    if words is None:
        return None
    dep = index.dep_ids
    for i in range(*words):
        if dep[i] not in _CONJ_IDS:
            continue
        t = doc[i]
        if t.tag_[:2] != "VB" or not is_report(t):
            continue
        head = t.head
        if head.idx < s or head.tag_[:2] != "VB" or _has_subject(t) or not _has_subject(head):
            continue
        last = t.right_edge
        if any(ch not in _CLOSING for ch in text[last.idx + len(last):e]):
            continue
        first = t.left_edge
        cc = next((c for c in head.children if c.dep_ == "cc" and head.i < c.i < t.i), None)
        if cc is not None and cc.i == first.i - 1:
            first = cc
        if quotes.at(first.idx) is not None or first.idx <= s:
            continue
        return first.idx, t
    return None


def cue_clause(tok: Token, quotes: QuoteIndex) -> tuple[int, int]:
    """Span of the cue and its non-quoted, non-complement dependents ("he said", "said Smith")."""
    start, end = tok.idx, tok.idx + len(tok)
    if tok.dep_ in ("conj", "advcl") and not any(c.dep_ in ("nsubj", "nsubjpass") for c in tok.children):
        # "“A,” Ramos, 58, told AFP": the subject hangs on the verb this one is joined to
        for c in tok.head.children:
            if c.dep_ in ("nsubj", "nsubjpass") and c.i < tok.i:
                start = min(start, c.left_edge.idx)
    for c in tok.children:
        if c.dep_ in ("punct", "ccomp", "parataxis", "conj", "cc") or c.is_space:
            continue
        s, e = token_span(c)
        if quotes.at(s) is not None:
            continue
        start, end = min(start, s), max(end, e)
    return start, end


def _adjacent_quote(text: str, clause: tuple[int, int], quotes: QuoteIndex,
                    before_only: bool = False) -> int | None:
    """A speech quote right before or right after the cue's clause ("“A.” he said")."""
    cs, ce = clause
    qi = quotes.at(max(cs - 1, 0))
    if qi is None:
        # the closest quote ending before the clause
        for j in reversed(quotes.overlapping(max(cs - 400, 0), cs)):
            if quotes.quotes[j].end <= cs:
                qi = j
                break
    if qi is not None and quotes.quotes[qi].end <= cs:
        gap = text[quotes.quotes[qi].end:cs]
        if _GAP_BEFORE.fullmatch(gap) and "\n" not in gap and is_speech_quote(text, quotes, qi):
            return qi
    if before_only:
        return None
    for j in quotes.overlapping(ce, ce + 400):
        q = quotes.quotes[j]
        if q.start >= ce:
            gap = text[ce:q.start]
            if _GAP_OPEN.fullmatch(gap) and ("\n" not in gap or ":" in gap) \
                    and is_speech_quote(text, quotes, j):
                return j
            break
    return None


def _add_split_quote(text: str, clause: tuple[int, int], content: Content,
                     quotes: QuoteIndex) -> None:
    """"“A,” he said, “B.”": add the quote that resumes right after the cue clause."""
    cs, ce = clause
    last = content.spans[-1][1]
    if last > cs:  # the quote is after the cue already ("he said: “A”")
        return
    for j in quotes.overlapping(ce, ce + 400):
        q = quotes.quotes[j]
        if q.start < ce:
            continue
        gap = text[ce:q.start]
        if _GAP_AFTER.fullmatch(gap) and "\n" not in gap and is_speech_quote(text, quotes, j):
            for qj in quotes.chain(j):
                content.spans.append((quotes.quotes[qj].start, quotes.quotes[qj].end))
                content.quotes.append(qj)
        break
    content.spans = _merge(content.spans)


def according_content(doc: Doc, text: str, acc: Token, quotes: QuoteIndex) -> Content | None:
    """The clause "according to X" qualifies, without the "according to X" phrase itself."""
    head = acc.head
    before = _before_closing_according(text, acc)
    if before is not None:
        span = before
        acc_span = (before[1], before[1])
    elif head.i == acc.i:
        sent = acc.sent
        span = (sent.start_char, sent.end_char)
    else:
        while head.dep_ not in ("ROOT", "ccomp", "conj", "advcl", "relcl") and head.head.i != head.i \
                and head.tag_[:2] != "VB":
            head = head.head
        span = token_span(head)
    if before is None:
        acc_span = token_span(acc)
    spans = [trim(text, *sp) for sp in _spans_minus(span, acc_span)]
    spans = [(s, e) for s, e in spans if _WORD.search(text[s:e])]
    spans = without_connective(doc, text, spans, quotes)
    if not spans:
        return None
    if text[spans[-1][1] - 1:spans[-1][1]] == ".":
        spans[-1] = (spans[-1][0], spans[-1][1] - 1)
    content = with_quotes(text, spans, quotes, "according")
    content.frame = "according"
    return content


_SETS_OFF = frozenset((",", ";", ":", "(", ")", "\u2014", "\u2013", "--", "-"))


def _before_closing_according(text: str, acc: Token) -> tuple[int, int] | None:
    """The words an "according to X" that closes its sentence after a comma qualifies: the
    sentence up to that comma ("A, but B, according to the agency."). Set off at the end, the
    phrase qualifies all the sentence says, however low the parser attached it (to the verb of
    the last conjunct or subordinate clause); a verb the parser hung it on after it lies in X
    itself ("according to an interview his brother gave", nothing setting it off). Within
    an open parenthesis, or after a colon, the sentence starts after it. None for any other "according to"."""
    doc = acc.doc
    if acc.i == 0 or doc[acc.i - 1].text != ",":
        return None
    sent = acc.sent
    last = sent.end - 1
    while last > acc.i and (doc[last].is_punct or doc[last].is_space):
        last -= 1
    head = acc.head
    if acc.right_edge.i < last and not (
            head.i > acc.i and not any(t.text in _SETS_OFF for t in doc[acc.i:head.i])):
        return None  # words after the phrase, and no verb of X's own: not at the end
    start = max(sent.start_char, text.rfind("\n", 0, acc.idx) + 1)
    comma = doc[acc.i - 1].idx
    paren = text.rfind("(", start, comma)
    if paren >= 0 and text.find(")", paren, comma) < 0:
        start = paren + 1
    colon = text.rfind(":", start, comma)
    if colon >= 0 and text[colon + 1:colon + 2].isspace():
        start = colon + 1  # "Part of it is money: A, according to X": A is what X tells
    return (start, comma) if start < comma else None

