"""Resolution within one article: mentions to the named actor they stand for.

Limits: heuristics, no coreference model. Short forms resolve to the full name that ends with
them ("al-Jaafari" -> "Ibrahim al-Jaafari"); when several fit, by evidence
(``DocNames._pick_full_name``: the title, never a relative introduced as such, the recent
subject, the most frequent full name, the first). "he"/"she" resolve to the subject (a
main clause's over one it governs) of the nearest earlier sentence naming a person outside quotation
marks, or to what an earlier subject he/she there stood for, of a gender that fits
(``DocNames.resolution_gender``: an honorific, a census given name, the article's he/she
evidence). "a spokeswoman for X" speaks for X. Definite role nouns ("the foreign minister", "the FM", "the
country's foreign minister", "the minister") resolve to the nearest person introduced with
that role, before or else after; "the ministry" to the last organisation named with that
word; "the Lebanese government" to the country. "it" resolves to the organisation or country
heading the subject of the nearest earlier sentence naming an actor, "they"/"we" also to a
group, when it is the only one there and no person is a subject there; else they stay
unresolved, as do indefinite nouns. Context-free normalisation (demonyms, aliases across
articles) is pipeline/actors/'s job, not this module's.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Callable
from dataclasses import dataclass, field

import numpy as np
from spacy.attrs import DEP, TAG
from spacy.tokens import Doc, Span, Token

from ..actors import ACTOR_LABELS, normalize, strip_titles
from ..actors.names import given_name_gender, is_surname, load_titles, name_tokens
from ..doc_index import doc_index
from .lexicon import RoleLexicon, hash_string, lower_hashes, positions

PERSON_PRONOUNS = frozenset({"he", "she", "him", "her"})
RELATIVE_PRONOUNS = frozenset({"who", "that", "which", "whom"})
GROUP_PRONOUNS = frozenset({"it", "they", "we"})
# nouns that introduce a person as someone's relative: "his wife, Heidi Cruz"
KIN_NOUNS = frozenset("wife husband spouse widow widower son daughter mother father brother "
                      "sister stepson stepdaughter stepmother stepfather niece nephew cousin "
                      "grandson granddaughter grandmother grandfather aunt uncle fiancee fiance "
                      "sons daughters brothers sisters parents".split())
# nouns for the governing body of a country: "the Lebanese government said" is Lebanon speaking
# and "US officials said" is the United States speaking through its officials
GOVERNMENT_NOUNS = frozenset("government administration cabinet regime authorities leadership "
                             "presidency officials".split())
# people who speak on someone's behalf: "a spokeswoman for X", "an aide to X", "an official
# of X", "a Pentagon official" is X speaking (through them)
REPRESENTATIVE_NOUNS = frozenset("spokesman spokeswoman spokesperson spokesmen spokeswomen "
                                 "representative representatives aide aides adviser advisers "
                                 "advisor advisors official officials lawyer lawyers attorney "
                                 "attorneys".split())
_HE_SHE = frozenset((hash_string("he"), hash_string("she")))
_ON_BEHALF = frozenset({"for", "to", "of", "at", "with"})
_GENDER_HONORIFIC = re.compile(r"\b(Mr|Mrs|Ms|Miss|Mister|Madam|Sir|Dame|Lord|Lady)\.?\s+$")
_GENDER_HONORIFIC_IN = re.compile(r"(Mr|Mrs|Ms|Miss|Mister|Madam|Sir|Dame|Lord|Lady)\.?\s+\w")
_HONORIFIC_GENDER = {"mr": "male", "mrs": "female", "ms": "female", "miss": "female",
                     "mister": "male", "madam": "female", "sir": "male", "dame": "female",
                     "lord": "male", "lady": "female"}
_HONORIFIC = re.compile(
    r"^(?:mr|mrs|ms|miss|dr|prof|sen|rep|gov|gen|lt|col|sgt|capt|adm|rev|sir|dame|lord|"
    r"president|senator|governor|minister|judge|justice|pope|king|queen|prince|sheikh)\.?\s+",
    re.I)
_POSSESSIVE = re.compile(r"(?:'s|\u2019s|'|\u2019)$")


_MR = re.compile(r"\b(Mr|Mrs|Ms|Miss)\.?\s*$")
_OPENS_MR = re.compile(r"(Mr|Mrs|Ms|Miss)\b")


def _honorific_gender(text: str, start: int, mention: str) -> str | None:
    """"m" or "f" when a gendered honorific precedes or opens the mention ("Mr. Obama")."""
    m = _MR.search(text[max(0, start - 6):start]) or _OPENS_MR.match(mention)
    if not m:
        return None
    return "m" if m.group(1) == "Mr" else "f"


def clean_name(text: str) -> str:
    """An entity's text as a name: no title or honorific in front (the one vocabulary of
    models/titles.tsv, through ``strip_titles``), no possessive at the end."""
    name = " ".join(text.split())
    name = _POSSESSIVE.sub("", name)
    name = strip_titles(name)
    return name.strip(" ,.-") or " ".join(text.split())


@dataclass(slots=True)
class Named:
    """One actor entity mention with its resolved name and the roles the text gives it."""

    start: int
    end: int
    label: str
    text: str
    name: str
    root: int  # token index of the entity's root
    subject: bool = False  # the entity heads a subject
    quoted: bool = False  # inside quotation marks
    roles: set[str] = field(default_factory=set)


class DocNames:
    """The named actors of one Doc and the lookups resolution needs; built once per Doc."""

    def __init__(self, doc: Doc, ents: list[Span], roles: RoleLexicon,
                 in_quote: Callable[[int], bool], text: str | None = None) -> None:
        self.doc = doc
        self.text = doc.text if text is None else text  # Doc.text joins every token: read once
        self._in_quote = in_quote
        self.roles = roles
        self.mentions: list[Named] = []
        self._by_token: dict[int, int] = {}
        self._person_ents: list[tuple[Named, Span]] = []
        self._roles_done = False
        cleaned: dict[str, str] = {}  # words -> clean_name(words): a name recurs in its article
        for ent in ents:
            label = ent.label_
            if label not in ACTOR_LABELS:
                continue
            root = ent.root
            # its words (Span.text makes a Token of each word to join them)
            words = self.text[ent.start_char:ent.end_char]
            name = cleaned.get(words)
            if name is None:
                name = cleaned[words] = clean_name(words)
            m = Named(ent.start_char, ent.end_char, label, words, name,
                      root.i, root.dep_ in ("nsubj", "nsubjpass"), in_quote(ent.start_char))
            if label == "PERSON":
                self._person_ents.append((m, ent))
            idx = len(self.mentions)
            self.mentions.append(m)
            for t in range(ent.start, ent.end):
                self._by_token[t] = idx
        self._starts = [m.start for m in self.mentions]
        self._kin_memo: dict[tuple[int, int], bool] = {}  # memo of _introduced_as_kin
        self._titles_memo: dict[int, set[str]] = {}  # mention start -> _titles_before
        self._canonical_persons()
        self.gender: dict[str, tuple[str, list[str]]] = {}  # person name -> (gender, evidence)
        self._gender_done = False
        self._subject_prons: dict[str, list[Token]] | None = None
        self._pronoun_memo: dict[int, Named | None] = {}  # subject pronoun -> its person
        self._surname_subj: list[Named] | None = None
        self._resolution_gender: dict[str, str | None] = {}  # memo of resolution_gender

    # ---------------------------------------------------------------- names
    def _canonical_persons(self) -> None:
        """Each person mention's full name in this article. A short form (a surname, "Mr.
        Obama", "President Obama") takes a full name that ends with it, decided by evidence
        when several fit (``_pick_full_name``)."""
        persons = [m for m in self.mentions if m.label == "PERSON"]
        keys = [tuple(name_tokens(m.name)) for m in persons]
        by_last: dict[str, list[int]] = {}
        for j, k in enumerate(keys):
            if k:
                by_last.setdefault(k[-1], []).append(j)
        text = self.text
        full_of: dict[int, list[Named]] = {}  # short mention's index -> the full mentions that fit
        longer_of: dict[tuple[str, ...], list[int]] = {}  # a name's words -> longer (below)
        for i, (m, k) in enumerate(zip(persons, keys)):
            if not k:
                continue
            # the longer names that end with this one (the cheap test first: most have none);
            # the same for each mention of the name
            longer = longer_of.get(k)
            if longer is None:
                longer = longer_of[k] = [j for j in by_last[k[-1]]
                                         if len(keys[j]) > len(k) and keys[j][-len(k):] == k]
            if not longer:
                continue
            # "President Obama's wife Michelle Obama": a possessor is not the person its noun
            # phrase goes on to name, so it never takes a full name from later in its sentence
            root = self.doc[m.root]
            owner = any(c.tag_ == "POS" for c in root.children)
            gender = _honorific_gender(text, m.start, m.text)
            fits = []
            for j in longer:
                other, ok = persons[j], keys[j]
                if owner and other.start > m.start and \
                        self._sent_start(other.root) == self._sent_start(m.root):
                    continue
                if gender and len(ok) > 1 and given_name_gender(other.name.split(" ")[0]) \
                        not in (None, gender):
                    continue  # "Mr. Obama" is not Michelle Obama, "Mrs. Clinton" not Bill
                fits.append(other)
            if fits:
                full_of[i] = fits
        for i in sorted(full_of):  # in text order: a short form may follow the one before it
            k = keys[i]
            same = [persons[j] for j in by_last[k[-1]] if j < i and keys[j][-len(k):] == k]
            name = self._pick_full_name(persons[i], full_of[i], text, same)
            if name is not None:
                persons[i].name = name
        # The NER often tags a bare surname as ORG or GPE ("Tremblay said"): a short non-person
        # mention that is the last name of a full person name in this article is that person
        # (chosen by ``_pick_full_name`` when several fit), unless it names a country ("Jordan").
        for m in self.mentions:
            if m.label == "PERSON":
                continue
            k = tuple(name_tokens(m.name))
            if not k or len(k) > 2 or k[-1] not in by_last:
                continue
            full = [persons[j] for j in by_last[k[-1]]
                    if len(keys[j]) > len(k) and keys[j][-len(k):] == k]
            if not full or normalize(m.name, m.label).key.startswith("country:"):
                continue
            same = [persons[j] for j in by_last[k[-1]]
                    if persons[j].start < m.start and keys[j][-len(k):] == k]
            name = self._pick_full_name(m, full, text, same)
            if name is not None:
                m.label, m.name = "PERSON", name
        self._short_orgs()

    def _short_orgs(self) -> None:
        """"the Times" after "The New York Times", "the Commission" after "the European
        Commission": a one-word organisation is the longer one this article named before
        that ends with the same word, when exactly one does (a definite short form refers back
        to what the text introduced)."""
        longs: dict[str, set[str]] = {}  # last word -> multi-word organisation names so far
        for m in self.mentions:
            if m.label != "ORG":
                continue
            words = m.name.split()
            if words and words[0].lower() == "the":
                words = words[1:]
            if len(words) > 1:
                longs.setdefault(words[-1].casefold(), set()).add(m.name)
            elif len(words) == 1:
                fit = longs.get(words[0].casefold(), set())
                if len(fit) == 1:
                    m.name = next(iter(fit))

    def _pick_full_name(self, m: Named, fits: list[Named], text: str,
                        earlier: list[Named]) -> str | None:
        """The full name a short form stands for, among the full-name mentions that end with
        it (``fits``), or None to leave it short (the corpus decides then, pipeline/actors/):

        - a title before the short form ("President Obama", "Sen. Cruz") goes to the person
          the article gives that title, when one has it;
        - else a person the article introduces as someone's relative ("his wife, Heidi Cruz",
          "Obama's wife Michelle Obama") does not take a bare or titled surname: that is the
          relative whose name it is ("Cruz" is Ted Cruz); when only such persons fit, the
          short form stays short. A gendered honorific ("Mrs. Obama") has chosen already;
        - then the one person this name (in full or short: ``earlier``, the mentions before
          that end with it) was the subject of in this sentence or the two before (the text
          has turned to them);
        - then the person the article names in full most often, then the one it introduces
          first (the subject of the story comes first; a namesake is named in full each time).
        """
        by_name: dict[str, list[Named]] = {}
        for f in fits:
            by_name.setdefault(f.name, []).append(f)
        names = list(by_name)
        if len(names) == 1 and not self._kin_introduced(by_name[names[0]]):
            return names[0]
        titles = self._titles_before(m, text)
        titled = [n for n in names if titles and any(titles & self._titles_before(f, text)
                                                     for f in by_name[n])]
        if titled:
            names = titled
        elif _honorific_gender(text, m.start, m.text) is None:
            names = [n for n in names if not self._kin_introduced(by_name[n])]
        if not names:
            return None
        # the person this name was the subject of, in full or short, in this sentence or the
        # two before, is the one the text is talking about now ("Homeland Security Secretary
        # Jeh Johnson says ... Johnson tells", after a section on Gary Johnson)
        since = self._sent_start(m.root)
        for _ in range(2):
            since = self._sent_start(since - 1) if since > 0 else since
        recent = {p.name for p in earlier if p.subject and p.name in names
                  and self._sent_start(p.root) >= since}
        if len(recent) == 1:
            return recent.pop()
        return min(names, key=lambda n: (-len(by_name[n]), by_name[n][0].start))

    def _titles_before(self, m: Named, text: str) -> set[str]:
        """Title words (heads and ranks of models/titles.tsv, abbreviations expanded) right
        before a person mention or at its start: "President Obama", "Sen. Ted Cruz"
        (remembered: the full names are asked about for each short form after them)."""
        known = self._titles_memo.get(m.start)
        if known is not None:
            return known
        titles = load_titles()
        before = text[max(0, m.start - 60):m.start].split()[-4:]
        words = m.text.split()[:-1]
        for w in reversed(before):  # the run of title words that ends at the name
            if titles.of(w) is None:
                break
            words.append(w)
        out = set()
        for w in words:
            if titles.of(w) in ("head", "rank"):
                word = w.casefold().rstrip(".")
                out.add(titles.expansion.get(word, word).casefold())
        self._titles_memo[m.start] = out
        return out

    def _kin_introduced(self, mentions: list[Named]) -> bool:
        """Every full-name mention introduces the person as someone's relative: "his wife,
        Heidi Cruz", "Obama's wife Michelle Obama", "Ivanka Trump, his daughter" (a kin
        noun with an owner; "9/11 widow Terry Strada" is no one's relative here)."""
        return bool(mentions) and all(self._introduced_as_kin(m) for m in mentions)

    def _introduced_as_kin(self, m: Named) -> bool:
        """One mention of ``_kin_introduced``'s test (remembered: the same full names are
        asked about for each short form after them)."""
        key = (m.root, m.start)
        known = self._kin_memo.get(key)
        if known is not None:
            return known

        def kin(t: Token) -> bool:  # "his wife", "Obama's wife", "the wife of ...", not "a widow"
            return t.lower_ in KIN_NOUNS and any(
                c.dep_ == "poss" or (c.dep_ == "prep" and c.lower_ == "of") for c in t.children)

        root = self.doc[m.root]
        ent_start = next((t.i for t in root.subtree if t.idx >= m.start), root.i)
        before = self.doc[root.left_edge.i:ent_start]
        known = self._kin_memo[key] = any(kin(t) for t in before) or (
            root.dep_ == "appos" and kin(root.head)) or any(
            c.dep_ == "appos" and kin(c) for c in root.children)
        return known

    def _sent_start(self, i: int) -> int:
        """The first token of token ``i``'s sentence (``Token.sent`` walks the Doc on every
        call: the document's index has the sentence starts)."""
        return doc_index(self.doc).sentence_start(i)

    def _ensure_roles(self) -> None:
        """Roles are read only when a nominal mention needs them (most documents have none)."""
        if self._roles_done:
            return
        self._roles_done = True
        by_name: dict[str, set[str]] = {}
        for m, ent in self._person_ents:
            m.roles = self._roles_of(ent)
            by_name.setdefault(m.name, set()).update(m.roles)
        # roles travel with the name: "Foreign Minister X" ... "X" share roles
        for m, _ in self._person_ents:
            m.roles = by_name[m.name]

    def _roles_of(self, ent: Span) -> set[str]:
        """Role words the text attaches to a person: "Foreign Minister X", "X, a defense analyst"."""
        out: set[str] = set()
        root = ent.root
        words: list[str] = []
        for t in self.doc[root.left_edge.i:ent.start]:
            if t.ent_type_ in ("NORP", "GPE") or t.dep_ in ("det", "poss", "case", "punct") \
                    or t.tag_ == "POS" or t.head.dep_ == "poss":
                words = []
                continue
            if not t.is_space:
                words.append(t.lower_)
        if words:
            out.add(self.roles.expand(" ".join(words)))
        for c in root.children:
            if c.dep_ == "appos" and c.i > root.i and not c.ent_type_:
                out.add(self.role_words(c))
        # "the foreign minister, X," : X is the apposition of the role noun
        if root.dep_ == "appos" and root.head.i < root.i and not root.head.ent_type_:
            out.add(self.role_words(root.head))
        out.discard("")
        return out

    def role_words(self, head: Token) -> str:
        """A role noun with its compounds and adjectives, no determiners, places or owners."""
        words: list[str] = []
        for t in self.doc[head.left_edge.i:head.i + 1]:
            if t.ent_type_ in ("NORP", "GPE") or t.dep_ in ("det", "poss", "case", "punct") \
                    or t.tag_ in ("POS", "PRP$") or t.head.dep_ == "poss":
                words = []
                continue
            if not t.is_space:
                words.append(t.lower_)
        return self.roles.expand(" ".join(words))

    def at_token(self, i: int) -> Named | None:
        idx = self._by_token.get(i)
        return self.mentions[idx] if idx is not None else None

    def in_span(self, start: int, end: int) -> list[Named]:
        """Mentions lying inside ``[start, end)``."""
        i = bisect_left(self._starts, start)
        out = []
        while i < len(self.mentions) and self.mentions[i].start < end:
            if self.mentions[i].end <= end:
                out.append(self.mentions[i])
            i += 1
        return out

    # ---------------------------------------------------------------- gender
    def genders(self) -> dict[str, tuple[str, list[str]]]:
        """Each person's gender where the article gives evidence, never from the name alone:
        an honorific before the name ("Mrs. Haddad": female) or a he/she that can only mean
        that person (the one person named in the sentence before, outside quotes). Names
        with contradicting evidence get none."""
        if self._gender_done:
            return self.gender
        self._gender_done = True
        votes: dict[str, dict[str, list[str]]] = {}

        def vote(name: str, gender: str, why: str) -> None:
            votes.setdefault(name, {}).setdefault(gender, []).append(why)

        doc = self.doc
        text = self.text
        for m in self.mentions:
            if m.label != "PERSON":
                continue
            hon = _GENDER_HONORIFIC.search(text[max(0, m.start - 8):m.start]) or \
                _GENDER_HONORIFIC_IN.match(m.text)
            if hon:
                word = hon.group(1)
                vote(m.name, _HONORIFIC_GENDER[word.lower()], word + ".")
        if not any(m.label == "PERSON" for m in self.mentions):
            return self.gender
        for i in positions(lower_hashes(doc), _HE_SHE):
            tok = doc[i]
            low = tok.lower_
            if tok.dep_ not in ("nsubj", "nsubjpass"):
                continue
            if self._in_quote(tok.idx):
                continue
            sent_start = self._sent_start(i)
            prev_start = self._sent_start(sent_start - 1) if sent_start > 0 else sent_start
            lo = doc[prev_start].idx
            persons = {m.name for m in self.mentions[bisect_left(self._starts, lo):
                                                      bisect_left(self._starts, tok.idx)]
                       if m.label == "PERSON" and not m.quoted}
            if len(persons) == 1:
                vote(next(iter(persons)), "male" if low == "he" else "female", low)
        for name, by in votes.items():
            # an honorific outweighs pronouns (the pronoun rule can be fooled by a person
            # named in passing); evidence of one kind that disagrees gives no gender
            titled = {g: [w for w in why if w.endswith(".")] for g, why in by.items()}
            titled = {g: why for g, why in titled.items() if why}
            use = titled or by
            if len(use) == 1:
                gender, why = next(iter(use.items()))
                self.gender[name] = (gender, sorted(set(why)))
        return self.gender

    def resolution_gender(self, name: str) -> str | None:
        """The gender a pronoun needs to stand for person ``name``: an honorific in the
        article ("Mrs. Haddad") first, then a given name the census finds almost only among
        one sex ("Donald", "Hillary": ``given_name_gender``), then the article's he/she
        evidence. Used to choose who "she" means; the ``genders`` put out stay the text's
        evidence only. Memoised per name (it is asked for each person mention, for each
        pronoun)."""
        if name not in self._resolution_gender:
            self._resolution_gender[name] = self._find_resolution_gender(name)
        return self._resolution_gender[name]

    def _find_resolution_gender(self, name: str) -> str | None:
        known = self.genders().get(name)
        if known is not None and any(w.endswith(".") for w in known[1]):
            return known[0]
        words = name.split(" ")
        if len(words) == 1 and is_surname(words[0]):
            words = []  # a bare "Scott" is a surname more likely than a given name
        for word in words[:-1] or words:  # "Crooked Hillary Clinton": the first that tells
            g = given_name_gender(word)
            if g is not None:
                return "male" if g == "m" else "female"
        return known[0] if known is not None else None

    # ---------------------------------------------------------------- mentions
    def resolve_pronoun(self, tok: Token, skip: list[tuple[int, int]]) -> Named | None:
        """The person "he"/"she" stands for: subject (else first) person of the nearest earlier
        sentence naming one outside quotation marks and outside ``skip`` spans, of a gender
        that fits (``resolution_gender``: a "she" skips the men the text calls Mr. or he, or
        whose given name is a man's). A subject "he"/"she" of the same gender counts as a
        mention of the person it stands for (the subject a text keeps talking about: "Lynch
        met Clinton. She has faced ... Later she said" is Lynch, not Clinton)."""
        found = self._pronoun_antecedent(tok, skip)
        path: list[int] = []
        while isinstance(found, Token):  # an earlier "she": whom that one stands for
            if found.i in self._pronoun_memo:
                found = self._pronoun_memo[found.i]
                break
            path.append(found.i)
            found = self._pronoun_antecedent(found, [])
        for i in path:
            self._pronoun_memo[i] = found
        return found

    def _subject_pronouns(self) -> dict[str, list[Token]]:
        """Subject "he" and "she" outside quotation marks, in text order, by word."""
        if self._subject_prons is None:
            self._subject_prons = {"he": [], "she": []}
            for i in positions(lower_hashes(self.doc), _HE_SHE):
                tok = self.doc[i]
                if tok.dep_ in ("nsubj", "nsubjpass") \
                        and not self._in_quote(tok.idx):
                    self._subject_prons[tok.lower_].append(tok)
        return self._subject_prons

    def _surname_subjects(self) -> list[Named]:
        """Subjects the NER did not tag that are the surname of a person of the article
        ("Putney later told CNN"), as person mentions for pronouns to refer back to."""
        if self._surname_subj is None:
            self._surname_subj = []
            strings = self.doc.vocab.strings  # labels that are spaCy symbols map to their ids
            subj = (strings["nsubj"], strings["nsubjpass"])
            nnp = strings["NNP"]
            arr = self.doc.to_array([DEP, TAG]) if len(self.doc) else np.zeros((0, 2), np.uint64)
            # two comparisons: np.isin with two values cost ~30 us a document (sorting them)
            dep = arr[:, 0]
            found = ((dep == np.uint64(subj[0])) | (dep == np.uint64(subj[1]))) \
                & (arr[:, 1] == np.uint64(nnp))
            for i in np.flatnonzero(found).tolist():
                tok = self.doc[i]
                if self.at_token(i) is None and not self._in_quote(tok.idx):
                    m = self.by_surname(tok)
                    if m is not None:
                        self._surname_subj.append(Named(tok.idx, tok.idx + len(tok), "PERSON",
                                                        tok.text, m.name, tok.i, True))
        return self._surname_subj

    def _pronoun_antecedent(self, tok: Token, skip: list[tuple[int, int]]) -> Named | Token | None:
        """One step of ``resolve_pronoun``: a named person, or an earlier subject pronoun."""
        want = {"he": "male", "him": "male", "his": "male", "she": "female",
                "her": "female"}.get(tok.lower_)

        def eligible(m: Named) -> bool:
            if m.label != "PERSON" or m.quoted or any(s <= m.start < e for s, e in skip):
                return False
            known = self.resolution_gender(m.name) if want else None
            return known is None or known == want

        prior = self.mentions[:bisect_left(self._starts, tok.idx)]
        extra = [m for m in self._surname_subjects() if m.start < tok.idx]
        if extra:
            prior = sorted(prior + extra, key=lambda m: m.start)
        last = next((m for m in reversed(prior) if eligible(m)), None)
        word = {"male": "he", "female": "she"}.get(want or "")
        same = self._subject_pronouns().get(word or "", [])  # in text order: those before tok
        prons = [p for p in same[:bisect_left(same, tok.i, key=lambda p: p.i)]
                 if not any(s <= p.idx < e for s, e in skip)]
        if last is None and not prons:
            return None
        last_i = max(last.root if last is not None else -1, prons[-1].i if prons else -1)
        sent_start = self.doc[self._sent_start(last_i)].idx
        first = bisect_left(prior, sent_start, key=lambda m: m.start)  # prior is in text order
        cands: list[tuple[int, Named | Token]] = [(m.start, m) for m in prior[first:]
                                                   if eligible(m)]
        cands += [(p.idx, p) for p in prons if p.idx >= sent_start]
        cands.sort(key=lambda c: c[0])
        subj = [c for _, c in cands if isinstance(c, Token) or c.subject]
        # the main clause's subject over one in a clause it governs: "Earnest said that
        # Obama wants ... He said" is Earnest
        main = [c for c in subj
                if (c if isinstance(c, Token) else self.doc[c.root]).head.dep_ == "ROOT"]
        return (main or subj)[-1] if subj else cands[0][1]

    def resolve_group(self, tok: Token, skip: list[tuple[int, int]]) -> Named | None:
        """"it", "they", "we": the organisation, country or group heading the subject of the
        nearest earlier sentence that names an actor, when it is the one such actor there
        ("it" never stands for a group of people; "they" and "we" not for a person)."""
        labels = ("ORG", "GPE") if tok.lower_ in ("it", "its") else ("ORG", "GPE", "NORP")
        prior = [m for m in self.mentions[:bisect_left(self._starts, tok.idx)]
                 if not m.quoted and not any(s <= m.start < e for s, e in skip)]
        if not prior:
            return None
        sent = tok.sent
        prev_sent = self.doc[sent.start - 1].sent if sent.start > 0 else sent
        sent_start = self.doc[prior[-1].root].sent.start_char
        if sent_start < prev_sent.start_char:
            return None  # the nearest actor is further back than the sentence before
        cands = [m for m in prior if m.start >= sent_start]
        if any(m.label == "PERSON" and m.subject for m in cands):
            return None
        fit = [m for m in cands if m.label in labels and m.subject]
        if len({m.name for m in fit}) != 1:
            return None
        return fit[-1]

    def resolve_org_noun(self, head: Token) -> Named | None:
        """"the ministry", "the council": the nearest earlier organisation whose name holds
        that word ("the Ministry of Health")."""
        if head.tag_ not in ("NN",) or not any(c.dep_ == "det" and c.lower_ in ("the", "this")
                                              for c in head.children):
            return None
        word = head.lower_
        for m in reversed(self.mentions[:bisect_left(self._starts, head.idx)]):
            if m.label == "ORG" and word in m.name.lower().split():
                return m
        return None

    def resolve_government(self, head: Token) -> Named | None:
        """"the Lebanese government", "the Iraq government", "Egypt's foreign ministry"
        speaking: the country (or group) the modifier names."""
        if head.lower_ not in GOVERNMENT_NOUNS:
            return None
        for c in head.children:
            if c.dep_ in ("amod", "compound", "poss", "nmod"):
                m = self.at_token(c.i)
                if m is not None and m.label in ("GPE", "NORP"):
                    return m
        return None

    def resolve_representative(self, head: Token) -> Named | None:
        """"a spokeswoman for X", "advisers to X", "an official with X", "a Homeland Security
        Department official": the actor they speak for (a person, organisation or place named
        right there)."""
        if head.lower_ not in REPRESENTATIVE_NOUNS:
            return None
        for c in head.children:
            if c.dep_ == "prep" and c.lower_ in _ON_BEHALF:
                obj = next((g for g in c.children if g.dep_ == "pobj"), None)
                m = self.at_token(obj.i) if obj is not None else None
                if m is not None:
                    return m
        if head.lower_ in ("official", "officials"):
            for c in head.children:
                m = self.at_token(c.i) if c.dep_ in ("compound", "amod", "nmod") else None
                if m is not None and m.label in ("ORG", "GPE"):
                    return m
        return None

    def by_surname(self, head: Token) -> Named | None:
        """A capitalised word the NER missed that is a person's last name ("Abdi")."""
        key = name_tokens(head.text)
        if not key:
            return None
        best = None
        for m in self.mentions:
            if m.label == "PERSON" and name_tokens(m.name)[-len(key):] == key:
                dist = (0, head.idx - m.start) if m.start < head.idx else (1, m.start - head.idx)
                if best is None or dist < best[0]:
                    best = (dist, m)
        return best[1] if best else None

    def resolve_nominal(self, head: Token) -> Named | None:
        """The person a definite role noun stands for ("the foreign minister", "the FM")."""
        if head.tag_ not in ("NN", "NNP"):
            return None
        definite = any(c.dep_ == "det" and c.lower_ in ("the", "this", "that") or c.dep_ == "poss"
                       for c in head.children)
        if not definite:
            return None
        role = self.role_words(head)
        if not role:
            return None
        head_word = self.roles.expand(head.lower_).split()[-1]
        if head_word not in self.roles.heads and role not in self.roles.roles:
            return None
        self._ensure_roles()
        best: tuple[tuple[int, int], Named] | None = None
        for m in self.mentions:
            if m.label != "PERSON" or not m.roles:
                continue
            if role in m.roles or (role == head_word and any(r.split()[-1:] == [head_word]
                                                             for r in m.roles)):
                dist = (0, head.idx - m.start) if m.start < head.idx else (1, m.start - head.idx)
                if best is None or dist < best[0]:
                    best = (dist, m)
        return best[1] if best else None


