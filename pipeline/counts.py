"""The three counts of an actor, defined once: ``statements``, ``targeted``, ``mentions``.

Every output that shows how active an actor is (``actors.jsonl`` ``counts``, the graph's node
attributes, ``summary.json`` top lists, the CLI summary, the HTML report) takes its figures
from here, under the same names:

- ``statements``: relations whose resolved speaker is the actor;
- ``targeted``: relations about the actor (it is among ``about``), by any speaker, resolved or
  not, other than the actor itself; one relation counts once however often it names the actor;
- ``mentions``: the actor's entity mentions (lines of ``entities.jsonl``);

plus ``statement_articles`` (articles where it speaks) and ``articles`` (articles that mention
it). Only records from an article's body count: relations and mentions found in a headline or a
photo caption (``"in": "headline" | "caption"``) are left out unless ``count_headlines`` is set
(``--count-headlines``), so "Iraq Says ..." over an article does not make Iraq a speaker twice;
and only relations whose cue is of the chosen classes (``--cue-classes``, default speech).
Records without an ``in`` field (older runs) count as body. A relation whose text names no source
(``"speaker": null``: "the vote is expected to ...", "reportedly ...") counts for no actor: no one
is said to have made it, so it is neither anyone's statement nor anyone's targeting.

Articles are counted with the contiguity of a document's records in a stream (an article counts
when the doc id changes), so memory holds one counter per actor, never the documents. This
module neither decides who an actor is (``identity``) nor builds the graph (``graph``).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from .records import DEFAULT_CUE_CLASSES, relation_class
from .zones import in_body

COUNT_NAMES = ("statements", "statement_articles", "targeted", "mentions", "articles")


def counted(rec: Mapping[str, Any], *, count_headlines: bool = False,
            cue_classes: Iterable[str] | None = DEFAULT_CUE_CLASSES) -> bool:
    """Whether a relation or entity record counts: body records always, headline and caption
    records only with ``count_headlines``; a relation only when its cue's class is among
    ``cue_classes`` (default speech: "polls show", "he thinks" are no statements; None: all),
    and only when it has a speaker (a statement of no named source is no actor's).
    Entity records have no cue and count by their zone alone."""
    if not (count_headlines or in_body(rec)):
        return False
    if "cue" in rec and rec.get("speaker") is None:
        return False  # the text names no source: no actor made the statement
    if cue_classes is not None and "cue" in rec:
        return relation_class(rec) in cue_classes
    return True


def statement_targets(speaker_id: str | None, target_ids: Iterable[str | None]) -> list[str]:
    """The actors one relation is about, each once, in order, the speaker left out."""
    out: list[str] = []
    for t in target_ids:
        if t and t != speaker_id and t not in out:
            out.append(t)
    return out


_NONE = object()


@dataclass
class ActorCounts:
    """Per-actor counts over a stream of records (see the module docstring for the rules)."""

    count_headlines: bool = False
    cue_classes: tuple[str, ...] | None = DEFAULT_CUE_CLASSES  # the relations that count
    statements: dict[str, int] = field(default_factory=dict)
    statement_articles: dict[str, int] = field(default_factory=dict)
    targeted: dict[str, int] = field(default_factory=dict)
    mentions: dict[str, int] = field(default_factory=dict)
    articles: dict[str, int] = field(default_factory=dict)
    _last_mention: dict[str, Any] = field(default_factory=dict, repr=False)
    _last_statement: dict[str, Any] = field(default_factory=dict, repr=False)

    def add_mention(self, rec: Mapping[str, Any], actor_id: str | None) -> None:
        """One entity mention of ``actor_id`` (None: not an actor)."""
        if not actor_id or not counted(rec, count_headlines=self.count_headlines,
                                       cue_classes=self.cue_classes):
            return
        doc_id = rec.get("doc_id")
        self.mentions[actor_id] = self.mentions.get(actor_id, 0) + 1
        if self._last_mention.get(actor_id, _NONE) != doc_id:
            self._last_mention[actor_id] = doc_id
            self.articles[actor_id] = self.articles.get(actor_id, 0) + 1

    def add_relation(self, rec: Mapping[str, Any], speaker_id: str | None,
                     target_ids: Iterable[str | None]) -> bool:
        """One relation: ``speaker_id`` (None when unresolved or not an actor) said something
        about ``target_ids``. Returns whether the relation counts."""
        if not counted(rec, count_headlines=self.count_headlines,
                                       cue_classes=self.cue_classes):
            return False
        doc_id = rec.get("doc_id")
        if speaker_id:
            self.statements[speaker_id] = self.statements.get(speaker_id, 0) + 1
            if self._last_statement.get(speaker_id, _NONE) != doc_id:
                self._last_statement[speaker_id] = doc_id
                self.statement_articles[speaker_id] = self.statement_articles.get(speaker_id, 0) + 1
        for t in statement_targets(speaker_id, target_ids):
            self.targeted[t] = self.targeted.get(t, 0) + 1
        return True

    def of(self, actor_id: str) -> dict[str, int]:
        """The counts of one actor, by name (zeros for an actor never counted)."""
        return {name: getattr(self, name).get(actor_id, 0) for name in COUNT_NAMES}

    def apply(self, actors: Mapping[str, Any]) -> None:
        """Set the counts on actor records (``identity.Actor`` objects) by id."""
        for actor_id, actor in actors.items():
            for name, value in self.of(actor_id).items():
                setattr(actor, name, value)


def recount(relations: Iterable[Mapping[str, Any]], entities: Iterable[Mapping[str, Any]], *,
            count_headlines: bool = False,
            cue_classes: tuple[str, ...] | None = DEFAULT_CUE_CLASSES) -> ActorCounts:
    """The counts of a finished run again, from its records (relations.jsonl, entities.jsonl,
    whose ``actor_id`` fields identify the actors), e.g. with another ``count_headlines``."""
    counts = ActorCounts(count_headlines=count_headlines, cue_classes=cue_classes)
    for ent in entities:
        counts.add_mention(ent, ent.get("actor_id"))
    for rel in relations:
        sp = rel.get("speaker") or {}
        speaker_id = sp.get("actor_id") if sp.get("resolved", True) else None
        counts.add_relation(rel, speaker_id, [t.get("actor_id") for t in rel.get("about") or []
                                              if isinstance(t, Mapping)])
    return counts


def actor_counts(actor: Any) -> dict[str, int]:
    """The counts of an ``identity.Actor``, its ``to_dict()`` form (``counts``) or a graph
    node's attributes, by name."""
    if isinstance(actor, Mapping):
        counts = actor.get("counts")
        src: Mapping[str, Any] = counts if isinstance(counts, Mapping) else actor
        return {name: int(src.get(name) or 0) for name in COUNT_NAMES}
    return {name: int(getattr(actor, name, 0) or 0) for name in COUNT_NAMES}


def set_node_counts(graph: Any, actors: Mapping[str, Any]) -> None:
    """Give each graph node the counts of its actor, so the graph shows what actors.jsonl
    says (nodes without an actor record keep theirs)."""
    for node_id, attrs in graph.nodes(data=True):
        actor = actors.get(node_id)
        if actor is None:
            continue
        attrs.update(actor_counts(actor))


def top_actors(actors: Iterable[Any], count: str, top: int = 10) -> list[tuple[str, int]]:
    """(display name, value) of the ``top`` actors by ``count`` ("statements", "targeted" or
    "mentions"), ties by id; actors with a zero are left out. Takes ``identity.Actor``
    objects or the records of actors.jsonl."""
    rows = []
    for a in actors:
        value = actor_counts(a)[count]
        if value > 0:
            name = a.get("name") if isinstance(a, Mapping) else a.name
            actor_id = a.get("id") if isinstance(a, Mapping) else a.id
            rows.append((-value, str(actor_id), str(name)))
    rows.sort()
    return [(name, -neg) for neg, _, name in rows[:top]]
