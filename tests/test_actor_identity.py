"""Actor identity and types by evidence (issue 8): names trimmed back to the name, types from
shape, gazetteer and head nouns, fragments, dominant short forms, group forms, short org names,
roles on the right person, and the speaker identity score."""

from __future__ import annotations

import pytest
from polnear_data import polnear_dev  # noqa: E402  (tests/ is on sys.path)
import spacy
from spacy.tokens import Doc

from pipeline.actors.facts import actor_facts
from pipeline.actors.identity import ActorIndex
from pipeline.actors.names import is_actor_record, is_fragment, normalize, trim_name
from pipeline.evaluate import (GoldAttribution, GoldDoc, GoldError, IdentityItem, Prediction,
                               identity_scores, read_identity_gold, score)


# --------------------------------------------------------------------------------------------
# names: trimming, fragments, types by shape and gazetteer
# --------------------------------------------------------------------------------------------


@pytest.mark.parametrize("text,label,expected", [
    ("Obama Calls", "PERSON", "Obama"),
    ("Obama Says", "PERSON", "Obama"),
    ("Tom Nides Thanked Clinton", "PERSON", "Tom Nides"),
    ("Jeb Bush Republican", "PERSON", "Jeb Bush"),
    ("Injecting Clinton", "PERSON", "Clinton"),
    ("Universe Alicia Machado", "PERSON", "Alicia Machado"),
    ("Crooked Hillary Clinton", "PERSON", "Hillary Clinton"),
    ("Samir El Haddad", "PERSON", "Samir El Haddad"),  # "El": the surname's article, not a given name
    ("Karim Al Mansouri", "PERSON", "Karim Al Mansouri"),
    ("Abu Mohammed al-Jolani", "PERSON", "Abu Mohammed al-Jolani"),  # a particle, not a word
    ("King Charles Windsor", "PERSON", "King Charles Windsor"),  # a title word (kept by titles.tsv)
    ("WikiLeaks Reveals Effort", "ORG", "WikiLeaks"),
    ("Kataib Hezbollah militia", "ORG", "Kataib Hezbollah"),
    ("Politico, Democratic party", "ORG", "Politico"),
    ("Acme, Inc.", "ORG", "Acme, Inc."),
    # negatives: names that only look like it
    ("Consumer Reports", "ORG", "Consumer Reports"),  # the verb form is the name's last word
    ("Islamic State", "ORG", "Islamic State"),
    ("the Iraqi government", "ORG", "the Iraqi government"),
    ("Qasim al-Araji", "PERSON", "Qasim al-Araji"),
    ("Sterling Brown", "PERSON", "Sterling Brown"),  # a given name ending in -ing stays
    ("Republican", "PERSON", "Republican"),  # one word is never emptied
    ("Says", "PERSON", "Says"),
    # a determiner makes the name a type ("a Nora Vance", "both Halvorsens"); "A" may be an initial
    ("a Nora Vance", "PERSON", "Nora Vance"),
    ("an Ingrid Solberg", "PERSON", "Ingrid Solberg"),
    ("both Halvorsens", "PERSON", "Halvorsens"),
    ("A Person", "PERSON", "A Person"),
])
def test_trim_name(text, label, expected):
    assert trim_name(text, label) == expected


@pytest.mark.parametrize("name,fragment", [
    ("Interior", True), ("State", True), ("Trade", True), ("National Security", True),
    ("Police", False), ("Congress", False), ("Islamic State", False), ("Qasim al-Araji", False),
])
def test_title_fragments_are_not_actors(name, fragment):
    assert is_fragment(name) is fragment
    assert is_actor_record({"name": name, "label": "ORG"}) is (not fragment)


@pytest.mark.parametrize("name,actor", [
    ("Second Presidential Debate Reveals Where Voters Stand", False),
    ("Turkish Operations", False),
    ("WikiLeaks Reveals Effort", True),  # one word before the verb: trimmed to WikiLeaks
    ("Kurdish Forces", True),
    ("Human Rights Watch", True),
    ("National Council Warns Of Delays", True),  # an organisation word before the verb
    ("ISIS Dormant Cells Pave Way for Open US Presence", False),  # long, no organisation word
    ("Reflect New Diplomatic Developments", False),  # starts with a verb
    ("Islamic State of Iraq and the Levant", True),  # org_aliases.tsv
    ("Alliance to Reclaim Our Schools Today", True),
])
def test_headline_junk_is_not_an_actor(name, actor):
    assert is_actor_record({"name": name, "label": "ORG"}) is actor


@pytest.mark.parametrize("name,label,key,out_label", [
    ("Erbil", "ORG", "place:erbil", "GPE"),  # a GeoNames city, not an organisation
    ("Irbil", "GPE", "place:erbil", "GPE"),  # another spelling of the same city
    ("Arbil", "LOC", "place:erbil", "LOC"),
    ("Duhok", "ORG", "place:dihok", "GPE"),
    ("RT", "PERSON", "org:rt", "ORG"),  # an acronym is not a person
    ("Rodrigo Duterte", "ORG", "person:rodrigo-duterte", "PERSON"),  # person-name shape
    ("Justice Department", "ORG", "org:department-of-justice", "ORG"),
    ("Department of Justice", "ORG", "org:department-of-justice", "ORG"),
    ("Kataib Hezbollah militia", "ORG", "org:kataib-hezbollah", "ORG"),
    ("Obama Says", "PERSON", "person:obama", "PERSON"),
    ("Keith Lamont Scott", "ORG", "person:keith-lamont-scott", "PERSON"),  # given, middle, surname
    ("Patriot Coal", "PERSON", "org:patriot-coal", "ORG"),  # a company word
    ("Harir Air Base", "ORG", "place:harir-air-base", "FAC"),  # a place head inside the name
    ("Ghuwayran Prison", "PERSON", "place:ghuwayran-prison", "FAC"),
    ("the GOP", "ORG", "org:republican-party", "ORG"),  # org_aliases.tsv, after "the"
    # negatives
    ("Morgan Stanley", "ORG", "org:morgan-stanley", "ORG"),  # both words are given names
    ("Jordan Times", "ORG", "org:jordan-times", "ORG"),  # an organisation word
    ("Human Rights Watch", "ORG", "org:human-rights-watch", "ORG"),
    ("New York", "GPE", "place:new-york", "GPE"),  # multi-word places keep their own key
    ("Jordan", "PERSON", "person:jordan", "PERSON"),  # a person is never made a place by name
])
def test_types_by_shape_and_gazetteer(name, label, key, out_label):
    norm = normalize(name, label)
    assert (norm.key, norm.label) == (key, out_label)


