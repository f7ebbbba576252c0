"""Dash and colon attributions: "SPEAKER: words" lines and "“words” ― Name" signatures.

Limits: layout patterns, not syntax. A colon attribution needs the speaker at the start of a
line (a transcript turn "PENCE: ...", a headline "Pence: ..."), written as a short capitalised
name or noun phrase (six words at most, no sentence inside, not a label such as "Update:" or a
time such as "9:05"), or right after a title's closing dash when a quotation follows ("TITLE -
Jane Roe: “...”"); its content runs to the end of the line. A dash attribution needs a
speech quotation followed on the same line by a dash and a capitalised name ending the line.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from spacy.tokens import Doc

from .content import is_speech_quote
from .sources import DOCUMENT_NOUNS
from .quotes import QuoteIndex

_LINE = re.compile(r"[^\n]+")
# the speaker words before a colon: a capitalised word and at most five more
_WHO = r"""(?P<who>[A-Z][\w.'\u2019&-]*(?:[ \t]+[\w.'\u2019&-]+){0,5}?)"""
_COLON_HEAD = re.compile(r"""^[ \t"'\u201c\u2018(\[]*""" + _WHO + r"""[ \t]*:[ \t]+(?=\S)""")
# "HEADLINE - Name: “words”": after a dash that closes a line's title, a short name and a colon
# that open a quotation (a roundup's "title - source: quote" entries)
_DASH_COLON_HEAD = re.compile(
    r"""[ \t](?:-|--|\u2014|\u2013)[ \t]+""" + _WHO + r"""[ \t]*:[ \t]+(?=[\u201c"])""")
_NOT_SPEAKER = frozenset("""update updated note watch related read photo photos video source sources
editor editors correction clarification advertisement breaking exclusive listen see also more click
caption credit question answer q a transcript warning full text live subscribe follow share
opinion analysis summary background bottom line tags filed under latest contributing""".split())
_DASH_NAME = re.compile(
    r"^[ \t\u00a0]*(?:[\u2015\u2014\u2013]|--)[ \t\u00a0]*(?P<who>[A-Z][\w.'\u2019-]*(?:[ \t\u00a0]+[\w.'\u2019-]+){0,5})[ \t\u00a0.]*$")
_WORD = re.compile(r"[^\W\d_]")


@dataclass(frozen=True, slots=True)
class LayoutAttribution:
    """A dash or colon attribution: the cue mark, the speaker words and the content."""

    cue: tuple[int, int]
    speaker: tuple[int, int]
    content: tuple[int, int]
    lemma: str  # ":" or "―"
    quoted: bool


def colon_attributions(text: str, quotes: QuoteIndex,
                       names_actor: Callable[[int, int], bool]) -> Iterator[LayoutAttribution]:
    """"SPEAKER: content" at the start of a line. The speaker words must name a person or an
    organisation (``names_actor(start, end)``, the NER's call), be an upper-case name that
    is one of at least two upper-case speakers opening lines (the turns of a transcript:
    "WALLACE: ...", "PENCE: ..."), or end in a noun of a document or a poll, the source of a
    headline's finding ("Poll: A leads B", "Report: ..."). The speaker may also follow a dash
    that ends a title, when the colon opens a quotation ("TITLE - Jane Roe: “...”")."""
    found = []
    for m in _LINE.finditer(text):
        line = m.group(0)
        if ":" not in line:
            continue  # both heads end in a colon (the search tried each place of a long line)
        h = _COLON_HEAD.match(line) or _DASH_COLON_HEAD.search(line)
        if h is None:
            continue
        who = h.group("who")
        words = who.split()
        if not _speaker_like(words):
            continue
        c_start = m.start() + h.end()
        c_end = m.end()
        while c_end > c_start and text[c_end - 1].isspace():
            c_end -= 1
        if len(text[c_start:c_end].split()) < 3:
            continue
        who_s, who_e = m.start() + h.start("who"), m.start() + h.end("who")
        colon = text.index(":", who_e)
        found.append(LayoutAttribution((colon, colon + 1), (who_s, who_e), (c_start, c_end), ":",
                                       quotes.at(c_start) is not None))
    upper_turns = sum(1 for la in found if text[la.speaker[0]:la.speaker[1]].isupper())
    for la in found:
        who = text[la.speaker[0]:la.speaker[1]]
        if (who.isupper() and upper_turns >= 2) or names_actor(*la.speaker) \
                or who.split()[-1].lower() in DOCUMENT_NOUNS:
            yield la


def _speaker_like(words: list[str]) -> bool:
    if not words or words[0].lower().strip(".") in _NOT_SPEAKER:
        return False
    if any(w[:1].isdigit() or w.lower().strip(".") in _NOT_SPEAKER for w in words):
        return False
    small = {"of", "the", "and", "for", "to", "at", "in", "on", "de", "al", "van", "von", "'s"}
    return all(w[:1].isupper() or w.lower() in small or w[:1] in "'\u2019" for w in words)


def dash_attributions(text: str, quotes: QuoteIndex) -> Iterator[LayoutAttribution]:
    """"“words” ― Name" with the name ending the line."""
    for qi, q in enumerate(quotes.quotes):
        if not q.closed:
            continue
        line_end = text.find("\n", q.end)
        line_end = len(text) if line_end < 0 else line_end
        rest = text[q.end:line_end]
        m = _DASH_NAME.match(rest)
        if m is None or not is_speech_quote(text, quotes, qi):
            continue
        who_s = q.end + m.start("who")
        who_e = q.end + m.end("who")
        while who_e > who_s and text[who_e - 1] in ". \u00a0":
            who_e -= 1
        dash = q.end + len(rest) - len(rest.lstrip(" \t\u00a0"))
        first = quotes.chain_start(qi)
        yield LayoutAttribution((dash, dash + 1), (who_s, who_e),
                                (quotes.quotes[first].start, q.end), "\u2015", True)


def head_token(doc: Doc, start: int, end: int) -> int | None:
    """The syntactic head of the tokens covering ``[start, end)``."""
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or not len(span):
        return None
    return span.root.i
