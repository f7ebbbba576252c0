"""Cleaning one article: dropped lines, header metadata, datelines, markup, control characters,
glued words, and the offset map back to the original text."""

import random

import pytest

from pipeline.ingest import clean_article
from pipeline.ingest.clean import body_text
from pipeline.ingest.header import parse_date, parse_header

HEADLINE = "Nigeria Tightens Security Ahead of Summit"
CAPTION = "Interior Minister Lena Okafor speaks in Abuja. (AFP)"
BODY1 = "Nigerian Interior Minister Lena Okafor warned on Wednesday that roads would close."
BODY2 = "“We expect fifteen delegations,” the interior minister said."
SEED_LIKE = (f"{HEADLINE}\n\n{CAPTION}\n{CAPTION}\nTT\n\n{HEADLINE}\n\n{CAPTION}\n{CAPTION}\n\n"
             f"{BODY1}\n\n{BODY2}\n")


def test_repeated_headline_and_captions_keep_only_the_first():
    c = clean_article(SEED_LIKE)
    t = c.clean.text
    assert t.count(HEADLINE) == 1 and t.count(CAPTION) == 1
    assert t.index(HEADLINE) < t.index(CAPTION) < t.index(BODY1)
    assert "TT" not in t.split()
    assert BODY1 in t and BODY2 in t
    assert c.meta["title"] == HEADLINE
    # headline and caption never run into the body: a paragraph break after each
    assert f"{CAPTION}\n\n" in t and f"{HEADLINE}\n\n" in t


def test_caption_glued_to_the_body_gets_a_paragraph_break():
    c = clean_article(f"{HEADLINE}\n{CAPTION}\n{CAPTION}\n{BODY1}\n")
    assert c.clean.text == f"{HEADLINE}\n\n{CAPTION}\n\n{BODY1}\n"
    start = c.clean.text.index(BODY1)
    assert c.clean.inserted() and all(e <= start for s, e in c.clean.inserted())


def test_body_spans_leave_out_headline_captions_and_header():
    text = f" date 2024-12-19 2024-12-19 13:05:28 - From: Tigris Daily\n\n{SEED_LIKE}"
    c = clean_article(text)
    body = body_text(c)
    assert BODY1 in body and BODY2 in body
    assert HEADLINE not in body and CAPTION not in body and "Tigris" not in body


@pytest.mark.parametrize("line, meta", [
    (" date 2024-12-19 2024-12-19 13:05:28 - From: Shafaq News",
     {"date": "2024-12-19", "source": "Shafaq News"}),
    ("Date: 2024-11-05 | Source: Harbor Times", {"date": "2024-11-05", "source": "Harbor Times"}),
    ("Published: December 19, 2024 - From: Andes Wire",
     {"date": "2024-12-19", "source": "Andes Wire"}),
    ("Posted 19 Dec 2024 13:05", {"date": "2024-12-19"}),
    ("Source: Northern Ledger", {"source": "Northern Ledger"}),
])
def test_header_lines_give_meta_and_leave_the_text(line, meta):
    assert parse_header(line) == meta
    c = clean_article(f"{line}\n\n{BODY1}\n")
    assert {k: c.meta[k] for k in meta} == meta
    assert c.clean.text.strip() == BODY1


@pytest.mark.parametrize("line", [
    "Date night was cancelled, the minister said.",
    "From the start, officials doubted the plan.",
    "From Abuja, the convoy drove north.",
    "Updated rules will apply from Monday.",
    BODY1,
])
def test_ordinary_lines_are_not_headers(line):
    assert parse_header(line) is None
    assert clean_article(f"{line}\n").clean.text.strip() == line


def test_header_lines_only_count_at_the_top():
    later = "Source: Northern Ledger"
    c = clean_article(f"{BODY1}\n\n{later}\n")
    assert later in c.clean.text and "source" not in c.meta