# --------------------------------------------------------------------------------------------
# identity: dominance, groups, short org names, label votes
# --------------------------------------------------------------------------------------------


def _index(rows: list[tuple[str, str, str, int]]) -> ActorIndex:
    """rows: (doc_id, name, label, times); records of one article come together."""
    index = ActorIndex()
    for doc, name, label, times in rows:
        for _ in range(times):
            index.observe(name, label, surface=name, doc_id=doc)
    return index


def _ids(table, *names, label="PERSON"):
    return [table.id_of(normalize(n, label).key) for n in names]


def test_dominant_full_name_takes_the_surname():
    rows = [(f"d{i}", "Barack Obama", "PERSON", 3) for i in range(6)]
    rows += [("m1", "Michelle Obama", "PERSON", 2), ("x1", "Obama", "PERSON", 4)]
    table = _index(rows).resolve()
    assert _ids(table, "Obama", "Barack Obama", "Michelle Obama") == \
        ["person:barack-obama", "person:barack-obama", "person:michelle-obama"]
    merge = next(m for m in table.actors["person:barack-obama"].merges if m["key"] == "person:obama")
    assert merge["rule"] == "dominant name" and "Michelle Obama" in merge["detail"]


def test_balanced_candidates_keep_the_short_form_apart():
    rows = [("d1", "Rebar Ahmed", "PERSON", 3), ("d2", "Sara Ahmed", "PERSON", 2),
            ("d3", "Ahmed", "PERSON", 1)]
    table = _index(rows).resolve()
    assert len(set(_ids(table, "Rebar Ahmed", "Sara Ahmed", "Ahmed"))) == 3


def test_same_article_evidence_tips_the_balance():
    # the corpus alone is balanced (3 against 3); the article naming both decides
    rows = [("d1", "Rebar Ahmed", "PERSON", 3), ("d2", "Sara Ahmed", "PERSON", 1),
            ("d3", "Sara Ahmed", "PERSON", 1), ("d3", "Ahmed", "PERSON", 1),
            ("d4", "Sara Ahmed", "PERSON", 1), ("d4", "Ahmed", "PERSON", 1)]
    table = _index(rows).resolve()
    assert _ids(table, "Ahmed") == ["person:sara-ahmed"]


def test_given_name_plural_and_longer_forms_join_the_dominant_person():
    rows = [(f"d{i}", "Hillary Clinton", "PERSON", 4) for i in range(5)]
    rows += [("b1", "Bill Clinton", "PERSON", 2), ("x1", "Hillary", "PERSON", 2),
             ("x2", "Clintons", "PERSON", 1), ("x3", "Crooked Hillary Clinton", "PERSON", 1),
             ("x4", "Hillary Rodham Clinton", "PERSON", 1), ("x5", "Clinton", "PERSON", 3)]
    table = _index(rows).resolve()
    assert set(_ids(table, "Hillary", "Clintons", "Crooked Hillary Clinton", "Clinton",
                    "Hillary Rodham Clinton")) == {"person:hillary-clinton"}
    assert _ids(table, "Bill Clinton") == ["person:bill-clinton"]


def test_rare_longer_variants_join_the_frequent_full_name():
    rows = [(f"d{i}", "Donald Trump", "PERSON", 5) for i in range(4)]
    rows += [("x1", "Donald J. Trump", "PERSON", 1), ("x2", "Rip Donald Trump", "PERSON", 1)]
    table = _index(rows).resolve()
    assert set(_ids(table, "Donald J. Trump", "Rip Donald Trump")) == {"person:donald-trump"}
    assert table.actors["person:donald-trump"].name == "Donald Trump"


@pytest.mark.parametrize("forms,plural", [
    (["Republicans", "Republican"], "group:republicans"),
    (["Democrats", "Democrat", "Democratic"], "group:democrats"),
])
def test_group_forms_join_the_plural(forms, plural):
    table = _index([("d1", f, "NORP", 1 + (f == forms[1])) for f in forms]).resolve()
    assert set(_ids(table, *forms, label="NORP")) == {plural}
    assert table.actors[plural].name == forms[0]


def test_short_org_name_joins_the_long_one_of_its_articles():
    rows = [("d1", "European Commission", "ORG", 2), ("d1", "Commission", "ORG", 3),
            ("d2", "Washington Post", "ORG", 1), ("d2", "Post", "ORG", 2)]
    table = _index(rows).resolve()
    assert _ids(table, "Commission", label="ORG") == ["org:european-commission"]
    assert _ids(table, "Post", label="ORG") == ["org:the-washington-post"]  # org_aliases.tsv


def test_short_org_name_used_without_its_long_name_stays_apart():
    rows = [("d1", "White House", "ORG", 2), ("d1", "House", "ORG", 1),
            ("d2", "House", "ORG", 2), ("d3", "House", "ORG", 1)]
    table = _index(rows).resolve()
    assert _ids(table, "House", label="ORG") == ["org:house"]


