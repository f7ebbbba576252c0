"""Find words that PDF extraction glued together, and say where a space belongs.

``glue_points(text)`` returns the offsets in ``text`` where a space should be inserted:
"heightenedsecurity" -> "heightened security", "MichaelKurilla" -> "Michael Kurilla",
"ISISoperatives" -> "ISIS operatives", "Iraq’sreliance" -> "Iraq’s reliance",
"threat.“Unless" -> "threat. “Unless", "Iraq,coalition" -> "Iraq, coalition",
"September2025" -> "September 2025". It never removes or changes a character, so the cleaner
can apply the points through its offset map.

How it decides. Word frequencies come from ``wordfreq`` (English, loaded once per process).
A token is split only when the token itself is not a known word and every part is plausible:
a known word (frequent enough for its length), or a capitalised name on the left. Camel-case
joins ("theKurdish", "RebarAhmed") need a lower-case function word or a capitalised word on the
left and a capitalised word on the right; name prefixes (Mc, Mac, De, La, Van, ...) and
one-letter lower-case heads (iPhone, eBay) never split, and neither do known brand spellings
(YouTube, PlayStation: they are words in wordfreq). Numbers ("2,500", "3.5"), URLs, e-mail
addresses, hashtags and handles are left alone; hyphenated compounds are checked part by part
and never split at the hyphen.

What it does not do: it does not split all-caps tokens, runs of fewer than four letters,
lower-case joins shorter than five letters, or joins whose parts are rare words; a solid
compound that wordfreq does not know ("caucusgoers") is split like a join. It does not join
words split apart by line breaks or hyphenation. Decisions are cached per word, and words
frequent enough never to be joins are skipped with one set operation per text.
"""

from __future__ import annotations

import math
import re
from bisect import bisect_right
from functools import lru_cache

# Detectors. Each starts with a rare character, so the regex engine scans at C speed, and
# Python looks only at what they find. (Patterns that start with a letter class or a
# look-behind are several times slower on long texts.)
_LETTER = "A-Za-z\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u024f"  # Latin letters
_ALPHA = re.compile(f"[{_LETTER}]{{4,}}")  # alphabetic runs: lower-case joins and camel case
_PUNCT = re.compile(r"[.!?,;:](?=[^\W_])")
_APOS = re.compile(r"[’'](?:[stdm]|re|ve|ll)([a-z]{3,})(?![^\W_])")  # Iraq’sreliance
_DIGITS = re.compile(r"[0-9]{2,}")  # September2025, 24hours
_LOWER_RUN = re.compile(r"[a-z]{3,}(?![^\W_])")
_QUOTE = re.compile(r"[“”](?=[^\W_])")
_URL_HINT = re.compile(r"://|www\.|@|\.(?:com|org|net|gov|edu|int|info|io|co|us|uk|news)\b")
_URLISH = re.compile(
    r"\S*(?:://|www\.|@)\S*|\S+\.(?:com|org|net|gov|edu|int|info|io|co|us|uk|news)\b\S*"
)

# Lower-case heads of camel-case names and of compounds that are spelled solid on purpose.
_NAME_PREFIXES = frozenset(
    "mc mac de di da du del della dela degli dos le la van vander vanden vande von der ten ter "
    "al el ul abu ibn bin bint ben ould st o fitz"
    .split()
)
_WORD_PREFIXES = frozenset(
    "anti pre post non un re co sub over under counter inter intra multi mini micro macro mega "
    "super ultra semi pro self ex dis mis out cyber geo bio eco neo para pseudo trans tele hyper "
    "mid"
    .split()
)
# Right parts that are suffixes or common endings of surnames and place names.
_BAD_TAILS = frozenset(
    "ing ers est ism ist ists ness ment ship less ful ity ies ally able ible hood wise ward wards "
    "well wood field water worth ford land ley ham hill more house bridge brook stone smith wright "
    "green berg burg berger stein son sen ton man men mann heim ville bury shaw stead wick gate "
    "hall mont court child love good star light wind rose ring king lake side way brand holm "
    "quist strom gren lund dale port shire ridge castle pour zadeh nejad abadi vand allah ullah "
    "din deen uddin stan abad pur nagar ian ean croft quest like long esque".split()
)
_SHORT_WORDS = frozenset(
    "a an as at be by do he if in is it me my no of on or so to up us we".split()
)
_FUNCTION_LEFT = frozenset("of in and to for on at is from with by as or but that".split())
_DETERMINERS = frozenset("the this that these those a an his her their its our".split())
# After a capitalised word only these tails count as glue ("Observatoryfor", "Iraqremains",
# "al-Bayatiaffirmed"); nouns are too often the end of a name ("Birdthistle", "Ameriquest").
_NAME_TAIL_WORDS = frozenset(
    "for from with and the has had have was were are said says told who which that will would "
    "also remains adds warns insists claims believes wants argues denies stresses urges plans "
    "seeks hopes calls".split()
)
_GLUE_HEADS = _FUNCTION_LEFT | _DETERMINERS | frozenset(
    "into about after before under between against during than when while where".split()
)


