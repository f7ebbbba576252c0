"""Cross-document identity: one stable actor id per real actor, and why each name merged.

``ActorIndex`` collects the names of one run (``observe`` per speaker, target and entity, after
``normalize``), then ``resolve`` merges their keys into actors and returns an ``ActorTable``
(``id_of(key)``, ``actors``). Merges, each recorded with its rule:

- ``pinned``: the user's aliases file says so (``A = B | C``); ``A != B`` forbids a merge, and a
  forbid wins over every rule, pins included;
- ``abbreviation``: the run's own text defines it ("Syrian Democratic Forces (SDF)"), and the
  abbreviation never stands for another long name in the run;
- ``label vote``: the same multi-word name tagged with different entity types ("Nadia Karim" as
  PERSON 5 times, ORG once) joins the most frequent type;
- ``same name``: person names with the same words once the Arabic article, hyphens, accents
  and case are set aside ("Bashar al-Assad" / "Bashar Assad");
- ``transliteration``: places (and organisations with the Arabic article) whose names differ
  only in doubled letters and "al-"/"el-" ("Ain al-Asad" / "Ain al-Assad"); two full person
  names with the same surname and number of words whose given names differ only in spelling
  (rapidfuzz ratio >= 90 per word: "Qasim"/"Qassim") and only in vowels and doubled letters,
  never two given names that the census knows each in its own right (``spelling_variants``:
  "Ivana"/"Ivanka", "Michelle"/"Michele" stay two persons);
- ``contained name``: a multi-word person name inside exactly one longer one, same surname
  ("Michael Kurilla" -> "Michael Erik Kurilla");
- ``surname``: a one-word person name ("al-Araji", "Ahmed", "Clintons") that is the surname of
  exactly one full-name person in the run and appears in no other full name;
- ``dominant name``: a short form that fits several actors joins the one the corpus makes
  overwhelmingly likely: each candidate is weighed by how often its names occur in the run
  plus ``COOCCURRENCE_WEIGHT`` for each article naming both, and the short form merges when
  the best weighs at least ``DOMINANCE`` times the next ("Obama" -> Barack Obama over Michelle
  Obama; "Hillary" -> Hillary Clinton); balanced evidence keeps it apart ("a bare Ahmed must
  not swallow every Ahmed"). A rare longer form that contains a dominant full name joins it
  ("Donald J. Trump", "Crooked Hillary Clinton" -> the frequent "Donald Trump", ...); a
  surname the NER tagged ORG or a place joins the person the same way when the person
  outweighs the other reading ("Korhonen said" after a dateline);
- ``group forms``: a group's singular, plural and adjective ("Republican", "Republicans";
  "Democrat", "Democratic", "Democrats"; "African-American(s)") join the plural; an "-ic"
  adjective that names no people joins its noun ("Islamic" -> "Islam");
- ``party members``: a party's members as a group ("Republicans") and the party as an
  organisation ("Republican Party", "GOP") are one actor, named by the commoner form;
- ``short org``: a one-word organisation name that is the last word of a longer one named in
  the same articles ("Commission" / "European Commission", "Post" / "Washington Post"),
  by the same dominance test over the articles naming both, and only when nearly all its
  articles name the long one (a short form follows its introduction: "House" used on its
  own is not "White House");
- ``in article``: a one-word name that, in one article, can only be the surname of the person
  that article names (by DOMINANCE times over any other of that surname) is that person there,
  whatever it is elsewhere ("Scott" in the article on Keith Lamont Scott, and in the one on
  Bobby Scott): ``ActorTable.id_of(key, doc_id)``. The index keeps one hash per such article.

Everything is deterministic: keys are processed in sorted order and ties are broken by key.
Context-free normalisation (titles, demonyms, capitals, org aliases) happens before, in
names.py; forbids cannot undo it. This module reads no files except the aliases file.
"""

from __future__ import annotations

import re
from collections import Counter
from functools import lru_cache
from dataclasses import dataclass, field
from pathlib import Path
from types import MappingProxyType
from typing import Any, Mapping

from .names import (LABEL_OF_KIND, clean_surface, is_given_name, name_tokens, normalize,
                    org_alias, slug, strip_titles, trim_name)

TRANSLITERATION_RATIO = 90.0
DOMINANCE = 3.0  # a short form joins the best candidate when it weighs this many times the next
COOCCURRENCE_WEIGHT = 5  # an article naming both counts as this many mentions
GIVEN_NAME_WEIGHT = 0.5  # a one-word name fitting a given name weighs half a surname fit
LABEL_VOTE_DOMINANCE = 3.0  # a one-word name changes type only on a clear vote
SHORT_ORG_INTRODUCED = 0.8  # share of a short org name's articles that also name the long one
_MAX_BUCKET = 2000  # pairwise comparisons per surname bucket stay bounded
_ABBR = re.compile(r"^[A-Z][A-Za-z0-9&.\-]{1,11}$")
_VOTE_RANK = {"person": 0, "org": 1, "group": 2, "place": 3}  # ties in a label vote
_MAX_ALIASES = 50
_DOUBLED = re.compile(r"([a-z])\1")  # "ss" in "assad"


# --------------------------------------------------------------------------------------------
# aliases file
# --------------------------------------------------------------------------------------------


@dataclass
class AliasRules:
    """Pins (``canonical = alias | alias``) and forbids (``a != b``) from a user's file."""

    pins: list[tuple[str, list[str], int]] = field(default_factory=list)  # (canonical, aliases, line)
    forbids: list[tuple[str, str, int]] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)


def read_aliases(path: str | Path) -> AliasRules:
    """Read an aliases file. Format, one rule a line, ``#`` starts a comment::

        Qasim al-Araji = Qassim al-Araji | al-Araji     # these names are one actor
        person:rebar-ahmed != Ahmed                     # never merge these two

    A name is matched by its normalised key (as a person, organisation, place or group), else
    against the surface forms seen in the run (case-insensitive); an actor id (``person:...``,
    ``org:...``) may be used instead.
    The left side of ``=`` names the merged actor. Bad lines are reported, not fatal.
    """
    rules = AliasRules()
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        rules.errors.append(f"{path}: cannot read aliases file: {exc}")
        return rules
    for no, raw in enumerate(text.splitlines(), start=1):
        line = raw.split("#", 1)[0].strip() if not raw.lstrip().startswith("#") else ""
        if not line:
            continue
        if "!=" in line:
            left, right = (s.strip() for s in line.split("!=", 1))
            if left and right and "=" not in right:
                rules.forbids.append((left, right, no))
                continue
        elif "=" in line:
            left, right = (s.strip() for s in line.split("=", 1))
            names = [n.strip() for n in right.split("|") if n.strip()]
            if left and names:
                rules.pins.append((left, names, no))
                continue
        rules.errors.append(f"{path}:{no}: expected 'NAME = ALIAS | ALIAS' or 'NAME != NAME'")
    return rules


