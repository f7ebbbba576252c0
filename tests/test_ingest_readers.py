"""Reading inputs: every format, stdin, directories, doc_ids, and every kind of bad input."""

import io
import json
import sys

import pytest

from pipeline.ingest import read_articles

ART1 = ("Finance Minister Clara Voss said on Tuesday that the budget would protect pensions.\n\n"
        "“We will not cut them,” Voss told reporters in Oslo.\n")
ART2 = ("Interior Minister Lena Okafor warned on Wednesday that roads would close.\n\n"
        "She said residents should carry identification at all times.\n")


def read(*paths):
    errors = []
    arts = list(read_articles([str(p) for p in paths], errors.append))
    return arts, errors


def one_error(errors):
    assert len(errors) == 1, [str(e) for e in errors]
    err = errors[0]
    assert "\n" not in str(err)
    return err


# --- formats ----------------------------------------------------------------------------------


def test_txt_several_articles_with_exact_slices(tmp_path):
    text = "Budget Protects Pensions\n\n" + ART1 + "\n\n\nRoads Close for Summit\n\n" + ART2
    f = tmp_path / "news.txt"
    f.write_bytes(text.replace("\n", "\r\n").encode("utf-8"))
    arts, errors = read(f)
    assert errors == []
    decoded = f.read_bytes().decode("utf-8")  # no newline translation
    assert [a.doc_id for a in arts] == [f"{f}#1", f"{f}#2"]
    for a in arts:
        assert decoded[a.start:a.start + len(a.text)] == a.text
        assert a.path == str(f)
        assert decoded.count("\n", 0, a.start) + 1 == a.line
    assert [a.line for a in arts] == [1, 9]


def test_jsonl_records_and_fields(tmp_path):
    f = tmp_path / "feed.jsonl"
    recs = [
        {"id": "a1", "text": ART1, "title": "Budget", "date": "December 3, 2024",
         "source": "Andes Wire", "url": "https://example.org/a1"},
        {"text": ART2},
        {"doc_id": 17, "text": ART2 + "More."},
    ]
    f.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in recs) + "\n",
                 encoding="utf-8")
    arts, errors = read(f)
    assert errors == []
    assert [a.doc_id for a in arts] == ["a1", f"{f}:2", "17"]
    a = arts[0]
    assert (a.text, a.title, a.date, a.source, a.url, a.line, a.start) == (
        ART1, "Budget", "2024-12-03", "Andes Wire", "https://example.org/a1", 1, 0)
    assert arts[1].line == 2 and arts[1].date is None


def test_csv_records_multiline_fields_and_line_numbers(tmp_path):
    f = tmp_path / "archive.csv"
    f.write_text('\ufeffid,Title,date,text\n'
                 f'c1,Budget,2024-11-12,"{ART1}"\n'
                 f',Roads,,"{ART2}"\n', encoding="utf-8")
    arts, errors = read(f)
    assert errors == []
    assert [a.doc_id for a in arts] == ["c1", f"{f}:6"]
    assert arts[0].text == ART1 and arts[0].title == "Budget" and arts[0].date == "2024-11-12"
    assert [a.line for a in arts] == [2, 6]


def test_csv_semicolon_and_tsv(tmp_path):
    f = tmp_path / "a.csv"
    f.write_text(f'id;text\nx;"{ART1}"\n', encoding="utf-8")
    g = tmp_path / "b.tsv"
    g.write_text("id\ttext\ny\tOkafor said the roads would close on Monday.\n", encoding="utf-8")
    arts, errors = read(f, g)
    assert errors == []
    assert [(a.doc_id, a.text) for a in arts] == [
        ("x", ART1), ("y", "Okafor said the roads would close on Monday.")]


HTML = """<!DOCTYPE html><html><head><title>Roads close for summit | Harbor Times</title>
<meta property="og:site_name" content="Harbor Times"><meta name="date" content="2024-11-29">
<link rel="canonical" href="https://example.org/harbor/roads"></head><body>
<nav><a href="/">Home</a> | <a href="/world">World</a> | <a href="/sport">Sport</a></nav>
<article><h1>Roads close for summit</h1>
<p>Interior Minister Lena Okafor warned on Wednesday that roads in Abuja would close for three days.</p>
<p>“We expect fifteen delegations, and their safety is our duty,” she said at a briefing.</p>
</article><footer>© 2024 Harbor Times. All rights reserved. Privacy | Terms</footer></body></html>
"""


