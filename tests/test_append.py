"""``run --append``: a five-day feed added day by day equals one run over the five days.

The feed (tests/data/feed/, our own articles) has a near copy of day 1's pension story on day 4,
a finance minister called "Voss" until her full name appears on day 3, and a water council
named apart from its abbreviation until day 5 defines it. Appended day by day, the folder must
hold the same documents, relations and entities (doc ids, spans, speakers) as one run, group
statements into the same actors, and keep every actor id it ever wrote (redirects allowed).
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from pipeline.run import runner as runner_mod
from pipeline.cli import app
from pipeline.run.runner import UsageError, run_job
from pipeline.stable_ids import is_redirect, resolve_id
from pipeline.window import folder_graph

pytestmark = [pytest.mark.model]

FEED = Path(__file__).parent / "data" / "feed"
DAYS = [str(FEED / f"day{d}.jsonl") for d in range(1, 6)]
STREAMED = ("documents.jsonl", "relations.jsonl", "entities.jsonl", "errors.jsonl")


def _lines(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line]


def _strip_actor(rec: dict) -> dict:
    """A relation or entity without the fields finalize adds (actor ids and names)."""
    rec = json.loads(json.dumps(rec))
    for part in [rec, rec.get("speaker") or {}] + list(rec.get("about") or []):
        if isinstance(part, dict):
            part.pop("actor_id", None)
            part.pop("actor", None)
    return rec


def _actor_slots(out: Path) -> dict[tuple, str]:
    """Every place a statement or mention names an actor -> the live actor id it names."""
    records = _lines(out / "actors.jsonl")
    slots: dict[tuple, str] = {}
    for i, rel in enumerate(_lines(out / "relations.jsonl")):
        if rel["speaker"].get("actor_id"):
            slots[("speaker", i)] = resolve_id(rel["speaker"]["actor_id"], records)
        for j, t in enumerate(rel.get("about") or []):
            if t.get("actor_id"):
                slots[("about", i, j)] = resolve_id(t["actor_id"], records)
    for i, ent in enumerate(_lines(out / "entities.jsonl")):
        if ent.get("actor_id"):
            slots[("entity", i)] = resolve_id(ent["actor_id"], records)
    return slots



@pytest.fixture(scope="module")
def single(nlp, tmp_path_factory):
    out = tmp_path_factory.mktemp("single") / "out"
    run_job(DAYS, out, nlp=nlp, batch_size=2)
    return out


@pytest.fixture(scope="module")
def daily(nlp, tmp_path_factory):
    """The feed appended one day at a time (day 5 with two worker processes); the folder after
    day 3 and actors.jsonl after every day are kept."""
    base = tmp_path_factory.mktemp("daily")
    out = base / "out"
    snapshots = []
    for n, day in enumerate(DAYS, start=1):
        kw = {"n_process": 2} if n == 5 else {"nlp": nlp}
        summary = run_job([day], out, append=True, batch_size=2, **kw)
        assert summary.exit_code == 0
        snapshots.append(_lines(out / "actors.jsonl"))
        if n == 3:
            shutil.copytree(out, base / "after3")
    return out, snapshots, base / "after3"


def test_daily_appends_hold_the_same_documents_relations_and_entities(single, daily):
    out, _, _ = daily
    assert _lines(out / "documents.jsonl") == _lines(single / "documents.jsonl")
    docs = {d["doc_id"]: d for d in _lines(out / "documents.jsonl")}
    # the near copy on day 4 is set aside as a repeat of day 1's story, in both folders
    assert docs[f"{DAYS[3]}:1"]["duplicate_of"] == f"{DAYS[0]}:1"
    for name in ("relations.jsonl", "entities.jsonl"):
        assert [_strip_actor(r) for r in _lines(out / name)] == \
            [_strip_actor(r) for r in _lines(single / name)]
    assert _lines(out / "relations.jsonl"), "the feed must yield relations"


def test_daily_appends_group_statements_into_the_same_actors(single, daily):
    out, _, _ = daily
    one, many = _actor_slots(single), _actor_slots(out)
    assert one.keys() == many.keys()
    pairs = {(one[k], many[k]) for k in one}
    # a bijection between the two folders' actors: the same grouping, ids aside
    assert len({a for a, _ in pairs}) == len({b for _, b in pairs}) == len(pairs)
    assert None not in {b for _, b in pairs}
    # where they differ, it is by the redirect rule: Voss kept the id of days 1-2
    assert ("person:clara-voss", "person:voss") in pairs
    records = {r["id"]: r for r in _lines(out / "actors.jsonl")}
    assert records["person:voss"]["name"] == "Clara Voss"
    assert "person:clara-voss" not in records
    # day 2's "NWC" was its own actor until day 5 defined it: now a redirect
    assert records["org:nwc"] == {"id": "org:nwc", "name": "NWC",
                                  "merged_into": "org:northern-water-council"}
    assert ("org:northern-water-council", "org:northern-water-council") in pairs


def test_every_id_ever_written_still_names_its_actor(daily):
    out, snapshots, _ = daily
    final = _lines(out / "actors.jsonl")
    live = {r["id"]: r for r in final if not is_redirect(r)}
    for day, snap in enumerate(snapshots, start=1):
        for rec in snap:
            now = resolve_id(rec["id"], final)
            assert now is not None, (day, rec["id"])
            if not is_redirect(rec):  # the actor it named then is inside the one it names now
                assert set(rec["keys"]) <= set(live[now]["keys"]), (day, rec["id"])


def test_appending_what_the_folder_holds_adds_nothing(nlp, daily, tmp_path):
    out = tmp_path / "out"
    shutil.copytree(daily[0], out)
    before = _lines(out / "relations.jsonl")
    summary = run_job([DAYS[0]], out, append=True, nlp=nlp)
    docs = _lines(out / "documents.jsonl")[-2:]
    # the same ids again are made unique, as within one run, and set aside as repeats
    assert [(d["doc_id"], d["duplicate_of"]) for d in docs] == [
        (f"{DAYS[0]}:1~2", f"{DAYS[0]}:1"), (f"{DAYS[0]}:2~2", f"{DAYS[0]}:2")]
    assert _lines(out / "relations.jsonl") == before
    assert summary.duplicates == 3 and summary.documents == 7  # 10 articles, 3 repeats


@pytest.fixture(scope="module")
def days_4_5(nlp, daily, tmp_path_factory):
    """Days 4 and 5 appended in one go to the folder after day 3."""
    reference = tmp_path_factory.mktemp("days45") / "out"
    shutil.copytree(daily[2], reference)
    run_job(DAYS[3:], reference, append=True, nlp=nlp, batch_size=1)
    return reference


def test_an_interrupted_append_resumes(nlp, daily, days_4_5, tmp_path, monkeypatch):
    after3, reference = daily[2], days_4_5
    out = tmp_path / "out"
    shutil.copytree(after3, out)
    real = runner_mod._batches

    def one_batch_then_die(*args, **kw):
        for n, batch in enumerate(real(*args, **kw)):
            if n == 1:
                raise KeyboardInterrupt
            yield batch

    monkeypatch.setattr(runner_mod, "_batches", one_batch_then_die)
    with pytest.raises(KeyboardInterrupt):
        run_job(DAYS[3:], out, append=True, nlp=nlp, batch_size=1, checkpoint_every=0)
    monkeypatch.setattr(runner_mod, "_batches", real)
    with open(out / "relations.jsonl", "a") as fh:  # a kill in the middle of a write
        fh.write('{"doc_id": "half a li')
    with pytest.raises(UsageError, match="did not finish.*--resume"):
        run_job(DAYS[3:], out, append=True, nlp=nlp, batch_size=1)
    summary = run_job(DAYS[3:], out, append=True, resume=True, nlp=nlp, batch_size=1)
    assert summary.resumed_after == 2  # the first batch: day 4's repeat and its new article
    for name in STREAMED + ("actors.jsonl", "actors.graphml", "actors.gexf"):
        assert (out / name).read_bytes() == (reference / name).read_bytes(), name
    # run again: nothing to do, nothing changes
    run_job(DAYS[3:], out, append=True, resume=True, nlp=nlp, batch_size=1)
    assert (out / "relations.jsonl").read_bytes() == (reference / "relations.jsonl").read_bytes()


@pytest.mark.slow
@pytest.mark.timeout(300)
def test_append_on_dask_equals_a_local_append(daily, days_4_5, tmp_path):
    pytest.importorskip("distributed", reason="optional extra actorgraph[dask] not installed")
    out = tmp_path / "out"
    shutil.copytree(daily[2], out)
    run_job(DAYS[3:], out, append=True, dask="local:1", batch_size=1)
    for name in STREAMED + ("actors.jsonl", "actors.graphml"):
        assert (out / name).read_bytes() == (days_4_5 / name).read_bytes(), name


def test_append_refuses_a_folder_of_another_config_or_version(daily, tmp_path):
    out = tmp_path / "out"
    shutil.copytree(daily[2], out)
    snapshot = {n: (out / n).read_bytes() for n in STREAMED + ("actors.jsonl",)}
    with pytest.raises(UsageError, match="another --config or --set"):
        run_job(DAYS[3:], out, append=True, overrides={"model.exclude": ["lemmatizer"]})
    res = CliRunner().invoke(app, ["run", DAYS[3], "--out", str(out), "--append",
                                   "--set", 'model.exclude=["lemmatizer"]', "--quiet"])
    assert res.exit_code == 2
    assert res.output.strip().splitlines() == [
        f"error: cannot --append to {out}: it was written with another --config or --set; "
        "write to a new folder (--out) or run the same model and config"]
    state_path = out / ".actorgraph" / "state.json"
    state = json.loads(state_path.read_text())
    state["fingerprint"]["version"] = "0.0.1/1"
    state_path.write_text(json.dumps(state))
    with pytest.raises(UsageError, match="another actorgraph version"):
        run_job(DAYS[3:], out, append=True)
    assert {n: (out / n).read_bytes() for n in snapshot} == snapshot


def test_append_takes_url_inputs(nlp, daily, tmp_path):
    out = tmp_path / "out"
    shutil.copytree(daily[2], out)
    url = Path(DAYS[4]).as_uri()
    run_job([url], out, append=True, nlp=nlp)
    docs = _lines(out / "documents.jsonl")
    assert docs[-1]["doc_id"] == f"{url}:1" and docs[-1]["relations"] > 0
    records = {r["id"]: r for r in _lines(out / "actors.jsonl")}
    assert records["org:nwc"]["merged_into"] == "org:northern-water-council"


def test_window_cut_of_the_feed_has_only_its_statements(daily):
    out = daily[0]
    day3 = "2025-03-05"
    g = folder_graph(out, since=day3, until=day3)
    expected = {}
    for rel in _lines(out / "relations.jsonl"):
        when = (rel.get("date") or rel.get("doc_date") or "")[:10]
        if when != day3 or not rel["speaker"].get("actor_id"):
            continue
        for t in rel["about"]:
            if t.get("actor_id") and t["actor_id"] != rel["speaker"]["actor_id"]:
                key = (rel["speaker"]["actor_id"], t["actor_id"])
                expected[key] = expected.get(key, 0) + 1
    assert expected, "day 3 must have statements about someone"
    assert {(u, v): d["weight"] for u, v, d in g.edges(data=True)} == expected
    assert all(d["first_date"] == d["last_date"] == day3 for _, _, d in g.edges(data=True))
    full = folder_graph(out)
    assert full.number_of_edges() > g.number_of_edges()
    assert g.nodes["person:voss"]["label"] == full.nodes["person:voss"]["label"]