@pytest.mark.parametrize("prefix, source", [
    ("Shafaq News/ ", "Shafaq News"),
    ("Tigris Daily/ ", "Tigris Daily"),
    ("BAGHDAD (Reuters) - ", "Reuters"),
    ("ABUJA (AFP) — ", "AFP"),
    ("Baghdad, Iraq (AP) -- ", "AP"),
    ("ABUJA — ", None),
])
def test_datelines_are_dropped_from_the_first_body_line(prefix, source):
    c = clean_article(f"{HEADLINE}\n\n{prefix}{BODY1}\n\n{BODY2}\n")
    t = c.clean.text
    assert prefix.strip() not in t
    assert f"\n\n{BODY1}" in t
    assert c.meta.get("source") == source
    s = t.index(BODY1)
    os_, oe = c.clean.to_original(s, s + len(BODY1))
    original = f"{HEADLINE}\n\n{prefix}{BODY1}\n\n{BODY2}\n"
    assert original[os_:oe] == BODY1


def test_a_header_source_wins_over_the_dateline_and_later_slashes_stay():
    text = (" date 2024-12-19 2024-12-19 13:05:28 - From: Shafaq News\n\n"
            "Reuters/ Officials in Baghdad said on Monday that talks would resume.\n\n"
            "Iraq/ Syria border crossings stay closed, officials said on Monday.\n")
    c = clean_article(text)
    assert c.meta["source"] == "Shafaq News"
    assert "Reuters/" not in c.clean.text
    assert "Iraq/ Syria border" in c.clean.text


@pytest.mark.parametrize("raw, clean", [
    ("<b>Clara Voss</b> said the plan would work.", "Clara Voss said the plan would work."),
    ("Finance Minister <i>Clara</i> <span class=\"x\">Voss</span> said so.",
     "Finance Minister Clara Voss said so."),
    ("<p>Lena Okafor said roads would close.</p>", " Lena Okafor said roads would close. "),
    ("Okafor said<br/>roads would close.", "Okafor said roads would close."),
    ("AT&amp;T said prices would rise.", "AT&T said prices would rise."),
    ("Clara&nbsp;Voss said so.", "Clara Voss said so."),
    ("Voss<!-- hidden --> said so.", "Voss said so."),
    ("If a < b and c > d, the minister said, the plan fails.",
     "If a < b and c > d, the minister said, the plan fails."),
    ("Clara\x00Voss said\x07 so.", "Clara Voss said  so."),
    ("Cla\u200bra Voss said so.", "Clara Voss said so."),
    ("inter\u00adnational talks", "international talks"),
    ("\ufeffClara Voss said so.", "Clara Voss said so."),
    ("“Curly” quotes — and dashes – stay.", "“Curly” quotes — and dashes – stay."),
])
def test_markup_and_control_characters(raw, clean):
    c = clean_article(raw)
    assert c.clean.text == clean
    if "Voss" in clean:
        s = clean.index("Voss")
        os_, oe = c.clean.to_original(s, s + 4)
        assert raw[os_:oe] == "Voss"


@pytest.mark.parametrize("raw, clean", [
    ("Line one said.\r\nLine two said.\r\n", "Line one said.\nLine two said.\n"),
    ("Line one said.\rLine two said.", "Line one said.\nLine two said."),
    ("Line one said.\n\n\nLine two said.", "Line one said.\n\n\nLine two said."),
    ("Line one said.\n  \t \nLine two said.", "Line one said.\n\nLine two said."),
])
def test_line_ends(raw, clean):
    assert clean_article(raw).clean.text == clean


def test_glued_words_are_repaired_in_place():
    raw = "In light of heightenedsecurity concerns, Al-Sudanirecently told parliament so."
    c = clean_article(raw)
    t = c.clean.text
    assert "heightened security" in t and "Al-Sudani recently" in t
    s = t.index("Al-Sudani")
    assert raw[slice(*c.clean.to_original(s, s + len("Al-Sudani")))] == "Al-Sudani"
    s = t.index("security")
    assert raw[slice(*c.clean.to_original(s, s + len("security")))] == "security"


def test_markup_does_not_hide_glue_or_break_offsets():
    raw = "<b>Clara Voss</b>stressed that theTurkish side agreed."
    c = clean_article(raw)
    assert c.clean.text == "Clara Voss stressed that the Turkish side agreed."


def test_short_repeated_lines_and_body_repeats():
    raw = f"{BODY1}\n\nYes.\n\nNo.\n\nYes.\n\n{BODY1}\n"
    t = clean_article(raw).clean.text
    assert t.count("Yes.") == 2  # too short to be a doubled caption
    assert t.count(BODY1) == 1  # a doubled paragraph is dropped


