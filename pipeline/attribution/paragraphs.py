"""Paragraph boundaries for the parser: a line break always starts a new sentence.

News text has headlines, captions and datelines without a full stop; left to itself the
parser runs them into the next paragraph ("... Water Deal\\n\\nOmar Haddad warned" becomes one
sentence with "Haddad" as the object of "Plans"). Placed before the parser, this component
marks the first word after every line break as a sentence start, which the parser keeps.
It changes no text and no offsets; it does nothing when the Doc has no line breaks.
"""

from __future__ import annotations

from spacy.attrs import IS_SPACE
from spacy.language import Language
from spacy.tokens import Doc


@Language.component("actorgraph_paragraphs", assigns=["token.is_sent_start"])
def mark_paragraphs(doc: Doc) -> Doc:
    """Set ``is_sent_start`` on the token after each space token holding a line break
    (spaCy keeps any whitespace other than one plain space in tokens of their own)."""
    n = len(doc)
    if n < 2:
        return doc
    for j in doc.to_array(IS_SPACE).nonzero()[0].tolist():
        if j + 1 < n and "\n" in doc[j].text:
            nxt = doc[j + 1]
            if not nxt.is_space:
                nxt.is_sent_start = True
    return doc
