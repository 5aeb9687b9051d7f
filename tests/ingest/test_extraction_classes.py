"""Whole classes of text that extraction used to lose or leak (issue 15, item 7):
an article split by an ad slot, paywall-hidden paragraphs, paragraphs with links,
a paragraph opening with a bold dateline; fact and promo boxes; pages that are
not articles at all."""

from __future__ import annotations

import pytest

from newsreader.ingest.html import NotAnArticle, extract_page
from newsreader.ingest.plaintext import IngestError

MENU = "".join(f'<li><a href="/{w.lower()}">{w}</a></li>' for w in
               ["Forside", "Nyheter", "Sport", "Kultur", "Økonomi", "Meninger", "Logg inn"])


def page(article: str, title: str = "Strømprisen stiger igjen", lang: str = "no", extra: str = "") -> str:
    return f"""<!DOCTYPE html>
<html lang="{lang}"><head><meta charset="utf-8">
<title>{title} | Avisa</title>
<meta property="og:title" content="{title}">
<meta property="og:site_name" content="Avisa">
</head><body>
<header><nav class="main-menu"><ul>{MENU}</ul></nav></header>
<main>{article}</main>{extra}
<footer><p>© Avisa 2024 · Ansvarlig redaktør: Per Pressen</p><a href="/personvern">Personvern</a></footer>
</body></html>"""


FIRST = [
    "Strømprisen i Sør-Norge steg kraftig natt til onsdag, og mange husholdninger merker det på regningen.",
    "Ifølge Nord Pool ble prisen den høyeste siden februar, etter en uke med lite vind i Nord-Europa.",
    "– Det er kaldt og tørt, og da blir det dyrt, sier analytiker Siri Berg i Volue til avisen.",
]
SECOND = [
    "Regjeringen vil ikke endre strømstøtten nå, men følger utviklingen tett, opplyser departementet.",
    "Opposisjonen krever derimot at ordningen gjøres om allerede før jul, slik at folk får hjelp raskt.",
    "Prisene ventes å falle igjen neste uke når det blir mer vind, tror flere av analytikerne.",
]


def lines(text: str) -> list[str]:
    return text.split("\n")


def test_an_article_continued_after_an_ad_slot_is_joined_in_document_order():
    first = "".join(f"<p>{p}</p>" for p in FIRST)
    second = "".join(f"<p>{p}</p>" for p in SECOND)
    article = (f'<article><h1>Strømprisen stiger igjen</h1><div class="article-body">{first}</div>'
               '<div class="ad ad-slot"><p>ANNONSE</p><iframe src="https://ads.example/x"></iframe></div>'
               '<div class="teaser-box"><a href="/x"><h3>Slik sparer du strøm</h3><p>Ti tips fra ekspertene</p></a></div>'
               f'<div class="article-body">{second}</div></article>')
    extracted = extract_page(page(article))
    assert lines(extracted.text) == FIRST + SECOND
    assert extracted.title == "Strømprisen stiger igjen"


def test_two_body_containers_without_an_article_element_are_joined_too():
    first = "".join(f"<p>{p}</p>" for p in FIRST)
    second = "".join(f"<p>{p}</p>" for p in SECOND)
    body = (f'<div class="story"><h1>Strømprisen stiger igjen</h1><div class="article-body">{first}</div>'
            '<div class="advert"><p>Annonse</p></div>'
            f'<div class="article-body">{second}</div></div>')
    assert lines(extract_page(page(body)).text) == FIRST + SECOND


@pytest.mark.parametrize("wrapper", [
    '<div class="paywall" style="display:none">{}</div>',
    '<div class="locked">{}</div>',
    '<div aria-hidden="true">{}</div>',
    '<div class="article-body__locked" hidden>{}</div>',
])
def test_paragraphs_behind_a_paywall_overlay_are_kept(wrapper):
    hidden = wrapper.format("".join(f"<p>{p}</p>" for p in SECOND))
    article = (f'<article><h1>Strømprisen stiger igjen</h1>{"".join(f"<p>{p}</p>" for p in FIRST)}'
               '<div class="paywall-prompt"><h3>Vil du lese mer?</h3><a href="/abo">Bli abonnent</a></div>'
               f'{hidden}</article>')
    assert lines(extract_page(page(article)).text) == FIRST + SECOND


