"""Paragraph boundaries for the parser: a line break always starts a new sentence.

News text has headlines, captions and datelines without a full stop; left to itself the
parser runs them into the next paragraph ("... Water Deal\\n\\nOmar Haddad warned" becomes one
sentence with "Haddad" as the object of "Plans"). Placed before the parser, this component
marks the first word after every line break as a sentence start, which the parser keeps.
It changes no text and no offsets; it does nothing when the Doc has no line breaks.
"""

from __future__ import annotations

from spacy.attrs import IS_SPACE, SENT_START
from spacy.language import Language
from spacy.tokens import Doc


@Language.component("actorgraph_paragraphs", assigns=["token.is_sent_start"])
def mark_paragraphs(doc: Doc) -> Doc:
    """Mark the token after each space token holding a line break as a sentence start (spaCy
    keeps any whitespace other than one plain space in tokens of their own); other tokens keep
    their unknown sentence start for the parser to decide. Set in one array write."""
    n = len(doc)
    if n < 2 or doc.has_annotation("DEP"):
        return doc  # placed after the parser: the parse has decided already
    space = doc.to_array(IS_SPACE)
    starts = None
    for j in space.nonzero()[0].tolist():
        if j + 1 < n and not space[j + 1] and "\n" in doc[j].text:
            if starts is None:
                starts = doc.to_array([SENT_START])
            starts[j + 1] = 1
    if starts is not None:
        # spaCy's doc.pyi types to_array as float64 (it returns uint64) and from_array as thinc's Ints2d
        doc.from_array([SENT_START], starts)  # type: ignore[arg-type]
    return doc
