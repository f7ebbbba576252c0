"""Actor facts from the parse: the title and affiliation said with each person, place phrases.

A spaCy component (factory ``actorgraph_actor_facts``) that runs after ``actorgraph_attribution``
and stores plain data (offsets into ``doc.text``), so ``nlp.pipe(n_process=2)`` and ``DocBin``
keep it::

    doc._.actor_facts = [{"start", "end", "label",          # the entity the fact is about
                          "title": str | None,              # "Interior Minister", "defense analyst"
                          "affiliation": str | None,        # "Iraq", "Syrian Democratic Forces"
                          "affiliation_label": str | None,  # GPE, ORG, NORP
                          "locative": bool,                 # "in Baghdad": a place, not an actor
                          "place": str | None,              # "al-Hol camp": FAC (the head noun's label)
                          "org": str | None}, ...]          # "the Islamic| State": "Islamic State"

Listed: PERSON entities with a title or affiliation, PERSON and ORG entities followed by a
place head noun ("al-Hol camp", "Ain al-Assad air base", "Tigris river";
models/place_heads.tsv: their ``place`` label replaces the NER's in the records), and every
GPE/LOC/FAC entity (its
``locative`` flag tells a capital used as an actor, "Washington said", from a place, "in
Baghdad"), and NORP/GPE entities the NER cut off before the rest of a well-known
organisation's name ("the [Islamic] State", models/org_aliases.tsv): ``org`` holds the
organisation's name, which replaces the entity's name and label in the records. Titles come
from pre-modifiers of a PERSON entity ("Iraqi Interior Minister Qasim al-Araji", "Italy's
Foreign Minister ..."), a title inside the entity span, and appositions ("Nadia Karim, a
defense analyst", "X, commander of the SDF"; "the foreign minister, Fuad Hussein"). The
affiliation is the country or organisation inside the title ("Iraqi", "KRG", "CENTCOM") or
after "of" in an apposition.

Reads ``token.dep_``, ``token.tag_`` and ``doc.ents`` only (no lemmas). It does not resolve
names ("the foreign minister" -> a person: pipeline/attribution) or merge anything
(identity.py); ``facts_by_span`` is the lookup pipeline/process.py uses.
"""

from __future__ import annotations

import re
from bisect import bisect_left

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from ..doc_index import doc_index
from .names import (DETERMINERS, country_code, load_place_heads, load_titles, normalize, org_alias,
                    title_prefix_length)

Doc.set_extension("actor_facts", default=None, force=True)

AFFILIATION_LABELS = {"ORG", "GPE", "NORP"}
PLACE_LABELS = {"GPE", "LOC", "FAC"}
# prepositions that make "P <place>" a place phrase; "to", "with", "against" take actors
LOCATIVE_PREPS = {"in", "at", "near", "inside", "outside", "across", "throughout", "within",
                  "around", "into", "from", "through", "via", "along", "beyond"}
_SKIP_DEPS = {"det", "case", "punct", "cc", "predet", "prep", "pobj", "advmod", "nummod", "quantmod"}
_ROLE_SUFFIXES = ("ist", "er", "or", "ian", "ant")
_TIME_NOUNS = frozenset({"year", "years", "month", "months", "week", "weeks", "day", "days",
                         "decade", "decades", "time"})
_MAX_ROLE_TOKENS = 10
_MAX_PREFIX = 12


def actor_facts(doc: Doc) -> list[dict]:
    """Titles and affiliations of PERSON entities, and which place names are place phrases."""
    out = []
    ent_at: dict[int, Span] = {}
    ents = doc.ents  # a new Span each at every access: made once
    for ent in ents:
        for i in range(ent.start, ent.end):  # token indices, without making the Tokens
            ent_at[i] = ent
    sent_starts = _sentence_starts(doc)
    for ent in ents:
        label = ent.label_
        title = aff = place = org = None
        locative = False
        if label in ("NORP", "GPE"):
            org = cut_org(ent)
        elif label in ("PERSON", "ORG"):
            place = place_head(ent)
        if org is not None:
            pass  # "the Islamic State": the NER took "Islamic" for a group
        elif place is not None:
            locative = is_locative(ent)  # "al-Hol camp": a facility, whatever the NER said
        elif label == "PERSON":
            title, aff = person_title(doc, ent, ent_at, sent_starts)
            if not (title or aff):
                continue
        elif label in PLACE_LABELS:
            locative = is_locative(ent)
        else:
            continue
        rec = {"start": ent.start_char, "end": ent.end_char, "label": label,
               "title": title, "affiliation": None, "affiliation_label": None,
               "locative": locative, "place": place, "org": org}
        if aff is not None:
            norm = normalize(aff.text, aff.label_)
            rec["affiliation"], rec["affiliation_label"] = norm.name, norm.label
        out.append(rec)
    return out


