"""Whether a verb candidate reports, read in its context (pipeline/attribution/accept.py,
models/cue_accept.tsv, tools/learn_accept.py). Our own sentences."""

from __future__ import annotations

import numpy as np
import pytest

from pipeline.attribution.accept import AcceptModel, load_accept_model
from pipeline.attribution.lexicon import load_cue_lexicon
from tools import learn_accept
from attribution_helpers import rels as _rels


def test_the_shipped_lexicon_carries_the_model_and_its_provenance():
    lex = load_cue_lexicon()
    assert isinstance(lex.accept, AcceptModel)
    assert 0 < lex.accept.floor < 0.35 and 0 < lex.accept.threshold < 1
    # a longer content makes a statement likelier; a verb in another's complement less likely
    assert lex.accept.weights["length"] > 0 > lex.accept.weights["dep=ccomp"]
    from pipeline.paths import models_dir
    head = (models_dir() / "cue_accept.tsv").read_text(encoding="utf-8").splitlines()[:3]
    assert any("tools.learn_accept" in line for line in head)


def test_a_bad_weight_names_the_file_and_line(tmp_path):
    path = tmp_path / "cue_accept.tsv"
    path.write_text("# floor: 0.2\n# threshold: 0.4\nfeature\tweight\nbias\t-1.0\nlength\tmany\n",
                    encoding="utf-8")
    with pytest.raises(ValueError, match=r"cue_accept.tsv, line 5"):
        load_accept_model(path)
    path.write_text("# floor: 0.2\n# threshold: 0.4\nfeature\tweight\nbias\t-1.0\n", encoding="utf-8")
    model = load_accept_model(path)
    assert (model.floor, model.threshold) == (0.2, 0.4)
    assert model.probability({"bias": 1.0}) == pytest.approx(1 / (1 + np.exp(1.0)))


def test_the_learner_recovers_a_signal_and_writes_what_the_loader_reads(tmp_path):
    rng = np.random.default_rng(1)
    length = rng.uniform(0, 1, 400)
    rows = [("d%d" % (i % 20), {"bias": 1.0, "length": float(v)}, bool(v + rng.normal(0, .2) > .5))
            for i, v in enumerate(length)]
    x, names = learn_accept.design(rows)
    y = np.array([h for _, _, h in rows], float)
    w = learn_accept.fit(x, y, 1.0)
    assert w[names.index("length")] > 3 and w[names.index("bias")] < 0
    out = tmp_path / "m" / "cue_accept.tsv"
    learn_accept.write(out, names, w, 0.1, 0.5, "corpus", len(rows))
    model = load_accept_model(out)
    assert model.floor == 0.1 and model.threshold == 0.5
    assert model.probability({"bias": 1.0, "length": 0.9}) > 0.5 > \
        model.probability({"bias": 1.0, "length": 0.1})


def test_the_learner_writes_only_where_it_is_told():
    with pytest.raises(SystemExit):
        learn_accept.main(["--gold", "somewhere"])


@pytest.mark.model
def test_context_decides_a_verb_the_lexicon_does_not_trust(nlp):
    # "push" scores low on its own; with a whole proposal for object it shows where the board
    # stands (an act, so class belief, out of the speech graph), with "it" it reports nothing
    long = "The harbour board pushed a plan to sell the old docks to a private company from Oslo."
    pushed = [r for r in _rels(nlp, long) if r.cue.text == "pushed"]
    assert len(pushed) == 1 and pushed[0].cue.class_ == "belief"
    assert pushed[0].content.startswith("a plan to sell the old docks")
    assert not [r for r in _rels(nlp, "The harbour board pushed it.") if r.cue.text == "pushed"]


@pytest.mark.model
def test_an_effort_with_an_infinitive_is_an_intention_not_speech(nlp):
    text = "Norway struggled to balance its ties with its two larger neighbours for decades."
    struggled = [r for r in _rels(nlp, text) if r.cue.text == "struggled"]
    assert len(struggled) == 1 and struggled[0].cue.class_ == "belief"


@pytest.mark.model
def test_a_filed_verb_keeps_its_class_and_a_trusted_one_stays_speech(nlp):
    text = "Mayor Lena Ortiz said the harbour would close next year because of the storms."
    said = [r for r in _rels(nlp, text) if r.cue.text == "said"]
    assert len(said) == 1 and said[0].cue.class_ == "speech"


@pytest.mark.model
def test_a_weak_verb_never_takes_the_place_of_a_trusted_statement(nlp):
    # "approved" holds "condemning" and most of its words: the resolution's condemnation stays
    text = "The Tarn city council approved a resolution condemning the closure of the port."
    cues = [r.cue.text for r in _rels(nlp, text)]
    assert "condemning" in cues and "approved" not in cues


@pytest.mark.model
def test_a_verb_whose_object_is_a_noun_cue_leaves_the_report_to_the_noun(nlp):
    text = "Mayor Lena Ortiz renewed her attacks on the harbour authority this week."
    cues = [r.cue.text for r in _rels(nlp, text)]
    assert "attacks" in cues and "renewed" not in cues


@pytest.mark.model
def test_the_threshold_is_a_knob():
    from pipeline.nlp import load_nlp
    strict = load_nlp(overrides={"components.actorgraph_attribution.min_accept": 0.999})
    text = "The harbour board pushed a plan to sell the old docks to a private company from Oslo."
    assert not [r for r in _rels(strict, text) if r.cue.text == "pushed"]
