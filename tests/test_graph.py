"""The actor graph built from hand-made relations, and the tone of statements."""

from __future__ import annotations

import networkx as nx
import pytest

from pipeline.export import write_graphml
from pipeline.graph import add_affiliation_edges, build_graph, trim_quote
from pipeline.records import Cue, Relation, Speaker, Target
from pipeline.tone import content_tone, cue_tone, statement_tone, tone_label


def rel(doc, speaker, targets=(), *, cue="say", content="it was fine", kind="indirect", date=None,
        doc_date=None, label="PERSON", resolved=True, ids=False):
    sp = Speaker(speaker, label if resolved else "UNKNOWN", speaker, 0, len(speaker), resolved)
    about = [Target(n, lab) for n, lab in targets]
    if ids:
        sp.actor_id = f"person:{speaker.lower().replace(' ', '-')}"
    return Relation(doc, sp, Cue(cue + "ed", cue, 0, 1), content, 0, len(content), kind, about,
                    date=date, doc_date=doc_date)


# --------------------------------------------------------------------------------------------
# tone
# --------------------------------------------------------------------------------------------


@pytest.mark.parametrize("cue,content,label", [
    ("condemn", "the attack on the village", "negative"),
    ("warn", "the group could exploit the chaos to regroup", "negative"),
    ("reject", "the plan", "negative"),
    ("accuse", "the militia of crimes", "negative"),
    ("criticize", "the decision", "negative"),
    ("praise", "the cooperation between the two countries", "positive"),
    ("welcome", "the agreement", "positive"),
    ("support", "the government", "positive"),
    ("thank", "the coalition for its help", "positive"),
    ("say", "the meeting took place in the capital", "neutral"),
    ("say", "the deal was a great success", "positive"),
    ("say", "the move was a dangerous provocation", "negative"),
    ("say", "the talks were not constructive", "negative"),  # negation flips
    ("say", "there is no threat", "positive"),
    ("say", "", "neutral"),
])
def test_tone_table(cue, content, label):
    tone = statement_tone(cue, content)
    assert -1.0 <= tone <= 1.0
    assert tone_label(tone) == label


def test_tone_from_inflected_cue_and_bounds():
    assert cue_tone(None, "condemned") == cue_tone("condemn") == -1.0
    assert cue_tone(None, "criticizes") == cue_tone("criticize")
    assert cue_tone("say") is None
    assert content_tone("terror " * 50) > -1.0  # bounded, never below -1
    assert statement_tone("condemn", "terrorist massacre atrocities") >= -1.0


# --------------------------------------------------------------------------------------------
# graph
# --------------------------------------------------------------------------------------------


def test_counts_articles_dates_cues_quote_tone():
    rels = [
        rel("d1", "Qasim al-Araji", [("Iraqi", "NORP"), ("ISIS", "ORG")], cue="warn",
            content="ISIS remains a threat to Iraq", date="2024-11", doc_date="2024-12-19"),
        rel("d1", "Qasim al-Araji", [("Iraq", "GPE")], cue="say", content="Iraq is safe", kind="direct",
            doc_date="2024-12-19"),
        rel("d2", "Qasim al-Araji", [("Iraq", "GPE"), ("Iraq", "GPE")], cue="praise",
            content="the cooperation with Iraq", doc_date="2024-12-20 08:00"),
        rel("d3", "Fuad Hussein", [("Turkey", "GPE")], cue="say", content="x", doc_date=None),
    ]
    g = build_graph(rels)
    araji, iraq, isis = "person:qasim-al-araji", "country:IQ", "org:islamic-state"
    assert g.nodes[araji]["label"] == "Qasim al-Araji" and g.nodes[araji]["type"] == "person"
    assert (g.nodes[araji]["statements"], g.nodes[araji]["statement_articles"]) == (3, 2)
    assert g.nodes[iraq]["label"] == "Iraq" and g.nodes[iraq]["type"] == "country"
    assert g.nodes[iraq]["targeted"] == 3  # "Iraq" twice in d2 counts once
    assert g.nodes[iraq]["statement_articles"] == 0
    # entity mentions, and the articles that mention it, come with actors: none given
    assert (g.nodes[iraq]["mentions"], g.nodes[iraq]["articles"]) == (0, 0)
    e = g.edges[araji, iraq]
    assert (e["kind"], e["weight"], e["articles"]) == ("statement", 3, 2)
    assert (e["first_date"], e["last_date"]) == ("2024-11", "2024-12-20")  # statement date, else article date
    assert e["cues"] == ["praise", "say", "warn"]  # by count, then alphabetically
    assert e["quote"] == "Iraq is safe" and e["quote_doc_id"] == "d1"  # the direct quote is preferred
    assert -1 <= e["tone"] <= 1 and e["tone_label"] in ("negative", "neutral", "positive")
    assert g.edges[araji, isis]["tone_label"] == "negative"
    assert "first_date" not in g.edges["person:fuad-hussein", "country:TR"]  # no date known: absent


