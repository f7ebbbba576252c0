"""Issue 9, recall: frames beyond a verb's own dependents, on sentences of our own.

"As X said, A" (the "as"-clause reports the clause it comments on) and "“A,” X said,
referring to B" (what X refers to is B, not the quotation)."""

from __future__ import annotations

import pytest

from attribution_helpers import rels as _rels, with_cue as _with_cue


@pytest.mark.model
@pytest.mark.parametrize("text, cue, speaker, content", [
    ("As the harbour master said on Tuesday, the ferries will resume next month.",
     "said", "the harbour master", "the ferries will resume next month"),
    ("As reported by the Valley Herald, the mayor will not seek a third term.",
     "reported", "the Valley Herald", "the mayor will not seek a third term"),
    ("As Ana Ruiz noted last week, the clinic has lost half of its nurses.",
     "noted", "Ana Ruiz", "the clinic has lost half of its nurses"),
])
def test_as_clause_reports_the_clause_it_comments_on(nlp, text, cue, speaker, content):
    found = _with_cue(_rels(nlp, text), cue)
    assert len(found) == 1, [(r.cue.text, r.content) for r in _rels(nlp, text)]
    rel = found[0]
    assert rel.content == content
    assert rel.speaker.mention == speaker
    assert rel.cue.class_ == "speech"
    assert text[rel.content_start:rel.content_end] == content  # offsets index the text


@pytest.mark.model
@pytest.mark.parametrize("text, cue", [
    # a clause of time: the verb has its own object
    ("As she said this, the crowd in the square cheered loudly.", "said"),
    # after its clause's verb "as" compares, it does not report that clause
    ("The mayor resigned in March, as she had promised.", "promised"),
])
def test_as_clause_that_reports_nothing_of_its_clause(nlp, text, cue):
    rels = _rels(nlp, text)
    for rel in _with_cue(rels, cue):
        assert "cheered" not in rel.content and "resigned" not in rel.content


@pytest.mark.model
def test_referring_to_reports_its_object_not_the_quotation(nlp):
    text = "“We are not going anywhere,” the mayor said, referring to the strikers."
    rels = _rels(nlp, text)
    refer = _with_cue(rels, "referring")
    assert len(refer) == 1, [(r.cue.text, r.content) for r in rels]
    assert refer[0].content == "the strikers"
    assert refer[0].speaker.mention == "the mayor"
    said = _with_cue(rels, "said")
    assert [r.content for r in said] == ["“We are not going anywhere,”"]


@pytest.mark.model
def test_referring_to_without_a_speaker_is_no_statement(nlp):
    text = "The report, referring to the floods, was sent to the council in May."
    rels = _rels(nlp, text)
    assert not _with_cue(rels, "referring")


@pytest.mark.model
@pytest.mark.parametrize("text, cue, speaker, content", [
    ("About 4 in 10 say they want the council to cut taxes.",
     "say", "About 4 in 10", "they want the council to cut taxes"),
    ("Less than a third agreed that the bridge should be rebuilt.",
     "agreed", "Less than a third", "that the bridge should be rebuilt"),
    ("Among Democrats, 58 percent said the mayor should resign.",
     "said", "58 percent", "the mayor should resign"),
])
def test_a_share_of_those_asked_is_the_source(nlp, text, cue, speaker, content):
    rels = _rels(nlp, text)
    found = _with_cue(rels, cue)
    assert len(found) == 1, [(r.cue.text, r.content) for r in rels]
    assert found[0].speaker.mention == speaker
    assert found[0].content == content


@pytest.mark.model
@pytest.mark.parametrize("ent, taken", [("B-CARDINAL", True), ("B-DATE", False)])
def test_a_date_is_no_share_of_people(nlp, ent, taken):
    from spacy.tokens import Doc

    from pipeline.attribution.sources import misattached_subject

    # the parse "1990 said nothing", the number hung on the verb: a year is no share of people
    doc = Doc(nlp.vocab, words=["1990", "said", "nothing", "."], heads=[1, 1, 1, 1],
              deps=["npadvmod", "ROOT", "dobj", "punct"], tags=["CD", "VBD", "NN", "."],
              ents=[ent, "O", "O", "O"], sent_starts=[True, False, False, False])
    assert (misattached_subject(doc[1]) is not None) is taken


@pytest.mark.model
@pytest.mark.parametrize("text, speaker, content", [
    ("Ruiz, meanwhile, who holds no such endorsements, said that fact speaks volumes about "
     "the race.", "Ruiz", "that fact speaks volumes about the race"),
    ("One attendee, who like others spoke on the condition of anonymity, said the meeting "
     "was tense.", "One attendee", "the meeting was tense"),
])
def test_subject_with_a_relative_clause_parsed_as_a_complement(nlp, text, speaker, content):
    rels = _rels(nlp, text)
    said = _with_cue(rels, "said")
    assert len(said) == 1, [(r.cue.text, r.content) for r in rels]
    assert said[0].speaker.mention == speaker
    assert said[0].content == content


