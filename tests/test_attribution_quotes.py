"""Quotation pairing on plain text: every style, apostrophes, unbalanced marks, paragraphs."""

from __future__ import annotations

import pytest

from pipeline.attribution.content import is_speech_quote
from pipeline.attribution.quotes import QuoteIndex, find_quotes

# (text, the quoted strings found (marks included), which of them continue in the next paragraph)
CASES = [
    ("“Taxes will rise,” she said.", ["“Taxes will rise,”"], []),
    ('"Taxes will rise," she said.', ['"Taxes will rise,"'], []),
    ("''Taxes will rise,'' the economist said. ''Soon.''", ["''Taxes will rise,''", "''Soon.''"], []),
    ("«Les impôts,» dit-il.", ["«Les impôts,»"], []),
    ("„Steuern steigen“, sagte er.", ["„Steuern steigen“"], []),
    ("The so-called “Arab Spring” began.", ["“Arab Spring”"], []),
    ("Talks go on ‘as long as nothing disturbs the talks’ here.", ["‘as long as nothing disturbs the talks’"], []),
    # apostrophes are not quotation marks
    ("Hamas' attack and the voters' choice weren't Iraq’s fault.", [], []),
    ("He said 'we won' and left.", ["'we won'"], []),
    # unbalanced: an opening mark runs to the end of its paragraph; a stray closing mark is ignored
    ("He said “we will win\n\nNext paragraph.", ["“we will win"], []),
    ("A stray ” mark and “an open one", ["“an open one"], []),
    ("“One” “two", ["“One”", "“two"], []),
    # a quotation continued over paragraphs: no closing mark, reopened in the next paragraph
    ("“First part.\n\n“Second part,” she said.", ["“First part.", "“Second part,”"], [0]),
    ('"First part.\n\n"Second part," she said.', ['"First part.', '"Second part,"'], [0]),
    # a reopening mark after a paragraph that closed its quote is a new quotation
    ("“Closed.”\n\n“New,” he said.", ["“Closed.”", "“New,”"], []),
    # a straight closing mark set apart from an inner single quote that ends the quotation
    ('"They call it \'a fresh start,\' " Ruiz said. "Nothing changed."',
     ['"They call it \'a fresh start,\' "', '"Nothing changed."'], []),
    ("", [], []),
    ("“", [], []),
    ("\n\n\n", [], []),
    ("''", [], []),
]


@pytest.mark.parametrize("text,expected,continuing", CASES, ids=[repr(c[0][:30]) for c in CASES])
def test_find_quotes(text, expected, continuing):
    quotes = find_quotes(text)
    assert [text[q.start:q.end] for q in quotes] == expected
    assert [i for i, q in enumerate(quotes) if q.continues] == continuing
    for q in quotes:
        assert q.start <= q.inner_start <= q.inner_end <= q.end


def test_index_lookups():
    text = "“One two three four,” he said. “Five six seven eight.”\n\n“Nine ten\n\n“eleven.”"
    idx = QuoteIndex(find_quotes(text))
    assert idx.at(text.index("two")) == 0
    assert idx.at(text.index("he said")) is None
    assert idx.overlapping(0, len(text)) == [0, 1, 2, 3]
    assert idx.chain(2) == [2, 3]
    assert idx.chain_start(3) == 2


@pytest.mark.parametrize("text,speech,short_sentence", [
    ("He spoke of the “White Flags” group.", False, False),  # a scare quote or a name
    ("She said “we will not cut pensions”.", True, True),
    # short, closed, not continued: speech only as a quoted sentence of its own
    ("“Go.”\n\n“Now,” she said.", False, True),
])
def test_speech_quotes_are_long_or_continued(text, speech, short_sentence):
    idx = QuoteIndex(find_quotes(text))
    assert is_speech_quote(text, idx, 0, short_sentence=False) is speech
    assert is_speech_quote(text, idx, 0) is short_sentence
