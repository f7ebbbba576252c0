"""Attribution: cue -> content -> source -> resolution, as pure rules and a spaCy component."""

from .component import AttributionComponent, make_attribution
from .lexicon import CueLexicon, load_cue_lexicon

__all__ = ["AttributionComponent", "CueLexicon", "load_cue_lexicon", "make_attribution"]