# --------------------------------------------------------------------------------------------
# the index
# --------------------------------------------------------------------------------------------


_EMPTY: Mapping[str, int] = MappingProxyType({})  # read-only stand-in for a counter never made


@dataclass(slots=True)
class _Key:
    """What the run says about one normalised name; counters made only when needed (a corpus
    has millions of names, most seen once, with no role)."""

    key: str
    names: Counter = field(default_factory=Counter)  # normalised display names
    count: int = 0
    articles: int = 0  # articles naming it (when the caller gives doc ids)
    last_doc: Any = None
    _surfaces: Counter | None = None  # words in the text that name it
    _roles: Counter | None = None  # casefolded role -> count
    _role_forms: Counter | None = None  # role as written -> count
    _affiliations: Counter | None = None  # affiliation name -> count

    def add(self, attr: str, value: str) -> None:
        counter = getattr(self, attr)
        if counter is None:
            counter = Counter()
            setattr(self, attr, counter)
        counter[value] += 1

    @property
    def surfaces(self) -> Mapping[str, int]:
        return self._surfaces or _EMPTY

    @property
    def roles(self) -> Mapping[str, int]:
        return self._roles or _EMPTY

    @property
    def role_forms(self) -> Mapping[str, int]:
        return self._role_forms or _EMPTY

    @property
    def affiliations(self) -> Mapping[str, int]:
        return self._affiliations or _EMPTY

    @property
    def kind(self) -> str:
        return self.key.split(":", 1)[0]

    @property
    def body(self) -> str:
        return self.key.split(":", 1)[1]


@dataclass
class Actor:
    """One line of actors.jsonl."""

    id: str
    name: str
    type: str
    aliases: list[str]
    roles: list[str]
    affiliation: str | None
    affiliation_id: str | None
    affiliations: list[dict[str, Any]]
    keys: list[str]
    merges: list[dict[str, str]]
    statements: int = 0
    statement_articles: int = 0
    targeted: int = 0
    mentions: int = 0
    articles: int = 0

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id, "name": self.name, "type": self.type, "aliases": self.aliases,
            "roles": self.roles, "affiliation": self.affiliation,
            "affiliation_id": self.affiliation_id, "affiliations": self.affiliations,
            "counts": {"statements": self.statements, "statement_articles": self.statement_articles,
                       "targeted": self.targeted, "mentions": self.mentions,
                       "articles": self.articles},
            "keys": self.keys, "merges": self.merges,
        }


class ActorTable:
    """Result of ``ActorIndex.resolve``: raw key -> actor id, and the actors."""

    def __init__(self, id_of: dict[str, str], actors: dict[str, Actor], errors: list[str],
                 in_article: dict[tuple[int, str], str] | None = None) -> None:
        self._id_of = id_of
        self.actors = actors
        self.errors = errors
        self._in_article = in_article or {}

    def id_of(self, key: str, doc_id: Any = None) -> str:
        """The actor id of a key; with ``doc_id``, as that article reads it ("Scott" in an
        article naming Keith Lamont Scott is him, whatever "Scott" is elsewhere)."""
        if doc_id is not None and self._in_article:
            hit = self._in_article.get((hash(doc_id), key))
            if hit is not None:
                return hit
        return self._id_of.get(key, key)


