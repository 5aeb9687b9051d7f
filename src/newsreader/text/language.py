"""Language detection for article bodies (langdetect, made deterministic)."""

from __future__ import annotations

import re
import threading


UNKNOWN = "unknown"
SAMPLE_CHARS = 3000
MIN_LETTERS = 20
MIN_WORDS = 4
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
    "yi": "Yiddish", UNKNOWN: "Unknown",
}
_CODES_BY_NAME = {name.lower(): code for code, name in LANGUAGE_NAMES.items()}

# Everything that is not a letter: digits, punctuation, symbols, underscores.
_NON_LETTERS = re.compile(r"[\W\d_]+")


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

    "unknown" when the text has fewer than ~20 letters or ~4 words once digits
    and punctuation are ignored, when langdetect fails, or when its best guess
    is below 0.5 probability. Only the first ~3000 characters are examined.
    Deterministic and safe to call from worker threads.
    """
    sample = _sample(text or "")
    words = _NON_LETTERS.sub(" ", sample).split()
    if len(words) < MIN_WORDS or sum(map(len, words)) < MIN_LETTERS:
        return UNKNOWN
    factory = _get_factory()
    from langdetect.lang_detect_exception import LangDetectException

    try:
        # A fresh detector per call: detectors hold state and their own RNG.
        detector = factory.create()
        detector.append(sample)
        best = detector.get_probabilities()[0]
    except (LangDetectException, IndexError):
        return UNKNOWN
    if best.prob < MIN_PROBABILITY:
        return UNKNOWN
    return _normalise(best.lang)


def language_name(code: str | None) -> str:
    """English name for an ISO 639-1 code ("no" -> "Norwegian"); the code itself if unlisted."""
    if not code:
        return LANGUAGE_NAMES[UNKNOWN]
    return LANGUAGE_NAMES.get(_normalise(code), code)


def code_for_name(value: str) -> str | None:
    """ "Norwegian" / "norwegian" -> "no"; None for a name not in the table."""
    return _CODES_BY_NAME.get(value.strip().lower())
