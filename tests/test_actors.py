"""Actor names and identity: normalize(), cross-document merges, the aliases file, and the
actor-facts component (titles, affiliations, place phrases)."""

from __future__ import annotations

import pytest
import spacy
from spacy.tokens import Doc, DocBin

from pipeline.actors.names import country_code, normalize, strip_titles
from pipeline.actors.identity import ActorIndex, is_abbreviation, read_aliases, spelling_variants
from pipeline.actors.facts import actor_facts, facts_by_span


# --------------------------------------------------------------------------------------------
# normalize: context-free
# --------------------------------------------------------------------------------------------


@pytest.mark.parametrize("name,label,key,display", [
    ("Iraqi", "NORP", "country:IQ", "Iraq"),
    ("Iraqis", "NORP", "country:IQ", "Iraq"),
    ("Turkish", "NORP", "country:TR", "Turkey"),
    ("Türkiye", "GPE", "country:TR", "Turkey"),
    ("Turkiye", "GPE", "country:TR", "Turkey"),
    ("Turkey", "GPE", "country:TR", "Turkey"),
    ("American", "NORP", "country:US", "United States"),
    ("Americans", "NORP", "country:US", "United States"),
    ("US", "GPE", "country:US", "United States"),
    ("U.S.", "GPE", "country:US", "United States"),
    ("the United States", "GPE", "country:US", "United States"),
    ("the U.S.", "GPE", "country:US", "United States"),
    ("America", "GPE", "country:US", "United States"),
    ("Israelis", "NORP", "country:IL", "Israel"),
    ("Saudis", "NORP", "country:SA", "Saudi Arabia"),
    ("British", "NORP", "country:GB", "United Kingdom"),
    ("Britain", "GPE", "country:GB", "United Kingdom"),
    ("Georgia", "GPE", "country:GE", "Georgia"),  # the country, although a US state too
    ("the Iraqi government", "ORG", "country:IQ", "Iraq"),
    ("Iraq", "ORG", "country:IQ", "Iraq"),  # NER calls a country ORG now and then
    ("ISIS", "ORG", "org:islamic-state", "Islamic State"),
    ("ISIL", "GPE", "org:islamic-state", "Islamic State"),
    ("Daesh", "PERSON", "org:islamic-state", "Islamic State"),
    ("Islamic State", "ORG", "org:islamic-state", "Islamic State"),
    ("the ISIS group", "ORG", "org:islamic-state", "Islamic State"),
    ("IS", "ORG", "org:islamic-state", "Islamic State"),
    ("PKK", "ORG", "org:kurdistan-workers-party", "Kurdistan Workers' Party"),
    ("Kurdistan Workers’ Party", "ORG", "org:kurdistan-workers-party", "Kurdistan Workers' Party"),
    ("SDF", "ORG", "org:syrian-democratic-forces", "Syrian Democratic Forces"),
    ("EU", "ORG", "org:european-union", "European Union"),
    ("U.N.", "ORG", "org:united-nations", "United Nations"),
    ("CENTCOM", "ORG", "org:us-central-command", "US Central Command"),
    ("President Joe Biden", "PERSON", "person:joe-biden", "Joe Biden"),
    ("Mr. Tribe", "PERSON", "person:tribe", "Tribe"),
    ("Iraqi Foreign Minister Ibrahim al-Jaafari", "PERSON", "person:ibrahim-al-jaafari", "Ibrahim al-Jaafari"),
    ("Secretary of State Antony Blinken", "PERSON", "person:antony-blinken", "Antony Blinken"),
    ("Gen. Michael Kurilla", "PERSON", "person:michael-kurilla", "Michael Kurilla"),
    ("Italy's Foreign Minister Antonio Tajani", "PERSON", "person:antonio-tajani", "Antonio Tajani"),
    ("al-Araji's", "PERSON", "person:al-araji", "al-Araji"),
    ("Qasim  al\u2011Araji", "PERSON", "person:qasim-al-araji", "Qasim al-Araji"),
    ("“Ahmed”", "PERSON", "person:ahmed", "Ahmed"),
    ("Erdoğan", "PERSON", "person:erdogan", "Erdoğan"),
])
def test_normalize_merges_forms(name, label, key, display):
    norm = normalize(name, label)
    assert (norm.key, norm.name) == (key, display)
    # idempotent: finalize normalises the already normalised name again
    assert normalize(norm.name, label).key == key


