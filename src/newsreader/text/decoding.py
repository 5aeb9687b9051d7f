"""Which text encoding a file's bytes are in: what they declare, else what reads as a language.

Declarations come first: a byte-order mark, then (for web pages) the HTTP
header, `<meta charset>` / `http-equiv`, and an XML declaration. Their labels
mean what browsers make of them (the WHATWG Encoding standard): "iso-8859-1"
is read as Windows-1252 and "shift_jis" as Windows-31J, the supersets pages
written under those names really use.

Without a declaration, charset-normalizer's guesses and the common legacy
code pages are each decoded and the one whose text reads as one language
wins (`likeliest_encoding`). Eight-bit code pages decode nearly any bytes,
so charset-normalizer often ties: a Norwegian Windows-1252 text decoded as
Windows-1250 gives "Blĺbćr og rřdvin". Decoded right, a text's letters belong
to one language's alphabet, its kanji and hanzi are common ones, and a
language detector reads it as a language whose alphabet those letters are.
"""

from __future__ import annotations

import codecs
import re
import unicodedata
from collections import Counter
from functools import lru_cache

# WHATWG labels whose encoding is a superset of the Python codec of that name.
_SUPERSETS = {
    "iso-8859-1": "cp1252", "iso8859-1": "cp1252", "iso_8859-1": "cp1252", "latin1": "cp1252",
    "latin-1": "cp1252", "l1": "cp1252", "cp819": "cp1252", "ibm819": "cp1252", "ascii": "cp1252",
    "us-ascii": "cp1252", "iso-8859-9": "cp1254", "iso8859-9": "cp1254", "latin5": "cp1254",
    "l5": "cp1254", "tis-620": "cp874", "iso-8859-11": "cp874", "shift_jis": "cp932",
    "shift-jis": "cp932", "sjis": "cp932", "x-sjis": "cp932", "ms_kanji": "cp932",
    "csshiftjis": "cp932", "windows-31j": "cp932", "euc-kr": "cp949", "ks_c_5601-1987": "cp949",
    "ksc5601": "cp949", "korean": "cp949", "gb2312": "gb18030", "gbk": "gb18030", "x-gbk": "gb18030",
    "chinese": "gb18030", "csgb2312": "gb18030", "gb_2312-80": "gb18030", "cp936": "gb18030",
    "big5": "big5hkscs", "big5-hkscs": "big5hkscs", "x-x-big5": "big5hkscs", "cn-big5": "big5hkscs",
    "iso-8859-8-i": "iso8859_8", "x-mac-roman": "mac_roman", "macintosh": "mac_roman",
    "x-mac-cyrillic": "mac_cyrillic", "koi8-ru": "koi8_u",
}
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"),
)
_META_CHARSET = re.compile(rb"""<meta[^>]+?charset\s*=\s*["']?\s*([A-Za-z0-9._:-]+)""", re.IGNORECASE)
_XML_DECLARATION = re.compile(rb"""^\s*<\?xml[^>]*?encoding\s*=\s*["']([A-Za-z0-9._:-]+)["']""", re.IGNORECASE)
_HEAD_BYTES = 16384  # how far into a page a <meta charset> is looked for