@pytest.mark.model
def test_a_clause_before_the_verb_without_a_relative_is_content(nlp):
    text = "The bridge will reopen in May, the mayor said."
    said = _with_cue(_rels(nlp, text), "said")
    assert [(r.speaker.mention, r.content) for r in said] == [
        ("the mayor", "The bridge will reopen in May")]


@pytest.mark.model
def test_a_share_hung_on_a_participle_is_its_source(nlp):
    from spacy.tokens import Doc

    from pipeline.attribution.sources import verb_source

    # the parse of "with 3 in 10 saying A" that hangs the number on the participle
    words = ["Most", "agreed", ",", "with", "3", "in", "10", "saying", "they", "stay", "."]
    heads = [1, 1, 1, 1, 6, 6, 7, 3, 9, 7, 1]
    deps = ["nsubj", "ROOT", "punct", "prep", "quantmod", "quantmod", "nummod", "pcomp",
            "nsubj", "ccomp", "punct"]
    tags = ["JJS", "VBD", ",", "IN", "CD", "IN", "CD", "VBG", "PRP", "VBP", "."]
    doc = Doc(nlp.vocab, words=words, heads=heads, deps=deps, tags=tags)
    assert verb_source(doc[7]).text == "10"


@pytest.mark.model
@pytest.mark.parametrize("text, cue, speaker, content", [
    # a for-to clause the parser hangs on the verb as an adverbial clause
    ("The union leader called for the governor to veto the budget.",
     "called", "The union leader", "the governor to veto the budget"),
    # a passive with its agent: the subject is what the agent criticized
    ("The new toll plan was criticized by the truckers' association.",
     "criticized", "the truckers' association", "The new toll plan"),
    # the object of "to" / "with" after a verb of reacting or referring
    ("The senator responded to the accusations in a long letter.",
     "responded", "The senator", "the accusations"),
    ("Critics have pointed to the rising costs of the ferry.",
     "pointed", "Critics", "the rising costs of the ferry"),
    # an object predicate that took its object in: "the council lazy" is what was called
    ("The mayor called the council lazy.", "called", "The mayor", "the council lazy"),
    ("The senator later called her “third-rate” and left the hall.",
     "called", "The senator", "her “third-rate”"),
])
def test_complement_under_another_label(nlp, text, cue, speaker, content):
    rels = _rels(nlp, text)
    found = _with_cue(rels, cue)
    assert len(found) == 1, [(r.cue.text, r.content) for r in rels]
    rel = found[0]
    assert rel.content == content
    assert rel.speaker.mention == speaker
    assert text[rel.content_start:rel.content_end] == content  # offsets index the text


@pytest.mark.model
@pytest.mark.parametrize("text, cue, speaker, content", [
    ("The governor plans to raise the fuel tax next spring.",
     "plans", "The governor", "to raise the fuel tax next spring"),
    ("The farmers' union opposes the new water levy.",
     "opposes", "The farmers' union", "the new water levy"),
    ("The council voted for the new water levy.",
     "voted", "The council", "the new water levy"),
    # a non-restrictive relative clause asserts something of the person it follows
    ("Ella Brandt, who plans to block the road, met the mayor on Sunday.",
     "plans", "Ella Brandt, who", "to block the road"),
])
def test_low_scoring_verb_standing_free_reports_a_stance(nlp, text, cue, speaker, content):
    # verbs the lexicon scores low over all their uses (mostly inside someone's statement)
    # report a stance where they stand free (models/cue_free.tsv)
    found = _with_cue(_rels(nlp, text), cue)
    assert [(r.speaker.mention, r.content) for r in found] == [(speaker, content)]
    rel = found[0]
    assert text[rel.content_start:rel.content_end] == content


@pytest.mark.model
@pytest.mark.parametrize("text, cue", [
    # after a verb of talking "to" and "at" name the listeners and the place
    ("The mayor spoke to the council after the storm.", "spoke"),
    ("The mayor spoke at the rally in the harbour district.", "spoke"),
    # a person answered or agreed with is no content
    ("The senator responded to reporters after the vote.", "responded"),
    ("The minister agreed with him.", "agreed"),
    # a passive without a by-agent names no one who did it
    ("The new toll plan was criticized on Tuesday.", "criticized"),
])
def test_no_content_from_listeners_places_or_agentless_passives(nlp, text, cue):
    assert not _with_cue(_rels(nlp, text), cue)