@pytest.mark.parametrize("name,label,key", [
    ("Texas", "GPE", "place:texas"),  # countrynames maps it to US: must not merge
    ("New York", "GPE", "place:new-york"),
    ("Istanbul", "GPE", "place:istanbul"),
    ("England", "GPE", "place:england"),
    ("Iron", "GPE", "place:iron"),  # countrynames has "Iron" for Iran
    ("Kurdistan", "GPE", "place:kurdistan"),
    ("Kurdish", "NORP", "group:kurdish"),
    ("Americas", "LOC", "place:americas"),
    ("Washington", "GPE", "place:washington"),  # a capital stays a place without metonym
    ("Baghdad", "GPE", "place:baghdad"),
    ("Iraqi", "ORG", "org:iraqi"),  # a demonym alone is no organisation's name
    ("is", "ORG", "org:is"),  # short aliases match only as written in capitals
    ("King Abdullah", "PERSON", "person:king-abdullah"),  # royal titles are part of the name
    ("Said Ahmed", "PERSON", "person:said-ahmed"),
    ("Washington", "PERSON", "person:washington"),
])
def test_normalize_keeps_apart(name, label, key):
    assert normalize(name, label).key == key


@pytest.mark.parametrize("name,label,metonym,key", [
    ("Washington", "GPE", True, "country:US"),
    ("Moscow", "GPE", True, "country:RU"),
    ("Baghdad", "GPE", True, "country:IQ"),
    ("Baghdad", "GPE", False, "place:baghdad"),
    ("Texas", "GPE", True, "place:texas"),  # not a capital
    ("Washington", "PERSON", True, "person:washington"),  # only places are metonyms
])
def test_capitals_are_countries_only_as_actors(name, label, metonym, key):
    assert normalize(name, label, metonym=metonym).key == key


def test_country_code_is_not_fooled_by_iso_codes():
    assert country_code("IT") is None and country_code("ID") is None
    assert country_code("UAE") == "AE" and country_code("UK") == "GB"


@pytest.mark.parametrize("name,expected", [
    ("National Security Advisor Qasim al-Araji", "Qasim al-Araji"),
    ("US CENTCOM Commander Gen. Michael Kurilla", "Michael Kurilla"),
    ("Grand Ayatollah Ali al-Sistani", "Ali al-Sistani"),
    ("Deputy Prime Minister Fuad Hussein", "Fuad Hussein"),
    ("Prince Harry", "Prince Harry"),
    ("Foreign Minister", "Foreign Minister"),  # nothing left but the title: keep it
    ("Major", "Major"),
])
def test_strip_titles(name, expected):
    assert strip_titles(name) == expected


@pytest.mark.parametrize("short,long,ok", [
    ("SDF", "Syrian Democratic Forces", True),
    ("KRG", "Kurdistan Regional Government", True),
    ("CENTCOM", "US Central Command", True),
    ("JOC", "Joint Operations Command", True),
    ("PMF", "Syrian Democratic Forces", False),
    ("IQ", "Ali", False),
])
def test_is_abbreviation(short, long, ok):
    assert is_abbreviation(short, long) is ok


# --------------------------------------------------------------------------------------------
# identity across documents
# --------------------------------------------------------------------------------------------


def _index(*names: tuple[str, str]) -> ActorIndex:
    index = ActorIndex()
    for name, label in names:
        index.observe(name, label, surface=name)
    return index


def test_two_people_sharing_a_surname_stay_apart():
    table = _index(("Rebar Ahmed", "PERSON"), ("Ahmed Hassan", "PERSON"), ("Sara Ahmed", "PERSON"),
                   ("Ahmed", "PERSON")).resolve()
    ids = {table.id_of(normalize(n, "PERSON").key) for n in ("Rebar Ahmed", "Sara Ahmed", "Ahmed", "Ahmed Hassan")}
    assert len(ids) == 4


