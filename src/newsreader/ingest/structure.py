"""A structural second opinion on trafilatura's article text.

trafilatura scores blocks of text; on real news pages that loses whole classes
of paragraphs (the part of an article after an ad slot, paragraphs a paywall
overlay hides in the HTML the user has) and lets some boxes in (fact boxes,
promo boxes, "Les også" lists). This module works on the page's lxml tree:

- `drop_boxes` removes boxes by structure (<aside>, class/id names such as
  factbox, promo, related, newsletter, ad-slot; "Les også: <a>…</a>" lines)
  before trafilatura sees the tree;
- `container_paragraphs` lists the paragraphs inside the article's own
  containers (the article-body elements, else <article>, else <main>), in
  document order, without link lists, bylines and captions;
- `merge` adds to trafilatura's lines the container paragraphs it dropped, in
  document order;
- `not_an_article` says why extracted text is not an article (mostly links,
  or program code / a template), or None.

Everything here is deterministic and reads only the tree (no network, no scripts).
"""

from __future__ import annotations

import re

# Boxes that are never the article: matched against each class/id token.
_BOX_NAME = re.compile(
    r"(?:^|[-_])(?:ad|ads|adslot|advert|advertisement|annonse|promo|promotion|factbox|fact-?box|faktaboks|"
    r"faktaruta|infobox|related|relaterte|recommended|newsletter|nyhetsbrev|signup|sign-up|subscribe-box|"
    r"read-?more|les-?ogsa|see-?also|share|sharing|social|most-?read|mest-?lest|upsell|cta|subscribe|"
    r"subscription|paywall-?(?:prompt|offer|message|box|banner|cta|overlay|teaser|login)|comments?|"
    r"comment-list|kommentarer|disqus|replies|cookie|consent|gdpr|more-?stories|further-?reading|popular|"
    r"trending|recirculation|outbrain|taboola)(?:[-_]|$)",
    re.IGNORECASE,
)
# Not <form>: some sites (ASP.NET) wrap the whole page in one.
_BOX_TAGS = ("aside", "nav", "footer", "script", "style", "noscript", "template", "iframe", "button")
# Paragraphs that are metadata, not text (the byline goes to `author`).
_META_NAME = re.compile(
    r"(?:^|[-_])(?:byline|author|authors|credit|credits|caption|dateline|timestamp|published|updated|"
    r"meta|tags|breadcrumbs?)(?:[-_]|$)",
    re.IGNORECASE,
)
# The article's own text containers, by class, id or itemprop.
_BODY_NAME = re.compile(
    r"^(?:article|story|entry|post|news|main)[-_]{0,2}(?:body|content|text)(?:[-_]{1,2}\w+)?$|^articlebody$|"
    r"^(?:body|article)[-_]text$|^text-block$",
    re.IGNORECASE,
)
# "Les også: <a>…</a>": a pointer to another article, in any of the page's languages.
_SEE_ALSO = re.compile(
    r"^\s*(?:les også|les mer|se også|läs också|läs mer|læs også|læs mere|lue myös|lesið einnig|read more|"
    r"read also|see also|related|lesen sie auch|mehr zum thema|lire aussi|à lire aussi|leer más|lee también|"
    r"leggi anche|lees ook|leia também|czytaj też|czytaj także)\s*[:：|–—-]?",
    re.IGNORECASE,
)
_PARAGRAPH_TAGS = ("p", "h2", "h3", "h4", "li")
_NOT_TEXT_TAGS = ("figure", "figcaption", "picture", "table", "time", "address")  # captions, credits, dates
# A short paragraph that is only a byline or a date line ("Av Kari Nordmann", "Publisert 3. mai"):
# metadata, not text, when trafilatura left it out.
_BYLINE = re.compile(
    r"^(?:av|by|von|par|por|di|door|af|publisert|oppdatert|published|updated|publicerad|uppdaterad|"
    r"offentliggjort|opdateret|julkaistu|päivitetty|veröffentlicht|aktualisiert|publié|mis à jour|"
    r"publicado|actualizado|pubblicato|aggiornato|gepubliceerd|bijgewerkt)\b",
    re.IGNORECASE,
)
_LINK_DENSE = 0.6  # a paragraph whose text is mostly links is a list of other articles
_CODE_LINE = re.compile(
    r"\{%|%\}|\{\{|\}\}|\bfunction\s*\(|=>|\b(?:var|const|let)\s+\w+\s*=|[;{}]\s*$|^\s*[{}]|\$\{|"
    r"document\.\w+|window\.\w+"
)


def _names(element) -> list[str]:
    names = (element.get("class") or "").split()
    for attribute in ("id", "itemprop", "data-component", "data-testid"):
        value = element.get(attribute)
        if value:
            names.append(value.strip())
    return names


def _is_box(element) -> bool:
    if element.tag in _BOX_TAGS:
        return True
    if element.get("role") in ("complementary", "navigation"):
        return True
    if element.tag in ("article", "main"):
        return False  # an <article class="promo"> is a teaser: the page is judged as a whole
    names = _names(element)
    if any(_BODY_NAME.match(name) for name in names):
        return False  # "article-body share-enabled" is the article
    return any(_BOX_NAME.search(name) for name in names)


def _text(element) -> str:
    return " ".join("".join(element.itertext()).split())


def _link_share(element) -> float:
    total = len(_text(element))
    if not total:
        return 0.0
    linked = sum(len(_text(a)) for a in element.iter("a"))
    if element.tag == "a" or any(parent.tag == "a" for parent in element.iterancestors()):
        return 1.0
    return linked / total


def _is_see_also(element) -> bool:
    """"Les også: <a>Other headline</a>" as a paragraph of its own."""
    return element.tag in ("p", "div", "li") and bool(_SEE_ALSO.match(_text(element))) and _link_share(element) >= 0.5