def bom_encoding(data: bytes) -> str | None:
    """The codec a byte-order mark at the start of `data` names (it decodes the mark away)."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return encoding
    return None


def codecs_for_label(label: str, in_markup: bool = False) -> list[str]:
    """Python codecs for a declared encoding label, the likeliest first; [] when unknown.

    `in_markup`: declared inside the page itself, where a UTF-16 label cannot
    be true (the declaration was readable as ASCII) and means UTF-8.
    """
    name = label.strip().strip("\"'").lower()
    if not name:
        return []
    if in_markup and name.replace("_", "-").startswith("utf-16"):
        return ["utf-8"]
    found = []
    for candidate in (_SUPERSETS.get(name.replace("_", "-"), _SUPERSETS.get(name)), name):
        if candidate is None:
            continue
        try:
            codec = codecs.lookup(candidate).name
        except LookupError:
            continue
        if codec not in found:
            found.append(codec)
    return found


def declared_in_markup(data: bytes) -> list[str]:
    """Labels a page declares for itself: `<meta charset>` (or http-equiv), then an XML declaration."""
    head = data[:_HEAD_BYTES]
    body = re.search(rb"<body[\s>]", head, re.IGNORECASE)
    labels = []
    meta = _META_CHARSET.search(head, 0, body.start() if body else len(head))
    if meta:
        labels.append(meta.group(1).decode("ascii"))
    xml = _XML_DECLARATION.match(head)
    if xml:
        labels.append(xml.group(1).decode("ascii"))
    return labels


# --- guessing ---------------------------------------------------------------

# Legacy code pages worth trying whatever charset-normalizer says; on a tie the
# earlier wins (Western before Central European, as pages are written).
SINGLE_BYTE = (
    "cp1252", "iso8859_15", "cp1250", "iso8859_2", "cp1257", "iso8859_13", "cp1254",
    "cp1251", "koi8_r", "koi8_u", "iso8859_5", "cp866", "mac_cyrillic",
    "cp1253", "iso8859_7", "cp1255", "iso8859_8", "cp1256", "iso8859_6", "cp874",
)
MULTI_BYTE = ("cp932", "euc_jp", "gb18030", "big5hkscs", "cp949")
_SAMPLE_BYTES = 32768  # judged on the first 32 KB; the winner must still decode it all

# Each language's letters beyond ASCII (lower case): decoded right, a text uses
# the letters of one language; decoded wrong, it mixes alphabets.
ALPHABETS = {
    "no": "æøåéèóêò", "da": "æøåé", "sv": "åäöé", "fi": "äöå", "is": "áðéíóúýþæö",
    "fo": "áðíóúýæø", "de": "äöüß", "nl": "ëïéèöüáó", "fr": "àâæçéèêëîïôœùûüÿ",
    "en": "éèêëïîöôüûçñàâæœ", "es": "áéíñóúü", "pt": "áâãàçéêíóôõú", "it": "àèéìíîòóùú", "ca": "àçèéíïòóúü·",
    "cs": "áčďéěíňóřšťúůýž", "sk": "áäčďéíĺľňóôŕšťúýž", "pl": "ąćęłńóśźż", "hu": "áéíóöőúüű",
    "hr": "čšžćđ", "sl": "čšž", "ro": "ăâîșțşţ", "lt": "ąčęėįšųūž", "lv": "āčēģīķļņšūž",
    "et": "äõöüšž", "tr": "çğıöşüİ", "sq": "çë",
    "ru": "абвгдеёжзийклмнопрстуфхцчшщъыьэюя", "uk": "абвгґдеєжзиіїйклмнопрстуфхцчшщьюя",
    "be": "абвгдеёжзійклмнопрстуўфхцчшыьэюя", "bg": "абвгдежзийклмнопрстуфхцчшщъьюя",
    "sr": "абвгдђежзијклљмнњопрстћуфхцчџш", "mk": "абвгдѓежзѕијклљмнњопрсткќуфхцчџш",
    "el": "αβγδεζηθικλμνξοπρσςτυφχψωάέήίόύώϊϋΐΰ", "he": "אבגדהוזחטיכךלמםנןסעפףצץקרשת",
    "ar": "ءآأؤإئابةتثجحخدذرزسشصضطظعغفقكلمنهوىيـ", "fa": "ءآأؤئابتثجحخدذرزسشصضطظعغفقلمنهوپچژگکی",
    "th": "".join(map(chr, range(0x0E01, 0x0E5C))),
}
_ALPHABET_SETS = {language: frozenset(letters) for language, letters in ALPHABETS.items()}
# Symbols any language's text may hold: they say nothing about the code page.
_NEUTRAL = frozenset("€£¥«»–—“”‘’„‚…°§©®™·•†‡‰‹›¡¿ªº±×÷\u00a0\u3000")
_NEVER_BEFORE_A_WORD = frozenset("©®™§±×÷†‡‰•")
_CJK_PUNCTUATION = re.compile("[\u3001-\u303f\uff01-\uff60\u30fb]")
_KANA = re.compile("[\u3041-\u30fa\u30fc-\u30ff]")
_HANGUL = re.compile("[\uac00-\ud7a3]")
_IDEOGRAPH = re.compile("[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")


@lru_cache(maxsize=65536)
def _cjk_plausible(ch: str, kind: str) -> bool:
    """Is `ch` a character a text of `kind` (ja, ko, zh) commonly holds?

    Common kanji are JIS level 1, common hanzi GB2312 level 1 or Big5's
    frequent characters, common hangul the 2,350 syllables of KS X 1001: the
    characters of a wrongly decoded text are mostly outside those.
    """
    if _KANA.match(ch):
        return kind == "ja"
    if _HANGUL.match(ch):
        return kind == "ko" and _lead_byte(ch, "euc_kr") is not None
    if not _IDEOGRAPH.match(ch):
        return False
    if kind == "ja":
        lead = _lead_byte(ch, "euc_jp")
        return lead is not None and 0xB0 <= lead <= 0xCF
    if kind == "ko":
        return _lead_byte(ch, "euc_kr") is not None
    lead = _lead_byte(ch, "gb2312")
    if lead is not None and 0xB0 <= lead <= 0xD7:
        return True
    try:
        code = int.from_bytes(ch.encode("big5"), "big")
    except UnicodeEncodeError:
        return False
    return 0xA440 <= code <= 0xC67E


def _lead_byte(ch: str, encoding: str) -> int | None:
    try:
        encoded = ch.encode(encoding)
    except UnicodeEncodeError:
        return None
    return encoded[0] if len(encoded) == 2 else None


def _lower(ch: str) -> str:
    low = ch.lower()
    return low if len(low) == 1 else ch  # "İ".lower() is two characters


def _thai_fits(text: str, i: int) -> bool:
    """Does the Thai character at `text[i]` stand where Thai spelling puts it?
    (A wrongly decoded text is Thai characters in random order.)"""
    code = ord(text[i])
    before = ord(text[i - 1]) if i else 0
    after = ord(text[i + 1]) if i + 1 < len(text) else 0
    consonant = range(0x0E01, 0x0E2F)
    if code in consonant:
        return True
    if 0x0E40 <= code <= 0x0E44:  # vowels written before their consonant
        return after in consonant
    if code in (0x0E31, *range(0x0E34, 0x0E3B), 0x0E47, 0x0E4C, 0x0E4D):  # above/below vowels, marks
        return before in consonant
    if 0x0E48 <= code <= 0x0E4B:  # tone marks: on a consonant or its vowel
        return before in consonant or before in (0x0E31, 0x0E34, 0x0E35, 0x0E36, 0x0E37, 0x0E38, 0x0E39)
    if code in (0x0E30, 0x0E32, 0x0E33, 0x0E45, 0x0E2F, 0x0E46):  # after a syllable
        return 0x0E01 <= before <= 0x0E4D
    if 0x0E50 <= code <= 0x0E59:  # Thai digits come in numbers
        return 0x0E50 <= before <= 0x0E59 or 0x0E50 <= after <= 0x0E59
    return False


# Letters written only at the end of a word (Greek, Hebrew, Arabic), and their
# forms never written there.
_FINAL_FORMS = frozenset("ςךםןףץةى")
_NON_FINAL_FORMS = frozenset("σכמנפצ")
_NON_ASCII = re.compile("[^\x00-\x7f]")
_JUDGED_CHARS = 4000  # non-ASCII characters looked at: enough to tell, fast on a CJK text


def plausibility(text: str) -> float:
    """How much `text` reads as one language: the share (0..1) of its non-ASCII
    characters that fit. Letters fit one language's alphabet, Thai where Thai
    spelling puts it, CJK characters when common for the text's kind (kana:
    Japanese, hangul: Korean; hanja written straight after hangul do not fit).
    Nothing fits that a wrong code page makes: an upper-case letter right
    after a lower-case one ("вМОСКВЕ" is KOI8-R read as Windows-1251), more
    upper-case letters than lower-case ones, a combining accent on a Latin
    letter, a symbol inside a word ("R°dvin"), a word in two scripts, or a
    word-final letter form (ς, ם, ة) inside a word."""
    text = unicodedata.normalize("NFC", text)
    others: Counter[str] = Counter()
    misfits = thai = thai_fits = upper = lower = 0
    for seen, match in enumerate(_NON_ASCII.finditer(text)):
        if seen == _JUDGED_CHARS:
            break
        i = match.start()
        ch = text[i]
        previous = text[i - 1] if i else " "
        if ch.isspace() or _CJK_PUNCTUATION.match(ch):
            continue
        following = text[i + 1] if i + 1 < len(text) else " "
        if ch in _NEUTRAL:
            # Inside a word, or a sign that never starts one ("®ekki").
            misfits += following.isalpha() and (previous.isalpha() or ch in _NEVER_BEFORE_A_WORD)
            continue
        if 0x0370 <= ord(ch) <= 0x0E7F and (previous.isascii() and previous.isalpha()
                                            or following.isascii() and following.isalpha()):
            # One word in two scripts ("Rψdvin"); Greek to Thai, as CJK text
            # does run Latin words into its own ("NHKの").
            misfits += 1
            continue
        if "\u0e00" <= ch <= "\u0e7f":
            thai += 1
            thai_fits += _thai_fits(text, i)
            continue
        if unicodedata.category(ch)[0] == "M":
            misfits += previous.isascii() and previous.isalpha()  # Latin letters come precomposed
            continue
        if (ch in _FINAL_FORMS and following.isalpha()
                or ch in _NON_FINAL_FORMS and previous.isalpha() and not following.isalpha()):
            misfits += 1  # a word-final letter inside a word, or the other way round
        if ch.isupper():
            upper += 1
            misfits += previous.islower()
        elif ch.islower():
            lower += 1
        elif _IDEOGRAPH.match(ch) and _HANGUL.match(previous):
            misfits += 1
        others[ch] += 1
    misfits += max(0, upper - lower) // 2  # running text is mostly lower case
    total = sum(others.values()) + thai + misfits
    if not total:
        return 1.0
    fits = thai_fits
    if others:
        kana = sum(n for c, n in others.items() if _KANA.match(c))
        hangul = sum(n for c, n in others.items() if _HANGUL.match(c))
        ideographs = sum(n for c, n in others.items() if _IDEOGRAPH.match(c))
        if kana + hangul + ideographs:
            kind = "ja" if kana >= hangul and kana else "ko" if hangul else "zh"
            fits += sum(n for c, n in others.items() if _cjk_plausible(c, kind))
        else:
            lowered: Counter[str] = Counter()
            for c, n in others.items():
                lowered[_lower(c)] += n
            fits += max(sum(lowered[c] for c in alphabet) for alphabet in _ALPHABET_SETS.values())
    return max(0, fits - misfits) / total


def _decode_sample(data: bytes, encoding: str) -> str | None:
    """The first `_SAMPLE_BYTES` of `data` decoded strictly (a character cut at the end waits)."""
    try:
        decoder = codecs.getincrementaldecoder(encoding)("strict")
        return decoder.decode(data[:_SAMPLE_BYTES], final=len(data) <= _SAMPLE_BYTES)
    except (UnicodeDecodeError, LookupError):
        return None


def _reads_as_its_language(text: str, guess_language) -> bool:
    """Does the language `text` is detected as have every non-ASCII letter of it?"""
    language, _ = guess_language(text)
    alphabet = _ALPHABET_SETS.get(language or "")
    if alphabet is None:
        return False
    letters = {_lower(c) for c in text if ord(c) > 127 and c.isalpha()}
    return bool(letters) and letters <= alphabet


def _codec(name: str) -> str | None:
    try:
        return codecs.lookup(name).name
    except LookupError:
        return None


def likeliest_encoding(data: bytes, guesses: list[str], guess_language=None) -> list[str]:
    """Codecs that may have written `data` (not UTF-8), the likeliest first.

    `guesses` (charset-normalizer's, best first) and the common code pages are
    each decoded and ranked by `plausibility`; candidates that tie are told
    apart by `guess_language(text) -> (code, probability)`: a text whose
    letters all belong to the language it is read as goes first, then the
    earlier candidate. Only the first 32 KB are judged: the caller decodes
    the whole with the first codec that takes it.
    """
    common = [_codec(name) for name in (*SINGLE_BYTE, *MULTI_BYTE)]
    guessed = [codec for codec in map(_codec, guesses) if codec]
    # On a tie the common code pages go first, in charset-normalizer's order,
    # then the rest of them, then its rarer guesses (DOS and Mac pages).
    candidates = list(dict.fromkeys([c for c in guessed if c in common] + common + guessed))
    scored = []
    for order, codec in enumerate(candidates):
        text = _decode_sample(data, codec)
        if text is not None:
            scored.append([plausibility(text), False, -order, codec, text])
    if not scored:
        return []
    best = max(item[0] for item in scored)
    tied = [item for item in scored if item[0] == best]
    if len(tied) > 1 and guess_language is not None:
        for item in tied:
            item[1] = _reads_as_its_language(item[4], guess_language)
    scored.sort(key=lambda item: item[:3], reverse=True)
    return [item[3] for item in scored]
