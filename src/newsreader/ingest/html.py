"""Web pages and HTML fragments to article text, with trafilatura.

Reading a page never runs a script or fetches anything it links to: lxml
parses the markup into a tree (no network access), trafilatura picks the
article's paragraphs out of it, and only their text comes back.

What is kept as `raw` is that text in the plain-text article format (title
line, blank line, one paragraph per line), not the page's HTML: the markup of
a news page changes on every fetch (tokens, ads, timestamps), so a hash of it
would call every re-import a change and pile up 100-400 KB versions, while
the text is what the reader highlights. `clean(parse_plaintext(raw).body)`
then re-derives the body exactly as for a text file, so re-cleaning works
unchanged; a better extractor reaches old pages by importing them again.

trafilatura was measured against readability-lxml on real saved news pages
(see the README section "Feeds and web pages"): it found more of the article
sentences, let less boilerplate through, and alone gives author, date, site
name and canonical URL. `favor_precision` is used, with a second, plain pass
when that finds (almost) nothing.
"""

from __future__ import annotations

import copy
import logging
import re
import urllib.parse
from dataclasses import dataclass

from newsreader.ingest import structure
from newsreader.ingest.plaintext import IngestError, ParsedArticle, clean_title, decode_bytes, parse_plaintext
from newsreader.text.decoding import bom_encoding, codecs_for_label, declared_in_markup
from newsreader.text.markers import CLOSING_CAPTIONS
from newsreader.text.scripts import UNSPACED_CHARS

HTML_SUFFIXES = (".html", ".htm", ".xhtml", ".shtml")
_MIN_TEXT_CHARS = 200  # below this a precision-first extraction gets a second, plainer try
# Less is a menu or a button, not an article: 5 words, or 60 characters of a
# script written without spaces (Chinese, Japanese, Thai, Lao, Khmer, Burmese:
# "このニュースをシェア" is 10), or a mix of both in proportion.
_MIN_WORDS = 5
_MIN_UNSPACED_CHARS = 60
_UNSPACED = re.compile(f"[{UNSPACED_CHARS}]")
_HTML_START = re.compile(rb"^\s*(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html|head|body)\b", re.IGNORECASE | re.DOTALL)
_SPACES = re.compile(r"\s+")
_DROPPED_TAGS = ("script", "style", "noscript", "iframe", "object", "embed", "form", "nav",
                 "template", "svg", "math", "button", "select", "textarea")
_BLOCK_TAGS = frozenset(
    "p div section article header footer aside main blockquote pre ul ol dl li dt dd table tr "
    "h1 h2 h3 h4 h5 h6 figure figcaption hr address details summary".split()
)
_FEED_TYPES = ("application/rss+xml", "application/atom+xml", "application/rdf+xml")
_TITLE_SEPARATORS = (" | ", " - ", " – ", " — ", " :: ", " · ")

# trafilatura and its helpers log warnings about odd pages; they are not the user's business.
for _name in ("trafilatura", "htmldate", "courlan", "justext"):
    logging.getLogger(_name).addHandler(logging.NullHandler())


class NotAnArticle(IngestError):
    """The page has text, but it is not an article (an index page, program code)."""


@dataclass(frozen=True)
class ExtractedPage:
    title: str
    text: str  # one paragraph or heading per line
    author: str | None = None
    published: str | None = None  # ISO 8601 date
    site_name: str | None = None
    canonical_url: str | None = None

    def as_article(self) -> ParsedArticle:
        """The page in the plain-text article format (what `raw` stores)."""
        return parse_plaintext(f"{self.title}\n\n{self.text}\n")


def looks_like_html(head: bytes) -> bool:
    """Markup that starts like an HTML document (after a BOM, XML declaration, comments)."""
    return bool(_HTML_START.match(head.lstrip(b"\xef\xbb\xbf")[:4096]))


def decode_html(data: bytes, http_charset: str | None = None) -> str:
    """Decode page bytes as a browser would: a byte-order mark, the HTTP charset
    (or --encoding), a `<meta charset>`/http-equiv, an XML declaration, UTF-8,
    else the encoding whose text reads likeliest (see `decode_bytes`). A
    declaration the bytes do not fit, or an unknown label, is passed over."""
    if bom_encoding(data) is None:
        declared = [(http_charset, False)] if http_charset else []
        declared += [(label, True) for label in declared_in_markup(data)]
        for label, in_markup in declared:
            for codec in codecs_for_label(label, in_markup):
                try:
                    return decode_bytes(data, codec)[0]
                except IngestError:
                    continue  # a wrong declaration: try the next way
    return decode_bytes(data)[0]