def _sentence_starts(doc: Doc) -> list[int] | None:
    """The tokens that begin a sentence as ``Span.sent`` finds them (their ``sent_start`` is
    1), in order; None where ``Span.sent`` must be asked (a user hook for sentences, no
    sentence annotation)."""
    if "sent" in doc.user_span_hooks or "sents" in doc.user_hooks \
            or "sent" in doc.user_token_hooks or not doc.has_annotation("SENT_START"):
        return None
    return doc_index(doc).sent_starts  # made by the attribution component for this Doc


def _starts_within(starts: list[int], first: int, last: int) -> bool:
    """Whether a sentence begins at a token from ``first`` to ``last``."""
    k = bisect_left(starts, first)
    return k < len(starts) and starts[k] <= last


def _same_sentence(doc: Doc, i: int, ent: Span, sent_starts: list[int] | None) -> bool:
    """``doc[i].sent == ent.sent`` for a token before the entity, without making the two
    sentence Spans: no sentence begins after token ``i`` up to the entity's first token (an
    entity across a sentence start asks ``Span.sent``, whose answer differs between spaCy
    versions)."""
    if sent_starts is None or _starts_within(sent_starts, ent.start + 1, ent.end - 1):
        return doc[i].sent == ent.sent
    return not _starts_within(sent_starts, i + 1, ent.start)


def place_head(ent: Span) -> str | None:
    """The place label (FAC, LOC, GPE) a head noun right after a name gives it: "al-Hol camp",
    "Ghuwayran prison", "Ain al-Assad air base", "Tigris river" (models/place_heads.tsv); one
    lower-case modifier may come between ("air base"). None when no such noun follows, or
    when the name is a possessor ("Trump's base")."""
    doc = ent.doc
    heads = load_place_heads().label
    for i in (ent.end, ent.end + 1):
        if i >= len(doc):
            return None
        tok = doc[i]
        if not tok.is_alpha or not (tok.text.islower() or tok.text.istitle()):
            return None  # "al-Hol camp", "Ain al-Assad Air Base"
        label = heads.get(tok.lower_)
        if label is not None and (i + 1 >= len(doc) or not doc[i + 1].is_alpha
                                  or doc[i + 1].tag_ not in ("NN", "NNS", "NNP")):
            return label
        if tok.tag_ not in ("NN", "JJ", "NNP"):
            return None
    return None


def cut_org(ent: Span) -> str | None:
    """The well-known organisation (models/org_aliases.tsv) whose name the entity begins and
    the next one or two capitalised words finish ("Islamic" + "State"), or None."""
    doc = ent.doc
    words = ent.text
    for i in (ent.end, ent.end + 1):
        if i >= len(doc) or not doc[i].text[:1].isupper() or not doc[i].is_alpha:
            return None
        words = f"{words} {doc[i].text}"
        hit = org_alias(words)
        if hit is not None:
            return hit
    return None


def facts_by_span(doc: Doc) -> dict[tuple[int, int], dict]:
    """``{(start, end): fact}`` for a processed Doc; empty when the component did not run."""
    if not Doc.has_extension("actor_facts") or not doc._.actor_facts:
        return {}
    return {(f["start"], f["end"]): f for f in doc._.actor_facts}


def is_locative(ent: Span) -> bool:
    """"in Baghdad", "officials in Moscow", "in Baghdad's district": a place phrase."""
    tok = ent.root
    for _ in range(4):
        if tok.dep_ in ("compound", "poss", "amod", "nmod") and tok.head is not tok:
            tok = tok.head
            continue
        break
    return tok.dep_ == "pobj" and tok.head.lower_ in LOCATIVE_PREPS