def test_short_org_name_of_two_long_ones_stays_apart():
    rows = [("d1", "Washington Post", "ORG", 1), ("d1", "Post", "ORG", 1),
            ("d2", "New York Post", "ORG", 1), ("d2", "Post", "ORG", 1)]
    table = _index(rows).resolve()
    assert _ids(table, "Post", label="ORG") == ["org:post"]


def test_one_word_person_tag_that_names_no_person_joins_its_org():
    rows = [("d1", "Patriot Coal", "ORG", 2), ("d1", "Patriot", "PERSON", 3)]
    table = _index(rows).resolve()
    assert table.id_of("person:patriot") == "org:patriot-coal"


def test_determiner_before_a_name_makes_no_second_actor():
    # "a Nora Vance" (a type: "a Nora Vance would never ...") is Nora Vance, and Nora Vance
    # never merges into it as a "contained name"
    rows = [("d1", "Nora Vance", "PERSON", 3), ("d2", "a Nora Vance", "PERSON", 1)]
    table = _index(rows).resolve()
    actor = table.actors[table.id_of("person:nora-vance")]
    assert actor.name == "Nora Vance" and actor.id == "person:nora-vance"
    assert not any(a.startswith("a ") for a in actor.aliases)
    assert not any(m["rule"] == "contained name" for m in actor.merges)


def test_aliases_are_trimmed_names():
    # the surfaces the NER gave are trimmed as keys are: headline verbs, figures, words in front
    # of a full name, a determiner, a quantity after an organisation; a form that trims to the
    # actor's name or to a listed form is not listed again
    index = ActorIndex()
    for surface in ["Lena Brandt", "Lena Brandt", "Brandt", "Brandt Says", "Brandt Seeks 'Fair Deal",
                    "Brandt 41.5 percent", "Everything Brandt", "Rip Lena Brandt", "a Lena Brandt",
                    "Miss Universe Lena Brandt", "BRANDT"]:
        index.observe("Lena Brandt", "PERSON", surface=surface, doc_id="d1")
    for surface in ["Kestrel Mining", "Kestrel Mining 12 percent", "Kestrel Mining workers"]:
        index.observe("Kestrel Mining", "ORG", surface=surface, doc_id="d2")
    for surface in ["Harbor Council", "The Harbor Council", "the Harbor Council", "HC", "The HC"]:
        index.observe("Harbor Council", "ORG", surface=surface, doc_id="d3")
    table = index.resolve()
    assert table.actors["person:lena-brandt"].aliases == ["Brandt"]
    assert table.actors["org:kestrel-mining"].aliases == []
    assert table.actors["org:harbor-council"].aliases == []  # "the" as names are shown


def test_person_aliases_are_names_of_the_person_not_the_ners_span_errors():
    # spans the NER cut or widened wrongly ("s Lena Brandt" after a possessive, a word in front
    # of the name, stray brackets and commas from the source text) are no names of her; middle
    # names, initials and the family's plural are
    index = ActorIndex()
    for surface in ["Lena Brandt", "Lena Brandt", "s Lena Brandt", "Oslovians Lena Brandt",
                    "That's Lena Brandt", "pro-Lena Brandt", "Lena] Brandt", "Brandt,",
                    "Brandt -", "Brandt's"]:
        index.observe("Lena Brandt", "PERSON", surface=surface, doc_id="d1")
    for name in ["Lena M. Brandt", "Lena Maria Brandt", "Brandts"]:
        index.observe(name, "PERSON", surface=name, doc_id="d1")
    table = index.resolve()
    aliases = table.actors["person:lena-brandt"].aliases
    assert sorted(aliases) == ["Brandt", "Brandts", "Lena M. Brandt", "Lena Maria Brandt"]


def test_alias_in_capitals_is_listed_in_its_readable_case():
    # "LINDQVIST" from datelines, more often than the body's "Lindqvist": one alias, readable
    index = ActorIndex()
    for surface in ["Oskar Lindqvist", "LINDQVIST", "LINDQVIST", "LINDQVIST", "Lindqvist", "OSKAR LINDQVIST"]:
        index.observe("Oskar Lindqvist", "PERSON", surface=surface, doc_id="d1")
    table = index.resolve()
    assert table.actors["person:oskar-lindqvist"].aliases == ["Lindqvist"]


def test_prefixed_full_name_does_not_name_the_actor():
    # "Universe" is cut by trim_name; a prefix that is a given name itself is not
    rows = [("d1", "Miss Universe Alicia Machado", "PERSON", 5), ("d2", "Alicia Machado", "PERSON", 1),
            ("d3", "Rodrigo Duterte", "PERSON", 1), ("d3", "Ferdinand Rodrigo Duterte", "PERSON", 3)]
    table = _index(rows).resolve()
    assert table.actors[table.id_of("person:alicia-machado")].name == "Alicia Machado"
    actor_id = table.id_of("person:rodrigo-duterte")
    assert actor_id == table.id_of("person:ferdinand-rodrigo-duterte")
    assert table.actors[actor_id].name == "Ferdinand Rodrigo Duterte"


def test_short_org_name_held_by_two_long_ones_in_its_articles_stays_apart():
    # "House": "White House" ends with it, but "House Oversight Committee" holds it too
    rows = [("d1", "White House", "ORG", 1), ("d1", "House Oversight Committee", "ORG", 1),
            ("d1", "House", "ORG", 2)]
    table = _index(rows).resolve()
    assert _ids(table, "House", label="ORG") == ["org:house"]


