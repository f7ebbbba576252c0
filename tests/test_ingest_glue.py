"""Repairing words glued together by PDF extraction: what is split, and what must never be."""

import time

import pytest

from pipeline.ingest.glue import glue_points


def repair(text: str) -> str:
    out, prev = [], 0
    for p in glue_points(text):
        out += [text[prev:p], " "]
        prev = p
    return "".join(out) + text[prev:]


@pytest.mark.parametrize("glued, fixed", [
    # from the kinds of damage in real PDF extractions
    ("heightenedsecurity", "heightened security"),
    ("regimein", "regime in"),
    ("haveintensified", "have intensified"),
    ("Al-Sudanirecently", "Al-Sudani recently"),
    ("RebarAhmed", "Rebar Ahmed"),
    ("MichaelKurilla", "Michael Kurilla"),
    ("ISISoperatives", "ISIS operatives"),
    ("USmilitary", "US military"),
    ("theKurdish-led", "the Kurdish-led"),
    ("Iraq’sreliance", "Iraq’s reliance"),
    ("threat.“Unless", "threat. “Unless"),
    ("Iraq,coalition", "Iraq, coalition"),
    ("September2025", "September 2025"),
    ("23,Ahmed", "23, Ahmed"),
    # our own
    ("al-Bayatiaffirmed", "al-Bayati affirmed"),
    ("thetechnicalcommittee", "the technical committee"),
    ("Al-Hadidstressed", "Al-Hadid stressed"),
    ("theTurkish side", "the Turkish side"),
    ("November2024.", "November 2024."),
    ("whohad", "who had"),
    ("addedto", "added to"),
    ("torebuild", "to rebuild"),
    ("asustained", "a sustained"),
    ("andthe", "and the"),
    ("inAl-Sulaymaniyah", "in Al-Sulaymaniyah"),
    ("ofIraq’s", "of Iraq’s"),
    ("NATOForces", "NATO Forces"),
    ("JohnMcCain", "John McCain"),
    ("Observatoryfor Human Rights", "Observatory for Human Rights"),
    ("networks.These efforts", "networks. These efforts"),
    ("in 2026.They said", "in 2026. They said"),
    ("shelters,transit points", "shelters, transit points"),
    ("the so-called“Arab Spring”", "the so-called “Arab Spring”"),
    ("he said.”She added", "he said.” She added"),
    ("noground-based reliance", "no ground-based reliance"),
    ("Clara Vossstressed", "Clara Voss stressed"),
])
def test_glued_words_are_split(glued, fixed):
    assert repair(glued) == fixed


@pytest.mark.parametrize("word", [
    # names and brand spellings
    "YouTube", "McDonald", "iPhone", "DeSantis", "Bataween", "Kurilla", "Hezbollah", "Netanyahu",
    "eBay", "macOS", "mRNA", "PlayStation", "LeBron", "MacArthur", "ChatGPT", "PhDs", "CEOs",
    "Okafor", "Ghuwayran", "Abdulkarim", "Brightwater", "Hollowell", "Birdthistle",
    "Ameriquest", "Patricof", "Sulaymaniyah", "Waweru", "Ferreyra", "Lindqvist",
    # numbers, abbreviations, URLs, e-mail, hashtags, handles
    "2,500", "3.5", "11,000", "U.S.Army", "e.g.The", "Ph.D.", "10:30", "F-16",
    "https://www.example.com/a,b,Foo.Bar", "press@Example.org", "#BlackLivesMatter",
    "@NewsDesk", "GunBroker.com", "www.Example.com",
    # real words, hyphenated compounds, words wordfreq knows even if rare
    "self-determination", "re-admitted", "Kurdish-led", "seethe", "atone", "another",
    "counterterrorism", "overreliance", "antivaccine", "pre-war", "al-Qaida-linked",
    "Carsonian", "Reaganesque",
])
def test_words_that_are_not_glued_stay(word):
    assert glue_points(word) == []
    assert glue_points(f"He said {word} was fine.") == []


def test_points_are_offsets_into_the_text():
    text = "Officials said theKurdish-led forces arrived.\nIraq,coalition and USmilitary."
    pts = glue_points(text)
    assert pts == sorted(set(pts))
    assert [text[p - 3:p] + "|" + text[p:p + 3] for p in pts] == [
        "the|Kur", "aq,|coa", " US|mil"]


def test_glue_is_fast_on_clean_text():
    sentence = ("The minister said on Monday that the government would review the agreement, "
                "according to officials in Baghdad and Ankara. ")
    text = sentence * 2000  # ~250k characters
    glue_points(text)  # warm the frequency table
    t0 = time.perf_counter()
    assert glue_points(text) == []
    assert time.perf_counter() - t0 < 0.5