class ActorIndex:
    """Names of one run, collected as relations and entities stream past."""

    def __init__(self) -> None:
        self.keys: dict[str, _Key] = {}
        self.abbreviations: dict[str, Counter] = {}  # abbreviation slug -> long key counts
        # one-word person/org key -> multi-word key -> articles naming both
        self.cooccur: dict[str, Counter] = {}
        self._doc: Any = None
        self._doc_keys: Counter = Counter()  # keys of the current article -> mentions
        # (short key, full person key) -> articles (hashes of their ids) in which the short
        # form can only mean that person: "Scott" in an article about Keith Lamont Scott
        self._in_article: dict[tuple[str, str], set[int]] = {}
        self._members_of: dict[str, list[str]] | None = None  # root -> keys, once resolved
        self._display_memo: dict[str, str] | None = None  # key -> display name, during resolve
        self._cooc_doc: dict[tuple[str, str], Any] = {}
        self._surnames: Counter = Counter()  # last words of the run's full person names
        # keys merged as a form of a group ("Islamic"; "Islam" tagged ORG): never its name
        self._group_forms: set[str] = set()
        self._group_nouns: set[str] = set()  # the group keys they joined ("Islam", "Kurds")

    def observe(self, name: str, label: str, *, surface: str | None = None,
                role: str | None = None, affiliation: str | None = None,
                doc_id: Any = None) -> str:
        """Count one occurrence of a resolved name; return its key. ``doc_id``: the article,
        so that short forms know which full names their articles name (records of one
        article come together)."""
        if doc_id != self._doc:
            self.end_document()
            self._doc = doc_id
        norm = normalize(name, label)
        if doc_id is not None and (surface is None or surface[:1].isupper()):
            self._doc_keys[norm.key] += 1  # a name in the text, not "she" resolved to it
        rec = self.keys.get(norm.key)
        if rec is None:
            rec = self.keys[norm.key] = _Key(norm.key)
        rec.count += 1
        rec.names[norm.name] += 1
        if doc_id is not None and rec.last_doc != doc_id:
            rec.last_doc = doc_id
            rec.articles += 1
        if surface:
            s = _alias_of(surface, label, norm.key)
            if s is not None and s != norm.name:
                rec.add("_surfaces", s)
        if role:
            rec.add("_roles", role.casefold())
            rec.add("_role_forms", role)
        if affiliation:
            rec.add("_affiliations", affiliation)
        return norm.key

    def end_document(self) -> None:
        """Record which multi-word names the current article names beside its one-word ones."""
        keys, self._doc_keys = self._doc_keys, Counter()
        doc, self._doc = self._doc, None
        self._surnames_in_article(keys, doc)
        short = [k for k in keys if k.startswith(("person:", "org:")) and "-" not in k.split(":", 1)[1]]
        if not short:
            return
        longs = [k for k in keys if k.startswith(("person:", "org:")) and "-" in k.split(":", 1)[1]]
        for k in short:
            word = k.split(":", 1)[1]
            for lk in longs:
                if word in lk.split(":", 1)[1].split("-") and self._cooc_doc.get((k, lk)) != doc:
                    self._cooc_doc[(k, lk)] = doc  # an article's relations, then its entities
                    self.cooccur.setdefault(k, Counter())[lk] += 1

    def _surnames_in_article(self, keys: Counter, doc: Any) -> None:
        """A one-word name (a person's, or one the NER tagged ORG or a place: "Scott said")
        that is the surname of the person the article names most, by DOMINANCE times over
        the next person of that surname ("Scott" after "Keith Lamont Scott" and "Keith"), means
        that person in that article (``in_article`` in ``resolve``). A person's weight: the
        mentions of the full name, of shorter full forms of it ("Lamont Scott") and of the
        given name alone. Records of one article come in passes (relations, then entities):
        a later pass's reading replaces an earlier one's."""
        if doc is None:
            return
        by_surname: dict[str, list[str]] = {}
        for k in keys:
            kind, _, body = k.partition(":")
            if kind == "person" and "-" in body:
                by_surname.setdefault(body.rsplit("-", 1)[1], []).append(k)
        if not by_surname:
            return
        h = hash(doc)
        for k in keys:
            kind, _, body = k.partition(":")
            if kind not in ("person", "org", "place") or "-" in body or not body:
                continue
            cands = by_surname.get(body) or (by_surname.get(body[:-1]) if body.endswith("s") else None)
            if not cands:
                continue
            weight: Counter = Counter()
            for c in cands:
                c_body = c.split(":", 1)[1]
                longer = [o for o in cands if o.split(":", 1)[1].endswith("-" + c_body)]
                into = max(longer, key=lambda o: (len(o), o)) if longer else c
                weight[into] += keys[c] + (keys.get(f"person:{c_body.split('-', 1)[0]}", 0)
                                           if into == c else 0)
            ranked = sorted(weight.items(), key=lambda x: (-x[1], x[0]))
            best = ranked[0][0] if len(ranked) == 1 or ranked[0][1] >= DOMINANCE * ranked[1][1] else ""
            for c in [*cands, ""]:  # this pass replaces an earlier pass's reading
                docs = self._in_article.get((k, c))
                if docs:
                    docs.discard(h)
            self._in_article.setdefault((k, best), set()).add(h)

    def learn_abbreviation(self, long_name: str, long_label: str, short: str) -> bool:
        """Record "Long Name (ABBR)" seen in a text; True when ``short`` fits ``long_name``."""
        if not _ABBR.match(short) or sum(ch.isupper() for ch in short) < 2:
            return False
        long_key = normalize(long_name, long_label).key
        if long_key.split(":", 1)[0] in ("person", "country") or not is_abbreviation(short, long_name):
            return False
        self.abbreviations.setdefault(slug(short), Counter())[long_key] += 1
        return True

    # ----------------------------------------------------------------------------------------

    def resolve(self, rules: AliasRules | None = None) -> ActorTable:
        rules = rules or AliasRules()
        self.end_document()
        self._members_of = None
        # the names seen are fixed while resolving (only observe adds): each key's display
        # name is worked out once, not in every rule and rank that shows it
        self._display_memo = {}
        try:
            return self._resolve(rules)
        finally:
            self._display_memo = None

    def _resolve(self, rules: AliasRules) -> ActorTable:
        keys = sorted(self.keys)
        uf = _UnionFind(keys)
        errors = list(rules.errors)
        surface_index = self._surface_index()

        def keys_for(name: str) -> list[str]:
            if re.match(r"^[a-z]+:\S", name) and name in self.keys:
                return [name]
            found = {normalize(name, lab).key for lab in ("PERSON", "ORG", "GPE", "NORP", "LOC")}
            found = {k for k in found if k in self.keys}
            if not found:  # a form only seen in the text ("the Baghdad government")
                found = surface_index.get(" ".join(name.split()).casefold(), set())
            return sorted(found)

        for i, (a, b, no) in enumerate(rules.forbids):
            ka, kb = keys_for(a), keys_for(b)
            if not ka or not kb:
                errors.append(f"aliases line {no}: no actor named {a if not ka else b!r} in this run")
            for k in ka:
                uf.tag(k, (i, 0))
            for k in kb:
                uf.tag(k, (i, 1))
        pinned_name: dict[str, str] = {}  # a member key -> canonical name from the file
        for canonical, aliases, no in rules.pins:
            members = keys_for(canonical)
            target_name = canonical if not re.match(r"^[a-z]+:\S", canonical) else None
            alias_keys = [k for a in aliases for k in keys_for(a)]
            if not members and not alias_keys:
                errors.append(f"aliases line {no}: none of these names occur in this run")
                continue
            everyone = members + alias_keys
            anchor = everyone[0]
            for k in everyone[1:]:
                if not uf.union(k, anchor, "pinned", f"aliases file line {no}"):
                    errors.append(f"aliases line {no}: pin of {k} conflicts with a forbid; kept apart")
            if target_name:
                pinned_name[anchor] = target_name
            if members:
                uf.prefer(anchor, members[0])

        self._merge_abbreviations(uf)
        self._merge_label_votes(uf, keys)
        self._merge_groups(uf, keys)
        self._merge_place_spellings(uf, keys)
        self._merge_persons(uf, keys)
        self._merge_short_orgs(uf, keys)
        return self._build(uf, keys, pinned_name, errors)

    def _members(self, uf: _UnionFind, root: str) -> list[str]:
        if self._members_of is None:
            self._members_of = {}
            for k in self.keys:
                self._members_of.setdefault(uf.find(k), []).append(k)
        return self._members_of.get(root, [])

    def _in_article_map(self, uf: _UnionFind) -> tuple[dict[tuple[int, str], str], dict[str, list]]:
        """(article hash, short key) -> full key, where the article's reading of a short form
        differs from the run-wide one; and per full key, the (short key, articles) it took."""
        found: dict[tuple[int, str], str | None] = {}
        for (short, full), docs in sorted(self._in_article.items()):
            if not full or uf.find(short) == uf.find(full):
                continue  # balanced in the article, or the run-wide rules agree already
            root = uf.find(short)
            word = short.split(":", 1)[1]
            if any(self.keys[m].kind == "person" and self.keys[m].body.endswith("-" + word)
                   for m in self._members(uf, root)):
                continue  # run-wide it is a person of that surname ("Trump": Donald Trump)
            for d in docs:
                found[(d, short)] = full if found.get((d, short), full) == full else None
        taken: dict[str, Counter] = {}
        for (d, short), full_key in found.items():
            if full_key is not None:
                taken.setdefault(full_key, Counter())[short] += 1
        return ({k: v for k, v in found.items() if v is not None},
                {full: sorted(c.items()) for full, c in taken.items()})

    # ----------------------------------------------------------------------------------------

    def _surface_index(self) -> dict[str, set[str]]:
        index: dict[str, set[str]] = {}
        for key, rec in self.keys.items():
            for s in list(rec.names) + list(rec.surfaces):
                index.setdefault(s.casefold(), set()).add(key)
        return index

    def _merge_abbreviations(self, uf: _UnionFind) -> None:
        for short in sorted(self.abbreviations):
            longs = self.abbreviations[short]
            roots = sorted({uf.find(k) for k in longs if k in self.keys})
            if len(roots) != 1:
                continue  # never learned, or stands for two different names
            long_key = sorted(longs)[0]
            for kind in ("org", "place", "group", "person"):
                k = f"{kind}:{short}"
                if k in self.keys and k != long_key:
                    uf.union(k, long_key, "abbreviation",
                             f"'{self._display(long_key)} ({self._display(k)})' in the text")

    def _merge_label_votes(self, uf: _UnionFind, keys: list[str]) -> None:
        by_body: dict[str, list[str]] = {}
        for k in keys:
            rec = self.keys[k]
            if rec.kind in ("person", "org", "place", "group") and rec.body:
                by_body.setdefault(rec.body, []).append(k)
        for body in sorted(by_body):
            group = by_body[body]
            if len(group) < 2:
                continue
            best = min(group, key=lambda k: (-self.keys[k].count, _VOTE_RANK[self.keys[k].kind], k))
            if "-" not in body:
                # one word ("Jordan", "Pfizer") is often two actors: only a clear vote counts
                second = max(self.keys[k].count for k in group if k != best)
                if self.keys[best].count < LABEL_VOTE_DOMINANCE * second:
                    continue
            counts = ", ".join(f"{self.keys[k].kind} {self.keys[k].count}x" for k in group)
            for k in group:
                if k != best:
                    uf.union(k, best, "label vote", f"same name seen as {counts}")

    def _merge_groups(self, uf: _UnionFind, keys: list[str]) -> None:
        """"Republican"/"Republicans", "Democrat"/"Democratic"/"Democrats",
        "African-American"/"African-Americans": into the plural; an "-ish" adjective into its
        people's plural ("Kurdish" -> "Kurds"); an "-ic" adjective that names no people into
        the noun it is made from ("Islamic" -> "Islam"). Then a party and its members: the
        group "Republicans" and the organisation "Republican Party" (models/org_aliases.tsv:
        "GOP") are one actor in news about parties."""
        groups = {self.keys[k].body: k for k in keys if self.keys[k].kind == "group"}
        for body in sorted(groups):
            if body.endswith("s"):
                continue
            forms = [body + "s"]
            if body.endswith("ic"):
                forms.append(body[:-2] + "s")  # democratic -> democrats
                forms.append(body[:-2])  # islamic -> islam: the adjective of a noun
            if body.endswith("ish") and len(body) > 5:
                forms.append(body[:-3] + "s")  # kurdish -> kurds, jewish -> jews
            into = next((groups[f] for f in forms if f in groups), None)
            if into is not None:
                self._group_forms.add(groups[body])
                self._group_nouns.add(into)
                uf.union(groups[body], into, "group forms",
                         f"'{self._display(groups[body])}' is a form of '{self._display(into)}'")
        # the label vote again, with the forms counted: "Islam" tagged ORG 22 times is the
        # group "Islam" once "Islamic" (145) is counted with it
        for noun in sorted(self._group_nouns):
            other = f"org:{self.keys[noun].body}"
            if other not in self.keys or uf.find(other) == uf.find(noun):
                continue
            n_group = sum(self.keys[k].count for k in keys
                          if self.keys[k].kind == "group" and uf.find(k) == uf.find(noun))
            if n_group >= LABEL_VOTE_DOMINANCE * self.keys[other].count:
                self._group_forms.add(other)  # never the name the actor goes by
                uf.union(other, noun, "label vote", f"same name seen as org "
                         f"{self.keys[other].count}x, group {n_group}x with its forms")
        for k in keys:
            rec = self.keys[k]
            if rec.kind != "org" or not rec.body.endswith("-party") or rec.body.count("-") != 1:
                continue
            adj = rec.body[: -len("-party")]
            forms = [adj, adj + "s"] + ([adj[:-2] + "s"] if adj.endswith("ic") else [])
            members = [groups[f] for f in forms if f in groups]
            if members:
                best = min(members, key=lambda g: (-self.keys[g].count, g))
                uf.union(k, best, "party members", f"'{self._display(best)}' are the members "
                         f"of '{self._display(k)}'")

    def _merge_place_spellings(self, uf: _UnionFind, keys: list[str]) -> None:
        """"Ain al-Asad" / "Ain al-Assad", "Deir ez-Zor" / "Deir Ezzor": a place's Latin
        spellings that differ only where the transliteration of Arabic has no fixed rule: a
        doubled letter (the shadda, written or not) and the article ("al-", "el-", or none);
        organisations only when their name holds the Arabic article."""
        skeletons: dict[tuple[str, str], list[str]] = {}
        for k in keys:
            rec = self.keys[k]
            if rec.kind not in ("place", "org"):
                continue
            words = rec.body.split("-")
            if rec.kind == "org" and not any(w in ("al", "el") for w in words[:-1]):
                continue
            skel = "-".join(_DOUBLED.sub(r"\1", w) for w in words if w not in ("al", "el"))
            if len(skel) >= 4:
                skeletons.setdefault((rec.kind, skel), []).append(k)
        for (kind, skel), group in sorted(skeletons.items()):
            if len(group) < 2:
                continue
            into = min(group, key=lambda k: (-self.keys[k].count, k))
            for k in group:
                if k != into:
                    uf.union(k, into, "transliteration", f"'{self._display(k)}' and "
                             f"'{self._display(into)}' differ only in doubled letters or 'al-'")

    def _weigh(self, uf: _UnionFind, short: str, cands: list[str]) -> list[tuple[float, str]]:
        """Candidates' roots weighed by corpus count and articles naming both, best first."""
        cooc: Mapping[str, int] = self.cooccur.get(short, {})
        word = "".join(name_tokens(self._display(short))) or short.split(":", 1)[1]
        weight: dict[str, float] = {}
        for c in cands:
            root = uf.find(c)
            w: float = self.keys[c].count + COOCCURRENCE_WEIGHT * cooc.get(c, 0)
            if self.keys[c].kind == "person" and name_tokens(self._display(c))[-1] != word:
                w *= GIVEN_NAME_WEIGHT  # news names a person by surname far more often
            weight[root] = weight.get(root, 0.0) + w
        return sorted(((w, r) for r, w in weight.items()), key=lambda x: (-x[0], x[1]))

    def _dominant(self, uf: _UnionFind, short: str, cands: list[str]) -> tuple[str, str] | None:
        """The candidate the evidence makes overwhelmingly likely, and the evidence; or None."""
        ranked = self._weigh(uf, short, cands)
        if not ranked:
            return None
        best_w, best = ranked[0]
        next_w = ranked[1][0] if len(ranked) > 1 else 0.0
        if best_w < DOMINANCE * next_w:
            return None
        into = min((c for c in cands if uf.find(c) == best), key=lambda b: (-self.keys[b].count, b))
        others = ", ".join(f"{self._display(r)} {w:.0f}" for w, r in ranked[1:4])
        detail = f"weight {best_w:.0f} (mentions + {COOCCURRENCE_WEIGHT} x articles naming both)" \
            + (f" against {others}" if others else " and no other candidate")
        return into, detail

    def _merge_short_orgs(self, uf: _UnionFind, keys: list[str]) -> None:
        persons_words: set[str] = set()
        for k in keys:
            if self.keys[k].kind == "person":
                persons_words.update(name_tokens(self._display(k)) if "-" in self.keys[k].body else ())
        for k in keys:
            rec = self.keys[k]
            if "-" in rec.body or k not in self.cooccur:
                continue
            if rec.kind == "person" and rec.body not in persons_words:
                # "Patriot" (PERSON) beside "Patriot Coal": no person has that name; the
                # organisation of its articles that holds the word takes it
                cands = [c for c in self.cooccur[k] if c in self.keys and self.keys[c].kind == "org"]
                found = self._dominant(uf, k, cands) if cands else None
                if found is not None:
                    uf.union(k, found[0], "short org", f"'{self._display(k)}' is a word of "
                             f"'{self._display(found[0])}' in the same articles; {found[1]}")
                continue
            if rec.kind != "org":
                continue
            # every long name holding the word competes ("House": "White House" and "House
            # Oversight Committee"); only one that ends with it can take it
            cands = [c for c in self.cooccur[k] if c in self.keys and self.keys[c].kind == "org"]
            if not any(c.split(":", 1)[1].split("-")[-1] == rec.body for c in cands):
                continue
            found = self._dominant(uf, k, cands)
            # a short form stands for a long name only after the article has introduced it:
            # one used in many articles that never name the long one is a name of its own
            # ("House" for the House of Representatives, not "White House")
            if found is not None and found[0].split(":", 1)[1].split("-")[-1] == rec.body \
                    and self.cooccur[k].get(found[0], 0) >= SHORT_ORG_INTRODUCED * rec.articles:
                uf.union(k, found[0], "short org", f"'{self._display(k)}' ends "
                         f"'{self._display(found[0])}' in the same articles; {found[1]}")

    def _merge_persons(self, uf: _UnionFind, keys: list[str]) -> None:
        from rapidfuzz import fuzz

        persons = {k: name_tokens(self._display(k)) for k in keys if self.keys[k].kind == "person"}
        persons = {k: t for k, t in persons.items() if t}
        full = {k: t for k, t in persons.items() if len(t) >= 2}

        # the same words written differently ("Bashar al-Assad", "Bashar Assad", "Al Shameri")
        same: dict[tuple, list[str]] = {}
        for k, t in persons.items():
            same.setdefault(tuple(t), []).append(k)
        for words in sorted(same):
            group = same[words]
            if len(group) > 1:
                into = min(group, key=lambda k: (-self.keys[k].count, k))
                for k in sorted(group):
                    if k != into:
                        uf.union(k, into, "same name",
                                 "same words once 'al-'/'el-', hyphens and case are set aside")

        # transliteration variants of full names
        buckets: dict[tuple, list[str]] = {}
        for k, t in full.items():
            buckets.setdefault((t[-1], len(t), t[0][:1]), []).append(k)
        for bkey in sorted(buckets):
            group = sorted(buckets[bkey])[:_MAX_BUCKET]
            for i, a in enumerate(group):
                ta = full[a]
                for b in group[i + 1:]:
                    tb = full[b]
                    if ta == tb:
                        continue
                    ratios = [100.0 if x == y else fuzz.ratio(x, y) for x, y in zip(ta[:-1], tb[:-1])]
                    if min(ratios) >= TRANSLITERATION_RATIO and all(
                            x == y or spelling_variants(x, y) for x, y in zip(ta[:-1], tb[:-1])):
                        low, high = sorted((a, b), key=lambda k: (self.keys[k].count, k))
                        uf.union(low, high, "transliteration",
                                 f"same surname, given names {min(ratios):.0f}% alike")

        by_surname: dict[str, list[str]] = {}
        by_token: dict[str, list[str]] = {}
        for k, t in full.items():
            by_surname.setdefault(t[-1], []).append(k)
            self._surnames[t[-1]] += 1
            for tok in set(t[:-1]):
                by_token.setdefault(tok, []).append(k)

        # shorter full names inside exactly one longer one ("Michael Kurilla"); a rare longer
        # form around a dominant full name joins it ("Donald J. Trump", "Rip Donald Trump")
        for k in sorted(full, key=lambda k: (-len(full[k]), k)):
            t = full[k]
            cands = [b for b in by_surname.get(t[-1], []) if len(full[b]) > len(t) and _subsequence(t, full[b])]
            roots = {uf.find(b) for b in cands}
            if len(roots) == 1 and uf.find(k) not in roots:
                into = min(cands, key=lambda b: (-self.keys[b].count, b))
                uf.union(k, into, "contained name", f"'{self._display(k)}' is part of "
                                                     f"'{self._display(into)}' and of no other name")
                continue
            if _distinct_middles(t, [full[b] for b in cands]):
                continue  # "George W. Bush", "George P. Bush": the middle names tell persons apart
            for b in cands:
                if self.keys[k].count >= DOMINANCE * self.keys[b].count:
                    uf.union(b, k, "dominant name",
                             f"'{self._display(b)}' ({self.keys[b].count}x) holds "
                             f"'{self._display(k)}' ({self.keys[k].count}x)")

        # one-word names: the surname of exactly one full-name person, and in no other name;
        # else the dominant one of the full names it is the surname or given name of
        # ("Clintons" is the surname's plural)
        for k in sorted(persons):
            t = persons[k]
            if len(t) != 1:
                continue
            word = t[0]
            if word not in by_surname and word.endswith("s") and word[:-1] in by_surname:
                word = word[:-1]
            as_surname = by_surname.get(word, [])
            as_given = by_token.get(word, [])
            roots = {uf.find(b) for b in as_surname} | {uf.find(b) for b in as_given}
            if as_surname and len(roots) == 1:
                into = min(as_surname, key=lambda b: (-self.keys[b].count, b))
                uf.union(k, into, "surname",
                         f"'{self._display(k)}' is the surname of one full name only in this run")
                continue
            cands = sorted(set(as_surname) | set(as_given))
            found = self._dominant(uf, k, cands) if cands else None
            if found is not None:
                uf.union(k, found[0], "dominant name", f"'{self._display(k)}' fits "
                         f"'{self._display(found[0])}' best: {found[1]}")

        # a surname the NER tagged ORG or a place ("Korhonen said" after a dateline, "Trump"):
        # the person's when the person outweighs the other reading DOMINANCE times over
        for k in keys:
            rec = self.keys[k]
            if rec.kind not in ("org", "place") or rec.body in self.abbreviations:
                continue
            tokens = name_tokens(self._display(k))  # "O'Neill" is one word
            if len(tokens) != 1:
                continue
            cands = by_surname.get(tokens[0], [])
            if not cands or uf.find(k) in {uf.find(c) for c in cands}:
                continue
            ranked = self._weigh(uf, k, cands)
            found = self._dominant(uf, k, cands)
            if found is not None and ranked[0][0] >= DOMINANCE * rec.count:
                uf.union(k, found[0], "dominant name", f"'{self._display(k)}' ({rec.kind} "
                         f"{rec.count}x) is the surname of '{self._display(found[0])}': {found[1]}")
                continue
            bare = f"person:{rec.body}"
            if found is None and bare in self.keys and uf.find(bare) != uf.find(k) \
                    and sum(w for w, _ in ranked) >= DOMINANCE * rec.count:
                # "Scott" of several Scotts: no one person, but a person's surname, not an org
                uf.union(k, bare, "label vote", f"'{self._display(k)}' ({rec.kind} {rec.count}x)"
                         f" is the surname of {len(ranked)} persons, none dominant")

    # ----------------------------------------------------------------------------------------

    def _display(self, key: str) -> str:
        memo = self._display_memo
        if memo is not None and key in memo:
            return memo[key]
        rec = self.keys[key]
        name = _most_common(rec.names) or rec.body
        if memo is not None:
            memo[key] = name
        return name

    def _build(self, uf: _UnionFind, keys: list[str], pinned_name: dict[str, str],
               errors: list[str]) -> ActorTable:
        groups: dict[str, list[str]] = {}
        for k in keys:
            groups.setdefault(uf.find(k), []).append(k)
        id_of: dict[str, str] = {}
        actors: dict[str, Actor] = {}
        local, taken = self._in_article_map(uf)
        reasons_of: dict[str, list[int]] = {}  # key -> indices of the merge reasons it starts
        for i, reason in enumerate(uf.reasons):
            reasons_of.setdefault(reason[0], []).append(i)
        for root in sorted(groups):
            members = groups[root]
            canon = self._canonical(members, uf.preferred(root))
            name = next((pinned_name[m] for m in members if m in pinned_name), None) or self._display(canon)
            actor_id = canon
            if any(m in pinned_name for m in members) and name != self._display(canon):
                pinned_key = normalize(name, LABEL_OF_KIND.get(self.keys[canon].kind, "")).key
                if pinned_key.split(":", 1)[0] == self.keys[canon].kind:
                    actor_id = pinned_key
            for m in members:
                id_of[m] = actor_id
            actor = actors[actor_id] = self._actor(actor_id, name, canon, members, uf, reasons_of)
            for m in members:
                for short, n in taken.get(m, ()):
                    short_name = self._display(short)
                    if short_name != actor.name and short_name not in actor.aliases:
                        actor.aliases.append(short_name)
                    actor.merges.append({
                        "name": short_name, "key": short, "into": self._display(m),
                        "rule": "in article", "detail": f"in {n} article(s) naming "
                        f"'{self._display(m)}' most of the persons with that surname"})
        table = ActorTable(id_of, actors, errors,
                           {key: id_of.get(full, full) for key, full in local.items()})
        for actor in actors.values():
            self._affiliate(actor, table)
        return table

    def _canonical(self, members: list[str], preferred: str | None) -> str:
        if preferred is not None:
            return preferred

        long_org = any(self.keys[m].kind == "org" and "-" in self.keys[m].body for m in members)
        # "Universe Alicia Machado", "Rip Donald Trump": a person name that is another member's
        # full name with a word in front that is no given name is not the actor's name
        toks = {m: name_tokens(self._display(m)) for m in members if self.keys[m].kind == "person"}
        prefixed = {a for a, ta in toks.items() for b, tb in toks.items()
                    if 2 <= len(tb) < len(ta) and ta[-len(tb):] == tb
                    and not is_given_name(self._display(a).split(" ")[0])}

        def rank(k: str) -> tuple:
            # a country first; then a full name over a surname or an abbreviation; then the
            # form most articles use (not one article's house style: "Loretta E. Lynch"); then
            # the most frequent; then the longest; then the key
            # (a group by its plural: "Republicans" over "Republican")
            rec = self.keys[k]
            n_toks = len(name_tokens(self._display(k))) if rec.kind == "person" else 0
            short = (rec.kind == "person" and n_toks < 2) or rec.body in self.abbreviations \
                or k in prefixed \
                or k in self._group_forms \
                or (rec.kind == "group" and not rec.body.endswith("s") and k not in self._group_nouns) \
                or (rec.kind == "org" and "-" not in rec.body and long_org)
            twin = rec.kind != "person" and f"person:{rec.body}" in members \
                and self._surnames[rec.body] >= 2  # "Scott", the surname of several persons
            return (rec.kind != "country", short or twin, twin, -rec.articles, -rec.count,
                    -len(self._display(k)), k)

        return min(members, key=rank)

    def _actor(self, actor_id: str, name: str, canon: str, members: list[str], uf: _UnionFind,
               reasons_of: dict[str, list[int]]) -> Actor:
        names: Counter = Counter()
        roles: Counter = Counter()
        role_forms: Counter = Counter()
        for m in members:
            rec = self.keys[m]
            names.update(rec.names)
            if rec._surfaces:  # most keys have no other surface, role or role form
                names.update(rec._surfaces)
            if rec._roles:
                roles.update(rec._roles)
            if rec._role_forms:
                role_forms.update(rec._role_forms)
        # one alias per readable name: forms that differ only in case ("WASHINGTON" in a
        # dateline, "Washington") are listed once, as the commonest form not in capitals
        by_fold: dict[str, Counter] = {}
        person = self.keys[canon].kind == "person"
        own = set(name_tokens(name)) if person else set()
        for n, c in names.items():
            if person:
                n = _person_alias(n, own) or ""
                if not n:
                    continue
            by_fold.setdefault(n.casefold(), Counter())[n] += c
        by_fold.pop(name.casefold(), None)
        aliases = [
            min(forms, key=lambda f: (f.isupper() and len(f) > 5, -forms[f], f))
            for _, forms in sorted(by_fold.items(), key=lambda x: (-sum(x[1].values()), x[0]))]
        role_list = []
        for folded, _ in sorted(roles.items(), key=lambda x: (-x[1], x[0])):
            forms = Counter({f: c for f, c in role_forms.items() if f.casefold() == folded})
            role_list.append(_most_common(forms) or folded)
        # the reasons of the members' merges, in the order they were made (not a scan of all
        # reasons per actor: that was quadratic in the corpus's actors)
        mine = sorted(i for m in set(members) for i in reasons_of.get(m, ()))
        merges = [
            {"name": self._display(a), "key": a, "into": self._display(b), "rule": rule,
             "detail": detail}
            for a, b, rule, detail in (uf.reasons[i] for i in mine)
        ]
        merges.sort(key=lambda m: (m["key"], m["rule"]))
        return Actor(
            id=actor_id, name=name, type=self.keys[canon].kind, aliases=aliases[:_MAX_ALIASES],
            roles=role_list, affiliation=None, affiliation_id=None, affiliations=[],
            keys=sorted(members), merges=merges,
        )

    def _affiliate(self, actor: Actor, table: ActorTable) -> None:
        counts: Counter = Counter()
        names: dict[str, Counter] = {}
        for k in actor.keys:
            for aff, c in self.keys[k].affiliations.items():
                aid = self._affiliation_id(aff, table)
                if aid == actor.id:
                    continue
                counts[aid] += c
                names.setdefault(aid, Counter())[aff] += c
        if not counts:
            return
        ranked = sorted(counts.items(), key=lambda x: (-x[1], x[0]))
        actor.affiliations = [
            {"id": aid, "name": table.actors[aid].name if aid in table.actors else _most_common(names[aid]),
             "count": c}
            for aid, c in ranked
        ]
        actor.affiliation_id = ranked[0][0]
        actor.affiliation = actor.affiliations[0]["name"]

    def _affiliation_id(self, name: str, table: ActorTable) -> str:
        cands = [normalize(name, lab).key for lab in ("GPE", "ORG", "NORP")]
        for k in cands:
            if k in self.keys:
                return table.id_of(k)
        return cands[1] if cands[0].startswith("place:") else cands[0]


