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
    # (a verb that is a cue of its own, "chimed in with", reports the criticism itself)
    text = "Senator Hal Brody stepped in with criticism of the tram budget."
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


@pytest.mark.model
def test_a_participle_on_an_object_that_cannot_speak_gives_the_subject(nlp):
    # the petitions and the trouble say nothing: the one who launched them and had it speaks
    text = "Senator Paul Dorne launched petitions calling for a new pay deal."
    assert _speaker(nlp, text, "calling") == "Senator Paul Dorne"
    text = "Senator Paul Dorne had no trouble endorsing the harbour plan."
    assert _speaker(nlp, text, "endorsing") == "Senator Paul Dorne"


@pytest.mark.model
def test_a_participle_on_people_keeps_the_people(nlp):
    # residents can complain: the senator only met them
    text = "Senator Paul Dorne met residents complaining that the toll was unfair."
    assert _speaker(nlp, text, "complaining") == "residents"


@pytest.mark.model
def test_an_infinitive_relative_gives_who_has_it_to_say(nlp_every_candidate):
    # "nothing good to say": the noun is what is said; "the first lawmaker to endorse": the
    # predicate noun describes the subject, who endorses. Whether a short infinitive relative
    # is a statement is the acceptance model's call (accept.py); whose it is, this rule's
    nlp = nlp_every_candidate
    text = "Mayor Lena Ortiz had nothing good to say about the new toll."
    assert _speaker(nlp, text, "say") == "Mayor Lena Ortiz"
    text = "Senator Paul Dorne was the first lawmaker to endorse the harbour plan."
    assert _speaker(nlp, text, "endorse") == "Senator Paul Dorne"


@pytest.mark.model
def test_an_infinitive_relative_on_a_subject_keeps_the_noun(nlp_every_candidate):
    # the noun is the subject of the infinitive and of no linking verb: it speaks
    nlp = nlp_every_candidate
    text = "The first lawmaker to endorse the harbour plan was Senator Paul Dorne."
    assert _speaker(nlp, text, "endorse") == "The first lawmaker"


@pytest.mark.model
def test_a_conjunct_in_a_reported_clause_gives_the_subject_who_binds_its_pronoun(nlp):
    # "she" is Mara Quist, who reports the clause: the conjunct's speaker is named by her name
    text = ("Mara Quist adds that she has released ten years of tax records and called on "
            "Tom Berg to do the same.")
    assert _speaker(nlp, text, "called") == "Mara Quist"
    text = ("Mara Quist has said she wants a safe zone for refugees and has expressed support "
            "for wider aid.")
    assert _speaker(nlp, text, "expressed") == "Mara Quist"


@pytest.mark.model
def test_a_conjunct_pronoun_that_is_someone_else_stays(nlp):
    # "he" cannot be Mara Quist: whoever he is called, not she
    text = ("Mara Quist adds that he has released ten years of tax records and called on "
            "Tom Berg to do the same.")
    assert _speaker(nlp, text, "called") == "he"


@pytest.mark.model
def test_a_subject_of_two_actors_is_neither_alone(nlp):
    # "the Clinton campaign and the DNC": the owner of the first noun is not the whole subject;
    # the campaign alone still speaks for its owner
    text = "The Obama campaign and the NAACP said the ballots had been miscounted."
    rels, _ = pipeline.extract([text], nlp=nlp)
    said = [r for r in rels if r.cue.text == "said"]
    assert len(said) == 1 and not said[0].speaker.resolved
    assert said[0].speaker.mention == "The Obama campaign and the NAACP"
    rels, _ = pipeline.extract(["The Obama campaign said the ballots had been miscounted."], nlp=nlp)
    assert [r.speaker.resolved for r in rels if r.cue.text == "said"] == [True]