@pytest.mark.parametrize("value, iso", [
    ("2024-12-19", "2024-12-19"), ("2024-12-19T13:05:28Z", "2024-12-19"),
    ("December 19, 2024", "2024-12-19"), ("19 December 2024", "2024-12-19"),
    ("Thu, 19 Dec 2024 13:05:28 GMT", "2024-12-19"), ("2024/12/19", "2024-12-19"),
    ("", None), ("soon", None), ("2024-13-45", None), (None, None),
])
def test_parse_date(value, iso):
    assert parse_date(value) == iso


# --- the offset map: a property test over random messy texts ---------------------------------

PIECES = [
    "Finance Minister Clara Voss said", " on Tuesday", " that", " heightenedsecurity", " was",
    " needed", ".", " “We will not cut pensions,”", " she said", "\n", "\n\n", "\r\n", "\r",
    " <b>Lena Okafor</b>", " AT&amp;T", "\x07", "\u200b", " theKurdish-led", " Iraq,coalition",
    " 2,500", " 3.5", "\nTT\n", "\nA caption line. (AFP)\nA caption line. (AFP)\n",
    " date 2024-12-19 2024-12-19 13:05:28 - From: Shafaq News\n", "Shafaq News/ ",
    " ISISoperatives", " September2025", " threat.“Unless", "   ", "\t",
]


def _random_text(rng: random.Random) -> str:
    return "".join(rng.choice(PIECES) for _ in range(rng.randint(1, 60)))


def _without(text: str, spans: list[tuple[int, int]], lo: int, hi: int) -> str:
    keep = []
    for i in range(lo, hi):
        if not any(s <= i < e for s, e in spans):
            keep.append(text[i])
    return "".join(keep)


@pytest.mark.parametrize("seed", range(40))
def test_offset_round_trip(seed):
    rng = random.Random(seed)
    original = _random_text(rng)
    ct = clean_article(original).clean
    cleaned = ct.text
    inserted = ct.inserted()
    # every copied character maps to the same character of the original
    for i in range(len(cleaned)):
        if not any(s <= i < e for s, e in inserted):
            o, _ = ct.to_original(i, i + 1)
            assert original[o] == cleaned[i]
    # random spans: the copied characters of the cleaned span appear, in order, inside the
    # original slice; and where nothing was dropped, the slices are equal ignoring insertions
    for _ in range(30):
        if not cleaned:
            break
        s = rng.randrange(len(cleaned))
        e = rng.randrange(s, len(cleaned)) + 1
        os_, oe = ct.to_original(s, e)
        assert 0 <= os_ <= oe <= len(original)
        kept = _without(cleaned, inserted, s, e)
        orig = original[os_:oe]
        it = iter(orig)
        assert all(ch in it for ch in kept), (kept, orig)
        if len(orig) == len(kept):
            assert orig == kept


def test_round_trip_equality_on_text_with_only_insertions():
    original = ("Officials said heightenedsecurity was needed; theKurdish-led forces and "
                "ISISoperatives clashed in September2025, Iraq,coalition sources said.")
    ct = clean_article(original).clean
    rng = random.Random(7)
    for _ in range(200):
        s = rng.randrange(len(ct.text))
        e = rng.randrange(s, len(ct.text)) + 1
        os_, oe = ct.to_original(s, e)
        kept = _without(ct.text, ct.inserted(), s, e)
        assert original[os_:oe] == kept


def test_sub_headlines_inside_the_body_are_caption_zones():
    from pipeline.ingest.clean import CAPTION as CAPTION_ZONE, BODY as BODY_ZONE

    sub = "The Northern Route and Its Critics"
    text = (f"{BODY1}\n\n{sub}\n\nOfficials in Mosul said the road would open in spring.\n\n"
            "Not a heading, a sentence.\n\nReporting by Staff Writers in Mosul\n")
    c = clean_article(text)
    t = c.clean.text
    assert c.zone_at(t.index(sub)) == CAPTION_ZONE
    assert c.zone_at(t.index("Officials")) == BODY_ZONE
    assert c.zone_at(t.index("Not a heading")) == BODY_ZONE
    assert c.zone_at(t.index("Reporting by")) == BODY_ZONE  # the last line: a credit
    body = " ".join(t[s:e] for s, e in c.body)
    assert sub not in body and "Officials" in body