# --------------------------------------------------------------------------------------------
# helpers
# --------------------------------------------------------------------------------------------


class _UnionFind:
    """Union-find over keys with forbid tags: a union that would join both sides of a forbidden
    pair is refused. Records why each union happened."""

    def __init__(self, keys: list[str]) -> None:
        self.parent = {k: k for k in keys}
        self.tags: dict[str, set] = {}
        self.reasons: list[tuple[str, str, str, str]] = []
        self._preferred: dict[str, str] = {}

    def find(self, k: str) -> str:
        root = k
        while self.parent[root] != root:
            root = self.parent[root]
        while self.parent[k] != root:
            self.parent[k], k = root, self.parent[k]
        return root

    def tag(self, k: str, tag: tuple) -> None:
        self.tags.setdefault(self.find(k), set()).add(tag)

    def union(self, a: str, b: str, rule: str, detail: str) -> bool:
        ra, rb = self.find(a), self.find(b)
        if ra == rb:
            return True
        ta, tb = self.tags.get(ra, set()), self.tags.get(rb, set())
        if any((i, 1 - side) in tb for i, side in ta):
            return False
        root, child = min(ra, rb), max(ra, rb)
        self.parent[child] = root
        if ta or tb:
            self.tags[root] = ta | tb
        if child in self._preferred and root not in self._preferred:
            self._preferred[root] = self._preferred.pop(child)
        self.reasons.append((a, b, rule, detail))
        return True

    def prefer(self, k: str, member: str) -> None:
        self._preferred[self.find(k)] = member

    def preferred(self, root: str) -> str | None:
        return self._preferred.get(root)