def person_title(doc: Doc, ent: Span, ent_at: dict[int, Span],
                 sent_starts: list[int] | None = None) -> tuple[str | None, Span | None]:
    """The title said with one PERSON mention, and the entity it is affiliated with.
    ``sent_starts``: ``_sentence_starts(doc)``, made once per Doc."""
    start = ent.start
    inner = title_prefix_length([t.text for t in ent])
    root = ent.root
    left = root.left_edge.i
    # the title tokens by index (a Span slice checks its bounds in Python): most mentions
    # have none, and skip _role_of
    if left < start and start - left <= _MAX_PREFIX and _same_sentence(doc, left, ent, sent_starts):
        tokens = [doc[k] for k in range(left, start + inner)]
    else:
        tokens = [doc[k] for k in range(start, start + inner)] if inner else []
    if tokens:
        title, aff = _role_of(tokens, ent_at)
        if title and aff is None:
            aff = _adjacent_affiliation(doc, tokens[0].i, ent_at)
        if title or aff:
            return title, aff
    # "Nadia Karim, a defense analyst", "X, commander of the SDF"
    for child in root.rights:
        if child.dep_ == "appos" and child.i >= ent.end and child.i not in ent_at:
            t, a = _appositive(child, ent_at)
            if t or a:
                return t, a
    # "the foreign minister, Fuad Hussein, said"
    if root.dep_ == "appos" and root.head.i < ent.start and root.head.i not in ent_at:
        t, a = _appositive(root.head, ent_at)
        if t or a:
            return t, a
    return None, None


def _adjacent_affiliation(doc: Doc, start: int, ent_at: dict[int, Span]) -> Span | None:
    """"Kurdistan Regional Government (KRG) Interior Minister X": the parser often hangs the
    organisation elsewhere; take an ORG/GPE/NORP entity that ends right before the title,
    optionally followed by its abbreviation in parentheses."""
    i = start - 1
    if i >= 0 and doc[i].text == ")":
        j = i - 1
        while j >= 0 and i - j <= 4 and doc[j].text != "(":
            j -= 1
        if j < 0 or doc[j].text != "(":
            return None
        i = j - 1
    if i < 0 or i not in ent_at:
        return None
    ent = ent_at[i]
    if ent.label_ in AFFILIATION_LABELS and ent.end == i + 1 and not _all_title_words(ent) \
            and ent.sent == doc[start].sent and not is_locative(ent):
        return ent
    return None


def _appositive(head: Token, ent_at: dict[int, Span]) -> tuple[str | None, Span | None]:
    left = [t for t in head.subtree if t.i <= head.i]
    title, aff = _role_of(left, ent_at, require_noun=head)
    if title is None:
        return None, None
    for prep in head.rights:
        if prep.dep_ != "prep" or prep.lower_ not in ("of", "for", "at", "with"):
            continue
        pobj = next((c for c in prep.children if c.dep_ == "pobj"), None)
        if pobj is None:
            continue
        ent = ent_at.get(pobj.i)
        if ent is not None and ent.label_ in AFFILIATION_LABELS and not _all_title_words(ent):
            return title, ent
        sub = [t for t in pobj.subtree]
        titles = load_titles()
        if prep.lower_ in ("of", "for") and all(titles.of(t.text) for t in sub if t.dep_ != "det"):
            title = f"{title} {prep.text} " + " ".join(t.text for t in sub if t.dep_ != "det")
            continue
        found = [ent_at[t.i] for t in sub if t.i in ent_at and ent_at[t.i].label_ in AFFILIATION_LABELS]
        if found and aff is None:
            aff = found[-1]
        break
    return title, aff


def _all_title_words(span: Span) -> bool:
    titles = load_titles()
    return all(titles.of(t.text) is not None for t in span if not t.is_punct)


#: a word of a role: letters, with inner hyphens, dots ("Lt."), apostrophes or "&"
_ROLE_WORD = re.compile(r"^[^\W\d_](?:[^\W\d_]|[-.'\u2019&])*$|^-$")


