"""Reading inputs from URLs (object storage and other fsspec filesystems), without a network.

fsspec's built-in ``memory://`` filesystem stands in for S3/GCS/Azure (it is per process, so
the full run uses one process) and ``file://`` URLs for a local filesystem reached through
fsspec. Every remote read is compared with the same bytes read from a local file: the same
articles, offsets and errors, only the name differs.
"""

from __future__ import annotations

import json
import random
import sys
import uuid
from pathlib import Path

import pytest

fsspec = pytest.importorskip("fsspec")  # a core dependency; also comes with dask
from fsspec.registry import _registry as fs_classes  # noqa: E402 - imported drivers
from fsspec.registry import known_implementations  # noqa: E402

from pipeline.run import runner as runner_mod  # noqa: E402
from pipeline.ingest import read_articles  # noqa: E402
from pipeline.ingest.readers import is_url, iter_paths, remote_stamps  # noqa: E402

sys.path.insert(0, str(Path(__file__).parent))
from runner_corpus import article_text, make_corpus  # noqa: E402

# Our own sample articles.
ART1 = ("Finance Minister Clara Voss said on Tuesday that the budget would protect pensions.\n\n"
        "\u201cWe will not cut them,\u201d Voss told reporters in Oslo.\n")
ART2 = ("Interior Minister Lena Okafor warned on Wednesday that roads would close.\n\n"
        "She said residents should carry identification at all times.\n")
TXT1 = ART1.rstrip("\n")  # ART1 as read from a .txt file: an article ends at its last word
ART3 = "Analyst Mia Holm said the dam would cost billions, according to the ministry.\n"
HTML = ("<!DOCTYPE html><html><head><title>Roads close | Harbor Times</title></head><body>"
        "<nav><a href='/'>Home</a> | <a href='/world'>World</a></nav><article>"
        "<h1>Roads close for summit</h1><p>Interior Minister Lena Okafor warned on Wednesday "
        "that roads in Abuja would close for three days.</p><p>\u201cWe expect fifteen "
        "delegations, and their safety is our duty,\u201d she said at a briefing.</p>"
        "</article><footer>All rights reserved.</footer></body></html>")

# A small tree of inputs of every format, with entries a directory walk must skip.
TREE: dict[str, bytes] = {
    "b_news.txt": ("Budget Protects Pensions\n\n" + ART1 + "\n\n\nRoads Close\n\n" + ART2)
    .replace("\n", "\r\n").encode("utf-8"),
    "a_feed.jsonl": (json.dumps({"id": "j1", "text": ART1, "date": "December 3, 2024"}) + "\n\n"
                     + json.dumps({"text": ART3}) + "\n").encode("utf-8"),
    "sub/c_archive.csv": ("\ufeffid,title,text\n"
                          f'c1,Budget,"{ART2}"\n'
                          f',Dam,"{ART3}"\n').encode("utf-8"),
    "sub/d_page.html": HTML.encode("utf-8"),
    "sub/deeper/e.tsv": f"id\ttext\ne1\t{ART3.strip()}\n".encode("utf-8"),
    "notes.md": b"# not an input\n",
    ".hidden.txt": ART1.encode("utf-8"),
    ".git/x.txt": ART1.encode("utf-8"),
}
READ_ORDER = ["a_feed.jsonl", "b_news.txt", "sub/c_archive.csv", "sub/d_page.html",
              "sub/deeper/e.tsv"]


@pytest.fixture()
def mem():
    """A fresh folder in the (process-wide) memory filesystem: (fs, url root), removed after."""
    fs = fsspec.filesystem("memory")
    root = f"/actorgraph-test-{uuid.uuid4().hex[:8]}"
    yield fs, f"memory://{root.lstrip('/')}"
    if fs.exists(root):
        fs.rm(root, recursive=True)


def put(fs, url: str, files: dict[str, bytes]) -> None:
    for rel, data in files.items():
        fs.pipe_file(f"{url}/{rel}", data)


def put_local(folder: Path, files: dict[str, bytes]) -> None:
    for rel, data in files.items():
        f = folder / rel
        f.parent.mkdir(parents=True, exist_ok=True)
        f.write_bytes(data)


def read(*paths):
    errors = []
    arts = list(read_articles([str(p) for p in paths], errors.append))
    return arts, errors


