"""Ad-break marker phrases that news sites print between paragraphs.

Keys are ISO 639-1 codes. Multi-word phrases are specific enough to be
removed even when a scraper glued them to the next sentence; single-word
labels ("Annonse", "Anzeige", ...) are ordinary words too, so the cleaner
only drops them when they make up a whole line (see `clean.strip_ad_markers`).
"""

from __future__ import annotations

_NO_BOKMAL: tuple[str, ...] = (
    "Artikkelen fortsetter under annonsen",
    "Artikkelen fortsetter etter annonsen",
    "Saken fortsetter under annonsen",
    "Saken fortsetter etter annonsen",
    "Teksten fortsetter under annonsen",
    "Annonse",
    "Annonsørinnhold",
    "Reklame",
)

_NO_NYNORSK: tuple[str, ...] = (
    "Artikkelen held fram under annonsen",
    "Artikkelen held fram etter annonsen",
    "Saka held fram under annonsen",
    "Saka held fram etter annonsen",
    "Artikkelen fortset under annonsen",
    "Saka fortset under annonsen",
    "Annonse",
)

# Bokmål and nynorsk share one table: detectors report both as "no", and a
# paper may mix the two forms on one page.
_NO: tuple[str, ...] = tuple(dict.fromkeys(_NO_BOKMAL + _NO_NYNORSK))

# Ad slots inserted by ad-serving scripts carry the English label whatever the
# page's language; alone on a line it is never article text.
_EVERYWHERE: tuple[str, ...] = ("Advertisement",)

_TABLES: dict[str, tuple[str, ...]] = {
    "no": _NO,
    "nb": _NO,
    "nn": _NO,
    "sv": (
        "Artikeln fortsätter under annonsen",
        "Artikeln fortsätter efter annonsen",
        "Texten fortsätter under annonsen",
        "Annons",
    ),
    "da": (
        "Artiklen fortsætter under annoncen",
        "Artiklen fortsætter efter annoncen",
        "Artiklen fortsætter efter reklamen",
        "Annonce",
        "Reklame",
    ),
    "fi": (
        "Artikkeli jatkuu mainoksen jälkeen",
        "Artikkeli jatkuu mainoksen alla",
        "Juttu jatkuu mainoksen jälkeen",
        "Mainos",
    ),
    "de": (
        "Artikel wird unter der Anzeige fortgesetzt",
        "Artikel wird nach der Anzeige fortgesetzt",
        "Der Artikel wird unter der Anzeige fortgesetzt",
        "Weiterlesen nach der Anzeige",
        "Lesen Sie nach der Anzeige weiter",
        "Anzeige",
        "Werbung",
    ),
    "nl": (
        "Het artikel gaat verder onder de advertentie",
        "Het artikel gaat verder na de advertentie",
        "Lees verder na de advertentie",
        "Advertentie",
    ),
    "en": (
        "Article continues below advertisement",
        "Story continues below advertisement",
        "Article continues after advertisement",
        "Story continues after advertisement",
        "Continue reading the main story",
        "Advertisement",
    ),
    "fr": (
        "L'article continue sous la publicité",
        "L'article continue après la publicité",
        "La suite après cette publicité",
        "La suite après la publicité",
        "Publicité",
    ),
    "es": (
        "El artículo continúa debajo del anuncio",
        "El artículo continúa después del anuncio",
        "Sigue leyendo después del anuncio",
        "Continúa leyendo después del anuncio",
        "Publicidad",
    ),
    "pt": (
        "O artigo continua após o anúncio",
        "O artigo continua depois do anúncio",
        "Continua depois da publicidade",
        "Continua após a publicidade",
        "Publicidade",
    ),
    "pl": (
        "Artykuł kontynuowany pod reklamą",
        "Dalsza część artykułu pod reklamą",
        "Dalsza część tekstu pod reklamą",
        "Reklama",
    ),
}


MARKERS: dict[str, tuple[str, ...]] = {
    lang: tuple(dict.fromkeys(table + _EVERYWHERE)) for lang, table in _TABLES.items()
}
# Keep the shared Norwegian table shared (one object for no, nb and nn).
MARKERS["nb"] = MARKERS["nn"] = MARKERS["no"]


def is_label(phrase: str) -> bool:
    """True for single-word labels, which are only safe on a line of their own."""
    return len(phrase.split()) == 1