def _role_of(tokens: list[Token], ent_at: dict[int, Span], *,
             require_noun: Token | None = None) -> tuple[str | None, Span | None]:
    """Split title tokens into a role phrase and an affiliation entity (the rightmost one)."""
    if not tokens:
        return None, None
    if any(t.tag_.startswith("VB") and t.dep_ not in ("amod", "compound") for t in tokens):
        return None, None
    # a title before a possessive belongs to the possessor: "President Obama's wife Michelle
    # Obama" gives Michelle no title; "Italy's Foreign Minister" keeps Italy as affiliation;
    # a finite verb ends what came before it ("asked campaign manager")
    cut = max((k for k, t in enumerate(tokens) if t.tag_ in ("POS", "VBD", "VBZ", "VBP")),
              default=-1)
    if cut >= 0:
        owner = [ent_at[t.i] for t in tokens[:cut + 1] if t.i in ent_at
                 and ent_at[t.i].label_ in AFFILIATION_LABELS]
        tokens = tokens[cut + 1:]
        if not tokens:
            return None, None
        if owner and tokens[0].i == owner[-1].end + 1:
            tokens = [t for t in owner[-1]] + tokens  # keep "Italy's" as the affiliation
    titles = load_titles()
    aff: Span | None = None
    role: list[Token] = []
    for tok in tokens:
        if tok.is_space:
            continue
        ent = ent_at.get(tok.i)
        if ent is not None and ent.label_ in AFFILIATION_LABELS \
                and not _all_title_words(ent):
            aff = ent
            continue
        if ent is not None and ent.label_ == "PERSON":
            continue  # "Clinton spokesman X": the other person is not part of the role
        if tok.tag_ in ("DT", "PDT", "PRP$", "CD", "POS") or tok.lower_ in DETERMINERS or (
                tok.tag_.startswith("JJ") and titles.of(tok.text) is None):
            continue  # "both" (also tagged CC), "his", "colorful", "longtime": not a title
        if tok.lower_ in _TIME_NOUNS:
            continue  # "a 30-year psychologist": the years are not part of the title
        word = tok.text
        if ent is None and word[:1].isupper() and titles.of(word) is None:
            base = word[:-2] if word.endswith("'s") else word
            if country_code(base) or org_alias(base):
                aff = tok.doc[tok.i: tok.i + 1]
                continue
        if tok.dep_ in _SKIP_DEPS and not (tok.dep_ in ("prep", "pobj", "cc") and titles.of(word)):
            continue
        if tok.is_punct and tok.text != "-":
            continue
        role.append(tok)
    kinds = [titles.of(t.text) for t in role]
    if any(k == "keep" for k in kinds):
        return None, aff  # royal titles stay part of the name
    # honorifics never name a role; a rank does only when nothing else does ("Gen." alone)
    has_head = any(k == "head" for k in kinds)
    kept = []
    for t, k in zip(role, kinds):
        if k == "honorific":
            continue
        if k == "rank" and has_head:
            continue
        kept.append(t)
    if any(not _ROLE_WORD.match(t.text) for t in kept):
        return None, aff  # markup or figures ('author="x timestamp="1454346000'): no title
    # a verb or adverb after the title ended the name phrase ("Senator disavowed")
    while len(kept) > 1 and kept[-1].tag_[:2] in ("VB", "RB"):
        kept.pop()
    while kept and kept[-1].lower_ in ("of", "and", "the", "for", "-"):
        kept.pop()
    while kept and kept[0].lower_ in ("of", "and", "the", "for", "-"):
        kept.pop(0)
    if not kept or len(kept) > _MAX_ROLE_TOKENS:
        return None, aff if role or aff else None
    last = kept[-1]
    last_kind = titles.of(last.text)
    ok = any(titles.of(t.text) in ("head", "rank") for t in kept) or (
        last.tag_ in ("NN", "NNS") and last.lower_.endswith(_ROLE_SUFFIXES) and len(last) > 4
        and not last.lower_.endswith("ior"))  # "junior", "senior": not titles alone
    if require_noun is not None and last.i != require_noun.i:
        ok = ok and last_kind in ("head", "rank")
    if not ok:
        return None, None
    words = []
    for t in kept:
        k = titles.of(t.text)
        if k == "rank" and t.text.endswith(".") or (k == "rank" and t.lower_ in titles.expansion):
            words.append(titles.expansion.get(t.lower_.rstrip("."), t.text))
        else:
            words.append(t.text)
    text = " ".join(words).replace(" - ", "-")
    return text, aff


class ActorFactsComponent:
    def __init__(self, name: str) -> None:
        self.name = name
        load_titles()  # load once, not per document

    def __call__(self, doc: Doc) -> Doc:
        doc._.actor_facts = actor_facts(doc)
        return doc


@Language.factory(
    "actorgraph_actor_facts",
    requires=["token.dep", "token.tag", "doc.ents"],
    assigns=["doc._.actor_facts"],
    default_config={},
)
def make_actor_facts(nlp: Language, name: str) -> ActorFactsComponent:
    return ActorFactsComponent(name)
