"""Scripts without spaces: sentences split at their own marks, length counted by characters."""

from __future__ import annotations

import pytest

from newsreader.ingest.html import extract_page
from newsreader.text.scripts import word_count
from newsreader.text.sentences import sentence_at, sentence_spans

JAPANESE = ("日本の首相が辞任を表明しました。東京で記者会見が開かれ、多くの記者が集まりました。"
            "首相は国民に感謝の言葉を述べました。次の首相は来月の選挙で決まる予定です。"
            "経済への影響を心配する声も上がっています。専門家は市場の動きに注目しています。"
            "野党は早期の解散を求めています。与党内では後継者選びが始まりました。"
            "海外のメディアもこのニュースを大きく伝えました。株価は一時下落しましたが、午後には回復しました。"
            "街の人々の反応はさまざまでした。若い世代は政治への関心が高まっていると話しました。")


@pytest.mark.parametrize(
    "text, sentences",
    [
        ("日本の首相が辞任を表明しました。東京で会見が開かれました！本当ですか？",
         ["日本の首相が辞任を表明しました。", "東京で会見が開かれました！", "本当ですか？"]),
        ("他说：「我们明天见。」然后离开了。", ["他说：「我们明天见。」", "然后离开了。"]),
        ("วันนี้อากาศดีมาก เราไปเที่ยวสวนสาธารณะ", ["วันนี้อากาศดีมาก", "เราไปเที่ยวสวนสาธารณะ"]),
        ("မြန်မာနိုင်ငံ သတင်း။ ဒုတိယ စာကြောင်း။", ["မြန်မာနိုင်ငံ သတင်း။", "ဒုတိယ စာကြောင်း။"]),
        ("यह एक वाक्य है। यह दूसरा है।", ["यह एक वाक्य है।", "यह दूसरा है।"]),
        ("Det var en god dag. Vi gikk hjem.", ["Det var en god dag.", "Vi gikk hjem."]),
    ],
)
def test_sentences_end_at_each_scripts_own_marks(text, sentences):
    """Before: a CJK paragraph was one sentence, so `h` highlighted all of it."""
    assert [text[s:e] for s, e in sentence_spans(text)] == sentences


def test_the_sentence_under_the_cursor_in_japanese():
    start, end = sentence_at(JAPANESE, JAPANESE.index("記者会見"))
    assert JAPANESE[start:end] == "東京で記者会見が開かれ、多くの記者が集まりました。"


def test_words_are_counted_by_script():
    assert word_count("Det var en god dag i Bergen.") == 7
    assert word_count(JAPANESE) == len(JAPANESE.replace("。", "").replace("、", "")) // 2
    assert word_count("서울의 날씨는 맑습니다") == 3  # Hangul is written with spaces


def test_a_short_japanese_page_imports():
    """Before: refused as "no article text found" (5 space-separated words needed)."""
    html = ("<html><head><title>首相が辞任</title></head><body><article><h1>首相が辞任</h1>"
            + f"<p>{JAPANESE[:150]}</p><p>{JAPANESE[150:]}</p></article></body></html>")
    assert 200 < len(JAPANESE) < 400
    page = extract_page(html)
    assert "記者会見" in page.text