def test_bare_first_name_does_not_swallow():
    # "Ahmed" is the surname of Rebar Ahmed but also the given name of Ahmed Hassan: ambiguous
    table = _index(("Rebar Ahmed", "PERSON"), ("Ahmed Hassan", "PERSON"), ("Ahmed", "PERSON")).resolve()
    assert table.id_of("person:ahmed") == "person:ahmed"
    # with one full name only, the surname joins it, and says why
    table = _index(("Rebar Ahmed", "PERSON"), ("Ahmed", "PERSON")).resolve()
    assert table.id_of("person:ahmed") == "person:rebar-ahmed"
    merge = table.actors["person:rebar-ahmed"].merges[0]
    assert merge["rule"] == "surname" and merge["key"] == "person:ahmed"


def test_surname_joins_the_only_full_name():
    table = _index(("Qasim al-Araji", "PERSON"), ("al-Araji", "PERSON"), ("Fuad Hussein", "PERSON")).resolve()
    assert table.id_of("person:al-araji") == "person:qasim-al-araji"
    assert "al-Araji" in table.actors["person:qasim-al-araji"].aliases
    assert table.id_of("person:fuad-hussein") == "person:fuad-hussein"


def test_transliteration_variants_merge_under_a_strict_threshold():
    index = _index(("Qasim al-Araji", "PERSON"), ("Qasim al-Araji", "PERSON"), ("Qassim al-Araji", "PERSON"),
                   ("al-Araji", "PERSON"))
    table = index.resolve()
    actor_id = table.id_of("person:qassim-al-araji")
    assert actor_id == "person:qasim-al-araji"  # the more frequent spelling names the actor
    assert table.id_of("person:al-araji") == actor_id  # then the surname has one candidate
    assert any(m["rule"] == "transliteration" for m in table.actors[actor_id].merges)


@pytest.mark.parametrize("a,b", [
    ("Maria Lopez", "Mario Lopez"),  # 80%: different people
    ("Daniel Cohen", "Danielle Cohen"),
    ("John Smith", "Joan Smith"),
    ("Qasim al-Araji", "Qasim al-Amiri"),  # different surnames never merge
    ("Ivana Petrova", "Ivanka Petrova"),  # 91% alike, but a consonant more: two given names
    ("Michele Rossi", "Michelle Rossi"),  # vowels and doubling only, but both census given names
])
def test_transliteration_keeps_different_people_apart(a, b):
    table = _index((a, "PERSON"), (b, "PERSON")).resolve()
    assert table.id_of(normalize(a, "PERSON").key) != table.id_of(normalize(b, "PERSON").key)


@pytest.mark.parametrize("a,b,same", [
    ("qasim", "qassim", True), ("qassem", "qasim", True), ("mohammed", "muhammad", True),
    ("yusuf", "youssef", True), ("ivana", "ivanka", False), ("michelle", "michele", False),
    ("daniel", "danielle", False), ("maria", "mario", False),
])
def test_spelling_variants_are_vowels_and_doubling_of_one_name(a, b, same):
    assert spelling_variants(a, b) is same


def test_contained_name_and_same_words():
    table = _index(("Michael Erik Kurilla", "PERSON"), ("Michael Kurilla", "PERSON"),
                   ("Bashar al-Assad", "PERSON"), ("Bashar Assad", "PERSON"), ("Bashar al-Assad", "PERSON")).resolve()
    assert table.id_of("person:michael-kurilla") == "person:michael-erik-kurilla"
    assert table.id_of("person:bashar-assad") == "person:bashar-al-assad"


def test_contained_name_with_two_candidates_stays():
    table = _index(("Ali Naama al-Bandawi", "PERSON"), ("Hassan Naama al-Bandawi", "PERSON"),
                   ("Naama al-Bandawi", "PERSON")).resolve()
    assert table.id_of("person:naama-al-bandawi") == "person:naama-al-bandawi"