def test_surname_tagged_org_joins_the_dominant_person():
    rows = [(f"d{i}", "Liisa Korhonen", "PERSON", 3) for i in range(3)]
    rows += [("d9", "Korhonen", "ORG", 1), ("e1", "James O'Neill", "PERSON", 3),
             ("e2", "O'Neill", "ORG", 1)]
    table = _index(rows).resolve()
    assert table.id_of("org:korhonen") == "person:liisa-korhonen"
    assert table.id_of("org:o-neill") == "person:james-o-neill"
    # a surname of several persons, none dominant: a person's surname, not an organisation
    rows = [("s1", "Keith Scott", "PERSON", 3), ("s2", "Bobby Scott", "PERSON", 3),
            ("s3", "Scott", "PERSON", 1), ("s4", "Scott", "ORG", 1)]
    table = _index(rows).resolve()
    assert table.id_of("org:scott") == table.id_of("person:scott") == "person:scott"
    # a company that is often named stays the company ("Ford" Motor against one Gerald Ford)
    rows = [(f"d{i}", "Ford", "ORG", 3) for i in range(3)] + [("g1", "Gerald Ford", "PERSON", 2)]
    table = _index(rows).resolve()
    assert table.id_of("org:ford") == "org:ford"


def test_one_word_label_vote_needs_a_clear_majority():
    rows = [("d1", "Pfizer", "ORG", 4), ("d2", "Pfizer", "PERSON", 1),
            ("d3", "Jordan", "GPE", 2), ("d4", "Jordan", "PERSON", 2)]
    table = _index(rows).resolve()
    assert table.id_of("person:pfizer") == table.id_of("org:pfizer") == "org:pfizer"
    assert table.actors["org:pfizer"].type == "org"
    assert table.id_of("person:jordan") != table.id_of("country:JO")


def test_display_name_is_the_form_most_articles_use():
    # one article repeats its house style; three others write the name without the initial
    rows = [("d1", "Loretta E. Lynch", "PERSON", 6)]
    rows += [(f"d{i}", "Loretta Lynch", "PERSON", 1) for i in range(2, 5)]
    table = _index(rows).resolve()
    actor_id = table.id_of("person:loretta-lynch")
    assert actor_id == table.id_of("person:loretta-e-lynch")
    assert table.actors[actor_id].name == "Loretta Lynch"


# --------------------------------------------------------------------------------------------
# facts: head nouns and roles on the right person (hand-built Docs)
# --------------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def vocab():
    return spacy.blank("en").vocab


def _doc(vocab, rows, ents):
    return Doc(vocab, words=[r[0] for r in rows], heads=[r[1] for r in rows],
               deps=[r[2] for r in rows], tags=[r[3] for r in rows], ents=ents)


def _facts(doc):
    return {doc.text[f["start"]:f["end"]]: f for f in actor_facts(doc)}


@pytest.mark.parametrize("rows,ents,name,place", [
    # fled from al-Hol camp
    ([("fled", 0, "ROOT", "VBD"), ("from", 0, "prep", "IN"), ("al-Hol", 3, "compound", "NNP"),
      ("camp", 1, "pobj", "NN")], ["O", "O", "B-PERSON", "O"], "al-Hol", "FAC"),
    # hit Ain al-Assad air base
    ([("hit", 0, "ROOT", "VBD"), ("Ain", 2, "compound", "NNP"), ("al-Assad", 4, "compound", "NNP"),
      ("air", 4, "compound", "NN"), ("base", 0, "dobj", "NN")],
     ["O", "B-PERSON", "I-PERSON", "O", "O"], "Ain al-Assad", "FAC"),
    # from Ain al-Assad Air Base
    ([("from", 0, "ROOT", "IN"), ("Ain", 2, "compound", "NNP"), ("al-Assad", 4, "compound", "NNP"),
      ("Air", 4, "compound", "NNP"), ("Base", 0, "pobj", "NNP")],
     ["O", "B-PERSON", "I-PERSON", "O", "O"], "Ain al-Assad", "FAC"),
    # the Tigris river rose
    ([("the", 2, "det", "DT"), ("Tigris", 2, "compound", "NNP"), ("river", 3, "nsubj", "NN"),
      ("rose", 3, "ROOT", "VBD")], ["O", "B-ORG", "O", "O"], "Tigris", "LOC"),
    # negatives: "Trump 's base", "the Obama administration"
    ([("Trump", 2, "poss", "NNP"), ("'s", 0, "case", "POS"), ("base", 3, "nsubj", "NN"),
      ("cheered", 3, "ROOT", "VBD")], ["B-PERSON", "O", "O", "O"], "Trump", None),
    ([("the", 2, "det", "DT"), ("Obama", 2, "compound", "NNP"), ("administration", 3, "nsubj", "NN"),
      ("said", 3, "ROOT", "VBD")], ["O", "B-PERSON", "O", "O"], "Obama", None),
])
def test_head_noun_makes_a_place(vocab, rows, ents, name, place):
    fact = _facts(_doc(vocab, rows, ents)).get(name) or {}
    assert fact.get("place") == place


def test_title_before_a_possessive_belongs_to_the_possessor(vocab):
    # President Obama 's wife Michelle Obama said
    doc = _doc(vocab, [("President", 1, "compound", "NNP"), ("Obama", 3, "poss", "NNP"),
                       ("'s", 1, "case", "POS"), ("wife", 5, "compound", "NN"),
                       ("Michelle", 5, "compound", "NNP"), ("Obama", 6, "nsubj", "NNP"),
                       ("said", 6, "ROOT", "VBD")],
               ["O", "B-PERSON", "O", "O", "B-PERSON", "I-PERSON", "O"])
    facts = _facts(doc)
    assert facts["Obama"]["title"] == "President"
    assert "Michelle Obama" not in facts or facts["Michelle Obama"]["title"] is None