_VOWELS = re.compile(r"(?<=.)[aeiouy]")
_DOUBLED = re.compile(r"(.)\1+")


def _skeleton(word: str) -> str:
    """The consonants of a word in order, doubled letters once ("qassim", "qasim" -> "qsm")."""
    return _DOUBLED.sub(r"\1", _VOWELS.sub("", _DOUBLED.sub(r"\1", word)))


def spelling_variants(a: str, b: str) -> bool:
    """Can two given names (lower-case name tokens) be two spellings of one name, as the
    transliteration of Arabic, Persian or Russian makes them ("Qasim" / "Qassim", "Qassem")?
    They differ only in vowels and doubled letters (the consonants are the same, in order:
    "Ivana" / "Ivanka" add a consonant, two names), and they are not both given names of the
    US census in their own right: "Michelle" / "Michele", "Jeannette" / "Jeanette" are names
    parents choose between, so two persons who bear them stay two."""
    if a == b:
        return True
    if _skeleton(a) != _skeleton(b):
        return False
    return not (is_given_name(a) and is_given_name(b))


def _subsequence(short: list[str], long: list[str]) -> bool:
    it = iter(long)
    return all(tok in it for tok in short) and short[-1] == long[-1] and short[0] in long


def _distinct_middles(short: list[str], longs: list[list[str]]) -> bool:
    """Do two longer forms of ``short`` put different middle names between its first and last
    words ("George W. Bush" / "George H.W. Bush" / "George P. Bush" around "George Bush"), so
    that they name different persons? An initial fits the name it begins ("J." / "John")."""
    middles = set()
    for long in longs:
        first, last = long.index(short[0]), len(long) - 1
        middles.add(tuple(w for w in long[first + 1:last] if w not in short))
    middles.discard(())

    def fits(a: tuple, b: tuple) -> bool:
        return all(x == y or (len(x) == 1 and y.startswith(x)) or (len(y) == 1 and x.startswith(y))
                   for x, y in zip(a, b))

    ms = sorted(middles)
    return any(not fits(a, b) for i, a in enumerate(ms) for b in ms[i + 1:])