def test_html_main_text_and_metadata(tmp_path):
    f = tmp_path / "page.html"
    f.write_text(HTML, encoding="utf-8")
    arts, errors = read(f)
    assert errors == []
    (a,) = arts
    assert a.doc_id == f"{f}#1" and a.start == 0 and a.line is None
    assert "Lena Okafor warned on Wednesday" in a.text
    assert "Home" not in a.text and "All rights reserved" not in a.text
    assert (a.title, a.date, a.source, a.url) == (
        "Roads close for summit", "2024-11-29", "Harbor Times", "https://example.org/harbor/roads")


def test_html_with_a_legacy_charset(tmp_path):
    f = tmp_path / "old.htm"
    f.write_bytes(HTML.replace("<head>", '<head><meta charset="iso-8859-1">')
                  .replace("©", "(c)").replace("“", '"').replace("”", '"')
                  .replace("Abuja", "Abujá").encode("latin-1"))
    arts, errors = read(f)
    assert errors == [] and "Abujá" in arts[0].text


class _Stdin:
    def __init__(self, data: bytes):
        self.buffer = io.BytesIO(data)


@pytest.mark.parametrize("data, ids", [
    (("Budget Protects Pensions\n\n" + ART1 + "\n\n\nRoads Close\n\n" + ART2).encode(),
     ["<stdin>#1", "<stdin>#2"]),
    ((json.dumps({"id": "s1", "text": ART1}) + "\n" + json.dumps({"text": ART2}) + "\n").encode(),
     ["s1", "<stdin>:2"]),
    (HTML.encode(), ["<stdin>#1"]),
])
def test_stdin_is_sniffed(monkeypatch, data, ids):
    monkeypatch.setattr(sys, "stdin", _Stdin(data))
    arts, errors = read("-")
    assert errors == []
    assert [a.doc_id for a in arts] == ids
    assert all(a.path == "<stdin>" for a in arts)


def test_directory_recursive_sorted_and_skips_other_suffixes(tmp_path):
    (tmp_path / "b").mkdir()
    (tmp_path / "b" / "2.txt").write_text(ART2, encoding="utf-8")
    (tmp_path / "a.txt").write_text(ART1, encoding="utf-8")
    (tmp_path / "c.jsonl").write_text(json.dumps({"id": "j", "text": ART2}) + "\n",
                                      encoding="utf-8")
    (tmp_path / "notes.md").write_text("# not an input\n", encoding="utf-8")
    (tmp_path / "image.png").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00")
    (tmp_path / ".hidden.txt").write_text(ART1, encoding="utf-8")
    (tmp_path / ".git").mkdir()
    (tmp_path / ".git" / "x.txt").write_text(ART1, encoding="utf-8")
    arts, errors = read(tmp_path)
    assert errors == []
    assert [a.doc_id for a in arts] == [f"{tmp_path / 'a.txt'}#1",
                                        f"{tmp_path / 'b' / '2.txt'}#1", "j"]
    arts2, _ = read(tmp_path)
    assert [a.doc_id for a in arts2] == [a.doc_id for a in arts]  # deterministic


def test_several_paths_and_an_explicit_unknown_suffix(tmp_path):
    a = tmp_path / "one.txt"
    a.write_text(ART1, encoding="utf-8")
    b = tmp_path / "two.md"  # named explicitly: sniffed, read as text
    b.write_text("Roads Close\n\n" + ART2, encoding="utf-8")
    c = tmp_path / "three.data"  # named explicitly: sniffed as JSON Lines
    c.write_text(json.dumps({"id": "j3", "text": ART2}) + "\n", encoding="utf-8")
    arts, errors = read(a, b, c)
    assert errors == []
    assert [x.doc_id for x in arts] == [f"{a}#1", f"{b}#1", "j3"]


def test_same_file_twice_and_repeated_ids(tmp_path):
    f = tmp_path / "feed.jsonl"
    f.write_text(json.dumps({"id": "x", "text": ART1}) + "\n"
                 + json.dumps({"id": "x", "text": ART2}) + "\n", encoding="utf-8")
    arts, errors = read(f, f)
    assert [a.doc_id for a in arts] == ["x", "x~2"]
    assert len(errors) == 2
    assert "already used" in str(errors[0]) and errors[0].line == 2
    assert "more than once" in str(errors[1])


# --- bad input --------------------------------------------------------------------------------