def renamed(records, old: str, new: str) -> list[dict]:
    """Records as dicts with ``old`` replaced by ``new`` in every string field (paths, ids)."""
    out = []
    for r in records:
        d = {k: getattr(r, k) for k in r.__slots__}
        out.append({k: v.replace(old, new) if isinstance(v, str) and k != "text" else v
                    for k, v in d.items()})
    return out


def one_error(errors):
    assert len(errors) == 1, [str(e) for e in errors]
    err = errors[0]
    assert "\n" not in str(err)
    return err


# --- reading ----------------------------------------------------------------------------------


@pytest.mark.parametrize("item, expected", [
    ("s3://bucket/news/", True), ("gs://b/x.jsonl", True), ("memory://x", True),
    ("file:///tmp/a.txt", True), ("https://host/f.jsonl?x=1", True),
    ("simplecache::s3://b/x", True), ("abfs://container/x", True),
    ("/tmp/a.txt", False), ("news/a.txt", False), ("-", False), ("C://data/a.txt", False),
    ("C:\\data\\a.txt", False), ("notes: see http://x", False), (Path("s3:/b/x"), False),
])
def test_is_url(item, expected):
    assert is_url(item) is expected


def test_prefix_of_several_formats_reads_like_the_same_local_folder(mem, tmp_path):
    fs, url = mem
    put(fs, url, TREE)
    local = tmp_path / "news"
    put_local(local, TREE)

    arts, errors = read(url + "/")
    assert errors == []
    # sorted by path under the prefix, hidden entries and other suffixes skipped
    assert list(dict.fromkeys(a.path for a in arts)) == [f"{url}/{r}" for r in READ_ORDER]
    news = f"{url}/b_news.txt"
    assert [a.doc_id for a in arts] == [
        "j1", f"{url}/a_feed.jsonl:3", f"{news}#1", f"{news}#2", "c1",
        f"{url}/sub/c_archive.csv:6", f"{url}/sub/d_page.html#1", "e1"]

    # offsets: a .txt article is the slice of the stored text (decoded, CRLF kept) at start
    stored = fs.cat_file(news).decode("utf-8")
    txt = [a for a in arts if a.path == news]
    assert [a.line for a in txt] == [1, 9]
    for a in txt:
        assert stored[a.start:a.start + len(a.text)] == a.text and "\r\n" in a.text
    assert txt[1].start > txt[0].start + len(txt[0].text)
    # JSONL/CSV records: the text field, start 0; HTML: trafilatura's text, start 0
    assert [(a.text, a.start, a.line) for a in arts if a.path.endswith(".jsonl")] == \
        [(ART1, 0, 1), (ART3, 0, 3)]
    assert arts[0].date == "2024-12-03"
    page = next(a for a in arts if a.path.endswith(".html"))
    assert "Lena Okafor warned on Wednesday" in page.text and "Home" not in page.text

    # the same bytes read from a local folder give the same articles, names aside
    local_arts, local_errors = read(local)
    assert local_errors == []
    assert renamed(local_arts, str(local), url) == renamed(arts, "", "")
    # and iter_paths lists the same files
    assert list(iter_paths([url], print)) == [f"{url}/{r}" for r in READ_ORDER]


def test_url_spelling_is_kept_in_names(mem):
    fs, url = mem
    put(fs, url, {"x.txt": ART1.encode()})
    triple = url.replace("memory://", "memory:///")  # another spelling of the same folder
    arts, errors = read(triple)
    assert errors == [] and [a.doc_id for a in arts] == [f"{triple}/x.txt#1"]
    arts, errors = read(f"{url}/x.txt", f"{triple}/x.txt")  # one file, named twice
    assert [a.doc_id for a in arts] == [f"{url}/x.txt#1"]
    assert "named more than once" in one_error(errors).message


def test_file_urls_read_local_files_through_fsspec(tmp_path):
    put_local(tmp_path, {"a.txt": ART1.encode(), "b/c.jsonl": (json.dumps({"text": ART2}) + "\n")
                         .encode()})
    url = f"file://{tmp_path}"
    arts, errors = read(url)
    assert errors == []
    assert [a.doc_id for a in arts] == [f"{url}/a.txt#1", f"{url}/b/c.jsonl:1"]
    assert [a.text for a in arts] == [TXT1, ART2]
    # the same file named as a path and as a URL is read once
    arts, errors = read(tmp_path / "a.txt", f"{url}/a.txt")
    assert len(arts) == 1 and "named more than once" in one_error(errors).message


