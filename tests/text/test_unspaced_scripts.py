"""Scripts without spaces: the character pairs the search index holds, the query's
words, and sentences ending at each script's own marks."""

from __future__ import annotations

import re
import sqlite3
import unicodedata
from functools import cache

import pytest

from newsreader.store.index import GRAM_TOKENIZE
from newsreader.text.folding import words
from newsreader.text.scripts import GRAM_CHARS, gram_text, has_grams, query_words, run_tokens
from newsreader.text.sentences import sentence_at, sentence_spans


@cache
def assigned_members() -> list[str]:
    """The assigned characters of GRAM_CHARS (in this Python's Unicode database)."""
    pattern = re.compile(f"[{GRAM_CHARS}]")
    return [chr(c) for c in range(0x110000)
            if not 0xD800 <= c < 0xE000 and pattern.match(chr(c)) and unicodedata.category(chr(c)) != "Cn"]


def test_the_pair_scripts_are_letters_marks_and_digits():
    assigned = assigned_members()
    assert len(assigned) > 90_000
    assert all(unicodedata.category(c)[0] in "LMN" for c in assigned)
    for punctuation in "。、「」・！？ ။ ၊ ។ ៕ ๚ ฿":
        assert not has_grams(punctuation)
    for letter in "中国々ーカかㄱ가ก่ກကក":
        assert has_grams(letter)


def test_the_tokenizer_keeps_every_one_inside_a_token():
    """If FTS5 split a token at one of them (unicode61 cuts at Thai vowel signs by
    default), pairs would match what the text does not hold."""
    db = sqlite3.connect(":memory:")
    db.execute(f'CREATE VIRTUAL TABLE t USING fts5(x, tokenize="{GRAM_TOKENIZE}")')
    db.execute("CREATE VIRTUAL TABLE v USING fts5vocab(t, 'instance')")
    assigned = assigned_members()
    db.execute("INSERT INTO t(rowid, x) VALUES (1, ?)", [" ".join("ก" + c for c in assigned)])
    tokens = [r[0] for r in db.execute("SELECT term FROM v ORDER BY offset")]
    assert tokens == ["ก" + c.lower() for c in assigned]


def test_runs_become_pairs_and_their_last_character():
    assert run_tokens("中国经济") == ["中国", "国经", "经济", "济"]
    assert run_tokens("中国经济", ends=False) == ["中国", "国经", "经济"]
    assert run_tokens("中") == ["中"]
    assert gram_text("中国经济。iPhone手机") == " 中国 国经 经济 济 。iPhone 手机 机 "
    assert gram_text("Tromsø i dag") == "Tromsø i dag"
    assert gram_text("วันนี้") == " วั ัน นน นี ี้ ้ "


def test_query_words_keep_a_run_whole():
    assert query_words("iPhone手机 经济") == ["iPhone", "手机", "经济"]
    assert query_words("วันนี้อากาศดี") == ["วันนี้อากาศดี"]  # \w alone cuts at every vowel sign
    assert query_words("경제가") == ["경제가"]
    for latin in ["foo-bar AT&T c++", "røde linjen", "o'neil _ \u0301x"]:
        assert query_words(latin) == words(latin)


@pytest.mark.parametrize(
    "text, sentences",
    [
        ("中国经济增长放缓。专家认为！消费疲软？", ["中国经济增长放缓。", "专家认为！", "消费疲软？"]),
        ("真的吗?我不知道!好的。", ["真的吗?", "我不知道!", "好的。"]),  # ASCII ! and ? straight into CJK
        ("他说：「我们明天见。」然后离开了。", ["他说：「我们明天见。」", "然后离开了。"]),
        ("日本語の文です．次の文です．割合は３．５％です。", ["日本語の文です．", "次の文です．", "割合は３．５％です。"]),
        ("縦書き︒次の文︖はい", ["縦書き︒", "次の文︖", "はい"]),
        ("ｶﾀｶﾅです｡次です｡", ["ｶﾀｶﾅです｡", "次です｡"]),
        ("မြန်မာနိုင်ငံ သတင်း။ ဒုတိယ စာကြောင်း။", ["မြန်မာနိုင်ငံ သတင်း။", "ဒုတိယ စာကြောင်း။"]),
        ("မင်္ဂလာပါ။နေကောင်းလား။", ["မင်္ဂလာပါ။", "နေကောင်းလား။"]),  # Burmese ။ with no space after
        ("សួស្តី។ ខ្ញុំ ទៅ ផ្សារ៕ ចប់", ["សួស្តី។", "ខ្ញុំ ទៅ ផ្សារ៕", "ចប់"]),  # Khmer: a space is only a space
        ("ສະບາຍດີ ຂ້ອຍຊື່ລາວ", ["ສະບາຍດີ", "ຂ້ອຍຊື່ລາວ"]),  # Lao, like Thai
        ("ดีไหม? ไปกันเถอะ", ["ดีไหม?", "ไปกันเถอะ"]),
        ("ดร. สมชาย มาถึงเมื่อ พ.ศ. 2567", ["ดร. สมชาย", "มาถึงเมื่อ", "พ.ศ. 2567"]),  # a Thai dot abbreviates
        ("Det var en god dag. Vi gikk hjem.", ["Det var en god dag.", "Vi gikk hjem."]),
        ("He said “Wow!” Then left. 3.5 is fine?", ["He said “Wow!”", "Then left.", "3.5 is fine?"]),
    ],
)
def test_sentences_end_at_each_scripts_own_marks(text, sentences):
    assert [text[s:e] for s, e in sentence_spans(text)] == sentences


def test_the_sentence_under_the_cursor_in_chinese_and_burmese():
    text = "国家统计局公布了数据。中国经济增长放缓，专家认为消费疲软。"
    start, end = sentence_at(text, text.index("经济"))
    assert text[start:end] == "中国经济增长放缓，专家认为消费疲软。"
    burmese = "မြန်မာနိုင်ငံ သတင်း။ ဒုတိယ စာကြောင်း။"
    start, end = sentence_at(burmese, burmese.index("ဒုတိယ") + 2)
    assert burmese[start:end] == "ဒုတိယ စာကြောင်း။"