@pytest.mark.parametrize("name, data, line, words", [
    ("empty.txt", b"", None, "empty file"),
    ("blank.txt", b"\n \n\t\n", None, "empty file"),
    ("empty.jsonl", b"", None, "empty file"),
    ("empty.csv", b"", None, "empty file"),
    ("empty.html", b"", None, "empty file"),
    ("binary.txt", b"Voss said\n\x00\x01\x02\x03", 2, "binary"),
    ("binary.jsonl", b'{"text": "a"}\n\x00\x00', 2, "binary"),
    ("report.txt", b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj", None, "PDF"),
    ("archive.txt", b"PK\x03\x04\x14\x00\x00\x00", None, "zip"),
    ("bad16.txt", b"\xff\xfe" + "Voss\nsaid".encode("utf-16-le") + b"\x00\xd8A\x00", 2,
     "not valid UTF-16 (little-endian)"),
    ("bad32.txt", b"\x00\x00\xfe\xff" + "Voss said".encode("utf-32-be") + b"\x00\x11\x00\x00",
     1, "not valid UTF-32 (big-endian)"),
    ("latin1.txt", "Clara Voss said.\nLine two.\nCaf\xe9 talks ended.\n".encode("latin-1"), 3,
     "not valid UTF-8 (byte 0xe9"),
    ("nomain.html", b"<html><body><nav><a href='/'>Home</a></nav></body></html>", None,
     "no main text"),
    ("notext.csv", b"id,title,body\n1,Budget,Voss said so.\n", 1, "no 'text' column"),
    ("array.data", b'[{"text": "Voss said so."}]', 1, "JSON array"),
])
def test_bad_files_give_one_line_errors(tmp_path, name, data, line, words):
    f = tmp_path / name
    f.write_bytes(data)
    arts, errors = read(f)
    err = one_error(errors)
    assert arts == []
    assert err.path == str(f) and err.line == line
    assert words in err.message
    assert str(err).startswith(str(f))


@pytest.mark.parametrize("line_text, words", [
    ('{"id": "x", "text": "Voss said so."', "malformed JSON"),
    ("not json at all", "malformed JSON"),
    ('["a", "b"]', "an array, not an object"),
    ('{"id": "x", "title": "no text here"}', "no 'text' field"),
    ('{"id": "x", "text": 42}', "'text' is a number, not a string"),
    ('{"id": "x", "text": null}', "'text' is null, not a string"),
    ('{"id": "x", "text": "   "}', "'text' is empty"),
])
def test_bad_jsonl_lines_skip_only_that_line(tmp_path, line_text, words):
    f = tmp_path / "feed.jsonl"
    good1 = json.dumps({"id": "g1", "text": ART1})
    good2 = json.dumps({"id": "g2", "text": ART2})
    f.write_text(f"{good1}\n\n{line_text}\n{good2}\n", encoding="utf-8")
    arts, errors = read(f)
    err = one_error(errors)
    assert [a.doc_id for a in arts] == ["g1", "g2"]
    assert err.line == 3 and words in err.message


def test_undecodable_jsonl_line_skips_that_record(tmp_path):
    f = tmp_path / "feed.jsonl"
    f.write_bytes(json.dumps({"id": "g1", "text": ART1}).encode() + b"\n"
                  + b'{"id": "bad", "text": "Caf\xe9"}\n'
                  + json.dumps({"id": "g2", "text": ART2}).encode() + b"\n")
    arts, errors = read(f)
    err = one_error(errors)
    assert [a.doc_id for a in arts] == ["g1", "g2"]
    assert err.line == 2 and "not valid UTF-8" in err.message


def test_undecodable_csv_reads_up_to_the_bad_line(tmp_path):
    f = tmp_path / "archive.csv"
    rows = "".join(f'r{i},"Okafor said roads would close on day {i}."\n' for i in range(3000))
    f.write_bytes(b"id,text\n" + rows.encode() + b'bad,"Caf\xe9 closed."\n')
    arts, errors = read(f)
    err = one_error(errors)
    assert err.line == 3002 and "not valid UTF-8" in err.message
    assert len(arts) <= 3000 and arts[0].doc_id == "r0"


def test_csv_rows_with_empty_text(tmp_path):
    f = tmp_path / "archive.csv"
    f.write_text(f'id,text\na,"{ART1}"\nb,\nc,"{ART2}"\n', encoding="utf-8")
    arts, errors = read(f)
    err = one_error(errors)
    assert [a.doc_id for a in arts] == ["a", "c"] and "empty" in err.message


def test_missing_path_and_empty_directory_do_not_stop_the_run(tmp_path):
    good = tmp_path / "good.txt"
    good.write_text(ART1, encoding="utf-8")
    empty_dir = tmp_path / "nothing"
    empty_dir.mkdir()
    (empty_dir / "readme.md").write_text("hi", encoding="utf-8")
    arts, errors = read(tmp_path / "missing.txt", empty_dir, good)
    assert [a.doc_id for a in arts] == [f"{good}#1"]
    assert [e.path for e in errors] == [str(tmp_path / "missing.txt"), str(empty_dir)]
    assert "no such file" in errors[0].message
    assert "no .txt/.jsonl/.csv/.html files" in errors[1].message and "1 file" in errors[1].message


def test_errors_never_raise_from_the_generator(tmp_path):
    """A mix of every bad input, read in one run: all reported, the good ones still read."""
    (tmp_path / "a_empty.txt").write_bytes(b"")
    (tmp_path / "b_bin.txt").write_bytes(b"\x00\x00\x00")
    (tmp_path / "c_latin.txt").write_bytes(b"Caf\xe9")
    (tmp_path / "d.jsonl").write_text("{bad\n", encoding="utf-8")
    (tmp_path / "e.csv").write_text("a,b\n1,2\n", encoding="utf-8")
    (tmp_path / "f_good.txt").write_text(ART1, encoding="utf-8")
    arts, errors = read(tmp_path, tmp_path / "nope")
    assert [a.doc_id for a in arts] == [f"{tmp_path / 'f_good.txt'}#1"]
    assert len(errors) == 6


# --- encodings and CSV rows that cannot be parsed ----------------------------------------------

BOMS = {"utf-16-le": b"\xff\xfe", "utf-16-be": b"\xfe\xff",
        "utf-32-le": b"\xff\xfe\x00\x00", "utf-32-be": b"\x00\x00\xfe\xff"}


@pytest.mark.parametrize("codec", sorted(BOMS))
def test_bom_marked_utf16_and_utf32_files_are_decoded(tmp_path, codec):
    """A byte order mark makes the encoding certain: every format reads as its UTF-8 twin,
    with offsets into the decoded text (the mark not part of it)."""
    text = "Budget Protects Pensions\n\n" + ART1 + "\n\n\nRoads Close for Summit\n\n" + ART2
    jsonl = json.dumps({"id": "a1", "text": ART1}, ensure_ascii=False) + "\n"
    csv_text = 'id,text\nc1,"' + ART2 + '"\n'
    html = "<html><head><title>Roads</title></head><body><article><p>" + ART2 + "</p></article></body></html>"
    for suffix, content in (("txt", text), ("jsonl", jsonl), ("csv", csv_text), ("html", html),
                            ("data", text)):
        marked = tmp_path / f"{codec}.{suffix}"
        marked.write_bytes(BOMS[codec] + content.encode(codec))
        plain = tmp_path / f"plain.{suffix}"
        plain.write_bytes(content.encode("utf-8"))
        arts, errors = read(marked)
        twins, _ = read(plain)
        assert errors == [], [str(e) for e in errors]
        assert arts and [(a.text, a.start, a.line) for a in arts] == \
            [(a.text, a.start, a.line) for a in twins]
        if suffix == "txt":
            decoded = marked.read_bytes().decode(codec[:6])  # "utf-16": the mark chooses the order
            assert decoded == text
            for a in arts:
                assert decoded[a.start:a.start + len(a.text)] == a.text


def test_utf16_on_stdin_is_decoded(monkeypatch):
    raw = b"\xff\xfe" + ART1.encode("utf-16-le")
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(raw)))
    errors = []
    arts = list(read_articles(["-"], errors.append))
    assert errors == [] and [a.text for a in arts] == [ART1.rstrip()]


