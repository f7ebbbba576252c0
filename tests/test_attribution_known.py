"""Issue 9, recall of cues the lexicon trusts ("said", "according to", the colon), on
sentences of our own: the frames and boundaries where such a cue still missed its statement."""

from __future__ import annotations

import pytest

from pipeline.attribution.content import is_speech_quote
from pipeline.attribution.quotes import QuoteIndex, find_quotes
from attribution_helpers import rels as _rels, with_cue as _with_cue


@pytest.mark.model
@pytest.mark.parametrize("text, cue, speaker, content", [
    ("“Not this year,” the harbour master said. “The ice is too thin.”",
     "said", "the harbour master", "“Not this year,” “The ice is too thin.”"),
    ("The ferry company ran into trouble. “Never again,” Ana Ruiz added.",
     "added", "Ana Ruiz", "“Never again,”"),
    ("“Why now?” asked Tom Hale, a driver.", "asked", "Tom Hale", "“Why now?”"),
    # opened by the clause of saying and closing the sentence
    ("The harbour master then asked, “Why now?”", "asked", "The harbour master", "“Why now?”"),
    ("She yelled: “Stop!”", "yelled", "She", "“Stop!”"),
])
def test_a_short_quoted_sentence_is_its_speakers_words(nlp, text, cue, speaker, content):
    found = _with_cue(_rels(nlp, text), cue)
    assert len(found) == 1, [(r.cue.text, r.content) for r in _rels(nlp, text)]
    assert found[0].content == content
    assert found[0].speaker.mention == speaker
    assert found[0].kind == "direct"


@pytest.mark.parametrize("text, speech", [
    ("“Never again,” she said.", True),
    ("He paused. “Why now?” she asked.", True),
    ("“No.” “Not ever,” she said.", True),
    # a title or a scare quote inside a sentence: a phrase, not a quoted sentence
    ("Voters love the “Blue Line,” said Tom Hale.", False),
    ("The film “Lost” opened.", False),
    ("The new ferry is called “Swift.”", False),  # a name, not opened by a comma or colon
    # no stop inside the marks: a label at the start of a line
    ("“Blue Line” is a film.", False),
])
def test_which_short_quotations_are_speech(text, speech):
    quotes = QuoteIndex(find_quotes(text))
    qi = len(quotes.quotes) - 1  # the last quotation
    assert is_speech_quote(text, quotes, qi) is speech


@pytest.mark.model
def test_a_short_quoted_sentence_with_no_cue_floats_to_nobody(nlp):
    text = "The mayor spoke about the ferries for an hour.\n“Yes.”\nThe council voted."
    assert not [r for r in _rels(nlp, text) if "Yes" in r.content]


@pytest.mark.model
@pytest.mark.parametrize("text, content", [
    # the parser hangs the phrase on the last clause's verb: it qualifies the whole sentence
    ("The port lost half of its income last year, while the airport has doubled its traffic, "
     "according to new council research.",
     "The port lost half of its income last year, while the airport has doubled its traffic"),
    # a verb after the phrase, not set off, belongs to the source's own words
    ("The strike ended on Friday, according to three officials who spoke to the Herald but "
     "were not allowed to speak publicly.", "The strike ended on Friday"),
    # after a colon: the writer's frame before it is no part of what the source tells
    ("Part of the trouble is money: the port has lost half of its income, according to the "
     "harbour master.", "the port has lost half of its income"),
])
def test_a_closing_according_to_qualifies_the_sentence_before_it(nlp, text, content):
    found = _with_cue(_rels(nlp, text), "according to")
    assert len(found) == 1, [(r.cue.text, r.content) for r in _rels(nlp, text)]
    assert found[0].content == content


@pytest.mark.model
@pytest.mark.parametrize("text, content", [
    ("Most residents, according to a survey, still back the ferry.",
     "Most residents still back the ferry"),
    ("According to the harbour master, the ferries will resume next month.",
     "the ferries will resume next month"),
])
def test_an_according_to_inside_or_before_its_clause_is_left_alone(nlp, text, content):
    found = [r for r in _rels(nlp, text) if r.cue.text.lower() == "according to"]
    assert [r.content for r in found] == [content]


@pytest.mark.model
def test_a_clause_read_as_the_subject_of_an_inverted_cue_is_its_content(nlp):
    # the parser takes "plan" for a first subject of "said"; the speaker is the one next to it
    text = ("The plan to rebuild the pier appeals to older residents who miss the old harbour, "
            "said Tom Hale, a historian at the county museum.")
    found = _with_cue(_rels(nlp, text), "said")
    assert len(found) == 1, [(r.cue.text, r.content) for r in _rels(nlp, text)]
    assert found[0].content == ("The plan to rebuild the pier appeals to older residents who "
                                "miss the old harbour")
    assert found[0].speaker.mention.startswith("Tom Hale")