def extract_page(html: str, url: str | None = None, *, force: bool = False) -> ExtractedPage:
    """The article in a page: text plus title, author, date, site and canonical URL.

    trafilatura's paragraphs, with those it dropped from the article's own
    containers put back in document order (see `structure`). Raises
    IngestError when the page has no article text to speak of, NotAnArticle
    when its text is not an article (mostly links, or code), unless `force`.
    """
    try:
        headline, document, paragraphs, anchors, byline = _extract(html, url)
        found = _tidy_text(document.text if document is not None else "")
        text = "\n".join(structure.merge(found.split("\n") if found else [], paragraphs, _a_paragraph))
        text = _without_closing_caption(text)
        reason = None if force else structure.not_an_article(text, anchors)
    except IngestError:
        raise
    except Exception as exc:  # the page is untrusted; a parser bug is one failed page
        raise IngestError(f"could not read the page ({type(exc).__name__})") from None
    if not long_enough(text):
        raise IngestError("no article text found in the page")
    if reason:
        raise NotAnArticle(reason)
    site = _one_line(getattr(document, "sitename", None))
    title = _page_title(headline or getattr(document, "title", None), site) or _first_words(text)
    first, _, rest = text.partition("\n")
    if rest and first.casefold() == title.casefold():
        text = rest  # the headline printed above the article is the title already
    return ExtractedPage(
        title=title,
        text=text,
        author=_one_line(getattr(document, "author", None)) or _one_line(byline),
        published=_publication_date(_one_line(getattr(document, "date", None)), html, url),
        site_name=site,
        canonical_url=_web_url(getattr(document, "url", None)),
    )


def long_enough(text: str) -> bool:
    """Is `text` long enough to be an article? Measured by script: words where
    words are spaced, characters where they are not (`_MIN_UNSPACED_CHARS`)."""
    unspaced = len(_UNSPACED.findall(text))
    words = sum(any(c.isalnum() for c in token) for token in _UNSPACED.sub(" ", text).split())
    return words / _MIN_WORDS + unspaced / _MIN_UNSPACED_CHARS >= 1


_CAPTION = re.compile(
    "(?:" + "|".join(re.escape(word) for word in CLOSING_CAPTIONS) + r")\s*[:：|–—-]\s*\S", re.IGNORECASE
)


def _without_closing_caption(text: str) -> str:
    """The text without a last line that captions a video the text cannot show
    ("Video: Her blir russiske soldater tatt på senga")."""
    rest, newline, last = text.rpartition("\n")
    if newline and _CAPTION.match(last):
        return rest
    return text


def _a_paragraph(text: str) -> bool:
    """Is a paragraph trafilatura dropped text (three words or so), not a label?"""
    unspaced = len(_UNSPACED.findall(text))
    words = sum(any(c.isalnum() for c in token) for token in _UNSPACED.sub(" ", text).split())
    return words / 3 + unspaced / 12 >= 1


def _extract(html: str, url: str | None):
    """(og:title or None, trafilatura's document or None, the container paragraphs,
    the link texts, a byline's author or None): boxes dropped by structure, precision
    first, then plain."""
    import trafilatura

    tree = trafilatura.load_html(html)
    if tree is None:
        raise IngestError("not an HTML page (could not parse it)")
    headline = _meta(tree, "og:title") or _meta(tree, "twitter:title")
    structure.drop_boxes(tree)
    paragraphs = structure.container_paragraphs(tree)
    anchors = structure.link_texts(tree)
    byline = structure.byline(tree)
    spare = copy.deepcopy(tree)
    options = {"url": url, "with_metadata": True, "include_comments": False, "include_tables": True,
               "include_images": False, "include_links": False,
               "date_extraction_params": {"original_date": True, "extensive_search": True}}
    document = trafilatura.bare_extraction(tree, favor_precision=True, **options)
    if document is None or len((document.text or "").strip()) < _MIN_TEXT_CHARS:
        document = trafilatura.bare_extraction(spare, **options) or document
    return headline, document, paragraphs, anchors, byline


