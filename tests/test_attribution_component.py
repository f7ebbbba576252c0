"""The spaCy components with a real model: plain data on the Doc survives DocBin and
nlp.pipe(n_process=2); odd texts never raise; the factories work on any English pipeline."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import spacy
from spacy.tokens import DocBin

from pipeline.attribution.lexicon import load_cue_lexicon

TEXTS = [
    "Finance Minister Clara Voss said on Tuesday that the budget would protect Norway.\n\n"
    "“We will not cut pensions,” Voss said. “Not this year.”",
    "According to a statement issued by Interior Minister Aapo Virtanen, guards detained 14 "
    "people.\n\nSources close to the prime minister said the cabinet was divided.",
    "",
    "\n\n\n“\n\n”",
    "He said “ unbalanced and the voters' choice weren't theirs ” ” “",
    "Talks will resume next month, continued the minister.",
]


def _plain(x):
    return json.loads(json.dumps(x))



@pytest.mark.model
def test_docbin_round_trip(nlp):
    docs = list(nlp.pipe(TEXTS))
    db = DocBin(store_user_data=True)
    for d in docs:
        db.add(d)
    back = list(DocBin().from_bytes(db.to_bytes()).get_docs(nlp.vocab))
    assert [_plain(d._.relations) for d in back] == [_plain(d._.relations) for d in docs]
    assert [_plain(d._.entities) for d in back] == [_plain(d._.entities) for d in docs]
    assert any(d._.relations for d in back)


@pytest.mark.model
def test_docs_from_make_doc_keep_their_text_and_the_same_records(nlp):
    from pipeline.attribution.component import doc_text, make_doc

    made = list(nlp.pipe(make_doc(nlp, t) for t in TEXTS))
    plain = list(nlp.pipe(TEXTS))
    assert [doc_text(d) for d in made] == TEXTS == [d.text for d in made]
    assert [doc_text(d) for d in plain] == TEXTS  # rebuilt from the tokens
    assert [_plain(d._.relations) for d in made] == [_plain(d._.relations) for d in plain]
    assert [_plain(d._.entities) for d in made] == [_plain(d._.entities) for d in plain]
    assert any(d._.relations for d in made)


@pytest.mark.model
@pytest.mark.slow
def test_two_processes_give_the_same_records(nlp):
    one = [_plain(d._.relations) for d in nlp.pipe(TEXTS)]
    two = [_plain(d._.relations) for d in nlp.pipe(TEXTS, n_process=2, batch_size=2)]
    assert one == two
    assert any(one)


@pytest.mark.model
def test_odd_texts_never_raise(nlp):
    for doc in nlp.pipe(TEXTS[2:]):
        assert isinstance(doc._.relations, list)
        for r in doc._.relations:
            for s, e in r["content_spans"]:
                assert 0 <= s < e <= len(doc.text)


@pytest.mark.model
def test_factories_on_a_plain_english_pipeline(tmp_path):
    import pipeline.attribution  # noqa: F401  (registers the factories)
    from pipeline.nlp import resolve_model

    lexicon = tmp_path / "cues.tsv"
    lexicon.write_text("lemma\tpos\tforms\tn\torigin\tquote\tccomp\tparen\txcomp\tdobj\tprep\n"
                       "grumble\tVERB\tgrumble,grumbled\t1\tlit\t0.9\t0.9\t0.9\t\t\t\n",
                       encoding="utf-8")
    nlp = spacy.load(resolve_model(None), exclude=["attribute_ruler", "lemmatizer"])
    nlp.add_pipe("actorgraph_paragraphs", before="parser")
    nlp.add_pipe("actorgraph_attribution", config={"cues": {"@misc": "actorgraph.cues.v1",
                                                            "path": str(lexicon)}})
    doc = nlp("Clara Voss grumbled that the budget was late. Clara Voss said it was fine.")
    assert [r["cue"]["lemma"] for r in doc._.relations] == ["grumble"]  # "say" not in this lexicon


def test_shipped_lexicon_is_readable_data():
    path = Path(__file__).resolve().parents[1] / "models" / "cues.tsv"
    lex = load_cue_lexicon(path)
    assert lex.lemma_of("Warned") == "warn" and lex.lemma_of("reiterated") == "reiterate"
    for form in ("said", "told", "added", "stressed", "affirmed", "explained", "argued",
                 "acknowledged", "continued", "asserted"):
        entry = lex.verb_forms[form]
        assert max(entry.scores.get(f, 0) for f in ("quote", "ccomp", "paren")) >= 0.5, form
    assert ("according", "to") in lex.phrases