def test_countries_and_orgs_merge_by_normalisation():
    index = _index(("Turkish", "NORP"), ("Türkiye", "GPE"), ("Turkey", "GPE"), ("ISIS", "ORG"),
                   ("Daesh", "ORG"), ("Islamic State", "ORG"))
    table = index.resolve()
    assert len(table.actors) == 2
    turkey = table.actors["country:TR"]
    assert turkey.type == "country" and {"Turkish", "Türkiye"} <= set(turkey.aliases)
    assert {"ISIS", "Daesh"} <= set(table.actors["org:islamic-state"].aliases)


def test_abbreviation_learned_from_the_text():
    index = _index(("Iraqi Joint Operations Command", "ORG"), ("JOC", "ORG"))
    assert index.learn_abbreviation("Iraqi Joint Operations Command", "ORG", "JOC")
    table = index.resolve()
    assert table.id_of("org:joc") == "org:iraqi-joint-operations-command"
    assert table.actors["org:iraqi-joint-operations-command"].merges[0]["rule"] == "abbreviation"


def test_ambiguous_abbreviation_is_not_learned():
    index = _index(("Joint Operations Command", "ORG"), ("Justice and Order Council", "ORG"), ("JOC", "ORG"))
    index.learn_abbreviation("Joint Operations Command", "ORG", "JOC")
    index.learn_abbreviation("Justice and Order Council", "ORG", "JOC")
    assert not index.learn_abbreviation("Iraq", "GPE", "IQ")  # never a country or a person
    assert index.resolve().id_of("org:joc") == "org:joc"


def test_label_vote_joins_a_misread_type():
    # (a name whose shape alone says person, "Nadia Karim", is typed by normalize already)
    index = _index(("Mazloum Abdi", "PERSON"), ("Mazloum Abdi", "PERSON"), ("Mazloum Abdi", "ORG"))
    table = index.resolve()
    assert table.id_of("org:mazloum-abdi") == "person:mazloum-abdi"
    assert table.actors["person:mazloum-abdi"].type == "person"


def test_roles_and_affiliation_are_collected():
    index = ActorIndex()
    index.observe("Qasim al-Araji", "PERSON", role="Interior Minister", affiliation="Iraq")
    index.observe("Qasim al-Araji", "PERSON", role="National Security Advisor", affiliation="Iraq")
    index.observe("Qasim al-Araji", "PERSON", role="interior minister")
    index.observe("Iraq", "GPE")
    actor = index.resolve().actors["person:qasim-al-araji"]
    assert actor.roles == ["Interior Minister", "National Security Advisor"]
    assert (actor.affiliation, actor.affiliation_id) == ("Iraq", "country:IQ")


def test_aliases_file_pins_and_forbids(tmp_path):
    path = tmp_path / "aliases.txt"
    path.write_text(
        "# pins and forbids\n"
        "Abu Mohammed al-Jolani = Ahmed al-Sharaa | al-Sharaa   # the same man\n"
        "Rebar Ahmed != Ahmed\n"
        "this line is wrong\n", encoding="utf-8")
    rules = read_aliases(path)
    assert len(rules.pins) == 1 and len(rules.forbids) == 1
    assert rules.errors and ":4:" in rules.errors[0]
    index = _index(("Abu Mohammed al-Jolani", "PERSON"), ("Ahmed al-Sharaa", "PERSON"), ("al-Sharaa", "PERSON"),
                   ("Rebar Ahmed", "PERSON"), ("Ahmed", "PERSON"))
    table = index.resolve(rules)
    jolani = table.id_of("person:abu-mohammed-al-jolani")
    assert jolani == "person:abu-mohammed-al-jolani"
    assert table.id_of("person:ahmed-al-sharaa") == jolani == table.id_of("person:al-sharaa")
    assert table.actors[jolani].name == "Abu Mohammed al-Jolani"
    assert any(m["rule"] == "pinned" for m in table.actors[jolani].merges)
    # without the forbid, the surname rule would have merged them
    assert table.id_of("person:ahmed") == "person:ahmed"
    assert _index(("Rebar Ahmed", "PERSON"), ("Ahmed", "PERSON")).resolve().id_of("person:ahmed") != "person:ahmed"