@lru_cache(maxsize=1)
def _tables() -> tuple[dict[str, float], frozenset[str]]:
    """wordfreq's English frequency table and ``_common_words``, loaded once per process
    (read-only) and kept on disk between runs (``data.disk_cached``: importing wordfreq and
    reading its table costs 0.3-0.4 s of each run's start-up, the cached copy 0.1 s)."""
    from ..data import disk_cached

    return disk_cached("wordfreq-en", _build_tables, dists=("wordfreq",), sources=[__file__])


def _build_tables() -> tuple[dict[str, float], frozenset[str]]:
    from wordfreq import get_frequency_dict

    freq = get_frequency_dict("en", wordlist="best")
    floor = 10 ** (3.5 - 9.0)
    words = [w for w, f in freq.items() if f >= floor and w.isalpha()]
    return freq, frozenset(words + [w.capitalize() for w in words])


def _frequencies() -> dict[str, float]:
    """wordfreq's English frequency table."""
    return _tables()[0]


def _common_words() -> frozenset[str]:
    """Words (lower-case and capitalised) too frequent to be a join: skipped without a look."""
    return _tables()[1]


@lru_cache(maxsize=200_000)
def zipf(word: str) -> float:
    """Zipf frequency (log10 per billion words) of a lower-cased word; 0.0 when unknown."""
    f = _frequencies().get(word.lower())
    return math.log10(f) + 9.0 if f else 0.0


def glue_points(text: str) -> list[int]:
    """Offsets in ``text`` where a space should be inserted, sorted and unique."""
    points: list[int] = []
    for w in set(_ALPHA.findall(text)).difference(_common_words()):
        offsets = word_points(w)
        if offsets:
            points.extend(_occurrences(text, w, offsets))
    for m in _PUNCT.finditer(text):
        i = m.start()
        if i and _punct_glued(text, i):
            points.append(i + 1)
    for m in _APOS.finditer(text):
        if m.start() and text[m.start() - 1].isalpha() and _right_ok(m.group(1), strict=False):
            points.append(m.start(1))
    n = len(text)
    for m in _DIGITS.finditer(text):
        s, e = m.span()
        if (s and text[s - 1].isalpha()) or (e < n and "a" <= text[e] <= "z"):  # glued
            points.extend(_digit_points(text, s, e))
    if "“" in text or "”" in text:
        for m in _QUOTE.finditer(text):
            i = m.start()
            prev = text[i - 1] if i else " "
            if text[i] == "“" and (prev.isalnum() or (prev in ".!?,:;" and i > 1
                                                      and text[i - 2].isalnum())):
                points.append(i)  # said,“The  /  so-called“Arab
            elif text[i] == "”" and prev in ".!?,":
                points.append(i + 1)  # threat.”He
    if points and _URL_HINT.search(text):
        spans = [m.span() for m in _URLISH.finditer(text)]
        starts = [s for s, _ in spans]
        points = [p for p in points if not _in_spans(p, spans, starts)]
    return sorted(set(points))


def _in_spans(p: int, spans: list[tuple[int, int]], starts: list[int]) -> bool:
    k = bisect_right(starts, p) - 1
    return k >= 0 and spans[k][0] < p < spans[k][1]