@pytest.mark.model
def test_quotation_a_colon_opens_on_the_next_line(nlp):
    text = ("The harbour master replied on Friday:\n\n"
            "“The ferries will not run until the storm has passed and the pier is safe.”\n")
    found = _with_cue(_rels(nlp, text), "replied")
    assert len(found) == 1
    rel = found[0]
    assert rel.content == "“The ferries will not run until the storm has passed and the pier is safe.”"
    assert rel.speaker.mention == "The harbour master"
    assert rel.kind == "direct"
    # without the colon the next paragraph's quotation is no content of "replied"
    text = ("The harbour master replied on Friday.\n\n"
            "“The ferries will not run until the storm has passed and the pier is safe.”\n")
    for rel in _with_cue(_rels(nlp, text), "replied"):
        assert "ferries" not in rel.content


@pytest.mark.model
@pytest.mark.parametrize("text, cue", [
    # inside what someone said: her statement holds those words
    ("Ella Brandt said the farmers' union opposes the new water levy.", "opposes"),
    ("Harlan Meyer said the governor plans to raise the fuel tax next spring.", "plans"),
    # a question asks, it reports no stance
    ("Does the farmers' union oppose the new water levy?", "oppose"),
    # a restrictive relative clause picks out whom the sentence is about; it asserts nothing
    ("The farmers who plan to block the road met on Sunday.", "plan"),
])
def test_low_scoring_verb_inside_a_statement_or_a_question_stays_out(nlp, text, cue):
    rels = _rels(nlp, text)
    assert not _with_cue(rels, cue), [(r.cue.text, r.content) for r in rels]


@pytest.mark.model
@pytest.mark.parametrize("text, cue, speaker, content", [
    ("The harbour levy drew sharp criticism from the fishermen's union.",
     "criticism", "the fishermen's union", "The harbour levy"),
    ("Mayor Ana Ruiz has won the endorsement of the teachers' union.",
     "endorsement", "the teachers' union", "Mayor Ana Ruiz"),
    ("The ferry plan sparked criticism from the port workers.",
     "criticism", "the port workers", "The ferry plan"),
])
def test_a_judgement_received_names_its_source_in_from_or_of(nlp, text, cue, speaker, content):
    found = _with_cue(_rels(nlp, text), cue)
    assert len(found) == 1, [(r.cue.text, r.content) for r in _rels(nlp, text)]
    rel = found[0]
    assert rel.speaker.mention == speaker
    assert rel.content == content
    assert text[rel.content_start:rel.content_end] == content


@pytest.mark.model
def test_support_received_is_a_belief(nlp):
    found = _with_cue(_rels(nlp, "The new ferry timetable has the backing of the port authority."),
                      "backing")
    assert [(r.speaker.mention, r.content, r.cue.class_) for r in found] == [
        ("the port authority", "The new ferry timetable", "belief")]


@pytest.mark.model
@pytest.mark.parametrize("text", [
    "The council received a letter from the fishermen's union.",  # no noun of judgement
    "The levy drew criticism on Tuesday.",  # nobody named as the critic
])
def test_receiving_without_a_named_judge_reports_nothing(nlp, text):
    assert not [r for r in _rels(nlp, text) if r.cue.text in ("letter", "criticism")]


@pytest.mark.model
def test_making_mention_of_reports_its_object(nlp):
    text = "The clinic director made no mention of the missing nurses."
    found = _with_cue(_rels(nlp, text), "mention")
    assert [(r.speaker.mention, r.content, r.cue.class_) for r in found] == [
        ("The clinic director", "the missing nurses", "speech")]


@pytest.mark.model
def test_a_content_clause_without_that_after_a_noun_of_saying(nlp):
    text = "The port authority's promise the ferries would run again in May was broken."
    found = _with_cue(_rels(nlp, text), "promise")
    assert [(r.speaker.mention, r.content) for r in found] == [
        ("The port authority", "the ferries would run again in May")]
    # a relative clause after the noun is no content: its object is the noun itself
    assert not _with_cue(_rels(nlp, "Nobody believed the claims they made on Tuesday."), "claims")


@pytest.mark.model
def test_making_the_case_that_reports_the_clause(nlp):
    text = "The ferry operator made the case that the old timetable was unsafe."
    found = _with_cue(_rels(nlp, text), "case")
    assert [(r.speaker.mention, r.content, r.cue.class_) for r in found] == [
        ("The ferry operator", "that the old timetable was unsafe", "speech")]
    # a relative "that" (the subject of its clause) makes no content clause
    assert not _with_cue(_rels(nlp, "The case that reached the court was dismissed."), "case")
