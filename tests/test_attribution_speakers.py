"""Who speaks (pipeline/attribution/sources.py, nouns.noun_source): object control, the
subject a passive conjunct shares, a possessive bound by the subject, a document's issuer.
Each rule has a case where it applies and one where it must not. Our own sentences."""

from __future__ import annotations

import pytest

import pipeline



def _speaker(nlp, text: str, cue: str) -> str | None:
    """The speaker mention of the one statement whose cue words are ``cue``."""
    rels, _ = pipeline.extract([text], nlp=nlp)
    found = [r for r in rels if r.cue.text == cue]
    assert len(found) == 1, [(r.speaker.mention, r.cue.text, r.content) for r in rels]
    return found[0].speaker.mention


@pytest.mark.model
def test_object_control_the_object_speaks(nlp):
    # "prompted X to warn": X warns, not the flooding
    text = "The flooding prompted Mayor Lena Ortiz to warn that the bridge would stay closed."
    assert _speaker(nlp, text, "warn") == "Mayor Lena Ortiz"
    text = "The ruling leads many lawyers to suspect that the appeal will fail."
    assert _speaker(nlp, text, "suspect") == "many lawyers"


@pytest.mark.model
def test_subject_control_keeps_the_subject(nlp):
    # "promise" and "want" are no object-control verbs: the subject speaks
    text = "Mayor Lena Ortiz wanted to warn that the bridge would stay closed."
    assert _speaker(nlp, text, "wanted") == "Mayor Lena Ortiz"


@pytest.mark.model
def test_a_passive_head_shares_its_subject_not_its_agent(nlp):
    text = ("Harbour workers were joined on stage by Senator Paul Dorne and claimed that the "
            "port would close.")
    assert _speaker(nlp, text, "claimed") == "Harbour workers"
    # the agent's own relative clause is still the agent's
    text = ("Harbour workers were praised by Senator Paul Dorne, who claimed that the port "
            "would close.")
    assert _speaker(nlp, text, "claimed").startswith("Senator Paul Dorne")


@pytest.mark.model
def test_a_possessive_bound_by_the_subject_gives_the_subject(nlp):
    text = "Senator Paul Dorne repeated his claim that the port would close."
    assert _speaker(nlp, text, "claim") == "Senator Paul Dorne"
    text = "He repeated his claim that the port would close."
    assert _speaker(nlp, text, "claim") == "He"


@pytest.mark.model
def test_a_possessive_that_is_someone_else_stays(nlp):
    # a verb answering the claim, or a pronoun of the other gender: not the subject's claim
    text = "Senator Paul Dorne rejected her claim that the port would close."
    assert _speaker(nlp, text, "claim") == "her"
    text = "Senator Karen Dorne repeated his claim that the port would close."
    assert _speaker(nlp, text, "claim") == "his"


@pytest.mark.model
def test_a_resolution_speaks_for_who_adopts_it(nlp):
    text = "The Tarn city council approved a resolution condemning the closure of the port."
    assert _speaker(nlp, text, "condemning") == "The Tarn city council"
    # a person is no document: the lawyer argues, not the council that hired her
    text = "The Tarn city council hired a lawyer arguing that the port must close."
    assert _speaker(nlp, text, "arguing") == "a lawyer"


@pytest.mark.model
def test_a_light_verb_makes_a_noun_cue_its_subjects_act(nlp):
    # "sent out a statement", "raised concerns": the subject is the one who states
    text = "The harbour board sent out a statement that the ferries would keep running."
    assert _speaker(nlp, text, "statement") == "The harbour board"
    text = "The union has raised concerns that the mill would close."
    assert _speaker(nlp, text, "concerns") == "The union"
    # a concern nobody is said to hold or voice is no statement
    rels, _ = pipeline.extract(["Concern that the mill would close grew in the valley."],
                               nlp=nlp)
    assert rels == []


@pytest.mark.model
def test_with_criticism_is_the_subjects_own_unless_it_meets_the_subject(nlp):
    text = "Senator Hal Brody chimed in with criticism of the tram budget."
    assert _speaker(nlp, text, "criticism") == "Senator Hal Brody"
    # "grappled with", "dealt with": the criticism is others', and the text names nobody
    for text in ("The council grappled with criticism of the tram budget.",
                 "The mayor dealt with complaints that the tram was late."):
        rels, _ = pipeline.extract([text], nlp=nlp)
        assert rels == [], [(r.speaker.mention, r.cue.text) for r in rels]


@pytest.mark.model
def test_the_agent_of_a_participle_holds_the_noun_cue(nlp):
    text = ("A warning issued by the coast guard that the storm would reach the island "
            "spread quickly.")
    assert _speaker(nlp, text, "warning") == "the coast guard"


@pytest.mark.model
def test_plural_nouns_of_saying_are_cues(nlp):
    text = ("Reporters questioned Senator Hal Brody about his earlier statements that the "
            "tram would open in May.")
    assert _speaker(nlp, text, "statements") == "his"
