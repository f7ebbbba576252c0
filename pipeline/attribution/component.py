"""The spaCy component: runs the rule layer and stores plain records on the Doc.

Plain data (offsets into ``doc.text``), so ``nlp.pipe(n_process=2)`` and ``DocBin`` keep them:

``doc._.relations``: list of dicts::

    {"speaker": {"start", "end", "name", "label", "resolved"},   # name: resolved within the doc
     "cue": {"start", "end", "text", "lemma"},
     "content_spans": [[start, end], ...],                     # one span, or several for split quotes
     "kind": "direct" | "indirect" | "mixed" | "according_to",
     "about": [{"start", "end", "name", "label"}, ...],
     "date": {"start", "end", "text"} | None}                  # the date expression of the statement

``doc._.entities``: list of ``{"start", "end", "label", "name"}`` (name resolved within the doc).
Context-free normalisation (demonym -> country) and corpus-wide ids happen later (actors.py).
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from .lexicon import CueLexicon
from .rules import about_targets, entity_records, find_attributions, resolve_speakers

Doc.set_extension("relations", default=None, force=True)
Doc.set_extension("entities", default=None, force=True)


class AttributionComponent:
    def __init__(self, name: str, cues: CueLexicon) -> None:
        self.name = name
        self.cues = cues

    def __call__(self, doc: Doc) -> Doc:
        relations = list(find_attributions(doc, self.cues))
        resolve_speakers(doc, relations)
        entities = entity_records(doc)
        for rel in relations:
            rel["about"] = about_targets(doc, rel, entities)
        doc._.relations = relations
        doc._.entities = entities
        return doc


@Language.factory(
    "actorgraph_attribution",
    requires=["token.dep", "token.tag", "doc.ents"],
    assigns=["doc._.relations", "doc._.entities"],
    default_config={"cues": {"@misc": "actorgraph.cues.v1", "path": None}},
)
def make_attribution(nlp: Language, name: str, cues: CueLexicon) -> AttributionComponent:
    return AttributionComponent(name, cues)
