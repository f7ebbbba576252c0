"""Clean one article's text for the models, keeping an exact map back to the original.

``clean_article(text)`` only ever drops characters or inserts characters (spaces, and the
newlines that make a paragraph break), so every offset in the cleaned text maps back to the
article text through ``Cleaned.clean.to_original``. What it does, line by line:

- Header lines at the top (`` date 2024-12-19 2024-12-19 13:05:28 - From: Shafaq News``,
  ``Published: ... | Source: ...``) are removed; their date/source go to ``meta``.
- Repeated lines are dropped, keeping the FIRST occurrence (headlines and photo captions that
  extraction doubled; captions name the people the body later calls "the foreign minister").
- Stray marker lines ("TT", a page number, "***", "Advertisement") are dropped.
- A kept headline or caption is followed by a paragraph break ("\\n\\n", inserted when needed)
  so the parser never reads it as the subject of the first body sentence.
- A dateline opening the first body paragraph ("Shafaq News/ ", "BAGHDAD (Reuters) - ") is
  dropped; it names the source in ``meta`` when no header did.
- Words glued together by PDF extraction get a space (see ``glue.py``).
- Control characters become spaces; invisible ones (soft hyphen, zero-width space and
  joiners, direction marks, BOM) are dropped; "\\r\\n" and lone "\\r" line ends become
  "\\n"; markup tags left in the text
  ("<b>Clara Voss</b>") are removed; the common HTML entities (&amp; &nbsp; &quot; &#39; ...)
  are decoded.

Nothing else is normalised: curly quotes, dashes and spelling stay as they are. ``meta`` may
hold "date" (ISO), "source", "title" (the headline line) and "dateline". ``body`` lists the
cleaned-text spans of body lines (no header, headline or caption lines): what duplicate
detection fingerprints. ``zones`` lists the cleaned-text spans of the kept headline and caption
lines with their zone (``HEADLINE``: the article's first, headline-shaped line; ``CAPTION``: the
other lines of the headline block, i.e. photo captions and sub-headlines, and sub-headlines
inside the body: a title-case paragraph of 3 to 12 words); ``zone_at`` says which
zone a cleaned-text offset is in (``BODY`` outside them). ``readable(text)`` applies the
character fixes and glue spaces alone (no line is dropped) to a snippet, for showing it. This
module does not split files into articles (``split.py``) or read files (``readers.py``).
"""

from __future__ import annotations

import html
import re
from collections import Counter
from dataclasses import dataclass, field

from ..records import Article
from .glue import glue_points
from .header import (dateline, is_caption_credit, is_headline_like, is_marker, line_key,
                     parse_header)
from .offsets import CleanText, TextBuilder

_LINE = re.compile(r"[^\r\n]*(?:\r\n|\n|\r|$)")
_INLINE_TAGS = ("a|abbr|b|big|cite|code|del|em|font|i|ins|kbd|mark|q|s|samp|small|span|strike|"
                "strong|sub|sup|time|tt|u|var")
_BLOCK_TAGS = ("address|article|aside|blockquote|body|br|caption|dd|div|dl|dt|figcaption|figure|"
               "footer|h[1-6]|head|header|hr|html|img|li|link|main|meta|nav|ol|p|pre|section|"
               "table|tbody|td|tfoot|th|thead|title|tr|ul")
_FIX = re.compile(
    r"(?P<ctrl>[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u2028\u2029])"
    # soft hyphen, zero-width space/non-joiner/joiner, direction marks and embeddings, word
    # joiner, BOM: invisible, and they split words for the tokenizer and for search
    r"|(?P<invisible>[\u00ad\u200b-\u200f\u202a-\u202e\u2060\u2066-\u2069\ufeff])"
    r"|(?P<comment><!--[^\n]*?-->)"
    rf"|(?P<inline></?(?:{_INLINE_TAGS})(?:\s[^<>\n]{{0,300}})?/?>)"
    rf"|(?P<block></?(?:{_BLOCK_TAGS})(?:\s[^<>\n]{{0,300}})?/?>)"
    r"|(?P<entity>&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z]{2,8});)",
    re.I,
)
# One character class finds, at C speed, whether a text needs any of the fixes above at all.
_NEEDS_FIX = re.compile(
    r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u2028\u2029\u00ad\u200b-\u200f\u202a-\u202e\u2060"
    r"\u2066-\u2069\ufeff<&]"
)
_MIN_REPEAT_KEY = 8  # shorter repeated lines ("Yes.") are kept; markers are handled apart
_MAX_MARKER = 13  # len("Advertisement")
_REPEAT_WINDOW = 4  # non-blank lines: how soon a headline/caption comes back when doubled
_MIN_DATELINE_REST = 4  # words that must follow a dateline for it to count as one

# line roles
_BLANK, _DROP, _TITLE, _BODY = 0, 1, 2, 3