def drop_boxes(tree) -> None:
    """Remove fact boxes, promo boxes, related-article lists and sign-up boxes, in place.

    Never <html>, <head> or <body>, nor an element around an <article>, <main> or
    the article's body container, nor one with most of the page's text in it
    (a wrapper whose class happens to say "share-enabled" is not a box)."""
    page_text = len(_text(tree))
    doomed = []
    for element in tree.iter():
        if not isinstance(element.tag, str) or element.tag in ("html", "body", "head"):
            continue
        if element.getparent() is None or not (_is_box(element) or _is_see_also(element)):
            continue
        if element.tag not in ("script", "style") and _holds_the_article(element, page_text):
            continue
        doomed.append(element)
    gone = set()
    for element in doomed:
        gone.add(element)
        if not any(a in gone for a in element.iterancestors()):
            element.drop_tree()


def _holds_the_article(element, page_text: int) -> bool:
    for inner in element.iterdescendants():
        if not isinstance(inner.tag, str):
            continue
        if inner.tag in ("article", "main") or any(_BODY_NAME.match(n) for n in _names(inner)):
            return True
    return page_text > 0 and len(_text(element)) > page_text / 2


def _containers(tree) -> list:
    """The article's own text containers, outermost first, in document order."""
    found = [e for e in tree.iter() if isinstance(e.tag, str) and any(_BODY_NAME.match(n) for n in _names(e))]
    articles = [e for e in tree.iter("article") if not any(a.tag == "article" for a in e.iterancestors())]
    if len(articles) == 1 and all(articles[0] in e.iterancestors() for e in found):
        return articles  # one <article> around the body containers: its lede and hidden parts count too
    if not found:
        found = articles
    if not found:
        found = list(tree.iter("main")) or tree.xpath('//*[@role="main"]')
    chosen = set(found)
    outermost = [e for e in found if not any(a in chosen for a in e.iterancestors())]
    if len(outermost) > 1 and all(e.tag == "article" for e in outermost):
        return []  # a list of teasers (an index page), not one article
    return outermost


def _is_meta(element, container) -> bool:
    """A byline, date line, caption or credit rather than article text."""
    text = _text(element)
    if len(text.split()) <= 12 and _BYLINE.match(text):
        return True
    for node in (element, *element.iterancestors()):
        if node is container:
            return False
        if node.tag in _NOT_TEXT_TAGS or any(_META_NAME.search(name) for name in _names(node)):
            return True
    return False


def container_paragraphs(tree) -> list[str]:
    """Paragraph texts inside the article's containers, in document order (boxes already dropped)."""
    paragraphs = []
    for container in _containers(tree):
        for element in container.iter(*_PARAGRAPH_TAGS):
            if any(a.tag in _PARAGRAPH_TAGS for a in element.iterancestors() if a is not container):
                continue  # its text is in the enclosing paragraph's
            text = _text(element)
            if not text or _link_share(element) > _LINK_DENSE or _is_meta(element, container):
                continue
            paragraphs.append(text)
    return paragraphs


_BYLINE_NAME = re.compile(r"^(?:av|by|von|par|por|di|door|af)\s+(?P<name>[^\W\d_][\w.'’ -]*)$", re.IGNORECASE)


def byline(tree) -> str | None:
    """The author named in a byline paragraph ("Av Kari Nordmann") in the article's
    containers, for a page whose metadata names none; None when there is none."""
    for container in _containers(tree):
        for element in container.iter("p", "div", "span"):
            match = _BYLINE_NAME.match(_text(element))
            if match and len(match["name"].split()) <= 8 and match["name"][0].isupper():
                return match["name"].strip()
    return None


def _key(text: str) -> str:
    return " ".join(text.split()).casefold()


def merge(lines: list[str], paragraphs: list[str], enough) -> list[str]:
    """trafilatura's `lines` with the container `paragraphs` it dropped put back, in document order.

    A paragraph counts as found when it is inside one of the lines or a line is
    inside it (a <br> split it); one that is not, and that `enough(text)` says is
    text rather than a label, goes in before the next line found after it."""
    keys = [_key(line) for line in lines]
    out: list[str] = []
    done = 0  # lines[:done] are in out
    for paragraph in paragraphs:
        key = _key(paragraph)
        at = next((i for i in range(len(keys)) if key in keys[i] or (keys[i] and keys[i] in key)), None)
        if at is None:
            if enough(paragraph) and key not in (_key(o) for o in out):
                out.append(paragraph)
            continue
        if at >= done:
            last = max(i for i in range(at, len(keys)) if i == at or (keys[i] and keys[i] in key))
            out.extend(lines[done:last + 1])
            done = last + 1
    out.extend(lines[done:])
    return out


def link_texts(tree) -> set[str]:
    """The texts of the links in `tree`, as `not_an_article` compares them."""
    anchors = {_key(_text(a)) for a in tree.iter("a")}
    anchors.discard("")
    return anchors


def not_an_article(text: str, anchors: set[str]) -> str | None:
    """Why `text` is not an article (its page's `link_texts` given), or None when it reads as one."""
    lines = [line for line in text.split("\n") if line.strip()]
    total = sum(len(line) for line in lines)
    if not total:
        return None
    linked = 0
    for line in lines:
        key = _key(line)
        if key in anchors or any(len(a) >= 0.8 * len(key) and a in key for a in anchors):
            linked += len(line)
    if linked / total > 0.6:
        return "not an article: most of its text is links (an index or section page?)"
    code = sum(len(line) for line in lines if _CODE_LINE.search(line))
    if code / total > 0.5:
        return "not an article: its text is program code or a page template"
    return None