def _publication_date(found: str | None, html: str, url: str | None) -> str | None:
    """The page's date, unless it is only a year.

    htmldate's extensive search ends, when it finds no date, with a year from
    the page (a "© 2024" in the footer) given as "2024-01-01": not a
    publication date. A 1 January is kept only when the plain search (the
    page's metadata, <time> elements, its URL) finds it too.
    """
    if not found or not found.endswith("-01-01"):
        return found
    import trafilatura
    from htmldate import find_date

    tree = trafilatura.load_html(html)
    try:
        plain = find_date(tree, extensive_search=False, original_date=True, url=url) if tree is not None else None
    except Exception:  # an untrusted page: a date parser bug is no date
        return None
    return found if plain == found else None


def fragment_text(markup: str) -> str:
    """Text of an HTML fragment (a feed item's content): one paragraph per line.

    Whitespace inside the markup is collapsed as a browser would; block
    elements and <br> start new lines; scripts, styles and forms are dropped.
    """
    import lxml.html
    from lxml import etree

    if not markup.strip():
        return ""
    try:
        root = lxml.html.fragment_fromstring(markup, create_parent="div")
    except (etree.ParserError, ValueError):
        return _tidy_text(markup)
    for element in root.xpath("|".join(f"//{tag}" for tag in _DROPPED_TAGS)):
        element.drop_tree()
    for element in root.iter():
        if not isinstance(element.tag, str):
            continue
        if element.text:
            element.text = _SPACES.sub(" ", element.text)
        if element.tail:
            element.tail = _SPACES.sub(" ", element.tail)
        if element.tag == "br":
            element.tail = "\n" + (element.tail or "")
        elif element.tag in _BLOCK_TAGS:
            element.text = "\n" + (element.text or "")
            element.tail = "\n" + (element.tail or "")
    return _tidy_text(root.text_content())


def feed_links(html: str, base_url: str) -> list[str]:
    """Feeds a page advertises with <link rel="alternate" type="application/rss+xml" ...>."""
    import lxml.html
    from lxml import etree

    try:
        root = lxml.html.document_fromstring(html.encode("utf-8", "replace"))
    except (etree.ParserError, ValueError):
        return []
    found = []
    for link in root.xpath("//link[@href]"):
        rel = (link.get("rel") or "").lower().split()
        kind = (link.get("type") or "").lower()
        if "alternate" in rel and kind in _FEED_TYPES:
            url = _web_url(urllib.parse.urljoin(base_url, link.get("href").strip()))
            if url and url not in found:
                found.append(url)
    return found


def page_origin(final_url: str, canonical: str | None) -> str:
    """A fetched page's identity: its canonical URL when that is on the same site, else the URL.

    A page may claim any canonical URL; one on another host is ignored so that a
    page cannot take over the identity of an article from elsewhere.
    """
    if canonical and _host(canonical) == _host(final_url):
        return canonical
    return final_url


def _host(url: str) -> str:
    host = (urllib.parse.urlsplit(url).hostname or "").lower()
    return host[4:] if host.startswith("www.") else host


def _meta(tree, name: str) -> str | None:
    for value in tree.xpath(f'//meta[@property="{name}" or @name="{name}"]/@content'):
        text = _one_line(value)
        if text:
            return text
    return None


def _page_title(title: str | None, site: str | None) -> str:
    """The headline without a trailing " | Site Name" when the site is known."""
    title = _one_line(title) or ""
    if site:
        for separator in _TITLE_SEPARATORS:
            suffix = f"{separator}{site}"
            if title.lower().endswith(suffix.lower()) and len(title) > len(suffix):
                return title[: -len(suffix)].strip()
    return title


def _tidy_text(text: str) -> str:
    """Lines trimmed, spaces collapsed, empty lines dropped."""
    lines = (" ".join(line.split()) for line in text.replace("\r", "\n").split("\n"))
    return "\n".join(line for line in lines if line)


def _one_line(value: object) -> str | None:
    if not isinstance(value, str):
        return None
    return clean_title(value) or None


def _first_words(text: str, limit: int = 80) -> str:
    first = text.split("\n", 1)[0]
    return first if len(first) <= limit else first[: limit - 1].rstrip() + "…"


def _web_url(value: object) -> str | None:
    if isinstance(value, str) and value.lower().startswith(("http://", "https://")):
        return value.strip()
    return None
