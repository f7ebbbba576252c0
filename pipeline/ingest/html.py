"""Main text and metadata of an HTML page, with trafilatura.

``extract_html(data)`` returns the page's main text (navigation, footers, comments and other
boilerplate left out) and its title, date, site name and URL. For .html inputs the article's
"input text" IS this extracted text: every offset in the output of an HTML document indexes
``HtmlPage.text`` (trafilatura's plain-text output, paragraphs one per line), not the HTML
source. It takes bytes, so trafilatura can honour the page's own charset declaration.

It does not clean the text (``clean.py`` does) and never fetches anything from the network.
"""

from __future__ import annotations

from dataclasses import dataclass

from .header import parse_date

_MIN_WORDS = 8  # fewer words than this is a menu or a footer, not an article


@dataclass(frozen=True, slots=True)
class HtmlPage:
    text: str
    title: str | None = None
    date: str | None = None  # ISO YYYY-MM-DD
    source: str | None = None  # the site name
    url: str | None = None


def extract_html(data: bytes | str, url: str | None = None) -> HtmlPage | None:
    """The main text of an HTML page and its metadata; None when there is no main text
    (nothing, or fewer than eight words: what trafilatura returns for a page of menus)."""
    import trafilatura  # imported here: it is only needed when an HTML input shows up

    doc = trafilatura.bare_extraction(
        data, url=url, with_metadata=True, include_comments=False, include_images=False,
        deduplicate=False,
    )
    if doc is None:
        return None
    get = doc.get if isinstance(doc, dict) else (lambda k: getattr(doc, k, None))
    text = get("text") or ""
    if len(text.split()) < _MIN_WORDS:  # trafilatura falls back to menu text on empty pages
        return None
    return HtmlPage(
        text=text,
        title=_str(get("title")),
        date=parse_date(_str(get("date"))),
        source=_str(get("sitename")) or _str(get("hostname")),
        url=_str(get("url")),
    )


def _str(value: object) -> str | None:
    return value.strip() or None if isinstance(value, str) else None
