"""The run folder has one owner (pipeline/run/folder.py): layout, reading back, counts."""

from __future__ import annotations

import json
import re
from pathlib import Path

from pipeline.records import Cue, Relation, Speaker, Target
from pipeline.run import folder
from pipeline.run.finalize import identify_actors

PIPELINE = Path(__file__).resolve().parents[1] / "pipeline"


def _rel(doc: str, speaker: str, target: str) -> dict:
    return Relation(doc, Speaker(speaker, "PERSON", speaker, 0, len(speaker)), Cue("say", "said", 0, 4),
                    "it is so", 5, 13, "indirect", [Target(target, "GPE", target)]).to_dict()


def _folder(tmp_path: Path) -> Path:
    out = tmp_path / "out"
    out.mkdir()
    docs = [{"doc_id": "a", "path": "a.txt", "start": 0, "end": 10, "words": 7, "relations": 2},
            {"doc_id": "b", "path": "a.txt", "start": 10, "end": 20, "words": 5, "relations": 1},
            {"doc_id": "c", "path": "c.txt", "start": 0, "end": 10, "duplicate_of": "a"}]
    (out / folder.DOCUMENTS).write_text("".join(json.dumps(d) + "\n" for d in docs) + "[1, 2]\n",
                                        encoding="utf-8")
    rels = [_rel("a", "Clara Voss", "Nordland"), _rel("a", "Clara Voss", "Sudland"),
            _rel("b", "Ivo Brandt", "Nordland")]
    (out / folder.RELATIONS).write_text("".join(json.dumps(r) + "\n" for r in rels) + "{oops\n\n",
                                        encoding="utf-8")
    (out / folder.ENTITIES).write_text('{"doc_id": "a"}\n\n{"doc_id": "b"}', encoding="utf-8")
    # the top lists come from the actors' counts (pipeline/counts.py), as finalize writes them
    actors = [("person:clara-voss", "Clara Voss", 2, 0), ("person:ivo-brandt", "Ivo Brandt", 1, 0),
              ("place:nordland", "Nordland", 0, 2), ("place:sudland", "Sudland", 0, 1)]
    (out / folder.ACTORS).write_text("".join(json.dumps(
        {"id": i, "name": n, "counts": {"statements": st, "targeted": tg}}) + "\n"
        for i, n, st, tg in actors), encoding="utf-8")
    (out / folder.ERRORS).write_text(json.dumps({"path": "bad.txt", "line": 3, "message": "not UTF-8"})
                                     + "\n", encoding="utf-8")
    return out


def test_read_jsonl_reports_bad_lines_by_number_and_goes_on(tmp_path):
    path = tmp_path / "x.jsonl"
    path.write_bytes(b'{"a": 1}\n\nnot json\n[1]\n{"b": "\xff"}\n')
    bad: list[tuple[int, str]] = []
    recs = list(folder.read_jsonl(path, lambda no, why: bad.append((no, why))))
    assert recs == [{"a": 1}, {"b": "\ufffd"}]
    assert [no for no, _ in bad] == [3, 4] and "not valid JSON" in bad[0][1]
    assert list(folder.read_jsonl(tmp_path / "missing.jsonl")) == []
    assert folder.count_lines(tmp_path / "missing.jsonl") == 0


def test_summarize_counts_the_folder(tmp_path):
    s = folder.summarize(_folder(tmp_path))
    assert (s.documents, s.duplicates, s.words, s.relations, s.entities, s.errors) == (2, 1, 12, 3, 2, 1)
    assert s.bad_lines == 2 and s.duplicate_examples == [("c", "a")]
    assert s.top_speakers == [("Clara Voss", 2), ("Ivo Brandt", 1)]
    assert s.top_targets[0] == ("Nordland", 2)
    assert s.error_messages == ["bad.txt:3: not UTF-8"]


def test_the_report_shows_the_same_counts_as_the_summary(tmp_path):
    out = _folder(tmp_path)
    s = folder.summarize(out)
    view = folder.load_run(out)
    assert (view.documents, view.n_duplicates, view.relations, view.entities, view.n_errors,
            view.bad_lines, view.errors) == (s.documents, s.duplicates, s.relations, s.entities,
                                             s.errors, s.bad_lines, s.error_messages)
    assert [(a.doc_id, len(a.relations)) for a in view.articles] == [("a", 2), ("b", 1)]


def test_file_names_are_written_only_in_the_run_folder_module():
    import ast

    names = {folder.RELATIONS, folder.ENTITIES, folder.DOCUMENTS, folder.ERRORS, folder.ACTORS,
             folder.GRAPHML, folder.GEXF, folder.SUMMARY, folder.REPORT, folder.STATE_FILE}
    offenders = [f"{p.relative_to(PIPELINE)}:{node.lineno}" for p in PIPELINE.rglob("*.py")
                 if p.name != "folder.py"
                 for node in ast.walk(ast.parse(p.read_text(encoding="utf-8")))
                 if isinstance(node, ast.Constant) and node.value in names]
    assert offenders == []


def test_one_jsonl_reader_and_one_line_counter():
    sources = {p: p.read_text(encoding="utf-8") for p in PIPELINE.rglob("*.py")}
    readers = [p.name for p, src in sources.items() if re.search(r"def _(?:iter_)?jsonl\(|def _count_lines\(", src)]
    assert readers == []


def test_identify_actors_converts_at_the_boundary_and_leaves_the_callers_dicts_alone():
    given = _rel("a", "Clara Voss", "Nordland")
    snapshot = json.dumps(given, sort_keys=True)
    rels, _, actors = identify_actors([given, Relation.from_dict(_rel("b", "Voss", "Nordland"))])
    assert json.dumps(given, sort_keys=True) == snapshot
    assert all(isinstance(r, Relation) for r in rels)
    assert rels[0].speaker.actor_id and rels[0].speaker.actor_id == rels[1].speaker.actor_id
    assert actors[rels[0].speaker.actor_id].statements == 2