# zones of an article's text: where a relation or entity mention was found
HEADLINE, CAPTION, BODY = "headline", "caption", "body"
ZONES = (HEADLINE, CAPTION, BODY)


@dataclass(slots=True)
class Cleaned:
    clean: CleanText
    meta: dict[str, str] = field(default_factory=dict)  # date/source/title from header lines
    body: list[tuple[int, int]] = field(default_factory=list)  # body-line spans in clean.text
    # headline/caption line spans in clean.text: (start, end, HEADLINE | CAPTION)
    zones: list[tuple[int, int, str]] = field(default_factory=list)

    def zone_at(self, pos: int) -> str:
        """HEADLINE, CAPTION or BODY: the zone of cleaned-text offset ``pos``."""
        for s, e, zone in self.zones:
            if s <= pos < e:
                return zone
            if pos < s:
                break
        return BODY


def clean_article(text: str) -> Cleaned:
    """Return the cleaned text of one article, its metadata and its body spans."""
    lines = _lines(text)
    contents = [raw.rstrip("\r\n") for _, raw in lines]
    keys = [line_key(c) for c in contents]
    counts = Counter(k for k in keys if k)
    # where each repeated line comes back: a doubled caption comes back within a few lines
    again: dict[str, list[int]] = {}
    nth: list[int] = []  # index of each line among the non-blank lines
    n = 0
    for k in keys:
        nth.append(n)
        if k:
            if counts[k] > 1:
                again.setdefault(k, []).append(n)
            n += 1

    meta: dict[str, str] = {}
    roles: list[int] = []
    headline_line = -1  # index of the headline line, when the article opens with one
    dateline_drop: tuple[int, int] | None = None
    seen: set[str] = set()
    top = True  # before the first body line
    first_content = True
    for i, ((start, _), content, key) in enumerate(zip(lines, contents, keys)):
        if not key:
            roles.append(_BLANK)
            continue
        if top and (head := parse_header(content)) is not None:
            for k, v in head.items():
                meta.setdefault(k, v)
            roles.append(_DROP)
            continue
        if (len(key) <= _MAX_MARKER and is_marker(content)) or (
                key in seen and len(key) >= _MIN_REPEAT_KEY):
            roles.append(_DROP)
            continue
        seen.add(key)
        if top and (_comes_back_soon(again.get(key), nth[i]) or is_caption_credit(content)
                    or (first_content and is_headline_like(content))):
            roles.append(_TITLE)
            if first_content and is_headline_like(content):
                meta.setdefault("title", key)
                headline_line = i
        elif not top and _is_subheading(contents, keys, i):
            roles.append(_TITLE)  # a sub-headline inside the body: a caption zone
        else:
            roles.append(_BODY)
            if top:
                n, info = dateline(content)
                if n and len(content[n:].split()) >= _MIN_DATELINE_REST:
                    dateline_drop = (start, start + n)
                    meta.setdefault("dateline", info["dateline"])
                    if "source" in info:
                        meta.setdefault("source", info["source"])
            top = False
        first_content = False

    ops = _edit_ops(text, dateline_drop)
    b = TextBuilder(text)
    body: list[tuple[int, int]] = []
    zones: list[tuple[int, int, str]] = []
    newlines = 2  # newlines emitted since the last content line (start counts as a break)
    need_break = False
    op = 0  # next op
    for i, ((start, raw), content, role) in enumerate(zip(lines, contents, roles)):
        if role == _DROP:
            continue
        end = start + len(content)
        if role != _BLANK:
            if need_break and newlines < 2:
                b.insert("\n" * (2 - newlines), start)
            while op < len(ops) and ops[op][0] < start:
                op += 1
            op, span = _emit_line(b, ops, op, start, end)
            if role == _BODY:
                body.append(span)
            elif role == _TITLE:
                zones.append((*span, HEADLINE if i == headline_line else CAPTION))
            need_break = role == _TITLE
            newlines = 0
        if len(raw) > len(content):  # the line end
            if raw.endswith("\n"):
                b.copy(start + len(raw) - 1, start + len(raw))
            else:
                b.insert("\n", end)  # a lone "\r"
            newlines += 1
    return Cleaned(b.build(), meta, body, zones)


_SUBHEAD_WORDS = (3, 12)  # words of a sub-headline


def _is_subheading(contents: list[str], keys: list[str], i: int) -> bool:
    """A sub-headline inside the body ("The Water Question and the Dam"): a paragraph of
    its own (blank lines around it), of 3 to 12 words, headline-shaped (no sentence end), in
    title case (every word of four letters or more capitalised), with body text after it."""
    if (i > 0 and keys[i - 1]) or i + 1 >= len(keys) or keys[i + 1]:
        return False
    if not any(keys[i + 1:]):
        return False  # the last line: a sign-off or a credit, not a heading
    words = contents[i].split()
    if not _SUBHEAD_WORDS[0] <= len(words) <= _SUBHEAD_WORDS[1] or not is_headline_like(contents[i]):
        return False
    long_words = [w for w in words if len(w) >= 4 and w[:1].isalpha()]
    return bool(long_words) and all(w[:1].isupper() for w in long_words)


