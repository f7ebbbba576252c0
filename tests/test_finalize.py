"""finalize_run on a small hand-made output folder: actor ids, actors.jsonl, graph files."""

from __future__ import annotations

import json

import networkx as nx
import pytest

from pipeline.counts import COUNT_NAMES

from pipeline.run.finalize import GenderVotes, finalize_run
from pipeline.records import Cue, Entity, Relation, Speaker, Target


def _relation(doc, name, mention, targets, *, cue="say", content="", doc_date=None, date=None,
              resolved=True, label="PERSON"):
    sp = Speaker(name, label if resolved else "UNKNOWN", mention, 0, len(mention), resolved)
    about = [Target(n, lab, n) for n, lab in targets]
    return Relation(doc, sp, Cue(cue, cue, 0, 1), content or "it is so", 0, 5, "indirect", about,
                    date=date, doc_date=doc_date)


def _write(out, relations, entities, extra_relation_lines=()):
    out.mkdir(parents=True, exist_ok=True)
    with open(out / "relations.jsonl", "w", encoding="utf-8") as fh:
        for r in relations:
            fh.write(json.dumps(r.to_dict(), ensure_ascii=False) + "\n")
        for line in extra_relation_lines:
            fh.write(line + "\n")
    with open(out / "entities.jsonl", "w", encoding="utf-8") as fh:
        for e in entities:
            fh.write(json.dumps(e.to_dict(), ensure_ascii=False) + "\n")


def _entities(doc, *items):
    """(text, label, name, role, affiliation) at increasing offsets; ``gap`` chars between."""
    out, pos = [], 0
    for item in items:
        if isinstance(item, int):
            pos += item
            continue
        text, label, name, *rest = item
        role, aff = (rest + [None, None])[:2]
        out.append(Entity(doc, text, label, pos, pos + len(text), name, role=role, affiliation=aff))
        pos += len(text) + 10
    return out


@pytest.fixture
def run(tmp_path):
    rels = [
        # d1: Interior Minister, targets Iraq via "Iraqi" and ISIS
        _relation("d1", "Qasim al-Araji", "Qasim al-Araji", [("Iraq", "NORP"), ("Islamic State", "ORG")],
                  cue="warn", content="Iraqi forces face ISIS", doc_date="2024-12-19", date="2024-12-16"),
        _relation("d1", "sources close to the minister", "sources close to the minister", [("Iraq", "GPE")],
                  resolved=False, doc_date="2024-12-19"),
        # d2: National Security Advisor, called "al-Araji" only; Turkey three ways
        _relation("d2", "al-Araji", "he", [("Turkey", "NORP"), ("Islamic State", "ORG")],
                  cue="praise", content="Turkish help against Daesh", doc_date="2025-01-05"),
        _relation("d2", "Rebar Ahmed", "Rebar Ahmed", [("Turkey", "GPE")], doc_date="2025-01-05"),
        # d3: a bare "Ahmed" in an article with two different Ahmeds in the corpus
        _relation("d3", "Ahmed", "Ahmed", [("Turkey", "GPE")]),
        _relation("d3", "Ahmed Hassan", "Ahmed Hassan", [("Syrian Democratic Forces", "ORG")]),
    ]
    ents = (
        _entities("d1", ("Iraqi", "NORP", "Iraq"), ("Qasim al-Araji", "PERSON", "Qasim al-Araji",
                                                     "Interior Minister", "Iraq"),
                  ("ISIS", "ORG", "Islamic State"))
        + _entities("d2", ("al-Araji", "PERSON", "al-Araji", "National Security Advisor", "Iraq"),
                    ("Turkish", "NORP", "Turkey"), ("Türkiye", "GPE", "Turkey"), ("Turkey", "GPE", "Turkey"),
                    ("Daesh", "ORG", "Islamic State"), ("Rebar Ahmed", "PERSON", "Rebar Ahmed"),
                    ("Monday", "DATE", "Monday"))
        + _entities("d3", ("Ahmed", "PERSON", "Ahmed"), ("Ahmed Hassan", "PERSON", "Ahmed Hassan"),
                    ("Iraqi Joint Operations Command", "ORG", "Iraqi Joint Operations Command"), -8,
                    ("JOC", "ORG", "JOC"))
    )
    out = tmp_path / "out"
    _write(out, rels, ents)
    return out


