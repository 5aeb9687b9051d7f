"""Ad-break marker phrases that news sites print between paragraphs, and the
boilerplate lines around an article (tables only; `text.clean` applies them).

Keys are ISO 639-1 codes. Multi-word phrases are specific enough to be
removed even when a scraper glued them to the next sentence; single-word
labels ("Annonse", "Anzeige", "広告", ...) are ordinary words too, so the
cleaner only drops them when they make up a whole line (see
`clean.strip_ad_markers`). Boilerplate lines and teasers go only as whole
lines too (`clean.strip_boilerplate`).
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
        "Artikeln fortsätter nedanför annonsen",
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
        "Juttu jatkuu mainoksen alla",
        "Mainos päättyy",
        "Mainos",
    ),
    "de": (
        "Artikel wird unter der Anzeige fortgesetzt",
        "Artikel wird nach der Anzeige fortgesetzt",
        "Der Artikel wird unter der Anzeige fortgesetzt",
        "Der Artikel wird unterhalb der Anzeige fortgesetzt",
        "Artikel wird unterhalb der Anzeige fortgesetzt",
        "Weiter nach der Anzeige",
        "Weiterlesen nach der Anzeige",
        "Lesen Sie nach der Anzeige weiter",
        "Anzeige",
        "Werbung",
    ),
    "nl": (
        "Het artikel gaat verder onder de advertentie",
        "Het artikel gaat verder na de advertentie",
        "Lees verder na de advertentie",
        "Lees verder onder de advertentie",
        "Advertentie",
    ),
    "en": (
        "Article continues below advertisement",
        "Story continues below advertisement",
        "Article continues after advertisement",
        "Story continues after advertisement",
        "Continue reading the main story",
        "Story continues below",
        "Article continues below",
        "Scroll to continue with content",
        "Advertisement",
        "Sponsored",
    ),
    "fr": (
        "L'article continue sous la publicité",
        "L'article continue après la publicité",
        "La suite après cette publicité",
        "La suite après la publicité",
        "La suite de l'article après la publicité",
        "Publicité",
    ),
    "es": (
        "El artículo continúa debajo del anuncio",
        "El artículo continúa después del anuncio",
        "Sigue leyendo después del anuncio",
        "Continúa leyendo después del anuncio",
        "La noticia continúa después de la publicidad",
        "Publicidad",
        "Anuncio",
    ),
    "pt": (
        "O artigo continua após o anúncio",
        "O artigo continua depois do anúncio",
        "Continua depois da publicidade",
        "Continua após a publicidade",
        "Continue a ler após a publicidade",
        "Publicidade",
        "Anúncio",
    ),
    "pl": (
        "Artykuł kontynuowany pod reklamą",
        "Dalsza część artykułu pod reklamą",
        "Dalsza część tekstu pod reklamą",
        "Dalsza część artykułu poniżej reklamy",
        "Reklama",
    ),
    "it": (
        "L'articolo continua sotto la pubblicità",
        "L'articolo continua dopo la pubblicità",
        "L'articolo prosegue dopo la pubblicità",
        "Continua dopo la pubblicità",
        "Continua a leggere dopo la pubblicità",
        "Pubblicità",
    ),
    "cs": (
        "Článek pokračuje pod reklamou",
        "Pokračování článku pod reklamou",
        "Pokračování článku najdete pod reklamou",
        "Reklama",
    ),
    "sk": (
        "Článok pokračuje pod reklamou",
        "Pokračovanie článku pod reklamou",
        "Reklama",
    ),
    "hu": (
        "A cikk a hirdetés után folytatódik",
        "A cikk a hirdetés alatt folytatódik",
        "Cikkünk a hirdetés után folytatódik",
        "Hirdetés",
    ),
    "ro": (
        "Articolul continuă după reclamă",
        "Articolul continuă după publicitate",
        "Continuarea articolului după reclamă",
        "Publicitate",
        "Reclamă",
    ),
    "hr": (
        "Članak se nastavlja ispod oglasa",
        "Tekst se nastavlja ispod oglasa",
        "Nastavak teksta ispod oglasa",
        "Oglas",
    ),
    "tr": (
        "Haberin devamı reklamın altında",
        "Haberin devamı reklamdan sonra",
        "Yazının devamı reklamın altında",
        "Reklam",
    ),
    "is": (
        "Greinin heldur áfram fyrir neðan auglýsinguna",
        "Fréttin heldur áfram fyrir neðan auglýsinguna",
        "Fréttin heldur áfram eftir auglýsinguna",
        "Auglýsing",
    ),
    "et": (
        "Artikkel jätkub pärast reklaami",
        "Lugu jätkub pärast reklaami",
        "Reklaam",
    ),
    "ru": (
        "Статья продолжается после рекламы",
        "Продолжение статьи после рекламы",
        "Продолжение материала после рекламы",
        "Реклама",
    ),
    "uk": (
        "Статтю продовжено після реклами",
        "Продовження статті після реклами",
        "Реклама",
    ),
    "bg": (
        "Статията продължава след рекламата",
        "Продължава след рекламата",
        "Реклама",
    ),
    "el": (
        "Το άρθρο συνεχίζεται μετά τη διαφήμιση",
        "Το άρθρο συνεχίζεται κάτω από τη διαφήμιση",
        "Συνέχεια μετά τη διαφήμιση",
        "Διαφήμιση",
        "ΔΙΑΦΗΜΙΣΗ",  # capitals drop the accent
    ),
    "ko": (
        "기사는 광고 아래에서 계속됩니다",
        "광고",
    ),
    "ar": (
        "يتبع المقال بعد الإعلان",
        "تابع القراءة بعد الإعلان",
        "إعلان",
    ),
    "he": (
        "הכתבה נמשכת אחרי הפרסומת",
        "הכתבה ממשיכה אחרי הפרסומת",
        "פרסומת",
    ),
    # Written without spaces: every entry is a label, removed only as a whole line.
    "ja": (
        "広告",
        "スポンサーリンク",
        "記事の続きは広告の下にあります",
        "記事は広告の後に続きます",
    ),
    "zh": (
        "广告",
        "廣告",
        "推广",
        "文章在广告后继续",
        "广告后继续阅读",
    ),
}


MARKERS: dict[str, tuple[str, ...]] = {
    lang: tuple(dict.fromkeys(table + _EVERYWHERE)) for lang, table in _TABLES.items()
}
# Keep the shared Norwegian table shared (one object for no, nb and nn).
MARKERS["nb"] = MARKERS["nn"] = MARKERS["no"]


def is_label(phrase: str) -> bool:
    """True for single-word labels, which are only safe on a line of their own
    (so is every phrase of a script written without spaces)."""
    return len(phrase.split()) == 1


# Lines that are page furniture, not article: removed only when they are the
# whole line (any capitals, an optional colon), in an article of any language.
BOILERPLATE: dict[str, tuple[str, ...]] = {
    "en": ("Related", "Related articles", "Related stories", "Related content", "More on this story",
           "Share this article", "Share this story"),
    "no": ("Relatert", "Relaterte saker", "Relaterte artikler", "Del artikkelen", "Del saken"),
    "sv": ("Relaterat", "Relaterade artiklar", "Dela artikeln"),
    "da": ("Relateret", "Relaterede artikler", "Del artiklen"),
    "fi": ("Aiheeseen liittyvät", "Jaa artikkeli"),
    "is": ("Tengdar fréttir",),
    "de": ("Mehr zum Thema", "Verwandte Artikel", "Artikel teilen"),
    "nl": ("Gerelateerd", "Gerelateerde artikelen", "Deel dit artikel"),
    "fr": ("Articles liés", "Sur le même sujet", "Partager cet article"),
    "es": ("Noticias relacionadas", "Compartir esta noticia"),
    "pt": ("Notícias relacionadas", "Compartilhe esta notícia"),
    "it": ("Articoli correlati", "Condividi questo articolo"),
    "pl": ("Powiązane artykuły", "Udostępnij artykuł"),
    "cs": ("Související články", "Sdílet článek"),
    "tr": ("İlgili haberler", "Haberi paylaş"),
    "ru": ("Похожие новости", "Поделиться новостью"),
    "ja": ("このニュースをシェア", "この記事をシェア", "関連記事", "関連ニュース"),
    "zh": ("相关新闻", "相關新聞", "分享这篇文章"),
    "ko": ("관련기사", "기사 공유하기"),
    "ar": ("مقالات ذات صلة", "أخبار ذات صلة"),
}

# Teaser prefixes: a line that starts with one, then ":" (or "|", "»", a dash)
# and another article's headline, is a link to that article, not a sentence
# of this one. Removed only as a line of its own, never inside a sentence.
TEASERS: dict[str, tuple[str, ...]] = {
    "en": ("Read more", "Read also", "Also read", "See also", "Related", "Watch"),
    "no": ("Les også", "Les mer", "Se også", "Les òg", "Sjå også"),
    "sv": ("Läs också", "Läs även", "Läs mer", "Se även"),
    "da": ("Læs også", "Læs mere", "Se også"),
    "fi": ("Lue myös", "Lue lisää", "Katso myös"),
    "is": ("Lestu einnig", "Sjá einnig", "Lesa meira"),
    "de": ("Lesen Sie auch", "Lesen Sie mehr", "Auch interessant", "Mehr zum Thema", "Siehe auch"),
    "nl": ("Lees ook", "Lees meer", "Bekijk ook", "Zie ook"),
    "fr": ("Lire aussi", "À lire aussi", "A lire aussi", "Lire également", "Voir aussi"),
    "es": ("Lee también", "Lea también", "Leer más", "Te puede interesar", "Ver también"),
    "pt": ("Leia também", "Leia mais", "Veja também", "Ler mais"),
    "it": ("Leggi anche", "Potrebbe interessarti", "Vedi anche"),
    "pl": ("Czytaj też", "Czytaj także", "Zobacz też", "Zobacz także"),
    "cs": ("Čtěte také", "Přečtěte si také", "Čtěte též"),
    "sk": ("Čítajte aj", "Prečítajte si aj"),
    "hu": ("Ezt is olvassa el", "Olvassa el ezt is", "Kapcsolódó"),
    "ro": ("Citește și", "Citeşte şi", "Citește mai mult"),
    "hr": ("Pročitajte i", "Pročitajte još"),
    "tr": ("Bunu da okuyun", "Ayrıca okuyun", "İlginizi çekebilir"),
    "ru": ("Читайте также", "Смотрите также"),
    "uk": ("Читайте також", "Дивіться також"),
    "el": ("Διαβάστε επίσης", "Δείτε επίσης"),
    "ja": ("関連記事", "あわせて読みたい", "こちらもおすすめ"),
    "zh": ("相关新闻", "相关阅读", "延伸阅读", "相關新聞", "延伸閱讀"),
    "ko": ("관련기사", "함께 볼만한 뉴스"),
    "ar": ("اقرأ أيضا", "اقرأ أيضاً", "اقرأ المزيد"),
}

# Words that open the caption of an embedded video or gallery ("Video: ..."):
# the last line of a web page's text starting with one of them and a colon
# captions something the text cannot show (see `ingest.html`).
CLOSING_CAPTIONS: tuple[str, ...] = (
    "Video", "Se video", "Se videoen", "Watch", "Vídeo", "Wideo", "Видео", "Відео", "Βίντεο",
    "動画", "视频", "視頻", "영상", "فيديو", "Galleri", "Bildeserie", "Bildserie",
)