@pytest.mark.parametrize("rows,ents,name,title", [
    # Clinton asked campaign manager Robby Mook to stay  -> the verb is not part of the title
    ([("asked", 3, "amod", "VBD"), ("campaign", 2, "compound", "NN"), ("manager", 3, "compound", "NN"),
      ("Robby", 4, "compound", "NNP"), ("Mook", 5, "nsubj", "NNP"), ("stayed", 5, "ROOT", "VBD")],
     ["O", "O", "O", "B-PERSON", "I-PERSON", "O"], "Robby Mook", "campaign manager"),
    # a 30 - year psychologist Anna Berg said
    ([("a", 4, "det", "DT"), ("30", 3, "nummod", "CD"), ("-", 3, "punct", "HYPH"),
      ("year", 4, "compound", "NN"), ("psychologist", 6, "compound", "NN"), ("Anna", 6, "compound", "NNP"),
      ("Berg", 7, "nsubj", "NNP"), ("said", 7, "ROOT", "VBD")],
     ["O", "O", "O", "O", "O", "B-PERSON", "I-PERSON", "O"], "Anna Berg", "psychologist"),
    # junior Tom Hale said -> not a title
    ([("junior", 2, "compound", "NN"), ("Tom", 2, "compound", "NNP"), ("Hale", 3, "nsubj", "NNP"),
      ("said", 3, "ROOT", "VBD")], ["O", "B-PERSON", "I-PERSON", "O"], "Tom Hale", None),
    # both Governor Tove Lind and ... -> "both" (tagged CC by the parser) is not part of the title
    ([("both", 2, "preconj", "CC"), ("Governor", 2, "compound", "NNP"), ("Tove", 3, "compound", "NNP"),
      ("Lind", 4, "nsubj", "NNP"), ("spoke", 4, "ROOT", "VBD")],
     ["O", "O", "B-PERSON", "I-PERSON", "O"], "Tove Lind", "Governor"),
    # Senator Ada Moe disavowed -> the verb after the title is not part of it
    ([("Senator", 2, "compound", "NNP"), ("disavowed", 0, "amod", "VBN"), ("Ada", 3, "compound", "NNP"),
      ("Moe", 4, "nsubj", "NNP"), ("spoke", 4, "ROOT", "VBD")],
     ["O", "O", "B-PERSON", "I-PERSON", "O"], "Ada Moe", "Senator"),
    # markup glued before a title: author="x" candidate Ivo Lund -> no title from markup
    ([('author="x', 2, "compound", "NN"), ("candidate", 2, "compound", "NN"), ("Ivo", 3, "compound", "NNP"),
      ("Lund", 4, "nsubj", "NNP"), ("spoke", 4, "ROOT", "VBD")],
     ["O", "O", "B-PERSON", "I-PERSON", "O"], "Ivo Lund", None),
])
def test_roles_drop_fragments_that_are_not_titles(vocab, rows, ents, name, title):
    fact = _facts(_doc(vocab, rows, ents)).get(name) or {}
    assert fact.get("title") == title


# --------------------------------------------------------------------------------------------
# evaluate: speaker identity score
# --------------------------------------------------------------------------------------------


def _item(gold, pred_id, pred=None):
    return IdentityItem("d", gold, "PERSON", pred_id, pred or gold, "PERSON")


def test_identity_scores_perfect_split_and_lumped():
    perfect = identity_scores([_item("A", "a"), _item("A", "a"), _item("B", "b")])
    assert (perfect["b3_p"], perfect["b3_r"], perfect["name_accuracy"]) == (1.0, 1.0, 1.0)
    split = identity_scores([_item("A", "a"), _item("A", "a2", "A2")])
    assert split["b3_p"] == 1.0 and split["b3_r"] == 0.5 and split["name_accuracy"] == 0.5
    lumped = identity_scores([_item("A", "x", "A"), _item("B", "x", "A")])
    assert lumped["b3_p"] == 0.5 and lumped["b3_r"] == 1.0 and lumped["name_accuracy"] == 0.5
    unresolved = identity_scores([_item("A", ""), _item("A", "")])
    assert unresolved["b3_r"] == 0.5  # an unresolved speaker is a cluster of its own


def test_identity_gold_file_and_score(tmp_path):
    text = "Clara Voss said the plan works. Voss said it again. Ola Berg said no."
    gold = GoldDoc("d1", text, [
        GoldAttribution(((0, 10),), ((11, 15),), ((16, 30),)),
        GoldAttribution(((32, 36),), ((37, 41),), ((42, 50),)),
        GoldAttribution(((52, 60),), ((61, 65),), ((66, 68),))])
    tsv = tmp_path / "identity.tsv"
    tsv.write_text("# our gold\ndoc_id\tstart\tend\tname\ttype\n"
                   "d1\t0\t10\tClara Voss\tPERSON\nd1\t32\t36\tClara Voss\tPERSON\n"
                   "d1\t52\t60\tOla Berg\tPERSON\n", encoding="utf-8")
    identity = read_identity_gold(tsv)
    preds = {"d1": [
        Prediction(((16, 30),), (0, 10), actor_id="person:clara-voss", actor="Clara Voss", actor_type="PERSON"),
        Prediction(((42, 50),), (32, 36), actor_id="person:voss", actor="Voss", actor_type="PERSON"),
        Prediction(((66, 68),), (52, 60), actor_id="person:ola-berg", actor="Ola Berg", actor_type="ORG")]}
    report = score([gold], preds, identity=identity)
    sc = report.identity_scores()
    assert report.identity_gold == 3 and sc["statements"] == 3
    assert sc["name_accuracy"] == round(2 / 3, 4) and sc["type_accuracy"] == round(2 / 3, 4)
    assert sc["b3_p"] == 1.0 and sc["b3_r"] == round((0.5 + 0.5 + 1) / 3, 4)
    assert report.identity_scores(2)["statements"] == 0  # every actor is in one article only
    assert report.as_dict()["identity"]["all"]["statements"] == 3


