"""DocIndex (pipeline/doc_index.py) gives what the Doc's own API gives."""

import spacy
from spacy.tokens import Doc

from pipeline.attribution.component import make_doc
from pipeline.doc_index import DocIndex, doc_index, label_ids


def test_expand_matches_char_span_at_every_offset():
    nlp = spacy.blank("en")
    doc = nlp("The mayor  said: “We will rebuild.”\n\nCritics disagreed , loudly. ")
    index = DocIndex(doc)
    n = len(doc.text)
    for start in range(-1, n + 2):
        for end in range(start + 1, n + 3):
            span = doc.char_span(start, end, alignment_mode="expand") if 0 <= start else None
            got = index.expand(start, end)
            assert got == (None if span is None else (span.start, span.end)), (start, end)


def test_labels_sentence_ends_and_lower_hashes():
    nlp = spacy.blank("en")
    words = ["Ruiz", "said", "no", ".", "Lee", "agreed", "."]
    doc = Doc(nlp.vocab, words=words, sent_starts=[True, False, False, False, True, False, False],
              deps=["nsubj", "ROOT", "dobj", "punct", "nsubj", "ROOT", "punct"],
              heads=[1, 1, 1, 1, 5, 5, 5], tags=["NNP", "VBD", "DT", ".", "NNP", "VBD", "."])
    index = DocIndex(doc)
    assert index.dep_ids == [t.dep for t in doc]
    assert [i for i, d in enumerate(index.dep_ids) if d in label_ids("nsubj", "ROOT")] \
        == [0, 1, 4, 5]
    assert [index.sentence_end(i) for i in range(len(doc))] == [4, 4, 4, 4, 7, 7, 7]
    assert [index.sentence_start(i) for i in range(len(doc))] == [s.start for s in doc.sents
                                                                  for _ in s]
    assert index.lows.tolist() == [t.lower for t in doc]


def test_doc_index_is_per_document():
    nlp = spacy.blank("en")
    a, b = nlp("One doc."), nlp("Another, longer doc.")
    assert doc_index(a).doc is a and doc_index(a) is doc_index(a)
    assert doc_index(b).doc is b
    kept = doc_index(b)
    assert doc_index(b, fresh=True) is not kept


def test_between_is_the_token_range_text_with_whitespace():
    nlp = spacy.blank("en")
    text = "The mayor  said:\n“We will rebuild.”\n\nCritics disagreed , loudly. "
    doc, kept = nlp(text), make_doc(nlp, text)  # kept: the text make_doc was given is kept
    for index in (DocIndex(doc), DocIndex(kept)):
        for i in range(len(doc) + 1):
            for j in range(i, len(doc) + 1):
                assert index.between(i, j) == doc[i:j].text_with_ws, (i, j)
    assert DocIndex(doc).text() == doc.text
    assert doc_index(kept, fresh=True).text() is text  # doc_text's string: Doc.text not rebuilt