def test_glob(mem):
    fs, url = mem
    put(fs, url, {
        "2024-01.jsonl": (json.dumps({"text": ART1}) + "\n").encode(),
        "2024-02.jsonl": (json.dumps({"text": ART2}) + "\n").encode(),
        "2023-12.jsonl": (json.dumps({"text": ART3}) + "\n").encode(),
        "2024-03/part-0": ART3.encode(),  # a matching prefix is walked: no suffix, skipped
        "2024-03/part-1.txt": ART3.encode(),
        "2024-04.data": (json.dumps({"id": "d4", "text": ART2}) + "\n").encode(),  # sniffed
    })
    arts, errors = read(f"{url}/2024-*")
    assert errors == []
    assert [a.doc_id for a in arts] == [
        f"{url}/2024-01.jsonl:1", f"{url}/2024-02.jsonl:1", f"{url}/2024-03/part-1.txt#1", "d4"]
    arts, errors = read(f"{url}/202?-0[12].jsonl")
    assert errors == [] and [a.text for a in arts] == [ART1, ART2]
    arts, errors = read(f"{url}/1999-*.jsonl", f"{url}/2023-12.jsonl")
    assert [a.text for a in arts] == [ART3]  # the run goes on after a pattern with no match
    err = one_error(errors)
    assert err.path == f"{url}/1999-*.jsonl" and "no files match" in err.message


# --- bad input --------------------------------------------------------------------------------


def test_missing_remote_path_is_one_error_and_the_run_goes_on(mem):
    fs, url = mem
    put(fs, url, {"ok.txt": ART1.encode(), "other/readme.md": b"# notes\n"})
    arts, errors = read(f"{url}/nope.jsonl", f"{url}/ok.txt", f"{url}/other")
    assert [a.text for a in arts] == [TXT1]
    assert [(e.path, e.line) for e in errors] == [(f"{url}/nope.jsonl", None),
                                                  (f"{url}/other", None)]
    assert errors[0].message == "no such file or directory"
    assert "no .txt/.jsonl/.csv/.html files" in errors[1].message
    assert "1 file(s) with other suffixes skipped" in errors[1].message
    assert all("\n" not in str(e) for e in errors)


@pytest.mark.parametrize("url, module", [
    ("s3://bucket/news/", "s3fs"),
    ("gs://bucket/2024-*.jsonl", "gcsfs"),
    ("az://container/news/a.jsonl", "adlfs"),
    ("https://example.org/feed.jsonl", "aiohttp"),
])
def test_missing_driver_is_one_error_naming_the_package(monkeypatch, mem, url, module):
    # make the driver missing, whether or not it is installed here
    proto = url.split("://")[0]
    impl = known_implementations[proto]["class"].rsplit(".", 1)[0]
    monkeypatch.setitem(sys.modules, module, None)
    if impl != module:  # fsspec's own http module imports aiohttp: make it import again
        monkeypatch.delitem(sys.modules, impl, raising=False)
    monkeypatch.delitem(fs_classes, proto, raising=False)
    fs, ok = mem
    put(fs, ok, {"ok.txt": ART1.encode()})
    arts, errors = read(url, ok)
    assert [a.text for a in arts] == [TXT1]  # the run goes on
    err = one_error(errors)
    assert err.path == url and err.line is None
    assert err.message.endswith(f"pip install {module}")
    assert module in err.message.split("pip install")[0]  # fsspec's own words name it too
    assert remote_stamps(url) == []  # nothing to fingerprint; the reader reports it


def test_a_registered_but_uninstalled_filesystem(monkeypatch):
    monkeypatch.setitem(known_implementations, "agtest", {
        "class": "actorgraph_no_such_driver.AgFileSystem",
        "err": "Install actorgraph-no-such-driver to access agtest"})
    monkeypatch.delitem(fs_classes, "agtest", raising=False)
    arts, errors = read("agtest://bucket/x.jsonl")
    err = one_error(errors)
    assert arts == [] and "Install actorgraph-no-such-driver" in err.message
    assert err.message.endswith("pip install actorgraph_no_such_driver")