def test_pin_with_a_new_canonical_name(tmp_path):
    path = tmp_path / "aliases.txt"
    path.write_text("Qasim al-Araji = Qassim al-Aaraji\n", encoding="utf-8")
    table = _index(("Qassim al-Aaraji", "PERSON")).resolve(read_aliases(path))
    assert "person:qasim-al-araji" in table.actors
    assert table.id_of("person:qassim-al-aaraji") == "person:qasim-al-araji"


def test_forbid_wins_over_pin(tmp_path):
    path = tmp_path / "aliases.txt"
    path.write_text("A Person != B Person\nA Person = B Person\n", encoding="utf-8")
    table = _index(("A Person", "PERSON"), ("B Person", "PERSON")).resolve(read_aliases(path))
    assert table.id_of("person:a-person") != table.id_of("person:b-person")
    assert any("conflicts with a forbid" in e for e in table.errors)


def test_resolve_is_deterministic():
    names = [("Qasim al-Araji", "PERSON"), ("al-Araji", "PERSON"), ("Qassim al-Araji", "PERSON"),
             ("Turkish", "NORP"), ("ISIS", "ORG"), ("Rebar Ahmed", "PERSON"), ("Ahmed", "PERSON")]
    first = [a.to_dict() for a in _index(*names).resolve().actors.values()]
    second = [a.to_dict() for a in _index(*reversed(names)).resolve().actors.values()]
    key = lambda d: d["id"]  # noqa: E731
    assert sorted(first, key=key) == sorted(second, key=key)


# --------------------------------------------------------------------------------------------
# actor facts: hand-built Docs
# --------------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def vocab():
    return spacy.blank("en").vocab


def _doc(vocab, rows, ents):
    words = [r[0] for r in rows]
    return Doc(vocab, words=words, heads=[r[1] for r in rows], deps=[r[2] for r in rows],
               tags=[r[3] for r in rows], ents=ents)


def _facts(doc):
    return {doc.text[f["start"]:f["end"]]: f for f in actor_facts(doc)}


def test_facts_premodifier_title_and_demonym(vocab):
    # Iraqi Interior Minister Qasim al-Araji said .
    doc = _doc(vocab, [("Iraqi", 4, "amod", "JJ"), ("Interior", 2, "compound", "NNP"),
                       ("Minister", 4, "compound", "NNP"), ("Qasim", 4, "compound", "NNP"),
                       ("al-Araji", 5, "nsubj", "NNP"), ("said", 5, "ROOT", "VBD"), (".", 5, "punct", ".")],
               ["B-NORP", "O", "O", "B-PERSON", "I-PERSON", "O", "O"])
    f = _facts(doc)["Qasim al-Araji"]
    assert (f["title"], f["affiliation"], f["affiliation_label"]) == ("Interior Minister", "Iraq", "GPE")


def test_facts_possessive_country(vocab):
    # Italy 's Foreign Minister Antonio Tajani spoke
    doc = _doc(vocab, [("Italy", 3, "poss", "NNP"), ("'s", 0, "case", "POS"), ("Foreign", 3, "compound", "NNP"),
                       ("Minister", 5, "compound", "NNP"), ("Antonio", 5, "compound", "NNP"),
                       ("Tajani", 6, "nsubj", "NNP"), ("spoke", 6, "ROOT", "VBD")],
               ["B-GPE", "O", "O", "O", "B-PERSON", "I-PERSON", "O"])
    f = _facts(doc)["Antonio Tajani"]
    assert (f["title"], f["affiliation"]) == ("Foreign Minister", "Italy")