def _punct_glued(text: str, i: int) -> bool:
    """Is the punctuation at ``i`` (followed by a letter or digit) missing its space?"""
    p, a, b = text[i], text[i - 1], text[i + 1]
    if not a.isalnum():
        return False
    if p in ",;":
        return not (a.isdigit() and b.isdigit())  # 2,500 stays
    if p == ":":  # said:He; not 10:30
        return a.isalpha() and b.isalpha() and i >= 2 and text[i - 2].isalpha() \
            and i + 2 < len(text) and text[i + 2].isalpha()
    # . ! ?  networks.These, 2026.They; not U.S.Army, e.g.The, 3.5, example.com
    if not (b.isupper() and i + 2 < len(text) and text[i + 2].islower()):
        return False
    if a.isdigit():
        return True
    return i >= 2 and text[i - 2].isalpha() and (i < 3 or text[i - 3] != ".")


def _digit_points(text: str, s: int, e: int) -> list[int]:
    """September2025 (a known word then a number), 24hours (a number then a known word)."""
    out = []
    if s and text[s - 1].isalpha():
        j = s - 1
        while j > 0 and text[j - 1].isalpha():
            j -= 1
        w = text[j:s]
        if (len(w) >= 3 and not w.isupper() and zipf(w) >= 3.0
                and not (j and text[j - 1].isalnum())):
            out.append(s)
    if e < len(text) and "a" <= text[e] <= "z":
        m = _LOWER_RUN.match(text, e)
        if m and zipf(m.group()) >= 3.5 and m.group() not in _BAD_TAILS:
            out.append(e)
    return out


def _occurrences(text: str, word: str, offsets: tuple[int, ...]) -> list[int]:
    """Split points of every whole-run occurrence of ``word`` (not in hashtags or handles)."""
    out: list[int] = []
    n = len(word)
    i = text.find(word)
    while i >= 0:
        before = text[i - 1] if i else " "
        after = text[i + n] if i + n < len(text) else " "
        if not (before.isalpha() or after.isalpha() or before in "#@’'_" or after == "_"):
            out.extend(i + o for o in offsets)
        i = text.find(word, i + n)
    return out


@lru_cache(maxsize=200_000)
def word_points(w: str) -> tuple[int, ...]:
    """Split offsets inside one alphabetic word ("heightenedsecurity" -> (10,))."""
    if len(w) < 4 or w.isupper() or zipf(w) >= 3.5:
        return ()
    known = zipf(w) > 0.0
    bounds = _camel_bounds(w)
    if bounds:
        if known:
            # a function word glued to a name ("inAl", "ofState") even when wordfreq lists the
            # lower-cased join as a stray token; otherwise a known spelling stays (YouTube)
            head = w[: bounds[0]]
            return (bounds[0],) if head in _GLUE_HEADS and len(w) - bounds[0] >= 2 else ()
        out: list[int] = []
        cuts = [0, *bounds, len(w)]
        for k in range(1, len(cuts) - 1):
            left, right = w[cuts[k - 1]:cuts[k]], w[cuts[k]:cuts[k + 1]]
            if _camel_ok(left, right, k == 1):
                out.append(cuts[k])
        # each camel segment may itself hide a lower-case join ("SecurityAdvisorQasim" is rare,
        # "theHamrin" fine; "RebarAhmed" fine) - check the segments too
        for k in range(len(cuts) - 1):
            seg = w[cuts[k]:cuts[k + 1]]
            if len(seg) >= 5 and not seg.isupper():
                out.extend(cuts[k] + o for o in _lower_split(seg, first=k == 0))
        return tuple(sorted(set(out)))
    if known:
        return _function_det(w)
    return _lower_split(w, first=True)


def _camel_bounds(w: str) -> list[int]:
    """Positions of case changes that may mark a missing space (name prefixes stay attached)."""
    out: set[int] = set()
    n = len(w)
    i = 0
    while i < n:
        if not w[i].isupper():
            i += 1
            continue
        j = i
        while j < n and w[j].isupper():
            j += 1
        if i > 0 and w[i - 1].islower():  # theKurdish, MichaelKurilla
            out.add(i)
        if j - i >= 2 and j < n and w[j].islower():
            k = j
            while k < n and w[k].islower():
                k += 1
            tail = w[j:k]
            if (zipf(tail) >= (3.0 if len(tail) >= 4 else 4.0) and tail not in _BAD_TAILS
                    and zipf(tail) >= zipf(w[j - 1:k])):
                out.add(j)  # ISIS|operatives, US|military; not PMB|ernie
            elif j - 1 - i >= 2:
                out.add(j - 1)  # NATO|Forces
        i = j
    cuts = sorted(out)
    # a name prefix joins the segment after it: "JohnMcCain" -> John | McCain
    starts = [0, *cuts]
    keep = []
    for k, c in enumerate(cuts):
        seg = w[starts[k]:c]
        if seg.lower() in _NAME_PREFIXES and seg[0].isupper():
            continue
        keep.append(c)
    return keep