def fill_meta(art: Article, cleaned: Cleaned) -> Article:
    """Give ``art`` the title, date and source its text states (headline line, header lines,
    dateline) where the input gave none; returns ``art`` (changed in place)."""
    meta = cleaned.meta
    if not art.title and meta.get("title"):
        art.title = meta["title"]
    if not art.date and meta.get("date"):
        art.date = meta["date"]
    if not art.source and meta.get("source"):
        art.source = meta["source"]
    return art


def readable(text: str) -> str:
    """``text`` as the cleaner would show it, every line kept: control characters, zero-width
    characters and markup removed, entities decoded, glued words spaced ("containthe threat"
    -> "contain the threat"). For snippets that were not cleaned with their article."""
    return readable_map(text).text if text else text


def readable_map(text: str) -> CleanText:
    """``readable(text)`` with its offset map (``to_original``, ``from_original``)."""
    b = TextBuilder(text)
    _emit_line(b, _edit_ops(text, None), 0, 0, len(text))
    return b.build()


def _comes_back_soon(where: list[int] | None, i: int) -> bool:
    return where is not None and any(i < j <= i + _REPEAT_WINDOW for j in where)


def _lines(text: str) -> list[tuple[int, str]]:
    """(start, line with its line end) for every line; "\n", "\r\n" and lone "\r" end lines."""
    if "\r" in text:
        return [(m.start(), m.group()) for m in _LINE.finditer(text) if m.group()]
    out = []
    pos = 0
    for raw in text.split("\n"):
        out.append((pos, raw + "\n"))
        pos += len(raw) + 1
    last_start, last = out[-1]
    if last == "\n":  # the text ended with a line end (or is empty): no further line
        out.pop()
    else:
        out[-1] = (last_start, last[:-1])
    return out


def _edit_ops(text: str, dateline_drop: tuple[int, int] | None) -> list[tuple[int, int, str]]:
    """Sorted (start, end, replacement) edits in original offsets: drops, replacements and
    glue spaces (start == end)."""
    fixes: list[tuple[int, int, str]] = []
    end = 0
    for c in _NEEDS_FIX.finditer(text):
        # every fix begins with one of _NEEDS_FIX's characters: _FIX tried there only finds
        # what _FIX.finditer finds, without trying the alternation at every other character
        if c.start() < end:
            continue
        m = _FIX.match(text, c.start())
        if m is not None:
            end = m.end()
            kind = m.lastgroup
            if kind == "ctrl" or kind == "block":
                fixes.append((m.start(), m.end(), " "))
            elif kind == "entity":
                got = html.unescape(m.group())
                if got != m.group() and got.isprintable():
                    fixes.append((m.start(), m.end(), " " if got == "\xa0" else got))
                elif got == "\xa0":
                    fixes.append((m.start(), m.end(), " "))
            else:  # invisible, comment, inline tag
                fixes.append((m.start(), m.end(), ""))
    if fixes:
        # find glue on the text as it reads after the fixes, then map the points back
        fb = TextBuilder(text)
        pos = 0
        for s, e, rep in fixes:
            fb.copy(pos, s)
            fb.insert(rep, s)
            pos = e
        fb.copy(pos, len(text))
        fixed = fb.build()
        points = [fixed.to_original(p, p)[0] for p in glue_points(fixed.text)]
    else:
        points = glue_points(text)
    ops = fixes + [(p, p, " ") for p in points]
    if dateline_drop:
        ops.append((dateline_drop[0], dateline_drop[1], ""))
    ops.sort()
    return ops


def _emit_line(b: TextBuilder, ops: list[tuple[int, int, str]], k: int, start: int,
               end: int) -> tuple[int, tuple[int, int]]:
    """Copy ``[start, end)`` applying the ops inside it; return the next op and the span."""
    out_start = b.length
    cur = start
    n = len(ops)
    while k < n and ops[k][0] < end:
        s, e, rep = ops[k]
        k += 1
        if s < cur or e > end:
            continue  # overlaps an edit already made, or crosses the line end
        b.copy(cur, s)
        if rep:
            b.insert(rep, s)
        cur = e
    b.copy(cur, end)
    return k, (out_start, b.length)


def body_text(cleaned: Cleaned) -> str:
    """The body lines of a cleaned article, one per line (for fingerprints and tests)."""
    t = cleaned.clean.text
    return "\n".join(t[s:e] for s, e in cleaned.body)