def test_unknown_protocol_is_one_error():
    arts, errors = read("nosuchproto://bucket/x.jsonl")
    err = one_error(errors)
    assert arts == [] and err.path == "nosuchproto://bucket/x.jsonl"
    assert "unknown protocol 'nosuchproto'" in err.message


BAD_FILES = [
    ("empty.txt", b""),
    ("binary.jsonl", b'{"text": "a"}\n\x00\x00'),
    ("report.txt", b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj"),
    ("archive.jsonl", b"\x1f\x8b\x08\x00"),
    ("bad16.txt", b"\xff\xfe" + "Voss\nsaid".encode("utf-16-le") + b"\x00\xd8A\x00"),
    ("unclosed.csv", b'id,text\n1,"Voss said so."\n3,"unclosed\n4,"Okafor said no."\n'),
    ("latin1.txt", "Clara Voss said.\nLine two.\nCaf\xe9 talks ended.\n".encode("latin-1")),
    ("latin1.jsonl", json.dumps({"id": "g1", "text": ART1}).encode() + b"\n"
     + b'{"id": "bad", "text": "Caf\xe9"}\n' + b'{"text": broken\n'
     + json.dumps({"id": "g2", "text": ART2}).encode() + b"\n"),
    ("latin1.csv", b"id,text\n" + "".join(f'r{i},"Okafor said roads close on day {i}."\n'
                                          for i in range(2000)).encode()
     + b'bad,"Caf\xe9 closed."\nlast,"Voss said so."\n'),
    ("notext.csv", b"id,title,body\n1,Budget,Voss said so.\n"),
    ("nomain.html", b"<html><body><nav><a href='/'>Home</a></nav></body></html>"),
    ("array.data", b'[{"text": "Voss said so."}]'),
]


@pytest.mark.parametrize("name, data", BAD_FILES, ids=[n for n, _ in BAD_FILES])
def test_bad_bytes_in_a_remote_file_give_the_local_errors(mem, tmp_path, name, data):
    fs, url = mem
    put(fs, url, {name: data})
    (tmp_path / name).write_bytes(data)
    local_arts, local_errors = read(tmp_path / name)
    arts, errors = read(f"{url}/{name}")
    assert errors, "each of these files has something wrong"
    assert [str(e) for e in errors] == [str(e).replace(str(tmp_path), url) for e in local_errors]
    assert renamed(arts, "", "") == renamed(local_arts, str(tmp_path), url)
    assert all("\n" not in str(e) and str(e).startswith(f"{url}/{name}") for e in errors)


def test_a_read_failing_midway_is_one_error_after_the_records_before_it(mem, monkeypatch):
    fs, url = mem
    lines = [json.dumps({"id": f"r{i}", "text": f"{ART3.strip()} ({i})"}) for i in range(3000)]
    put(fs, url, {"big.jsonl": ("\n".join(lines) + "\n").encode(), "next.txt": ART1.encode()})
    real_open = type(fs)._open

    class Flaky:
        def __init__(self, f):
            self.f, self.n = f, 0

        def read(self, n=-1):
            self.n += 1
            if self.n > 3:
                raise ConnectionError("connection reset by peer")
            return self.f.read(n)

        def __enter__(self):
            return self

        def __exit__(self, *exc):
            self.f.close()

    def flaky_open(self, path, *a, **k):
        f = real_open(self, path, *a, **k)
        return Flaky(f) if path.endswith("big.jsonl") else f

    monkeypatch.setattr(type(fs), "_open", flaky_open)
    arts, errors = read(f"{url}/big.jsonl", f"{url}/next.txt")
    err = one_error(errors)
    assert err.path == f"{url}/big.jsonl"
    assert err.message == "cannot read: ConnectionError: connection reset by peer"
    assert 0 < len(arts) - 1 < 3000 and arts[-1].text == TXT1  # the next input is still read
    assert [a.doc_id for a in arts[:-1]] == [f"r{i}" for i in range(len(arts) - 1)]


def test_jsonl_and_csv_are_streamed(mem, monkeypatch):
    """The first record comes after reading a little of a big file, not all of it."""
    fs, url = mem
    text = f"{ART3.strip()} " * 20
    jsonl = "".join(json.dumps({"text": text}) + "\n" for _ in range(20000)).encode()
    csv_data = ("id,text\n" + "".join(f'{i},"{text}"\n' for i in range(20000))).encode()
    assert len(jsonl) > 20 * 2**20 and len(csv_data) > 20 * 2**20
    put(fs, url, {"big.jsonl": jsonl, "big.csv": csv_data})
    opened = []
    real_open = type(fs)._open

    def spy_open(self, path, *a, **k):
        f = real_open(self, path, *a, **k)
        opened.append(f)
        return f

    monkeypatch.setattr(type(fs), "_open", spy_open)
    for name in ("big.jsonl", "big.csv"):
        it = read_articles([f"{url}/{name}"], lambda e: pytest.fail(str(e)))
        first = next(it)
        assert first.text == text
        assert opened[-1].tell() < 2**20, f"{name}: read {opened[-1].tell()} bytes for one record"
        assert sum(1 for _ in it) == 19999
        fs.rm_file(f"{url}/{name}")


# --- resume fingerprint and a full run -------------------------------------------------------


def test_fingerprint_follows_remote_files(mem):
    fs, url = mem
    put(fs, url, {"a.txt": ART1.encode(), "b/c.jsonl": (json.dumps({"text": ART2}) + "\n")
                  .encode()})

    def fp(*inputs):
        return runner_mod._fingerprint(list(inputs), "m", "", {}, 1)["inputs"]

    before = fp(url)
    stamps = remote_stamps(url)
    assert [s.split("\0")[:2] for s in stamps] == [[f"{url}/a.txt", str(len(ART1.encode()))],
                                                   [f"{url}/b/c.jsonl", str(len(json.dumps(
                                                       {"text": ART2})) + 1)]]
    assert fp(url) == before  # nothing changed
    fs.pipe_file(f"{url}/a.txt", ART1.encode() + b"More.\n")  # changed: size and time
    assert fp(url) != before
    changed = fp(url)
    fs.pipe_file(f"{url}/b/new.txt", ART3.encode())  # a new file under the prefix
    assert fp(url) != changed
    assert fp(f"{url}/a.txt") != fp(f"{url}/b/new.txt")



COMPARED = ("relations.jsonl", "entities.jsonl", "documents.jsonl", "errors.jsonl",
            "actors.jsonl")


@pytest.mark.model
def test_run_job_over_memory_urls_equals_the_local_run(nlp, mem, tmp_path):
    from pipeline.run.folder import load_run

    local = make_corpus(tmp_path / "in", 5, sentences=5)
    (local / "feed.jsonl").write_text(
        json.dumps({"id": "j1", "text": article_text(random.Random(3), 99, 5)})
        + "\n{\"text\": broken\n", encoding="utf-8")
    fs, url = mem
    put(fs, url, {f.name: f.read_bytes() for f in local.iterdir()})

    out_local, out_remote = tmp_path / "out_local", tmp_path / "out_remote"
    s_local = run_job_(nlp, [str(local)], out_local)
    s_remote = run_job_(nlp, [url], out_remote, report=True)
    assert s_remote.documents == s_local.documents == 6
    assert s_remote.relations == s_local.relations > 5
    assert s_remote.errors == s_local.errors == 1
    for name in COMPARED:
        expected = (out_local / name).read_text(encoding="utf-8").replace(str(local), url)
        assert (out_remote / name).read_text(encoding="utf-8") == expected, name
    docs = [json.loads(x) for x in (out_remote / "documents.jsonl").read_text().splitlines()]
    assert {d["path"] for d in docs} == {f"{url}/{f.name}" for f in local.iterdir()}
    # the report re-reads article texts from the URLs
    assert s_remote.report and s_remote.report_error is None
    view = load_run(out_remote)
    with_text = [a for a in view.articles if a.text]
    assert len(with_text) == len(view.articles) == 6
    assert not [a.note for a in view.articles if a.note]
    # --resume over unchanged remote inputs has nothing left to do
    again = run_job_(nlp, [url], out_remote, resume=True)
    assert again.words_this_session == 0 and again.relations == s_remote.relations


def run_job_(nlp, inputs, out, **kw):
    return runner_mod.run_job(inputs, out, nlp=nlp, batch_size=4, **kw)