def test_facts_apposition_with_organisation(vocab):
    # Mazloum Abdi , commander of the Syrian Democratic Forces , warned
    doc = _doc(vocab, [("Mazloum", 1, "compound", "NNP"), ("Abdi", 10, "nsubj", "NNP"), (",", 1, "punct", ","),
                       ("commander", 1, "appos", "NN"), ("of", 3, "prep", "IN"), ("the", 8, "det", "DT"),
                       ("Syrian", 8, "compound", "NNP"), ("Democratic", 8, "compound", "NNP"),
                       ("Forces", 4, "pobj", "NNPS"), (",", 1, "punct", ","), ("warned", 10, "ROOT", "VBD")],
               ["B-PERSON", "I-PERSON", "O", "O", "O", "O", "B-ORG", "I-ORG", "I-ORG", "O", "O"])
    f = _facts(doc)["Mazloum Abdi"]
    assert (f["title"], f["affiliation"], f["affiliation_label"]) == ("commander", "Syrian Democratic Forces", "ORG")


def test_facts_apposition_lowercase_role_and_place(vocab):
    # Nadia Karim , a defense analyst in Baghdad , said
    doc = _doc(vocab, [("Nadia", 1, "compound", "NNP"), ("Karim", 9, "nsubj", "NNP"), (",", 1, "punct", ","),
                       ("a", 5, "det", "DT"), ("defense", 5, "compound", "NN"), ("analyst", 1, "appos", "NN"),
                       ("in", 5, "prep", "IN"), ("Baghdad", 6, "pobj", "NNP"), (",", 1, "punct", ","),
                       ("said", 9, "ROOT", "VBD")],
               ["B-PERSON", "I-PERSON", "O", "O", "O", "O", "O", "B-GPE", "O", "O"])
    facts = _facts(doc)
    assert (facts["Nadia Karim"]["title"], facts["Nadia Karim"]["affiliation"]) == ("defense analyst", None)
    assert facts["Baghdad"]["locative"] is True  # "in Baghdad" is a place, not an affiliation


@pytest.mark.parametrize("rows,ents,name", [
    # Joe Biden , 81 , said  -> a number is no title
    ([("Joe", 1, "compound", "NNP"), ("Biden", 5, "nsubj", "NNP"), (",", 1, "punct", ","),
      ("81", 1, "appos", "CD"), (",", 1, "punct", ","), ("said", 5, "ROOT", "VBD")],
     ["B-PERSON", "I-PERSON", "O", "O", "O", "O"], "Joe Biden"),
    # On Tuesday Joe Biden said -> a date before the name is no title
    ([("Tuesday", 1, "npadvmod", "NNP"), ("Joe", 2, "compound", "NNP"), ("Biden", 3, "nsubj", "NNP"),
      ("said", 3, "ROOT", "VBD")],
     ["B-DATE", "B-PERSON", "I-PERSON", "O"], "Joe Biden"),
])
def test_facts_negative_cases(vocab, rows, ents, name):
    doc = _doc(vocab, rows, ents)
    assert name not in _facts(doc)


def test_facts_locative_vs_actor(vocab):
    # Washington rejected claims , while officials in Moscow welcomed them
    doc = _doc(vocab, [("Washington", 1, "nsubj", "NNP"), ("rejected", 1, "ROOT", "VBD"), ("claims", 1, "dobj", "NNS"),
                       (",", 1, "punct", ","), ("while", 8, "mark", "IN"), ("officials", 8, "nsubj", "NNS"),
                       ("in", 5, "prep", "IN"), ("Moscow", 6, "pobj", "NNP"), ("welcomed", 1, "advcl", "VBD"),
                       ("them", 8, "dobj", "PRP")],
               ["B-GPE", "O", "O", "O", "O", "O", "O", "B-GPE", "O", "O"])
    facts = _facts(doc)
    assert facts["Washington"]["locative"] is False
    assert facts["Moscow"]["locative"] is True
    assert facts_by_span(doc) == {}  # the component did not run on this Doc: nothing to look up