def _most_common(counter: Counter) -> str | None:
    if not counter:
        return None
    return min(counter.items(), key=lambda x: (-x[1], x[0]))[0]


_PARTICLES = {"al", "el", "bin", "ibn", "abu", "bint", "van", "von", "de", "da", "di"}


_STRAY = re.compile(r"[\[\](){}<>\"|,;:!?*]+")


def _person_alias(form: str, own: set[str]) -> str | None:
    """A person's alias as a readable name, or None when the form is not one: stray
    brackets and punctuation removed ("Hillary] Clinton", "Trump -"); it must open with a
    capital (or an Arabic particle) and open and end with words of the actor's own name, its
    middle free for middle names and initials ("Hillary Rodham Clinton", "Donald J. Trump"),
    or be the family's plural ("Clintons"). The NER's span errors ("s Donald Trump",
    "Floridians Jeb Bush", "That's Jeb Bush", "pro-Jeb Bush") are no names of the person."""
    text = re.sub(r"['\u2019]s$", "", " ".join(_STRAY.sub(" ", form).split()))
    text = text.strip(" -'\u2019.")
    if text.endswith((" Jr", " Sr")):
        text += "."
    if not text or not (text[:1].isupper() or text[:3].lower() in ("al-", "el-")):
        return None
    toks = name_tokens(text)
    if not toks:
        return None
    if len(toks) == 1 and toks[0] not in own and toks[0].endswith("s") and toks[0][:-1] in own:
        return text  # "the Clintons"
    words = [t for t in toks if t not in _PARTICLES]
    if not words or words[0] not in own or words[-1] not in own:
        return None
    return text