def _lines(path):
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def test_actor_ids_in_relations_and_entities(run):
    summary = finalize_run(run)
    rels = _lines(run / "relations.jsonl")
    araji = [r for r in rels if r["speaker"]["actor_id"] == "person:qasim-al-araji"]
    assert [r["doc_id"] for r in araji] == ["d1", "d2"]
    assert all(r["speaker"]["actor"] == "Qasim al-Araji" for r in araji)
    assert araji[1]["speaker"]["name"] == "al-Araji"  # the original name is kept
    unresolved = rels[1]["speaker"]
    assert unresolved["actor_id"] is None
    assert rels[0]["about"][0]["actor_id"] == "country:IQ"
    ents = _lines(run / "entities.jsonl")
    assert {e["actor_id"] for e in ents if e["text"] in ("Turkish", "Türkiye", "Turkey")} == {"country:TR"}
    assert next(e for e in ents if e["label"] == "DATE")["actor_id"] is None
    assert summary.top_speakers[0] == ("Qasim al-Araji", 2)
    assert summary.errors == []


def test_actors_jsonl(run):
    finalize_run(run)
    actors = {a["id"]: a for a in _lines(run / "actors.jsonl")}
    assert list(actors) == sorted(actors)
    araji = actors["person:qasim-al-araji"]
    assert araji["type"] == "person" and araji["name"] == "Qasim al-Araji"
    assert araji["counts"]["statements"] == 2 and araji["counts"]["statement_articles"] == 2
    assert araji["roles"] == ["Interior Minister", "National Security Advisor"]
    assert araji["affiliation"] == "Iraq" and araji["affiliation_id"] == "country:IQ"
    assert "al-Araji" in araji["aliases"]
    assert [m["rule"] for m in araji["merges"]] == ["surname"]
    assert {"Turkish", "Türkiye"} <= set(actors["country:TR"]["aliases"])
    assert {"ISIS", "Daesh"} <= set(actors["org:islamic-state"]["aliases"])
    # a bare "Ahmed": Rebar Ahmed and Ahmed Hassan both fit, so it stays apart
    assert "person:ahmed" in actors and "person:rebar-ahmed" in actors and "person:ahmed-hassan" in actors
    # "Long Name (ABBR)" in the text
    assert actors["org:iraqi-joint-operations-command"]["keys"] == ["org:iraqi-joint-operations-command", "org:joc"]
    iraq = actors["country:IQ"]["counts"]
    # targeted by every relation about it, also the one whose speaker is unresolved
    assert (iraq["targeted"], iraq["mentions"], iraq["articles"]) == (2, 1, 1)


def test_graph_files(run):
    summary = finalize_run(run)
    g = nx.read_graphml(run / "actors.graphml")
    assert (summary.nodes, summary.edges) == (g.number_of_nodes(), g.number_of_edges())
    assert g.nodes["person:qasim-al-araji"]["label"] == "Qasim al-Araji"
    assert g.nodes["person:qasim-al-araji"]["type"] == "person"
    assert g.nodes["person:qasim-al-araji"]["statements"] == 2
    assert g.nodes["person:qasim-al-araji"]["articles"] == 2
    # every count a node shows is the one actors.jsonl gives its actor, under the same name
    actors = {a["id"]: a for a in _lines(run / "actors.jsonl")}
    for node_id, attrs in g.nodes(data=True):
        assert {k: attrs[k] for k in COUNT_NAMES} == actors[node_id]["counts"], node_id
    assert g.nodes["country:TR"]["label"] == "Turkey"
    assert "sources close to the minister" not in {d["label"] for _, d in g.nodes(data=True)}
    e = g.edges["person:qasim-al-araji", "org:islamic-state"]
    assert (e["weight"], e["articles"]) == (2, 2)
    assert (e["first_date"], e["last_date"]) == ("2024-12-16", "2025-01-05")
    assert "Interior Minister" in g.nodes["person:qasim-al-araji"]["roles"]
    assert g.edges["person:qasim-al-araji", "country:IQ"]["tone_label"] in ("negative", "neutral")
    assert g.edges["person:qasim-al-araji", "country:TR"]["tone_label"] == "positive"
    gexf = nx.read_gexf(run / "actors.gexf")
    assert gexf.number_of_edges() == g.number_of_edges()


def test_idempotent(run):
    finalize_run(run)
    first = {p.name: p.read_bytes() for p in sorted(run.iterdir())}
    finalize_run(run)
    second = {p.name: p.read_bytes() for p in sorted(run.iterdir())}
    assert first == second
    assert not [p for p in run.iterdir() if p.name.endswith(".tmp")]