def test_edge_tone_is_the_mean_of_statements():
    rels = [rel("d1", "A Person", [("Iraq", "GPE")], cue="condemn", content="the attack"),
            rel("d2", "A Person", [("Iraq", "GPE")], cue="praise", content="the help")]
    g = build_graph(rels)
    tones = [statement_tone("condemn", "the attack"), statement_tone("praise", "the help")]
    assert g.edges["person:a-person", "country:IQ"]["tone"] == round(sum(tones) / 2, 3)


def test_unresolved_speakers_self_loops_and_non_actors_are_skipped():
    rels = [
        rel("d1", "sources close to the minister", [("Iraq", "GPE")], resolved=False),
        rel("d1", "Qasim al-Araji", [("Qasim al-Araji", "PERSON"), ("Monday", "DATE")]),
    ]
    g = build_graph(rels)
    assert list(g.nodes) == ["person:qasim-al-araji"]
    assert g.number_of_edges() == 0
    assert g.nodes["person:qasim-al-araji"]["statements"] == 1


def test_capital_speaker_is_its_country():
    g = build_graph([rel("d1", "Washington", [("Iran", "GPE")], label="GPE")])
    assert ("country:US", "country:IR") in g.edges


def test_actor_ids_and_actor_table_win():
    r = rel("d1", "al-Araji", [("Iraq", "GPE")])
    d = r.to_dict()
    d["speaker"]["actor_id"] = "person:qasim-al-araji"
    d["speaker"]["actor"] = "Qasim al-Araji"
    actors = {"person:qasim-al-araji": {"name": "Qasim al-Araji", "type": "person",
                                        "aliases": ["al-Araji"], "roles": ["Interior Minister"],
                                        "affiliation": "Iraq",
                                        "affiliations": [{"id": "country:IQ", "name": "Iraq", "count": 2},
                                                         {"id": "org:mol", "name": "Ministry", "count": 1}]}}
    g = build_graph([d], actors)
    n = g.nodes["person:qasim-al-araji"]
    assert (n["label"], n["aliases"], n["roles"], n["affiliation"]) == (
        "Qasim al-Araji", ["al-Araji"], ["Interior Minister"], "Iraq")
    assert add_affiliation_edges(g, actors) == 1  # the statement edge to Iraq is marked instead
    assert g.edges["person:qasim-al-araji", "country:IQ"]["affiliated"] is True
    assert g.edges["person:qasim-al-araji", "org:mol"]["kind"] == "affiliation"
    assert g.nodes["org:mol"]["type"] == "org"


def test_streaming_uses_no_document_sets():
    # a generator is consumed once; the graph is the same as from a list
    rels = [rel(f"d{i // 3}", "A Person", [("Iraq", "GPE")]) for i in range(30)]
    g1 = build_graph(iter(r.to_dict() for r in rels))
    g2 = build_graph(rels)
    assert nx.utils.graphs_equal(g1, g2)
    assert g1.edges["person:a-person", "country:IQ"]["articles"] == 10


def test_graph_is_sorted_and_deterministic():
    rels = [rel("d1", "Zed Person", [("Iraq", "GPE")]), rel("d2", "Abe Person", [("Syria", "GPE")])]
    g1, g2 = build_graph(rels), build_graph(list(reversed(rels)))
    assert list(g1.nodes) == sorted(g1.nodes) == list(g2.nodes)
    assert list(g1.edges) == list(g2.edges)


def test_trim_quote():
    assert trim_quote("short") == "short"
    long = "word " * 100
    out = trim_quote(long)
    assert len(out) <= 300 and out.endswith("\u2026")


def test_graphml_round_trip(tmp_path):
    rels = [rel("d1", "Qasim al-Araji", [("Iraqi", "NORP")], cue="warn", content="danger", doc_date="2024-12-19"),
            rel("d2", "Qasim al-Araji", [("Iraq", "GPE")], doc_date="2024-12-20")]
    g = build_graph(rels)
    path = tmp_path / "g.graphml"
    write_graphml(g, path)
    back = nx.read_graphml(path)
    assert back.nodes["person:qasim-al-araji"]["label"] == "Qasim al-Araji"
    assert back.nodes["country:IQ"]["type"] == "country"
    e = back.edges["person:qasim-al-araji", "country:IQ"]
    assert (e["weight"], e["articles"], e["first_date"], e["last_date"]) == (2, 2, "2024-12-19", "2024-12-20")
    assert isinstance(e["tone"], float)