@pytest.mark.model
def test_a_parenthetical_cue_keeps_the_subject_in_its_clause(nlp):
    text = "Fishermen, Ana Ruiz said, want a new pier."
    found = _with_cue(_rels(nlp, text), "said")
    assert [r.content for r in found] == ["Fishermen want a new pier"]


@pytest.mark.model
def test_a_headline_colon_after_a_poll_or_report_attributes_the_line(nlp):
    text = "Poll: Ruiz leads Hale by ten points in the harbour race.\nThe race is close."
    found = _with_cue(_rels(nlp, text), ":")
    assert len(found) == 1, [(r.cue.text, r.content) for r in _rels(nlp, text)]
    assert found[0].content == "Ruiz leads Hale by ten points in the harbour race"
    assert found[0].speaker.mention == "Poll"


@pytest.mark.model
def test_a_headline_colon_after_a_topic_attributes_nothing(nlp):
    text = "Harbour news: The ferries will resume next month.\nThe race is close."
    assert not _with_cue(_rels(nlp, text), ":")


@pytest.mark.model
@pytest.mark.parametrize("text, cue, content", [
    ("Asked whether the pier should close, 60 percent of residents said yes.", "said", "yes"),
    ("The mayor said no to the casino.", "said", "no to the casino"),
    ("The harbour master thinks so, too.", "thinks", "so"),
])
def test_a_pro_sentence_after_a_verb_of_saying_is_its_content(nlp, text, cue, content):
    found = _with_cue(_rels(nlp, text), cue)
    assert [r.content for r in found] == [content]


@pytest.mark.model
@pytest.mark.parametrize("text, content", [
    ("The mayor said no one would lose a job.", "no one would lose a job"),
    ("She said so many times that the ferry was safe.", "that the ferry was safe"),
])
def test_a_pro_sentence_word_that_opens_a_phrase_is_left_alone(nlp, text, content):
    assert [r.content for r in _with_cue(_rels(nlp, text), "said")] == [content]


@pytest.mark.model
def test_a_report_qualified_by_a_closing_according_to_is_the_sources(nlp):
    # each cue lies in the other's content: the closing phrase qualifies all the sentence
    text = ("Governor Ana Ruiz said she would have fired the manager if such an incident had "
            "happened in her office, according to press reports.")
    rels = _rels(nlp, text)
    assert [(r.cue.text, r.content) for r in rels] == [
        ("according to", "Governor Ana Ruiz said she would have fired the manager if such an "
                         "incident had happened in her office")]
    assert rels[0].speaker.mention == "press reports"


@pytest.mark.model
def test_a_cue_nested_in_a_report_still_gives_way_to_it(nlp):
    text = "The harbour master said that she hoped that the ferries would resume next month."
    assert [r.cue.text for r in _rels(nlp, text)] == ["said"]


def _parsed(words, heads, deps, tags):
    from spacy.tokens import Doc
    from spacy.vocab import Vocab
    return Doc(Vocab(), words=words, heads=heads, deps=deps, tags=tags)


@pytest.mark.parametrize("middle, tag, extends", [
    (["would", "run"], ["MD", "VB"], True),  # a modal predicate of the reported clause
    (["she", "ran"], ["PRP", "VBD"], False),  # a clause of its own, maybe the writer's
    (["left"], ["VBD"], False),  # what the speaker did next
])
def test_a_modal_predicate_hung_on_the_cue_belongs_to_the_reported_clause(middle, tag, extends):
    from pipeline.attribution.content import verb_content

    # the parse as the parser sometimes gives it: the conjunct hangs on "said"
    words = ["Ruiz", "said", "she", "hoped", "to", "win", ",", "and", "then", *middle, "."]
    verb = len(words) - 2
    heads = [1, 1, 3, 1, 5, 3, 1, 1, verb] + [verb] * len(middle) + [1]
    heads[verb] = 1
    deps = ["nsubj", "ROOT", "nsubj", "ccomp", "aux", "xcomp", "punct", "cc", "advmod"] + \
        (["aux"] if len(middle) == 2 and tag[0] == "MD" else ["nsubj"] if len(middle) == 2
         else []) + ["conj", "punct"]
    tags = ["NNP", "VBD", "PRP", "VBD", "TO", "VB", ",", "CC", "RB", *tag, "."]
    doc = _parsed(words, heads, deps, tags)
    content = verb_content(doc, doc.text, doc[1], QuoteIndex(find_quotes(doc.text)))
    assert content is not None
    said = doc.text[content.spans[0][0]:content.spans[-1][1]]
    assert said.endswith(" ".join(middle)) is extends
    assert said.startswith("she hoped to win")