def _camel_ok(left: str, right: str, first: bool) -> bool:
    if len(left) < 2 or len(right) < 2:
        return False
    low = left.lower()
    if left.isupper():  # ISIS|operatives, NATO|Forces (the bounds already checked the tail)
        return right.islower() or (right[0].isupper() and len(right) >= 3)
    if right.islower():
        return False
    if low in _NAME_PREFIXES and first:
        return False
    right_name = len(right) >= 3 and right[0].isupper() and right[1].islower()
    if left[0].islower():  # theKurdish, inAl-..., ofISIS
        return zipf(low) >= 3.0
    # Capitalised left: Michael|Kurilla, Iraqi|Skepticism; not Chat|GPT, Ph|Ds
    return right_name and len(left) >= 3


def _function_det(w: str) -> tuple[int, ...]:
    """Known but rare joins of a function word and a determiner: "ofthe", "andthe"."""
    low = w.lower()
    for i in range(2, len(low) - 1):
        if low[:i] in _FUNCTION_LEFT and low[i:] in _DETERMINERS:
            return (i,)
    return ()


def _right_ok(r: str, strict: bool) -> bool:
    if r in _BAD_TAILS:
        return False
    z = zipf(r)
    n = len(r)
    if strict:  # after a capitalised (possibly unknown) name: a function word or a verb form
        if r in _NAME_TAIL_WORDS:
            return True
        return n >= 5 and z >= 3.3 and r.endswith(("ed", "ly", "ing"))
    if n >= 5:
        return z >= 2.5
    if n == 4:
        return z >= 3.0
    if n == 3:
        return z >= 4.0
    return r in _SHORT_WORDS and r != "a"


def _left_ok(left: str, first: bool) -> tuple[bool, bool]:
    """(acceptable, needs a strict right part) for the left part of a join."""
    low = left.lower()
    if low in _WORD_PREFIXES or (low in _NAME_PREFIXES and left[0].isupper()):
        return False, False
    if left[0].isupper():
        if not (first and left[1:].islower()):
            return False, False
        if low in _GLUE_HEADS:
            return True, False  # The|country
        # a capitalised word or name: Sudani|recently, Observatory|for; not Ma|amari
        return len(left) >= 4, True
    if len(left) == 1:
        return low == "a", False
    if len(left) == 2:
        return low in _SHORT_WORDS, False
    if len(left) == 3:
        return zipf(low) >= 4.0, False
    return zipf(low) >= 3.0, False


def _lower_split(w: str, first: bool, depth: int = 0) -> tuple[int, ...]:
    """Best split of an unknown lower-case (or capitalised) word into known words.

    Two parts are preferred; three only when no two-part split is plausible. Among the
    plausible splits the one with the most frequent parts wins (a unigram language model).
    """
    if len(w) < 5 or zipf(w) > 0.0:
        return ()
    best: tuple[float, tuple[int, ...]] | None = None
    rests: list[tuple[int, str]] = []
    for i in range(1, len(w) - 1):
        left, right = w[:i], w[i:]
        if not right.islower():
            continue
        ok, name = _left_ok(left, first)
        if not ok:
            continue
        if _right_ok(right, strict=name):
            score = (max(zipf(left), 1.0) if name else zipf(left)) + zipf(right)
            if best is None or score > best[0]:
                best = (score, (i,))
        elif depth == 0 and not name and len(right) >= 5:
            rests.append((i, right))
    if best is None:
        for i, right in rests:
            rest = _lower_split(right, first=False, depth=1)
            if rest:
                score = zipf(w[:i]) + zipf(right[: rest[0]]) + zipf(right[rest[0]:])
                if best is None or score > best[0]:
                    best = (score, (i, i + rest[0]))
    return best[1] if best else ()