def test_failed_rewrite_leaves_files_untouched(run, monkeypatch):
    import pipeline.run.finalize as fin

    before = (run / "relations.jsonl").read_bytes()
    calls = {"n": 0}
    real = fin._annotate_relation

    def boom(rel, table, counts):
        calls["n"] += 1
        if calls["n"] == 3:
            raise RuntimeError("disk full")
        return real(rel, table, counts)

    monkeypatch.setattr(fin, "_annotate_relation", boom)
    with pytest.raises(RuntimeError):
        finalize_run(run)
    assert (run / "relations.jsonl").read_bytes() == before
    assert not [p for p in run.iterdir() if p.name.endswith(".tmp")]


def test_aliases_file(run, tmp_path):
    aliases = tmp_path / "aliases.txt"
    aliases.write_text("Rebar Ahmed = Ahmed\nQasim al-Araji != al-Araji\n", encoding="utf-8")
    finalize_run(run, aliases=aliases)
    actors = {a["id"]: a for a in _lines(run / "actors.jsonl")}
    assert "person:ahmed" not in actors
    assert "person:ahmed" in actors["person:rebar-ahmed"]["keys"]
    assert actors["person:rebar-ahmed"]["counts"]["statements"] == 2
    assert "person:al-araji" in actors  # forbidden: the surname stays its own actor
    assert actors["person:qasim-al-araji"]["counts"]["statements"] == 1


def test_affiliation_edges(run):
    summary = finalize_run(run, affiliations=True)
    g = nx.read_graphml(run / "actors.graphml")
    assert summary.affiliation_edges >= 0
    e = g.edges["person:qasim-al-araji", "country:IQ"]
    assert e["kind"] == "statement" and e["affiliated"] is True


def test_affiliation_edge_to_an_organisation(tmp_path):
    out = tmp_path / "out"
    rels = [_relation("d1", "Mazloum Abdi", "Mazloum Abdi", [("Turkey", "GPE")])]
    ents = _entities("d1", ("Mazloum Abdi", "PERSON", "Mazloum Abdi", "commander", "Syrian Democratic Forces"),
                     ("SDF", "ORG", "Syrian Democratic Forces"))
    _write(out, rels, ents)
    summary = finalize_run(out, affiliations=True)
    g = nx.read_graphml(out / "actors.graphml")
    assert summary.affiliation_edges == 1
    e = g.edges["person:mazloum-abdi", "org:syrian-democratic-forces"]
    assert e["kind"] == "affiliation" and e["weight"] == 1
    assert g.nodes["org:syrian-democratic-forces"]["label"] == "Syrian Democratic Forces"


def test_bad_lines_are_kept_and_reported(tmp_path):
    out = tmp_path / "out"
    _write(out, [_relation("d1", "Joe Biden", "Joe Biden", [("Iraq", "GPE")])], [],
           extra_relation_lines=['{"doc_id": "d2", "speaker": {"na'])
    summary = finalize_run(out)
    text = (out / "relations.jsonl").read_text(encoding="utf-8")
    assert text.splitlines()[-1] == '{"doc_id": "d2", "speaker": {"na'
    assert len(summary.errors) == 1 and "relations.jsonl:2" in summary.errors[0]
    assert summary.nodes == 2


def test_the_summary_from_what_finalize_counted_equals_the_one_from_the_files(tmp_path):
    """After finalize, the summary takes the relations and actors finalize counted instead of
    reading relations.jsonl and actors.jsonl again: the same figures, bad lines included."""
    from dataclasses import asdict

    from pipeline.run.folder import summarize

    out = tmp_path / "out"
    rels = [_relation("d1", "Joe Biden", "Joe Biden", [("Iraq", "GPE")]),
            _relation("d1", "Joe Biden", "Joe Biden", [("Iran", "GPE")], cue="think"),
            _relation("d2", "Kamala Harris", "Kamala Harris", [("Joe Biden", "PERSON")])]
    rels[1].cue = Cue("thinks", "think", 0, 1, "belief")
    _write(out, rels, [], extra_relation_lines=['{"doc_id": "d3", "speaker": {"na', "", "[1]"])
    (out / "documents.jsonl").write_text('{"doc_id": "d1", "words": 9}\n', encoding="utf-8")
    fin = finalize_run(out)
    fast = summarize(out, tally=fin.relation_tally, actors=fin.actor_list)
    read = summarize(out)
    assert asdict(fast) == asdict(read)
    assert read.relations == 3 and read.bad_lines == 2 and read.top_speakers
    assert read.by_class == fin.relation_tally.by_class and len(read.by_class) == 2


def test_empty_and_missing_files(tmp_path):
    out = tmp_path / "out"
    out.mkdir()
    (out / "relations.jsonl").write_text("", encoding="utf-8")
    summary = finalize_run(out)
    assert (summary.actors, summary.nodes, summary.edges) == (0, 0, 0)
    assert (out / "actors.graphml").exists() and (out / "actors.jsonl").read_text() == ""
    assert not (out / "entities.jsonl").exists()


