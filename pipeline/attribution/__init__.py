"""Attribution: cue -> content -> source -> resolution, as pure rules and a spaCy component."""

from .component import AttributionComponent, make_attribution
from .paragraphs import mark_paragraphs
from .lexicon import CueLexicon, RoleLexicon, load_cue_lexicon, load_role_lexicon

__all__ = ["AttributionComponent", "CueLexicon", "RoleLexicon", "load_cue_lexicon",
           "load_role_lexicon", "make_attribution", "mark_paragraphs"]
