"""Headline/caption zones, readable text with exact offsets, and the one set of counts.

Our own small articles (no seed or PolNeAR text). The end-to-end test runs the real CLI on
``samples/`` and checks that every output says the same counts.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import networkx as nx
import pytest
from typer.testing import CliRunner

from pipeline.cli import app
from pipeline.counts import ActorCounts, counted, top_actors
from pipeline.run.finalize import identify_actors
from pipeline.graph import build_graph
from pipeline.ingest import clean_article, readable
from pipeline.ingest.clean import readable_map
from pipeline.records import Cue, Entity, Relation, Speaker, Target
from pipeline.zones import BodyConfirmation

REPO = Path(__file__).resolve().parents[1]

ARTICLE = (
    "Norway Says Budget Will Protect Pensions\n"
    "\n"
    "Finance Minister Clara Voss presents the budget in Oslo. (Reuters)\n"
    "\n"
    "OSLO (Reuters) - Finance Minister Clara Voss said on Tuesday that the budget would protect "
    "pensions and containthe deficit.\n"
    "\u201cWe will not cut pensions,\u201d Voss told reporters, adding that Chairman <b>Jon Dahl</b> "
    "&amp; his party backed the plan.\n"
    "Rana Bo\u200dlt said the plan would fail.\n"
)


# --- zones from the cleaner -----------------------------------------------------------------


def test_cleaner_marks_headline_and_caption_lines():
    c = clean_article(ARTICLE)
    zones = [(c.clean.text[s:e], z) for s, e, z in c.zones]
    assert zones == [("Norway Says Budget Will Protect Pensions", "headline"),
                     ("Finance Minister Clara Voss presents the budget in Oslo. (Reuters)", "caption")]
    assert c.meta["title"] == "Norway Says Budget Will Protect Pensions"
    assert c.meta["source"] == "Reuters"  # from the dateline, which the cleaned text drops
    said = c.clean.text.index("said")
    assert c.zone_at(said) == "body" and c.zone_at(0) == "headline"
    assert c.zone_at(c.clean.text.index("presents")) == "caption"
    assert "OSLO (Reuters)" not in c.clean.text


def test_body_first_article_has_no_headline_zone():
    c = clean_article("Clara Voss said on Tuesday that the budget would protect pensions.\n")
    assert c.zones == [] and "title" not in c.meta


# --- readable text, exact offsets -------------------------------------------------------------


@pytest.mark.parametrize("raw, shown", [
    ("containthe threat", "contain the threat"),
    ("Chairman <b>Jon &amp; Co</b>", "Chairman Jon & Co"),
    ("Rana Bo\u200dlt and Ola\u200b Berg", "Rana Bolt and Ola Berg"),
    ("a\x07b bell", "a b bell"),
    ("YouTube and McDonald stay", "YouTube and McDonald stay"),
])
def test_readable(raw, shown):
    assert readable(raw) == shown


def test_from_original_maps_spans_onto_the_readable_text():
    raw = "Chairman <b>Jon &amp; containthe Bo\u200dlt"
    m = readable_map(raw)
    assert m.text == "Chairman Jon & contain the Bolt"

    def shown(s, e):
        return m.text[m.from_original(s):m.from_original(e)]

    assert shown(raw.index("<b>"), raw.index(" &amp;")) == "Jon"
    assert shown(raw.index("&amp;"), raw.index("&amp;") + 5) == "&"
    assert shown(raw.index("the"), raw.index("the") + 3) == "the"
    assert shown(raw.index("Bo"), len(raw)) == "Bolt"
    for a in range(len(raw) + 1):  # monotone, within bounds
        assert 0 <= m.from_original(a) <= len(m.text)
        assert a == 0 or m.from_original(a - 1) <= m.from_original(a)


# --- counts ----------------------------------------------------------------------------------


def _rel(doc, speaker, targets, zone="body", resolved=True):
    sp = Speaker(speaker, "PERSON" if resolved else "UNKNOWN", speaker, 0, 5, resolved)
    return Relation(doc, sp, Cue("said", "say", 6, 10), "x", 11, 12, "indirect",
                    [Target(n, label, n) for n, label in targets], zone=zone)


def test_in_field_round_trips_and_defaults_to_body():
    r = _rel("d1", "Clara Voss", [("Norway", "GPE")], zone="headline")
    d = r.to_dict()
    assert d["in"] == "headline" and "zone" not in d
    assert Relation.from_dict(d).zone == "headline"
    old = {k: v for k, v in d.items() if k != "in"}  # a run from before the field
    assert Relation.from_dict(old).zone == "body" and counted(old)
    e = Entity("d1", "Oslo", "GPE", 0, 4, "Oslo", zone="caption")
    assert e.to_dict()["in"] == "caption" and Entity.from_dict(e.to_dict()).zone == "caption"
    assert not counted(e.to_dict()) and counted(e.to_dict(), count_headlines=True)


def test_counts_rules():
    c = ActorCounts()
    c.add_relation({"doc_id": "d1"}, "p:a", ["c:x", "c:x", "p:a", None])  # self and repeats once
    c.add_relation({"doc_id": "d1", "in": "headline"}, "p:a", ["c:x"])  # not counted
    c.add_relation({"doc_id": "d2", "in": "body"}, None, ["c:x"])  # unresolved speaker
    c.add_mention({"doc_id": "d1"}, "c:x")
    c.add_mention({"doc_id": "d1", "in": "caption"}, "c:x")
    assert c.of("p:a") == {"statements": 1, "statement_articles": 1, "targeted": 0,
                           "mentions": 0, "articles": 0}
    assert c.of("c:x")["targeted"] == 2 and c.of("c:x")["mentions"] == 1
    both = ActorCounts(count_headlines=True)
    both.add_relation({"doc_id": "d1", "in": "headline"}, "p:a", ["c:x"])
    both.add_mention({"doc_id": "d1", "in": "caption"}, "c:x")
    assert both.of("p:a")["statements"] == 1 and both.of("c:x")["mentions"] == 1


def test_graph_leaves_headline_and_caption_relations_out_unless_asked():
    rels = [
        _rel("d1", "Clara Voss", [("Norway", "GPE")], zone="headline"),
        _rel("d1", "Clara Voss", [("Oslo", "GPE")], zone="caption"),
        _rel("d1", "Clara Voss", [("Sweden", "GPE")]),
    ]
    g = build_graph(rels)
    voss = "person:clara-voss"
    assert g.nodes[voss]["statements"] == 1
    assert set(g.successors(voss)) == {"country:SE"}
    g2 = build_graph(rels, count_headlines=True)
    assert g2.nodes[voss]["statements"] == 3 and g2.out_degree(voss) == 3
    assert g2.nodes["country:NO"]["targeted"] == 1


# --- names seen only in headlines ------------------------------------------------------------


def test_body_confirmation():
    bc = BodyConfirmation()
    for key in ("person:donald-trump", "country:IQ"):
        bc.body(key)
    assert bc.confirms("country:IQ") and bc.confirms("person:trump")  # a surname of the body
    assert not bc.confirms("org:turkish-operations") and not bc.confirms("person:dormant-cells")
    bc.hold("org:turkish-operations", ("Turkish Operations", "ORG"))
    bc.hold("country:IQ", ("Iraq", "GPE"))
    assert [o for o, _ in bc.confirmed_observations()] == [("Iraq", "GPE")]


def test_headline_only_names_do_not_become_actors():
    ents = [
        Entity("d1", "Iraq", "GPE", 0, 4, "Iraq", zone="headline"),
        Entity("d1", "Turkish Operations", "ORG", 20, 38, "Turkish Operations", zone="headline"),
        Entity("d1", "Voss", "PERSON", 40, 44, "Voss", zone="caption"),
        Entity("d1", "Iraq", "GPE", 100, 104, "Iraq"),
        Entity("d1", "Clara Voss", "PERSON", 110, 120, "Clara Voss"),
    ]
    rels = [_rel("d1", "Iraq", [("Turkish Operations", "ORG")], zone="headline")]
    rels[0].speaker.label = "GPE"
    rels, ents, actors = identify_actors(rels, ents)
    assert "org:turkish-operations" not in actors
    assert [e.actor_id for e in ents] == ["country:IQ", None, "person:clara-voss",
                                          "country:IQ", "person:clara-voss"]
    assert rels[0].speaker.actor_id == "country:IQ" and rels[0].about[0].actor_id is None
    # the headline statement and mentions are not counted
    assert actors["country:IQ"].statements == 0 and actors["country:IQ"].mentions == 1
    _, _, counted_too = identify_actors(rels, ents, count_headlines=True)
    assert counted_too["country:IQ"].statements == 1 and counted_too["country:IQ"].mentions == 2


# --- end to end with the model -----------------------------------------------------------------


@pytest.mark.model
def test_extract_marks_zones_and_shows_readable_text_at_exact_offsets():
    import pipeline

    rels, ents = pipeline.extract([ARTICLE])
    by_cue: dict[str, Relation] = {}
    for r in rels:
            by_cue.setdefault(r.cue.text, r)  # the first "said" is Voss's
    assert by_cue["Says"].zone == "headline"
    assert by_cue["presents"].zone == "caption"  # the caption is no statement of the body
    assert by_cue["said"].zone == by_cue["told"].zone == "body"
    assert all(r.zone == "body" for r in rels if r.cue.text not in ("Says", "presents"))
    said = by_cue["said"]
    assert said.content == "that the budget would protect pensions and contain the deficit"
    assert ARTICLE[said.content_start:said.content_end] == (
        "that the budget would protect pensions and containthe deficit")
    adding = by_cue["adding"]
    assert adding.content == "that Chairman Jon Dahl & his party backed the plan"
    # every shown string is the readable form of exactly the original span it claims
    for r in rels:
        for text, s, e in [(r.speaker.mention, r.speaker.start, r.speaker.end),
                           (r.cue.text, r.cue.start, r.cue.end),
                           *[(t.mention, t.start, t.end) for t in r.about]]:
            assert text == readable(ARTICLE[s:e]), (text, ARTICLE[s:e])
        pieces = [readable(ARTICLE[s:e]) for s, e in r.content_spans]
        assert r.content == " ".join(pieces)
    names = {e.text: e for e in ents}
    assert "Jon Dahl" in names and ARTICLE[names["Jon Dahl"].start:names["Jon Dahl"].end] == (
        "Jon Dahl")
    bolt = [e for e in ents if e.text.startswith("Rana")]
    assert bolt and bolt[0].text == "Rana Bolt" and bolt[0].name == "Rana Bolt"
    assert ARTICLE[bolt[0].start:bolt[0].end] == "Rana Bo\u200dlt"
    assert by_cue["said"] is not rels[-1] and rels[-1].speaker.mention == "Rana Bolt"
    zones = {e.text: e.zone for e in ents}
    assert zones["Norway"] == "headline" and zones["Oslo"] == "caption"

    rels, ents, actors = pipeline.identify_actors(rels, ents)
    g = pipeline.build_graph(rels, actors)
    voss = "person:clara-voss"
    assert "country:NO" not in actors  # "Norway" only in the headline: no actor
    assert "country:NO" not in g and "city:oslo" not in set(g.successors(voss))
    assert g.nodes[voss]["statements"] == actors[voss].statements == 3  # said, told, adding
    body_mentions = sum(1 for e in ents if e.actor_id == voss and e.zone == "body")
    assert any(e.actor_id == voss and e.zone == "caption" for e in ents)  # not counted
    assert g.nodes[voss]["mentions"] == actors[voss].mentions == body_mentions >= 1
    assert pipeline.build_graph(rels, actors, count_headlines=True).nodes[voss]["statements"] == 4


def _invoke(*args):
    return CliRunner().invoke(app, list(args))


@pytest.mark.model
def test_documents_metadata_and_count_headlines_option(tmp_path):
    inp = tmp_path / "in"
    inp.mkdir()
    (inp / "a.txt").write_text(
        " date 2024-03-05 2024-03-05 10:00:00 - From: Fjord Post\n\n" + ARTICLE, encoding="utf-8")
    (inp / "b.jsonl").write_text(json.dumps({
        "id": "b1", "title": "Given title", "text": "Per Lund said the harbour would reopen soon."
    }) + "\n", encoding="utf-8")
    (inp / "c.txt").write_text(ARTICLE, encoding="utf-8")
    res = _invoke("run", str(inp), "--out", str(tmp_path / "out"), "--quiet")
    assert res.exit_code == 0, res.output
    docs = {d["doc_id"]: d for d in map(json.loads, (tmp_path / "out" / "documents.jsonl")
                                        .read_text(encoding="utf-8").splitlines())}
    a = docs[str(inp / "a.txt") + "#1"]
    assert (a["title"], a["date"], a["source"]) == (
        "Norway Says Budget Will Protect Pensions", "2024-03-05", "Fjord Post")
    c = docs[str(inp / "c.txt") + "#1"]
    assert c["duplicate_of"] == a["doc_id"]
    assert docs["b1"]["title"] == "Given title" and docs["b1"]["date"] is None

    out = tmp_path / "out"
    body = json.loads((out / "summary.json").read_text())
    assert body["count_headlines"] is False
    rels = [json.loads(x) for x in (out / "relations.jsonl").read_text().splitlines()]
    assert {r["in"] for r in rels} == {"headline", "caption", "body"}
    assert all(r["source"] == "Fjord Post" and r["doc_date"] == "2024-03-05" for r in rels
               if r["doc_id"] == a["doc_id"])

    res = _invoke("run", str(inp), "--out", str(tmp_path / "all"), "--quiet", "--count-headlines")
    assert res.exit_code == 0, res.output
    allin = json.loads((tmp_path / "all" / "summary.json").read_text())
    assert allin["count_headlines"] is True
    voss = lambda s: dict(map(tuple, s["top_speakers"]))["Clara Voss"]  # noqa: E731
    assert voss(allin) == voss(body) + 1  # the caption's "presents"

    # the report follows the run, and its option recounts
    from pipeline.export.report import _top, load_run

    assert dict(_top(load_run(out))[0])["Clara Voss"] == voss(body)
    view = load_run(out, count_headlines=True)
    assert view.count_headlines and dict(_top(view)[0])["Clara Voss"] == voss(allin)
    res = _invoke("report", str(out), "--count-headlines", "--out", str(tmp_path / "r.html"))
    assert res.exit_code == 0, res.output
    assert "are counted." in (tmp_path / "r.html").read_text(encoding="utf-8")


# --- one set of counts across every output of a real run ---------------------------------------


@pytest.fixture(scope="module")
def samples_run(tmp_path_factory):
    out = tmp_path_factory.mktemp("samples") / "out"
    res = _invoke("run", str(REPO / "samples"), "--out", str(out), "--report")
    assert res.exit_code == 0, res.output
    return out, res.output


def _lines(path):
    return [json.loads(x) for x in path.read_text(encoding="utf-8").splitlines() if x.strip()]


@pytest.mark.model
def test_counts_agree_across_all_outputs(samples_run):
    out, cli_output = samples_run
    actors = {a["id"]: a for a in _lines(out / "actors.jsonl")}
    rels, ents = _lines(out / "relations.jsonl"), _lines(out / "entities.jsonl")
    assert any(r["in"] != "body" for r in rels) and any(e["in"] != "body" for e in ents)

    assert any(r["cue"]["class"] != "speech" for r in rels)  # kept, and not counted
    # the definitions, counted here independently of pipeline/counts.py
    expect = {i: {"statements": 0, "targeted": 0, "mentions": 0} for i in actors}
    for r in rels:
        if r["in"] != "body" or r["cue"]["class"] != "speech":
            continue  # the counts are of statements in the body; speech by default
        sp = r["speaker"]["actor_id"] if r["speaker"]["resolved"] else None
        if sp:
            expect[sp]["statements"] += 1
        for t in {t["actor_id"] for t in r["about"] if t["actor_id"]} - {sp}:
            expect[t]["targeted"] += 1
    for e in ents:
        if e["in"] == "body" and e["actor_id"]:
            expect[e["actor_id"]]["mentions"] += 1
    got = {i: {k: a["counts"][k] for k in ("statements", "targeted", "mentions")}
           for i, a in actors.items()}
    assert got == expect
    assert any(v["targeted"] for v in got.values()) and any(v["mentions"] for v in got.values())

    # graph files: the same three numbers on every node
    for name in ("actors.graphml", "actors.gexf"):
        g = nx.read_graphml(out / name) if name.endswith("graphml") else nx.read_gexf(out / name)
        assert g.number_of_nodes() > 5
        for n, d in g.nodes(data=True):
            node = d.get("actor_id", n)
            assert {k: int(d[k]) for k in ("statements", "targeted", "mentions")} == got[node], node

    # summary.json and the CLI summary
    summary = json.loads((out / "summary.json").read_text())
    top_s, top_t = top_actors(actors.values(), "statements"), top_actors(actors.values(), "targeted")
    assert [tuple(x) for x in summary["top_speakers"]] == top_s
    assert [tuple(x) for x in summary["top_targets"]] == top_t
    assert summary["actors"] == len(actors)
    speakers_line = next(x for x in cli_output.splitlines() if x.startswith("top speakers:"))
    assert speakers_line == "top speakers: " + "; ".join(f"{n} ({c})" for n, c in top_s[:5])
    targets_line = next(x for x in cli_output.splitlines() if x.startswith("top targets:"))
    assert targets_line == "top targets:  " + "; ".join(f"{n} ({c})" for n, c in top_t[:5])
    assert f"actors: {len(actors)} ({summary['nodes']} in the graph" in cli_output

    # the report: its data, its top lists and its summary card
    from pipeline.export.report import _top, graph_data, load_run

    view = load_run(out)
    for node in graph_data(view)["nodes"]:
        assert {k: node[k] for k in ("statements", "targeted", "mentions")} == got[node["id"]]
    speakers, targets = _top(view)
    assert [(n, int(c)) for n, c in speakers] == top_s
    assert [(n, int(c)) for n, c in targets] == top_t
    page = (out / "report.html").read_text(encoding="utf-8")
    card = {label: int(n.replace(",", "")) for n, label in
            re.findall(r'<div class="count"><b>([\d,]+)</b><span>([^<]+)</span>', page)}
    assert card["actors"] == summary["actors"] and card["graph nodes"] == summary["nodes"]
    assert card["relations"] == summary["relations"] == len(rels)