@pytest.mark.model
def test_end_to_end_one_actor_across_articles(tmp_path):
    """Our own two articles: one man with two titles, a surname-only mention, a demonym target."""
    from pipeline.run.runner import run_job

    src = tmp_path / "news.jsonl"
    records = [
        {"id": "a1", "date": "2024-12-19",
         "text": "Iraqi Interior Minister Qasim al-Araji said that Iraqi forces would stay in Kirkuk."},
        {"id": "a2", "date": "2025-01-05",
         "text": "National Security Advisor Qasim al-Araji said the Turkish army must leave. "
                 "Al-Araji said Daesh remained a threat."},
    ]
    src.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    run_job([str(src)], tmp_path / "out")
    out = tmp_path / "out"
    actors = {a["id"]: a for a in _lines(out / "actors.jsonl")}
    araji = actors["person:qasim-al-araji"]
    assert {"Interior Minister", "National Security Advisor"} <= set(araji["roles"])
    assert araji["affiliation_id"] == "country:IQ"
    assert araji["counts"]["statement_articles"] == 2
    g = nx.read_graphml(out / "actors.graphml")
    assert g.nodes["person:qasim-al-araji"]["articles"] == 2
    assert g.has_edge("person:qasim-al-araji", "country:IQ")  # "Iraqi forces" targets Iraq
    assert g.has_edge("person:qasim-al-araji", "country:TR")
    rels = _lines(out / "relations.jsonl")
    assert all(r["speaker"]["actor_id"] == "person:qasim-al-araji" for r in rels if r["speaker"]["resolved"])


def _append(out, relations, entities):
    with open(out / "relations.jsonl", "a", encoding="utf-8") as fh:
        for r in relations:
            fh.write(json.dumps(r.to_dict(), ensure_ascii=False) + "\n")
    with open(out / "entities.jsonl", "a", encoding="utf-8") as fh:
        for e in entities:
            fh.write(json.dumps(e.to_dict(), ensure_ascii=False) + "\n")


def test_published_ids_stay_put_when_new_evidence_arrives(tmp_path):
    """Finalize, add articles, finalize again: earlier ids keep naming their actors, and two
    earlier actors that the new text joins leave a redirect (pipeline/stable_ids.py)."""
    out = tmp_path / "out"
    _write(out, [_relation("d1", "Voss", "Voss", [("Northern Water Council", "ORG")]),
                 _relation("d2", "Omar Haddad", "Omar Haddad", [("NWC", "ORG")])],
           _entities("d1", ("Voss", "PERSON", "Voss"),
                     ("Northern Water Council", "ORG", "Northern Water Council"))
           + _entities("d2", ("Omar Haddad", "PERSON", "Omar Haddad"), ("NWC", "ORG", "NWC")))
    finalize_run(out)
    before = {a["id"] for a in _lines(out / "actors.jsonl")}
    assert {"person:voss", "org:nwc", "org:northern-water-council"} <= before
    # day 2: Voss's full name, and the text defines the abbreviation
    _append(out, [_relation("d3", "Clara Voss", "Clara Voss", [("Omar Haddad", "PERSON")])],
            _entities("d3", ("Clara Voss", "PERSON", "Clara Voss"),
                      ("Northern Water Council", "ORG", "Northern Water Council"), -8,
                      ("NWC", "ORG", "NWC")))
    finalize_run(out)
    records = {a["id"]: a for a in _lines(out / "actors.jsonl")}
    voss = records["person:voss"]  # the id stays, the name grows
    assert voss["name"] == "Clara Voss" and "person:clara-voss" in voss["keys"]
    assert "person:clara-voss" not in records
    merged = [r for r in records.values() if "merged_into" in r]
    assert merged == [{"id": "org:nwc", "name": "NWC",
                       "merged_into": "org:northern-water-council"}]
    rels = _lines(out / "relations.jsonl")
    assert [r["speaker"]["actor_id"] for r in rels] == ["person:voss", "person:omar-haddad",
                                                       "person:voss"]
    assert rels[1]["about"][0]["actor_id"] == "org:northern-water-council"
    g = nx.read_graphml(out / "actors.graphml")
    assert "person:voss" in g and "person:clara-voss" not in g and "org:nwc" not in g
    # finalizing again changes nothing
    snapshot = (out / "actors.jsonl").read_bytes(), (out / "relations.jsonl").read_bytes()
    finalize_run(out)
    assert ((out / "actors.jsonl").read_bytes(), (out / "relations.jsonl").read_bytes()) == snapshot