def test_identity_gold_bad_line_names_the_file(tmp_path):
    bad = tmp_path / "bad.tsv"
    bad.write_text("d1\tx\t4\tName\tPERSON\n", encoding="utf-8")
    with pytest.raises(GoldError, match="bad.tsv:1"):
        read_identity_gold(bad)


# --------------------------------------------------------------------------------------------
# our own articles: identity across articles through the real pipeline
# --------------------------------------------------------------------------------------------

_DATA = __import__("pathlib").Path(__file__).parent / "data"


@pytest.mark.model
def test_identity_on_our_annotated_articles():
    """The annotated articles plus a follow-up that names its speakers by surname only (one
    after a dateline, which the NER reads as an organisation): every speaker is the actor of
    the gold (``speaker``/``speaker_type``), across articles."""
    from pipeline.actors import LABEL_OF_KIND
    from pipeline.evaluate import read_gold_jsonl
    from pipeline.run.finalize import identify_actors
    from pipeline.nlp import load_nlp
    from pipeline.process import process_articles
    from pipeline.records import Article

    docs = read_gold_jsonl(_DATA / "annotated" / "gold.jsonl") \
        + read_gold_jsonl(_DATA / "identity" / "followup" / "gold.jsonl")
    rels, ents = [], []
    for res in process_articles(load_nlp(), [Article(doc_id=d.doc_id, text=d.text) for d in docs]):
        rels += res.relations
        ents += res.entities
    rels, _, actors = identify_actors(rels, ents)
    types = {k: LABEL_OF_KIND[a.type] for k, a in actors.items()}
    preds: dict = {d.doc_id: [] for d in docs}
    for r in rels:
        preds[r.doc_id].append(Prediction.from_relation(r, types=types))
    report = score(docs, preds)
    named = sum(1 for d in docs for a in d.attributions if a.speaker)
    assert report.identity_gold == named
    for sc in (report.identity_scores(1), report.identity_scores(2)):
        assert sc["statements"] > 0
        assert (sc["name_accuracy"], sc["type_accuracy"], sc["b3_f1"]) == (1.0, 1.0, 1.0), sc


@pytest.mark.model
def test_possessor_keeps_its_own_title_and_name():
    """"President Obama's wife Michelle Obama": the title is Obama's, and the possessor is
    not resolved to the full name its noun phrase goes on to introduce."""
    import pipeline

    _, ents = pipeline.extract(["President Obama's wife Michelle Obama thanked the volunteers "
                                "on Monday, her office said."])
    by_text = {e.text: e for e in ents}
    assert by_text["Michelle Obama"].role is None
    assert by_text["Obama"].name == "Obama" and by_text["Obama"].role == "President"


# --------------------------------------------------------------------------------------------
# the PolNeAR dev identity gold
# --------------------------------------------------------------------------------------------

_IDENTITY_TSV = _DATA / "identity" / "polnear_dev_identity.tsv"




@pytest.mark.skipif(polnear_dev() is None, reason="PolNeAR is not here (set ACTORGRAPH_POLNEAR)")
def test_identity_gold_lines_up_with_polnear_sources():
    from pipeline.evaluate import read_brat

    identity = read_identity_gold(_IDENTITY_TSV)
    sources = {(d.doc_id, min(s for s, _ in a.source), max(e for _, e in a.source))
               for d in read_brat(polnear_dev()) for a in d.attributions if a.source}
    rows = [(doc, s, e) for doc, spans in identity.items() for (s, e) in spans]
    assert len(rows) > 1100  # distinct spans; a span sourcing several statements counts once
    assert all(r in sources for r in rows)
    types = {a.type for spans in identity.values() for a in spans.values()}
    assert types <= {"PERSON", "ORG", "GPE", "NORP", "LOC", "FAC"}


def test_identity_gold_audit_rows_are_gold_rows():
    """The random audit (polnear_dev_audit.tsv) read spans of this gold: each is still a gold
    span, and a span read as right still has the name it was read with."""
    identity = read_identity_gold(_IDENTITY_TSV)
    rows = [line.rstrip("\n").split("\t") for line in
            (_DATA / "identity" / "polnear_dev_audit.tsv").read_text(encoding="utf-8").splitlines()
            if line and not line.startswith(("#", "sample\t"))]
    assert len([r for r in rows if r[0] == "agreement"]) == 60
    assert len([r for r in rows if r[0] == "fix-recheck"]) == 30
    for sample, doc, start, end, name, typ, verdict in rows:
        actor = identity[doc][(int(start), int(end))]
        assert (actor.name, actor.type) == (name, typ), (doc, start)


@pytest.mark.model
@pytest.mark.slow
@pytest.mark.skipif(polnear_dev() is None, reason="PolNeAR is not here (set ACTORGRAPH_POLNEAR)")
def test_polnear_dev_speaker_identity_does_not_regress():
    """Measured at name accuracy 0.947 and B-cubed F1 0.980 (actors in 2+ articles: 0.971 /
    0.982) on the audited gold (person-first rule on every span, 30 fixes re-checked, 60
    agreements read); 0.900 / 0.940 on the first gold, 0.748 / 0.844 before issue 8; the
    targets of issue 8 are 0.85 / 0.95. Issue 9's sixth round matches 965 statements (953
    before), the added ones with harder speakers ("She" after two women): 0.939 / 0.968
    (2+ articles: 0.959 / 0.969)."""
    from pipeline.evaluate import evaluate

    report = evaluate(polnear_dev(), identity=_IDENTITY_TSV)
    sc, two = report.identity_scores(1), report.identity_scores(2)
    assert sc["statements"] >= 850
    assert sc["name_accuracy"] >= 0.935 and sc["b3_f1"] >= 0.965
    assert two["name_accuracy"] >= 0.955 and two["b3_f1"] >= 0.965
    assert report.metrics["content"].f1 >= 0.72 and report.metrics["attribution"].f1 >= 0.67


