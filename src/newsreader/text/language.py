"""Language detection for article bodies (langdetect, made deterministic).

langdetect has no profile for Icelandic, Faroese, Zulu or Xhosa and names
their nearest neighbour with full confidence (Icelandic and Faroese come out
as Norwegian, Zulu and Xhosa as Swahili). A second opinion from letters and
function words (`_neighbour`) corrects those, and a guess it cannot confirm,
or one langdetect itself is unsure of, is "unknown": never a confident wrong
language, since stemming and the ad-marker table follow it.
"""

from __future__ import annotations

import re
import threading

from newsreader.text.scripts import word_count


UNKNOWN = "unknown"
SAMPLE_CHARS = 3000
MIN_LETTERS = 20
MIN_WORDS = 4
# langdetect averages 7 trials: a guess fewer than 4 of them agree on is none.
# (Short texts' right answers come at 5 in 7 too, so the neighbours' wrong ones
# are caught by `_neighbour`, not by a higher bar.)
MIN_PROBABILITY = 0.5

# langdetect loads its profiles lazily into a module global; two worker
# threads doing that at once could both load, or see a half-built factory.
_init_lock = threading.Lock()
_factory = None  # langdetect's DetectorFactory, loaded on first use

# The one table of language names (code -> English name): the TUI's header,
# `lang:norwegian` in search and the Snowball stemmer names all come from it.
LANGUAGE_NAMES = {
    "no": "Norwegian", "sv": "Swedish", "da": "Danish", "fi": "Finnish",
    "is": "Icelandic", "de": "German", "nl": "Dutch", "en": "English",
    "fr": "French", "es": "Spanish", "pt": "Portuguese", "it": "Italian",
    "pl": "Polish", "cs": "Czech", "sk": "Slovak", "hu": "Hungarian",
    "ro": "Romanian", "ru": "Russian", "uk": "Ukrainian", "et": "Estonian",
    "lv": "Latvian", "lt": "Lithuanian", "el": "Greek", "tr": "Turkish",
    "ar": "Arabic", "he": "Hebrew", "fa": "Persian", "hi": "Hindi",
    "ja": "Japanese", "ko": "Korean", "zh": "Chinese", "ca": "Catalan",
    "hr": "Croatian", "sl": "Slovenian", "bg": "Bulgarian", "id": "Indonesian",
    "vi": "Vietnamese", "th": "Thai", "ga": "Irish", "eu": "Basque",
    "hy": "Armenian", "sr": "Serbian", "ta": "Tamil", "ne": "Nepali",
    "yi": "Yiddish", "fo": "Faroese", "sw": "Swahili", "zu": "Zulu", "xh": "Xhosa",
    "af": "Afrikaans", UNKNOWN: "Unknown",
}
_CODES_BY_NAME = {name.lower(): code for code, name in LANGUAGE_NAMES.items()}

# Everything that is not a letter: digits, punctuation, symbols, underscores.
_NON_LETTERS = re.compile(r"[\W\d_]+")