LINKED = [
    ("The <a href=\"/news/uk-1\">Met Office</a> has issued an amber warning for heavy rain across much of "
     "Wales and south-west England on Thursday."),
    ("Forecasters said up to 80mm could fall on high ground, with a risk of flooding, "
     "according to <a href=\"/news/uk-2\">the Environment Agency</a>."),
    ("Train operators <a href=\"/news/uk-3\">have warned passengers</a> to check before they travel, "
     "as some lines may close at short notice."),
    ("Schools in parts of <a href=\"/news/uk-4\">Cornwall</a> said they would decide in the morning "
     "whether to open, after a night of storms."),
    ("The warning follows <a href=\"/news/uk-5\">Storm Bert</a> last month, which brought widespread "
     "disruption and left thousands without power."),
    ("Insurers say claims for flood damage <a href=\"/news/uk-6\">have risen sharply</a> in the past "
     "five years, as wetter winters become more common."),
    ("Local councils have handed out sandbags, and <a href=\"/news/uk-7\">emergency centres</a> "
     "are on standby in the worst-hit towns and villages."),
    ("Drivers are being urged to avoid flooded roads, with the <a href=\"/news/uk-8\">AA</a> saying "
     "just 30cm of moving water can float a car."),
    ("The rain is expected to ease by Friday afternoon, although <a href=\"/news/uk-9\">further "
     "warnings</a> could follow over the weekend."),
    ("You can follow the latest updates on <a href=\"/news/uk-10\">BBC Radio Wales</a> and "
     "on the BBC Weather website throughout the day."),
]


def test_paragraphs_with_links_are_all_kept():
    import re

    body = "".join(f'<p class="ssrcss-1q0x1qg-Paragraph">{p}</p>' for p in LINKED)
    article = (f'<article><header><h1 id="main-heading">Amber warning for heavy rain in Wales</h1></header>'
               f'<div data-component="text-block">{body}</div>'
               '<div data-component="links-block"><h2>Related topics</h2><ul><li><a href="/t/weather">Weather</a></li>'
               '<li><a href="/t/wales">Wales</a></li></ul></div></article>')
    extracted = extract_page(page(article, "Amber warning for heavy rain in Wales", "en"))
    want = [re.sub(r"<[^>]+>", "", p) for p in LINKED]
    assert lines(extracted.text) == want


def test_a_paragraph_that_starts_with_a_bold_dateline_is_kept():
    dated = ("<p><strong>OSLO (NTB) 3. desember:</strong> Statsministeren varslet tirsdag at regjeringen "
             "vil legge fram en ny krisepakke for næringslivet før jul.</p>")
    rest = "".join(f"<p>{p}</p>" for p in SECOND)
    article = (f'<article><h1>Ny krisepakke før jul</h1>'
               '<p class="byline">Av <span class="author">Ola Nordmann</span></p>'
               '<time datetime="2024-12-03T09:30:00+01:00">3. desember 2024</time>'
               f'{dated}{rest}</article>')
    extracted = extract_page(page(article, "Ny krisepakke før jul"))
    assert lines(extracted.text) == [
        "OSLO (NTB) 3. desember: Statsministeren varslet tirsdag at regjeringen vil legge fram "
        "en ny krisepakke for næringslivet før jul.",
        *SECOND,
    ]
    assert extracted.published == "2024-12-03"
    assert extracted.author == "Ola Nordmann"


BOXES = [
    '<aside class="factbox"><h3>Fakta om strømstøtten</h3><p>Staten dekker 90 prosent av prisen over 73 øre '
    'per kilowattime, og ordningen gjelder ut neste år for alle husholdninger.</p></aside>',
    '<div class="factbox"><h3>Dette er Nord Pool</h3><p>Nord Pool er kraftbørsen der strøm i Norden og Baltikum '
    'kjøpes og selges for hver time i døgnet, hele året rundt.</p></div>',
    '<div class="promo"><p>Prøv Avisa+ gratis i en måned og få tilgang til alle sakene våre på nett og mobil.</p></div>',
    '<div class="related"><h3>Les også</h3><ul><li><a href="/a">Strømprisen knuste rekorden i fjor vinter, '
    'og nå frykter mange en ny runde</a></li><li><a href="/b">Slik kan du spare tusenvis av kroner på strømmen '
    'i vinter med enkle grep</a></li></ul></div>',
    '<p><strong>Les også:</strong> <a href="/c">Ekspertene tror prisene vil holde seg høye gjennom hele vinteren</a></p>',
    '<div class="newsletter-signup"><h3>Få nyhetsbrevet vårt</h3><p>Meld deg på nyhetsbrevet og få de viktigste '
    'sakene fra Avisa rett i innboksen hver morgen, helt gratis.</p><input type="email"><button>Meld meg på</button></div>',
]