@pytest.mark.model
def test_gendered_honorific_does_not_take_a_full_name_of_the_other_gender():
    import pipeline

    _, ents = pipeline.extract(["Michelle Obama spoke first. Later Mr. Obama said the plan would "
                                "work. Bill Clinton and Hillary Clinton came. Mrs. Clinton said "
                                "it was late."])
    names = [(e.text, e.name) for e in ents if e.label == "PERSON"]
    assert ("Obama", "Obama") in names  # not Michelle Obama: Mr.
    assert ("Clinton", "Hillary Clinton") in names  # the nearest is Hillary, and Mrs. agrees


# round 3: in-article surnames, party members, adjective groups, quantities, cut-off orgs
# --------------------------------------------------------------------------------------------


def test_surname_means_the_person_its_article_names():
    # "Varga" is the surname of two persons of the run, none dominant run-wide: each article
    # that names one of them reads "Varga" as that one; an article naming neither keeps it
    rows = [("a1", "Imre Varga", "PERSON", 3), ("a1", "Varga", "ORG", 4),
            ("a2", "Lena Varga", "PERSON", 2), ("a2", "Varga", "PERSON", 3),
            ("a3", "Varga", "PERSON", 1)]
    table = _index(rows).resolve()
    assert table.id_of("org:varga") == "org:varga"  # run-wide: balanced, kept apart
    assert table.id_of("person:varga") == "person:varga"
    assert table.id_of("org:varga", "a1") == "person:imre-varga"
    assert table.id_of("person:varga", "a2") == "person:lena-varga"
    assert table.id_of("person:varga", "a3") == "person:varga"
    merge = next(m for m in table.actors["person:imre-varga"].merges if m["key"] == "org:varga")
    assert merge["rule"] == "in article"
    assert "Varga" in table.actors["person:imre-varga"].aliases


def test_surname_of_two_persons_in_one_article_stays_apart():
    rows = [("a1", "Imre Varga", "PERSON", 2), ("a1", "Lena Varga", "PERSON", 2),
            ("a1", "Varga", "PERSON", 3), ("a2", "Lena Varga", "PERSON", 2)]
    table = _index(rows).resolve()
    assert table.id_of("person:varga", "a1") == table.id_of("person:varga") == "person:varga"


def test_in_article_reading_reaches_the_output_records():
    from pipeline.run.finalize import identify_actors

    def rel(doc, name, label):
        return {"doc_id": doc, "speaker": {"name": name, "label": label, "mention": name,
                                           "start": 0, "end": len(name), "resolved": True},
                "cue": {"text": "said", "lemma": "say", "start": 20, "end": 24},
                "content": "that the bridge would open", "content_start": 25,
                "content_end": 50, "kind": "indirect"}
    rels = [rel("a1", "Imre Varga", "PERSON"), rel("a1", "Varga", "ORG"),
            rel("a1", "Varga", "ORG"), rel("a1", "Varga", "ORG"),
            rel("a2", "Lena Varga", "PERSON"), rel("a2", "Varga", "PERSON"),
            rel("a3", "Varga", "PERSON")]
    out, _, actors = identify_actors(rels)
    assert [r.speaker.actor_id for r in out[:4]] == ["person:imre-varga"] * 4
    assert out[5].speaker.actor_id == "person:lena-varga"
    assert actors["person:imre-varga"].statements == 4


def test_party_members_and_the_party_are_one_actor():
    rows = [("d1", "Republicans", "NORP", 5), ("d1", "Republican", "NORP", 2),
            ("d2", "GOP", "ORG", 2), ("d3", "Democrats", "NORP", 3),
            ("d3", "Democratic Party", "ORG", 1), ("d4", "Kurdistan Democratic Party", "ORG", 2)]
    table = _index(rows).resolve()
    assert _ids(table, "Republicans", "Republican", label="NORP") == ["group:republicans"] * 2
    assert _ids(table, "GOP", label="ORG") == ["group:republicans"]
    assert table.actors["group:republicans"].name == "Republicans"
    assert _ids(table, "Democratic Party", label="ORG") == ["group:democrats"]
    # another party whose name holds the adjective is not the group's party
    assert _ids(table, "Kurdistan Democratic Party", label="ORG") == \
        ["org:kurdistan-democratic-party"]


@pytest.mark.parametrize("forms,into,name", [
    (["African-Americans", "African-American"], "group:african-americans", "African-Americans"),
    (["Islamic", "Islam"], "group:islam", "Islam"),  # the adjective joins its noun
    (["Kurdish", "Kurds"], "group:kurds", "Kurds"),
])
def test_adjective_and_hyphenated_group_forms(forms, into, name):
    table = _index([("d1", f, "NORP", 3 - i) for i, f in enumerate(forms)]).resolve()
    assert set(_ids(table, *forms, label="NORP")) == {into}
    assert table.actors[into].name == name


def test_noun_tagged_org_joins_its_group_once_the_forms_are_counted():
    rows = [("d1", "Islamic", "NORP", 9), ("d1", "Islam", "NORP", 2), ("d2", "Islam", "ORG", 3)]
    table = _index(rows).resolve()
    assert _ids(table, "Islam", label="ORG") == ["group:islam"]
    assert table.actors["group:islam"].type == "group"
    assert table.actors["group:islam"].name == "Islam"


def test_adjective_group_without_its_noun_stays():
    table = _index([("d1", "Islamic", "NORP", 2), ("d1", "Islamists", "NORP", 1)]).resolve()
    assert _ids(table, "Islamic", "Islamists", label="NORP") == ["group:islamic", "group:islamists"]