def resolve_source(head: Token, names: DocNames, skip: list[tuple[int, int]],
                   mention: tuple[int, int]) -> Named | None:
    """The named actor a source mention stands for, or None (see the module docstring).

    ``skip``: the statement's own content (a "he" is not the person it quotes);
    ``mention``: the source's words, searched for a name in apposition.
    """
    named = names.at_token(head.i)
    if named is not None and named.label != "PERSON":
        # "Kurdistan Regional Government (KRG) Interior Minister Rebar Ahmed": the person in
        # apposition speaks, not the organisation the parse made the head
        for c in head.children:
            m = names.at_token(c.i) if c.dep_ == "appos" else None
            if m is not None and m.label == "PERSON":
                return m
    if named is not None:
        return named
    if head.lower_ in RELATIVE_PRONOUNS and head.head.dep_ == "relcl":
        head = head.head.head  # "X, who said": X
        named = names.at_token(head.i)
        if named is not None:
            return named
    # "The foreign minister, Ibrahim al-Jaafari, said", "Spokesman of the armed forces Yahya
    # Rasool said": a name in apposition inside the mention
    for c in head.children:
        if c.dep_ == "appos":
            m = names.at_token(c.i)
            if m is not None:
                return m
    if any(c.dep_ == "conj" and names.at_token(c.i) is not None for c in head.children):
        return None  # "the Clinton campaign and the DNC said": two actors, neither alone
    for m in names.in_span(*mention):
        if m.label == "PERSON" and names.doc[m.root].dep_ in ("appos", "compound"):
            return m
    low = head.lower_
    if low in PERSON_PRONOUNS or low == "his":
        return names.resolve_pronoun(head, skip)
    if low in GROUP_PRONOUNS or low in ("its", "their", "our"):
        return names.resolve_group(head, skip)
    gov = names.resolve_government(head) or names.resolve_representative(head)
    if gov is not None:
        return gov
    if head.tag_ == "NNP" or head.text.isupper() or head.text.istitle():
        m = names.by_surname(head)
        if m is not None:
            return m
    if head.tag_ in ("NN", "NNP"):
        return names.resolve_nominal(head) or names.resolve_org_noun(head)
    return None
