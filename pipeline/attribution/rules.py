"""First version of the rule layer: "X said (that) Y", direct quotes, "according to X".

Pure functions over a parsed Doc. Reads token.tag_, token.dep_ and doc.ents only (the
lemmatizer is not run). Yields plain dicts with offsets into doc.text.
"""

from __future__ import annotations

from collections.abc import Iterator

from spacy.tokens import Doc, Span, Token

from .lexicon import CueLexicon

QUOTES = set('"“”«»„')
PRONOUNS = {"he", "she", "they", "it", "we", "i"}
ACTOR_LABELS = {"PERSON", "ORG", "GPE", "NORP", "LOC"}


def _span_chars(tokens: list[Token]) -> tuple[int, int]:
    start = min(t.idx for t in tokens)
    end = max(t.idx + len(t) for t in tokens)
    return start, end


def _strip(doc: Doc, start: int, end: int) -> tuple[int, int]:
    text = doc.text
    while start < end and (text[start].isspace() or text[start] in QUOTES or text[start] in ",."):
        start += 1
    while end > start and (text[end - 1].isspace() or text[end - 1] in QUOTES or text[end - 1] in ","):
        end -= 1
    return start, end


def find_attributions(doc: Doc, lexicon: CueLexicon) -> Iterator[dict]:
    """Verb cues with a subject and a clausal complement, and "according to X"."""
    for tok in doc:
        if tok.tag_.startswith("VB"):
            lemma = lexicon.lemma_of(tok.text)
            if lemma is None:
                continue
            subj = [c for c in tok.children if c.dep_ in ("nsubj", "nsubjpass")]
            comp = [c for c in tok.children if c.dep_ in ("ccomp", "parataxis")]
            if not subj or not comp:
                continue
            content_toks = list(comp[0].subtree)
            cs, ce = _strip(doc, *_span_chars(content_toks))
            if ce <= cs:
                continue
            sp = subj[0]
            speaker_toks = list(sp.subtree)
            ss, se = _span_chars(speaker_toks)
            quoted = any(doc.text[i] in QUOTES for i in range(max(cs - 2, 0), min(ce + 2, len(doc.text))))
            yield {
                "speaker": {"start": ss, "end": se, "head": sp.i},
                "cue": {"start": tok.idx, "end": tok.idx + len(tok), "text": tok.text, "lemma": lemma},
                "content_spans": [[cs, ce]],
                "kind": "direct" if quoted else "indirect",
            }
        elif tok.lower_ == "according" and tok.i + 1 < len(doc) and doc[tok.i + 1].lower_ == "to":
            to = doc[tok.i + 1]
            pobj = [c for c in to.children if c.dep_ == "pobj"]
            if not pobj:
                continue
            sent = tok.sent
            drop = set(t.i for t in tok.subtree)
            rest = [t for t in sent if t.i not in drop and not t.is_punct]
            if not rest:
                continue
            cs, ce = _strip(doc, *_span_chars(rest))
            ss, se = _span_chars(list(pobj[0].subtree))
            yield {
                "speaker": {"start": ss, "end": se, "head": pobj[0].i},
                "cue": {"start": tok.idx, "end": to.idx + len(to), "text": doc.text[tok.idx: to.idx + len(to)], "lemma": "according to"},
                "content_spans": [[cs, ce]],
                "kind": "according_to",
            }


def resolve_speakers(doc: Doc, relations: list[dict]) -> None:
    """Name each speaker: the entity at its head, else the last named PERSON speaker before it."""
    ent_at: dict[int, Span] = {}
    for ent in doc.ents:
        for t in ent:
            ent_at[t.i] = ent
    last_person: tuple[str, str] | None = None
    for rel in sorted(relations, key=lambda r: r["speaker"]["start"]):
        sp = rel["speaker"]
        head = doc[sp.pop("head")]
        sp["mention"] = doc.text[sp["start"]: sp["end"]]
        ent = ent_at.get(head.i)
        if ent is not None and ent.label_ in ACTOR_LABELS:
            sp.update(name=ent.text, label=ent.label_, resolved=True)
            if ent.label_ == "PERSON":
                last_person = (ent.text, "PERSON")
        elif head.lower_ in PRONOUNS and last_person:
            sp.update(name=last_person[0], label=last_person[1], resolved=True)
        else:
            sp.update(name=sp["mention"], label="UNKNOWN", resolved=False)


def entity_records(doc: Doc) -> list[dict]:
    return [
        {"start": e.start_char, "end": e.end_char, "text": e.text, "label": e.label_, "name": e.text}
        for e in doc.ents
    ]


def about_targets(doc: Doc, relation: dict, entities: list[dict]) -> list[dict]:
    out, seen = [], set()
    for s, e in relation["content_spans"]:
        for ent in entities:
            if ent["start"] >= s and ent["end"] <= e and ent["label"] in ACTOR_LABELS:
                key = (ent["name"], ent["label"])
                if key not in seen:
                    seen.add(key)
                    out.append({"name": ent["name"], "label": ent["label"], "mention": ent["text"],
                                "start": ent["start"], "end": ent["end"]})
    return out