def test_component_stores_plain_data_that_survives_docbin(vocab):
    nlp = spacy.blank("en")
    nlp.add_pipe("actorgraph_actor_facts")
    doc = _doc(nlp.vocab, [("Iraqi", 4, "amod", "JJ"), ("Interior", 2, "compound", "NNP"),
                           ("Minister", 4, "compound", "NNP"), ("Qasim", 4, "compound", "NNP"),
                           ("al-Araji", 5, "nsubj", "NNP"), ("said", 5, "ROOT", "VBD")],
               ["B-NORP", "O", "O", "B-PERSON", "I-PERSON", "O"])
    doc = nlp.get_pipe("actorgraph_actor_facts")(doc)
    box = DocBin(store_user_data=True, docs=[doc])
    back = list(DocBin(store_user_data=True).from_bytes(box.to_bytes()).get_docs(nlp.vocab))[0]
    assert list(back._.actor_facts) == doc._.actor_facts  # msgpack gives a tuple back
    assert facts_by_span(back)[(24, 38)]["title"] == "Interior Minister"


# --------------------------------------------------------------------------------------------
# actor facts on the real model (one load per module)
# --------------------------------------------------------------------------------------------



@pytest.mark.model
@pytest.mark.parametrize("text,person,title,affiliation", [
    ("Iraqi Interior Minister Qasim al-Araji said the border was secure.", "Qasim al-Araji",
     "Interior Minister", "Iraq"),
    ("Italy's Foreign Minister Antonio Tajani spoke to reporters.", "Antonio Tajani", "Foreign Minister", "Italy"),
    ("Security expert Sarmad al-Bayati said the plan would hold.", "Sarmad al-Bayati", "Security expert", None),
    ("Mazloum Abdi, commander of the Syrian Democratic Forces, warned of attacks.", "Mazloum Abdi",
     "commander", "Syrian Democratic Forces"),
    ("US CENTCOM Commander Gen. Michael Kurilla visited the base.", "Michael Kurilla", "Commander",
     "US Central Command"),
])
def test_facts_on_model(nlp, text, person, title, affiliation):
    doc = nlp(text)
    facts = {doc.text[f["start"]:f["end"]]: f for f in doc._.actor_facts}
    assert facts[person]["title"] == title
    assert facts[person]["affiliation"] == affiliation


@pytest.mark.model
def test_process_uses_facts_for_capitals_and_roles(nlp):
    import pipeline

    rels, ents = pipeline.extract(
        ["Iraqi Interior Minister Qasim al-Araji said Washington supports Baghdad. "
         "Officials in Baghdad welcomed the plan."], nlp=nlp)
    by_text = {(e.text, e.start): e for e in ents}
    araji = next(e for e in ents if e.label == "PERSON")
    assert (araji.role, araji.affiliation) == ("Interior Minister", "Iraq")
    bag = sorted((e for e in ents if e.text == "Baghdad"), key=lambda e: e.start)
    assert [e.name for e in bag] == ["Iraq", "Baghdad"]  # actor, then place phrase
    assert any(e.name == "United States" for (t, _), e in by_text.items() if t == "Washington")


def test_same_sentence_answers_as_span_sent():
    """person_title's test that a prefix token shares the mention's sentence, made from the
    sentence starts once per Doc, answers as comparing the two ``.sent`` Spans, also for a
    mention across a sentence start and without sentence annotation."""
    from spacy.tokens import Doc, Span
    from spacy.vocab import Vocab

    from pipeline.actors.facts import _same_sentence, _sentence_starts

    words = "Yesterday the envoy Mara Quell left . Then deputy minister Ode Varr spoke".split()
    starts = [True] + [False] * 5 + [False, True] + [False] * 5
    doc = Doc(Vocab(), words=words, sent_starts=starts)
    doc.ents = [Span(doc, 3, 5, "PERSON"), Span(doc, 5, 8, "ORG"), Span(doc, 10, 12, "PERSON")]
    assert _sentence_starts(doc) == [0, 7]
    answers = []
    for ent in doc.ents:
        for i in range(ent.start):
            answers.append(_same_sentence(doc, i, ent, _sentence_starts(doc)))
            assert answers[-1] == (doc[i].sent == ent.sent), (i, ent.text)
    assert True in answers and False in answers
    assert _sentence_starts(Doc(Vocab(), words=["no", "parse"])) is None