# Function words that tell close neighbours apart, each only where it is not
# also a common word of the other side ("at" is Danish too, "av" Norwegian).
_ISLAND_SHARED = frozenset(
    "í á við um frá hann hún eru nú úr verður eftir sínum hjá honum henni verið".split()
)
_ICELANDIC = frozenset(
    "að það ekki sem þetta þegar hefur einnig mjög ég eða fyrir með þá þeir þær sagði væri þess þó "
    "líka yfir þar svo segir árið þau okkur hafa hefði vegna milli meðal enn þeirra allt eins mikið "
    "einn ein eitt sína hafði".split()
)
_FAROESE = frozenset(
    "at tað ikki sum hetta tá hevur eisini sera hon eg ella fyri segði hesin hesi hesum hesar teir "
    "tær nógv øll millum ongin meira bert annars síni hava tey okkum seinni ov verða hevði".split()
)
_MAINLAND_NORDIC = frozenset(
    "i det ikke inte ikkje som på med fra från om ved han hun jeg jag den de har blir blev bliver "
    "kan vil vi seg etter efter også också når när då eller å till för for under mange många "
    "meget mye sa sagde sade sier säger siger dette detta ble vært vore varit været".split()
)
_NGUNI_SHARED = frozenset(
    "kodwa kakhulu ukuze abantu uthe kule abanye bathi wathi ukuba ngenxa izwe emva "
    "kwakukho".split()
)
_ZULU = frozenset(
    "ukuthi futhi kanye lokhu uhulumeni abaningi kusho noma yini kumele namuhla lapho "
    "ngoba njengoba kanti ngakho lesi leli lezi lolu lokho ngesikhathi kuyo umnotho abahlaziyi".split()
)
_XHOSA = frozenset(
    "kwaye ngoko ngokuba nokuba abaninzi urhulumente namhlanje ngexesha esi ezi "
    "kwi kwakhona kunye apha phaya yintoni siza kuza luza buza uqoqosho abahlalutyi".split()
)
_SWAHILI = frozenset(
    "na ya wa kwa ni katika la za kuwa hiyo huo hii hilo amesema alisema serikali pia lakini hata "
    "sana baada watu kama cha vya zaidi kwamba bila mwaka wakati leo kuhusu huyo wao yake wake "
    "ambao ambayo ili au tu hivyo nchi".split()
)
_NGUNI_SPELLING = re.compile("[qx]|c(?!h)|hl|dl|bh")
# langdetect's guesses for Icelandic and Faroese text, and letters of those
# two that each guess does not write.
_NORDIC_GUESSES = frozenset({"no", "da", "sv", "hu"})
_NOT_WRITTEN_IN = {"no": "áíóúýðþ", "da": "áíóúýðþ", "sv": "áíóúýðþæø", "hu": "ýæøåðþ"}


def _get_factory():
    global _factory
    if _factory is None:
        with _init_lock:
            if _factory is None:
                # Imported here: only imports need it, not reading or searching.
                from langdetect import DetectorFactory, detector_factory

                # langdetect is randomised; a fixed seed makes every call give the same answer.
                DetectorFactory.seed = 0
                detector_factory.init_factory()

                _factory = detector_factory._factory
    return _factory


def _sample(text: str) -> str:
    """At most SAMPLE_CHARS characters, cut at whitespace so no word is split."""
    if len(text) <= SAMPLE_CHARS:
        return text
    cut = text.rfind(" ", 0, SAMPLE_CHARS)
    cut = max(cut, text.rfind("\n", 0, SAMPLE_CHARS))
    return text[: cut if cut > 0 else SAMPLE_CHARS]


def _normalise(code: str) -> str:
    code = code.lower()
    if code in ("nb", "nn"):
        return "no"
    # langdetect reports Chinese as zh-cn / zh-tw; keep ISO 639-1.
    return code.split("-", 1)[0]


def detect_language(text: str) -> str:
    """ISO 639-1 code of `text` ("no", "en", ...), or "unknown".

    "unknown" when the text has fewer than ~20 letters or ~4 words (counted by
    script: two characters of Chinese make one) once digits and punctuation
    are ignored, when langdetect fails, when its best guess is
    below 0.5 probability, or when letters and function words say the guess
    is a neighbour it confuses but cannot tell which (`_neighbour`). Only the
    first ~3000 characters are examined. Deterministic and safe to call from
    worker threads.
    """
    code, probability = language_guess(text)
    if code is None or probability < MIN_PROBABILITY:
        return UNKNOWN
    return code