def test_csv_row_with_an_unclosed_quote_is_reported_and_the_rows_after_it_read(tmp_path):
    f = tmp_path / "archive.csv"
    f.write_text('id,text\n1,"Voss said so."\n3,"unclosed\n4,"Okafor warned that roads close."\n'
                 '5,"Lund said\nyes."\n6,Brandt said no.\n', encoding="utf-8")
    arts, errors = read(f)
    err = one_error(errors)
    assert err.path == str(f) and err.line == 3 and "quoted field is not closed" in err.message
    assert [(a.doc_id, a.line) for a in arts] == [("1", 2), ("4", 4), ("5", 5), ("6", 7)]
    assert "unclosed" not in " ".join(a.text for a in arts)


def test_csv_unclosed_quote_at_the_end_swallows_nothing(tmp_path):
    f = tmp_path / "archive.csv"
    f.write_text('id,text\n1,"Voss said so."\n2,Okafor said no.\n3,"unclosed\n', encoding="utf-8")
    arts, errors = read(f)
    err = one_error(errors)
    assert (err.line, err.path) == (4, str(f)) and "not closed" in err.message
    assert [a.doc_id for a in arts] == ["1", "2"]


def test_csv_text_after_a_closing_quote_is_one_bad_row(tmp_path):
    f = tmp_path / "archive.csv"
    f.write_text('id,text\n1,"Voss" said so\n2,Okafor said no.\n', encoding="utf-8")
    arts, errors = read(f)
    assert one_error(errors).line == 2
    assert [a.doc_id for a in arts] == ["2"]
