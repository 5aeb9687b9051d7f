"""A saved Norwegian news page: the article between a menu, ad labels, an ad slot,
a "most read" box and a footer; and the body its import must give."""

from __future__ import annotations

PARAGRAPHS = [
    "Trafikklysene i Oslo sentrum sluttet å virke tirsdag morgen, og politiet måtte dirigere trafikken i flere timer.",
    "Ifølge kommunen skyldtes feilen en programvareoppdatering som ble installert natt til tirsdag.",
    "– Vi beklager ulempene dette har medført for bilistene, sier trafikksjef Ola Hansen til avisen.",
    "Systemet var tilbake i normal drift rundt klokken elleve, opplyser kommunen i en pressemelding.",
    "Kommunen vil nå gå gjennom rutinene for oppdateringer slik at det samme ikke skjer igjen.",
]
# The labels a Norwegian page prints between paragraphs (every label in its own
# language is in tests/ingest/test_html_ad_labels.py). Some sit in ad-slot boxes, which
# the extractor drops; plain paragraphs are left for the cleaner.
AD_LABELS = ["Annonse", "ANNONSE", "Annonsørinnhold", "Advertisement"]
NAV = ["Forside", "Nyheter", "Sport", "Kultur", "Økonomi", "Meninger", "Logg inn"]


def news_page(canonical: str = "https://avisa.example/nyheter/rodt-lys") -> str:
    body = []
    for n, paragraph in enumerate(PARAGRAPHS):
        body.append(f"<p>{paragraph}</p>")
        if n < len(AD_LABELS):
            body.append(f"<p>{AD_LABELS[n]}</p>")
    body.insert(3, '<div class="ad-slot"><p>ANNONSE</p><iframe src="https://ads.example/x"></iframe></div>')
    menu = "".join(f'<li><a href="/{w.lower()}">{w}</a></li>' for w in NAV)
    return f"""<!DOCTYPE html>
<html lang="no"><head><meta charset="utf-8">
<title>Rødt lys i hele sentrum | Avisa</title>
<meta property="og:title" content="Rødt lys i hele sentrum">
<meta property="og:site_name" content="Avisa">
<meta name="author" content="Kari Nordmann">
<meta property="article:published_time" content="2024-05-01T10:00:00+02:00">
<link rel="canonical" href="{canonical}">
</head><body>
<header><nav class="main-menu"><ul>{menu}</ul></nav></header>
<main><article><h1>Rødt lys i hele sentrum</h1>
<p class="byline">Av Kari Nordmann</p>
{"".join(body)}
</article>
<aside><h3>Mest lest</h3><ul><li><a href="/a">Slik får du billigere strøm i vinter</a></li>
<li><a href="/b">Ti tips til helgen</a></li></ul></aside></main>
<footer><p>© Avisa 2024 · Ansvarlig redaktør: Per Pressen</p><a href="/personvern">Personvern</a></footer>
</body></html>"""


def expected_body() -> str:
    return "\n\n".join(PARAGRAPHS)