@lru_cache(maxsize=65536)  # pure (data.use_data clears it); the same surfaces recur
def _alias_of(surface: str, label: str, key: str) -> str | None:
    """The alias a surface form gives the actor ``key``, or None when it does not name it."""
    s = _alias_form(surface, label)
    return s if s and _names_it(s, key, label) else None


def _alias_form(surface: str, label: str) -> str | None:
    """How a surface form is listed among an actor's aliases: cleaned ("al-Assad's" ->
    "al-Assad"), trimmed back to the name as keys are (``trim_name``: "Obama Says" -> "Obama",
    "a Nora Vance" -> "Nora Vance", "Acme 13 percent" -> "Acme"), a person's title dropped,
    another actor's leading "the" dropped ("The GOP"); None for a cut-off name ("Haider al")."""
    text = clean_surface(surface)
    if org_alias(text) is None:
        text = trim_name(text, label)
    if label != "PERSON" and text[:4].lower() == "the " and len(text) > 4:
        text = text[4:]  # as names are shown: "The GOP" is listed as "GOP"
    if label == "PERSON":
        stripped = strip_titles(text)
        text = trim_name(stripped, label) if stripped != text else text
        if text.split(" ")[-1].lower() in _PARTICLES:
            return None
    return text or None


def _names_it(surface: str, key: str, label: str) -> bool:
    """Is ``surface`` a name of the actor ``key`` ("al-Araji" for Qasim al-Araji, "Iraqi" for
    Iraq), rather than a pronoun or a title ("he", "the minister")?"""
    if not (surface[:1].isupper() or surface[:3].lower() in ("al-", "el-")):
        return False
    other = normalize(surface, label, metonym=True)
    if other.key == key:
        return True
    if other.kind == "person" and key.startswith("person:"):
        full = [t for t in key.split(":", 1)[1].split("-") if t not in ("al", "el")]
        short = name_tokens(other.name)
        return bool(short) and all(t in full for t in short)
    return False


def is_abbreviation(short: str, long: str) -> bool:
    """Schwartz & Hearst (2003): the letters of ``short`` appear in ``long`` in order, right to
    left, and the first one starts a word of ``long`` ("SDF" / "Syrian Democratic Forces",
    "CENTCOM" / "US Central Command")."""
    s = [ch.lower() for ch in short if ch.isalnum()]
    lng = long.lower()
    if not s or len(lng) <= len(s):
        return False
    si, li = len(s) - 1, len(lng) - 1
    while si >= 0:
        ch = s[si]
        while li >= 0 and (lng[li] != ch or (si == 0 and li > 0 and lng[li - 1].isalnum())):
            li -= 1
        if li < 0:
            return False
        si -= 1
        li -= 1
    return True
