"""Stable actor ids across the states of a run folder (pipeline/stable_ids.py): pure tables."""

from __future__ import annotations

import pytest

from pipeline.stable_ids import assign_ids, is_redirect, resolve_id


def _live(rid, keys, statements=0, mentions=0, name=None):
    return {"id": rid, "name": name or rid, "keys": keys,
            "counts": {"statements": statements, "mentions": mentions}}


def test_first_state_keeps_fresh_ids():
    got = assign_ids({"person:clara-voss": ["person:clara-voss"], "country:IQ": ["country:IQ"]})
    assert got.ids == {"person:clara-voss": "person:clara-voss", "country:IQ": "country:IQ"}
    assert got.redirects == []


def test_actor_keeps_its_id_when_its_canonical_name_changes():
    prev = [_live("person:voss", ["person:voss"], 3)]
    got = assign_ids({"person:clara-voss": ["person:clara-voss", "person:voss"]}, prev)
    assert got.ids == {"person:clara-voss": "person:voss"}
    assert got.redirects == []


def test_two_earlier_actors_merge_into_one_and_the_other_redirects():
    prev = [_live("org:sdf", ["org:sdf"], 1), _live("org:syrian-democratic-forces",
                                                   ["org:syrian-democratic-forces"], 1)]
    got = assign_ids({"org:syrian-democratic-forces": ["org:sdf", "org:syrian-democratic-forces"]},
                     prev)
    assert got.ids == {"org:syrian-democratic-forces": "org:syrian-democratic-forces"}
    assert got.redirects == [{"id": "org:sdf", "name": "org:sdf",
                              "merged_into": "org:syrian-democratic-forces"}]


def test_merge_survivor_is_the_busier_actor_when_the_fresh_id_is_new():
    prev = [_live("person:voss", ["person:voss"], 1), _live("person:c-voss", ["person:c-voss"], 5)]
    got = assign_ids({"person:clara-voss": ["person:clara-voss", "person:voss", "person:c-voss"]},
                     prev)
    assert got.ids["person:clara-voss"] == "person:c-voss"
    assert got.redirects == [{"id": "person:voss", "name": "person:voss",
                              "merged_into": "person:c-voss"}]


def test_redirects_are_flattened_and_kept():
    # ISIS was merged into Daesh earlier; now Daesh joins Islamic State (the fresh id survives)
    prev = [{"id": "org:isis", "merged_into": "org:daesh"},
            _live("org:daesh", ["org:daesh", "org:isis"], 9),
            _live("org:islamic-state", ["org:islamic-state"], 2)]
    got = assign_ids({"org:islamic-state": ["org:islamic-state", "org:isis", "org:daesh"]}, prev)
    assert got.ids == {"org:islamic-state": "org:islamic-state"}
    assert {r["id"]: r["merged_into"] for r in got.redirects} == {
        "org:isis": "org:islamic-state", "org:daesh": "org:islamic-state"}


def test_an_id_is_never_reused_for_another_actor():
    # "Ahmed" was merged into Rebar Ahmed; a second full-name Ahmed splits it off again, and
    # the cluster now named person:rebar-ahmed-like keys stays with the old id
    prev = [{"id": "person:ahmed", "merged_into": "person:rebar-ahmed"},
            _live("person:rebar-ahmed", ["person:rebar-ahmed", "person:ahmed"], 4)]
    got = assign_ids({"person:rebar-ahmed": ["person:rebar-ahmed"],
                      "person:ahmed": ["person:ahmed"],
                      "person:sara-ahmed": ["person:sara-ahmed"]}, prev)
    assert got.ids["person:rebar-ahmed"] == "person:rebar-ahmed"
    assert got.ids["person:ahmed"] == "person:ahmed-2"  # its old id redirects elsewhere
    assert got.ids["person:sara-ahmed"] == "person:sara-ahmed"
    assert len(set(got.ids.values())) == 3


def test_vanished_actor_is_retired_not_reused():
    prev = [_live("person:nadia-karim", ["person:nadia-karim"], 1)]
    got = assign_ids({"person:omar-haddad": ["person:omar-haddad"]}, prev)
    assert got.redirects == [{"id": "person:nadia-karim", "name": "person:nadia-karim",
                              "retired": True}]
    again = assign_ids({"person:nadia-karim": ["person:nadia-karim"]}, got.redirects)
    assert again.ids == {"person:nadia-karim": "person:nadia-karim-2"}


@pytest.mark.parametrize("prev_ids", [["a"], ["a", "b"]])
def test_assignment_is_idempotent(prev_ids):
    clusters = {"org:x": ["org:x", "org:y"], "org:z": ["org:z"]}
    prev = [_live(f"org:{p}", [f"org:{p}"]) for p in prev_ids]
    first = assign_ids(clusters, prev)
    # what finalize writes: live actors under their published ids, plus the redirects
    written = [_live(first(f), keys) for f, keys in clusters.items()] + first.redirects
    second = assign_ids(clusters, written)
    assert second.ids == first.ids
    assert second.redirects == first.redirects


def test_resolve_id_follows_redirects():
    records = [{"id": "org:isis", "merged_into": "org:daesh"}, _live("org:daesh", ["org:daesh"]),
               {"id": "person:gone", "retired": True}]
    assert resolve_id("org:isis", records) == "org:daesh"
    assert resolve_id("org:daesh", records) == "org:daesh"
    assert resolve_id("person:gone", records) is None
    assert resolve_id("person:never", records) is None
    assert is_redirect(records[0]) and not is_redirect(records[1])