@pytest.mark.model
def test_a_colon_after_a_titles_dash_attributes_the_quotation(nlp):
    text = ("Harbour traffic is down again - Maria Gonzalez: “The harbour lost a third of its "
            "passengers this winter, and the spring looks no better.”\nThe board meets today.")
    found = _with_cue(_rels(nlp, text), ":")
    assert len(found) == 1, [(r.cue.text, r.content) for r in _rels(nlp, text)]
    assert found[0].speaker.mention == "Maria Gonzalez"
    assert found[0].content.startswith("“The harbour lost")


@pytest.mark.model
def test_a_colon_after_a_dash_without_a_quotation_attributes_nothing(nlp):
    text = ("Harbour traffic is down again - Maria Gonzalez: the harbour lost a third of its "
            "passengers.\n")
    assert not _with_cue(_rels(nlp, text), ":")


@pytest.mark.model
@pytest.mark.parametrize("text, cue, content", [
    # closing the sentence after a comma, hung on the clause before as a conjunct
    ("In nearby Dover, the old ferry plant is hanging on, but it is under intense pressure "
     "from cheap imports, said the plant manager, Tom Hale.", "said",
     "In nearby Dover, the old ferry plant is hanging on, but it is under intense pressure "
     "from cheap imports"),
    # in the middle, hung on the verb after it as its complement
    ("If anything, Hale argued in his email, the incident shows why the board should adopt "
     "new rules.", "argued", "the incident shows why the board should adopt new rules"),
])
def test_a_set_off_clause_of_saying_reports_the_clause_around_it(nlp, text, cue, content):
    found = _with_cue(_rels(nlp, text), cue)
    assert [r.content for r in found] == [content]


@pytest.mark.model
def test_a_clause_of_saying_with_a_subordinator_tells_when(nlp):
    text = "The board closed the pier, after the harbour master said it was unsafe."
    for rel in _with_cue(_rels(nlp, text), "said"):
        assert "closed the pier" not in rel.content


@pytest.mark.model
@pytest.mark.parametrize("text, cue, content", [
    # "life" hung on "said": the subject of the complement clause, which has none
    ("Most voters said life for the next generation would be worse than life today.", "said",
     "life for the next generation would be worse than life today"),
    # who is told stays out
    ("The mayor told reporters the ferry would sail.", "told", "the ferry would sail"),
])
def test_a_noun_stranded_before_a_subjectless_complement_is_its_subject(nlp, text, cue,
                                                                        content):
    assert [r.content for r in _with_cue(_rels(nlp, text), cue)] == [content]


@pytest.mark.model
def test_a_clause_told_before_the_cue_leaves_the_object_as_who_was_told(nlp):
    text = ("This has nothing to do with the ferry fares, Ruiz told her closest advisers.")
    found = _with_cue(_rels(nlp, text), "told")
    assert [r.content for r in found] == ["This has nothing to do with the ferry fares"]


@pytest.mark.model
def test_an_object_told_after_a_sentence_of_the_writers_is_the_content(nlp):
    text = "The ferry was late again. Ruiz told the whole story at the meeting."
    found = _with_cue(_rels(nlp, text), "told")
    assert all("ferry was late" not in r.content for r in found)


@pytest.mark.model
@pytest.mark.parametrize("text, content", [
    ("Most riders said the fares were fair, while the drivers said they were too low.",
     "the fares were fair"),
    # a contrast with no report of its own may still be the speaker's
    ("Most riders said the fares were fair, while the drivers were angry.",
     "the fares were fair, while the drivers were angry"),
])
def test_a_contrasting_statement_of_its_own_ends_the_first(nlp, text, content):
    found = [r for r in _with_cue(_rels(nlp, text), "said") if r.speaker.mention == "Most riders"]
    assert [r.content for r in found] == [content]


@pytest.mark.model
@pytest.mark.parametrize("text, content", [
    ("Ruiz said new donors have come aboard since January, when the fund launched with a "
     "large gift from a shipping family.", "new donors have come aboard since January"),
    # a restrictive "when" clause, no comma: part of what was said
    ("Ruiz said the ferry would sail when the ice melts.", "the ferry would sail when the ice melts"),
])
def test_a_non_restrictive_when_clause_is_the_writers_background(nlp, text, content):
    assert [r.content for r in _with_cue(_rels(nlp, text), "said")] == [content]