def language_guess(text: str, min_words: int = MIN_WORDS) -> tuple[str | None, float]:
    """The likeliest language of `text` and how sure that is (0..1), however
    unsure: (None, 0.0) when there is too little text (fewer than `min_words`
    words or 5 letters a word) or no answer. A second opinion on langdetect's
    neighbours counts as sure (1.0)."""
    sample = _sample(text or "")
    words = _NON_LETTERS.sub(" ", sample).split()
    # Words by script: a Chinese sentence has no spaces to count.
    if word_count(" ".join(words)) < min_words or sum(map(len, words)) < MIN_LETTERS * min_words // MIN_WORDS:
        return None, 0.0
    factory = _get_factory()
    from langdetect.lang_detect_exception import LangDetectException

    try:
        # A fresh detector per call: detectors hold state and their own RNG.
        detector = factory.create()
        detector.append(sample)
        best = detector.get_probabilities()[0]
    except (LangDetectException, IndexError):
        return None, 0.0
    guess = _normalise(best.lang)
    second = _neighbour([w.lower() for w in words], guess)
    if second == UNKNOWN:
        return None, 0.0
    if second is not None:
        return second, 1.0
    return guess, best.prob


def _neighbour(words: list[str], guess: str) -> str | None:
    """A second opinion for languages langdetect has no profile for: "is",
    "fo", "zu", "xh", UNKNOWN when the evidence is there but undecided, or
    None to keep langdetect's `guess`."""
    nguni = sum(w in _NGUNI_SHARED or w in _ZULU or w in _XHOSA for w in words)
    # Clicks (c, q, x) and hl/dl/bh are Nguni spelling; Swahili writes c only in "ch".
    clicks = sum(_NGUNI_SPELLING.search(w) is not None for w in words)
    swahili = sum(w in _SWAHILI for w in words)
    if (nguni >= 3 and clicks or guess == "sw" and clicks >= 2) and nguni + clicks > 2 * swahili:
        # Xhosa writes the "rh" sound Zulu does not have (urhulumente, irhafu).
        zulu = sum(w in _ZULU for w in words)
        xhosa = sum(w in _XHOSA for w in words) + min(3, sum("rh" in w for w in words))
        return _larger("zu", zulu, "xh", xhosa)
    # ð and þ are written only in Icelandic and Faroese.
    if guess not in _NORDIC_GUESSES and not any("ð" in w or "þ" in w for w in words):
        return None
    island = sum(w in _ISLAND_SHARED or w in _ICELANDIC or w in _FAROESE for w in words)
    mainland = sum(w in _MAINLAND_NORDIC for w in words)
    # Letters the guessed language does not write, in words of an island's function words.
    foreign = _NOT_WRITTEN_IN.get(guess, "ðþ")
    strange = sum(any(c in foreign for c in w) for w in words)
    decided = island >= 3 and island > 2 * mainland or strange >= 2 and island >= 2 and mainland <= island
    if strange and decided:
        letters = set("".join(words))
        # Icelandic writes þ and ö, never ø; Faroese the other way round.
        icelandic = "þ" in letters or "ö" in letters
        faroese = "ø" in letters
        icelandic_words = sum(w in _ICELANDIC for w in words) + 3 * (icelandic and not faroese)
        faroese_words = sum(w in _FAROESE for w in words) + 3 * (faroese and not icelandic)
        return _larger("is", icelandic_words, "fo", faroese_words)
    if strange and island and mainland <= island:
        return UNKNOWN  # letters the guess does not write, and no words to say what it is
    return None


def _larger(first: str, first_score: int, second: str, second_score: int) -> str:
    if first_score == second_score:
        return UNKNOWN
    return first if first_score > second_score else second


def language_name(code: str | None) -> str:
    """English name for an ISO 639-1 code ("no" -> "Norwegian"); the code itself if unlisted."""
    if not code:
        return LANGUAGE_NAMES[UNKNOWN]
    return LANGUAGE_NAMES.get(_normalise(code), code)


def code_for_name(value: str) -> str | None:
    """ "Norwegian" / "norwegian" -> "no"; None for a name not in the table."""
    return _CODES_BY_NAME.get(value.strip().lower())