@pytest.mark.parametrize("text,expected", [
    ("Patriot 13 percent", "Patriot"),  # a quantity the NER ran into
    ("Acme 5%", "Acme"),
    ("Northwind 2 million", "Northwind"),
    ("Channel 4", "Channel 4"),  # a number that is part of the name
    ("Channel 4 reporters", "Channel 4"),  # a number before an ordinary noun stays
])
def test_quantities_are_trimmed_off_org_names(text, expected):
    assert trim_name(text, "ORG") == expected


def test_group_cut_off_before_a_known_org_name_is_the_org(vocab):
    # fighters of the Islamic State attacked: the NER tagged "Islamic" alone
    rows = [("fighters", 5, "nsubj", "NNS"), ("of", 0, "prep", "IN"), ("the", 4, "det", "DT"),
            ("Islamic", 4, "amod", "NNP"), ("State", 1, "pobj", "NNP"), ("attacked", 5, "ROOT", "VBD")]
    fact = _facts(_doc(vocab, rows, ["O", "O", "O", "B-NORP", "O", "O"])).get("Islamic")
    assert fact is not None and fact["org"] == "Islamic State"
    # "Islamic scholars": no organisation's name follows
    rows = [("Islamic", 1, "amod", "JJ"), ("scholars", 2, "nsubj", "NNS"), ("met", 2, "ROOT", "VBD")]
    assert (_facts(_doc(vocab, rows, ["B-NORP", "O", "O"])).get("Islamic") or {}).get("org") is None


def test_place_spellings_that_differ_in_doubled_letters_or_the_article_merge():
    rows = [("d1", "Qasr al-Hamma", "FAC", 2), ("d2", "Qasr al-Hama", "FAC", 1),
            ("d3", "Qasr Hamma", "GPE", 1), ("d4", "Bakers Field", "FAC", 1)]
    table = _index(rows).resolve()
    assert set(_ids(table, "Qasr al-Hamma", "Qasr al-Hama", label="FAC")) == {"place:qasr-al-hamma"}
    assert _ids(table, "Qasr Hamma", label="GPE") == ["place:qasr-al-hamma"]
    merge = next(m for m in table.actors["place:qasr-al-hamma"].merges
                 if m["key"] == "place:qasr-al-hama")
    assert merge["rule"] == "transliteration"
    # organisations without the Arabic article keep apart ("Phillips" is not "Philips")
    table = _index([("d1", "Phillips Group", "ORG", 1), ("d2", "Philips Group", "ORG", 1)]).resolve()
    assert len(set(_ids(table, "Phillips Group", "Philips Group", label="ORG"))) == 2


@pytest.mark.parametrize("name,key", [
    ("Florida", "place:florida"),  # a US state, not GeoNames' alternate name of Floridablanca
    ("Irbil", "place:erbil"),  # a city's spellings still share one key
])
def test_region_names_are_not_city_alternate_names(name, key):
    assert normalize(name, "GPE").key == key


def test_in_article_surname_weighs_the_given_name_and_defers_to_a_run_wide_person():
    # the article names Keith Varga by full name, a shorter form and his given name, and
    # Rosa Varga once: "Varga" there is Keith
    rows = [("a1", "Keith Lamont Varga", "PERSON", 1), ("a1", "Lamont Varga", "PERSON", 1),
            ("a1", "Keith", "PERSON", 1), ("a1", "Rosa Varga", "PERSON", 1),
            ("a1", "Varga", "ORG", 6), ("a2", "Lena Varga", "PERSON", 3), ("a2", "Varga", "ORG", 2)]
    table = _index(rows).resolve()
    assert table.id_of("org:varga", "a1") == "person:keith-lamont-varga"
    # a surname the run gives to one dominant person keeps that reading in every article
    rows = [(f"d{i}", name, "PERSON", n) for i in range(5)
            for name, n in (("Donald Okafor", 4), ("Okafor", 6))]
    rows += [("x1", "Ada Okafor", "PERSON", 3), ("x1", "Okafor", "PERSON", 5)]
    table = _index(rows).resolve()
    assert table.id_of("person:okafor", "x1") == "person:donald-okafor"


def test_in_article_reading_ignores_names_resolved_from_pronouns():
    index = ActorIndex()
    index.observe("Rosa Varga", "PERSON", surface="Rosa Varga", doc_id="a1")
    for _ in range(4):
        index.observe("Rosa Varga", "PERSON", surface="she", doc_id="a1")  # resolved pronouns
    index.observe("Keith Varga", "PERSON", surface="Keith Varga", doc_id="a1")
    index.observe("Varga", "ORG", surface="Varga", doc_id="a1")
    table = index.resolve()
    assert table.id_of("org:varga", "a1") == "org:varga"  # 1 against 1: balanced


def test_middle_initials_keep_family_members_apart():
    rows = [(f"d{i}", "George W. Bush", "PERSON", 5) for i in range(4)]
    rows += [("x1", "George H.W. Bush", "PERSON", 1), ("x2", "George P. Bush", "PERSON", 1),
             ("x3", "George Bush", "PERSON", 1)]
    table = _index(rows).resolve()
    ids = _ids(table, "George W. Bush", "George H.W. Bush", "George P. Bush")
    assert len(set(ids)) == 3
    # an initial and the name it begins are one middle name: "Donald J. Trump" still joins
    rows = [(f"d{i}", "Donald Trump", "PERSON", 5) for i in range(4)]
    rows += [("x1", "Donald J. Trump", "PERSON", 1), ("x2", "Donald John Trump", "PERSON", 1)]
    table = _index(rows).resolve()
    assert set(_ids(table, "Donald J. Trump", "Donald John Trump")) == {"person:donald-trump"}