def test_one_pronoun_against_a_strongly_gendered_given_name_gives_no_gender():
    names = {"p:olsen": "Greta Olsen", "p:lund": "Greta Lund", "p:moss": "Greta Moss",
             "p:hale": "Robin Hale", "p:voss": "Greta Voss", "p:berg": "Tomas Berg"}
    votes = GenderVotes(names)
    votes.vote("p:olsen", "d1", "male", ["he"])  # one "he" against "Greta": conflicting
    votes.vote("p:lund", "d1", "male", ["he"])  # two articles say "he": the text wins
    votes.vote("p:lund", "d2", "male", ["he"])
    votes.vote("p:moss", "d1", "male", ["Mr."])  # an honorific is not a resolved pronoun
    votes.vote("p:hale", "d1", "male", ["he"])  # "Robin": the census gives no sex
    votes.vote("p:voss", "d1", "female", ["she"])  # agrees with the name
    votes.vote("p:berg", "d1", "female", ["she"])  # "Tomas": a man's name, one "she"
    got = {k: votes.of(k)[0] for k in names}
    assert got == {"p:olsen": None, "p:lund": "male", "p:moss": "male", "p:hale": "male",
                   "p:voss": "female", "p:berg": None}
    assert votes.of("p:olsen")[1] == {"male": {"he": 1}}  # the evidence stays visible
    rec = votes.with_gender("p:olsen", {"id": "p:olsen", "type": "person"})
    assert rec["gender"] is None and rec["gender_evidence"] == {"male": {"he": 1}}


def test_entity_lines_copied_undecoded_are_the_lines_annotation_gives():
    """The rewrite copies an entity line without decoding it only when annotation would give
    it back as it is: a non-actor label, null actor fields, the job's form; every line that
    could be otherwise (an actor label, a label hidden in an escape or a nested object, actor
    fields that are missing or set, a label spelled with a backslash) is decoded."""
    from pipeline.counts import ActorCounts
    from pipeline.run.finalize import _annotate_entity, _annotated_line, _unchanged_non_actor
    from pipeline.actors.identity import ActorIndex
    from pipeline.run.workers import json_line

    index = ActorIndex()
    index.observe("Mara Quell", "PERSON")
    table = index.resolve(None)

    def given(line):
        return _annotated_line(line, lambda r: _annotate_entity(r, table, ActorCounts()),
                               ("actor_id", "actor"))[0]

    date = Entity("d1", "last week", "DATE", 3, 12, "last week").to_dict()
    person = Entity("d1", "Mara Quell", "PERSON", 3, 13, "Mara Quell").to_dict()
    copied = [json_line(date),
              json_line({**date, "text": 'a "label": "PERSON" here {'[:-1]}),
              json_line({**date, "label": "CARDINAL", "name": "the \"actor\" two"}),
              '{"doc_id": "d1", "label": "TIME", "name": "noon", "actor_id": null, "actor": null}\n']
    decoded = [json_line(person),
               json_line({**date, "label": "ORG"}),
               json_line({**date, "actor_id": "org:x", "actor": "X"}),
               json_line({k: v for k, v in date.items() if k not in ("actor_id", "actor")}),
               json_line({**date, "role": {"label": "PERSON"}}),
               json_line({**date, "label": "DA\\TE"}),
               json.dumps(date).replace('"DATE"', '"D\\u0041TE"') + "\n",
               json.dumps(date, separators=(",", ":")) + "\n",
               json_line(date)[:-1]]
    for line in copied:
        assert _unchanged_non_actor(line), line
        assert given(line) == line
    for line in decoded:
        assert not _unchanged_non_actor(line), line
    assert given(json_line(person)) != json_line(person)  # its actor fields are filled


def test_loads_line_is_json_loads():
    """The JSONL line reader gives what json.loads gives: the value, or the same error."""
    from pipeline.run.folder import loads_line

    for line in ['{"a": [1, 2.5, null], "b": "c\\u00e9"}\n', '{"a": 1}', ' {"a": 1}\n',
                 '{"a": 1}  \n', "[1]\n", '"x"\n', "3\n"]:
        assert loads_line(line) == json.loads(line)
    for line in ['{"a": 1} {"b": 2}\n', '{"a": \n', "\ufeff{}\n", "", "\n", "{'a': 1}\n",
                 '{"a": 1}\x0b\n']:
        with pytest.raises(json.JSONDecodeError) as got:
            loads_line(line)
        with pytest.raises(json.JSONDecodeError) as want:
            json.loads(line)
        assert str(got.value) == str(want.value)