@pytest.mark.parametrize("box", BOXES)
def test_fact_and_promo_boxes_are_dropped(box):
    article = (f'<article><h1>Strømprisen stiger igjen</h1>{"".join(f"<p>{p}</p>" for p in FIRST)}'
               f'{box}{"".join(f"<p>{p}</p>" for p in SECOND)}</article>')
    assert lines(extract_page(page(article)).text) == FIRST + SECOND


def index_page() -> str:
    sections = []
    for section in ["Nyheter", "Sport", "Kultur", "Økonomi"]:
        items = "".join(
            f'<li><article class="teaser"><a href="/{section}/{n}"><h3>{section}: Sak nummer {n} om noe som skjedde '
            f'i dag og som mange snakker om</h3></a></article></li>' for n in range(8))
        sections.append(f"<section><h2>{section}</h2><ul>{items}</ul></section>")
    return page("".join(sections), "Forsiden")


def test_an_index_page_of_link_lists_is_not_an_article():
    with pytest.raises(NotAnArticle, match="not an article"):
        extract_page(index_page())


def test_a_page_of_template_code_is_not_an_article():
    code = "\n".join([
        "{% extends 'base.html' %} {% block content %}",
        "function render(items) { return items.map((item) => `<li>${item.title}</li>`).join(''); }",
        "var config = { apiKey: '{{ api_key }}', region: 'eu-north-1', retries: 3 };",
        "if (window.dataLayer) { window.dataLayer.push({ event: 'pageview', page: '{{ path }}' }); }",
        "{% for article in articles %} <a href=\"{{ article.url }}\">{{ article.title }}</a> {% endfor %}",
        "const state = JSON.parse(document.getElementById('state').textContent || '{}');",
        "{% endblock %}",
    ])
    html = page(f"<article><pre>{code}</pre><p>{code}</p></article>", "Template")
    with pytest.raises(NotAnArticle, match="not an article"):
        extract_page(html)


def test_a_non_article_can_be_extracted_anyway_when_forced():
    extracted = extract_page(index_page(), force=True)
    assert "Sport: Sak nummer 3" in extracted.text


def test_not_an_article_is_an_ingest_error():
    assert issubclass(NotAnArticle, IngestError)


@pytest.mark.parametrize("wrap", [
    '<form id="aspnetForm" action="/sak.aspx" method="post">{}</form>',
    '<div class="page share-enabled social-tools">{}</div>',
])
def test_a_wrapper_around_the_whole_article_is_not_taken_for_a_box(wrap):
    article = (f'<article><h1>Strømprisen stiger igjen</h1><div class="article-body">'
               f'{"".join(f"<p>{p}</p>" for p in FIRST + SECOND)}</div></article>')
    assert lines(extract_page(page(wrap.format(article))).text) == FIRST + SECOND


def test_captions_bylines_and_date_lines_are_not_put_back_as_text():
    article = ('<article><h1>Strømprisen stiger igjen</h1><p>Av Siri Berg og Ola Nordmann</p>'
               '<p>Publisert 3. desember 2024 kl. 09.30</p><div class="article-body">'
               f'{"".join(f"<p>{p}</p>" for p in FIRST)}'
               '<figure><img src="/a.jpg" alt=""><figcaption><p>Strømmasten ved Sima kraftverk i Eidfjord, '
               'fotografert i fjor høst. Foto: Ola Nordmann / NTB</p></figcaption></figure>'
               f'{"".join(f"<p>{p}</p>" for p in SECOND)}</div></article>')
    extracted = extract_page(page(article))
    assert lines(extracted.text) == FIRST + SECOND
    assert extracted.author == "Siri Berg og Ola Nordmann"  # the byline is metadata
    assert extracted.published == "2024-12-03"


def test_readers_comments_inside_the_article_are_not_put_back():
    comments = ('<section class="comments"><h3>Kommentarer (2)</h3><div class="comment"><p>Dette er helt '
                'uhørt, regjeringen må gripe inn nå før det blir verre for folk flest.</p></div>'
                '<div class="comment"><p>Enig med forrige taler, men strømstøtten er faktisk ganske god.</p></div>'
                '</section>')
    article = (f'<article><h1>Strømprisen stiger igjen</h1><div class="article-body">'
               f'{"".join(f"<p>{p}</p>" for p in FIRST + SECOND)}</div>{comments}</article>')
    assert lines(extract_page(page(article)).text) == FIRST + SECOND
